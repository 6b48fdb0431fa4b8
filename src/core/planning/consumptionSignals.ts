/**
 * Consumption that does not fit (issue 20, docs/planning.md §Signals): a live meter with near-zero
 * use in the heating season, and a sharp drop against the same months of earlier years and against
 * similar units. Each function is pure: facts and parameters in, a hit or null out.
 */
import { m3Text, pct, rateOf, ratePoints, recentHeating, windowStart, type RatePoint } from './consumption.js';
import type { InstallationFacts, PeerView, PlanningParams, SignalHit } from './types.js';

/** A live meter (gas on) that used next to nothing over the recent heating-season readings. */
export function heatingSeasonZeroUse(f: InstallationFacts, asOf: string, p: PlanningParams): SignalHit | null {
  const heating = recentHeating(ratePoints(f, asOf), asOf, p.recentMonths, p.heatingMonths);
  if (heating.length < p.minHeatingReadings) return null;
  const rate = rateOf(heating)!;
  if (rate >= p.nearZeroM3PerDay) return null;
  const m3 = heating.reduce((s, x) => s + x.m3, 0);
  return {
    strength: 1,
    tr: `Gaz açıkken ısıtma sezonundaki ${heating.length} okumada toplam ${m3Text(m3)} m³ tüketim (günde ${m3Text(rate)} m³)`,
    en: `gas on, yet only ${m3Text(m3)} m³ over ${heating.length} heating-season readings (${m3Text(rate)} m³ a day)`,
  };
}

/**
 * Recent use against the same calendar months of earlier years. `peerChange` (the peers' recent ÷
 * earlier ratio) takes out a warm winter: a street that used 20 % less did so because of the weather.
 */
export function dropAgainstOwnHistory(f: InstallationFacts, asOf: string, p: PlanningParams, peerChange = 1): SignalHit | null {
  const points = ratePoints(f, asOf);
  const from = windowStart(asOf, p.recentMonths);
  const recent = points.filter((x) => x.date > from);
  const months = new Set(recent.map((x) => x.month));
  const earlier = points.filter((x) => x.date <= from && months.has(x.month) && x.date > windowStart(asOf, 12 * 4));
  const now = rateOf(recent);
  const before = rateOf(earlier);
  if (now === undefined || before === undefined || before < p.minBaselineM3PerDay || !heatingIn(recent, p)) return null;
  const ratio = now / before / (peerChange > 0 ? peerChange : 1);
  if (ratio >= p.historyDropRatio) return null;
  return {
    strength: strengthBelow(ratio, p.historyDropRatio),
    tr: `Son ${p.recentMonths} ayda günde ${m3Text(now)} m³; önceki yılların aynı aylarında ${m3Text(before)} m³ (benzerlerin değişimine göre %${pct(ratio)})`,
    en: `${m3Text(now)} m³ a day over the last ${p.recentMonths} months against ${m3Text(before)} m³ in the same months of earlier years (${pct(ratio)} % after the peers' change)`,
  };
}

/** Recent heating-season use against the median of similar units (same tariff group, street or building, meter class). */
export function dropAgainstPeers(f: InstallationFacts, asOf: string, p: PlanningParams, peers: PeerView): SignalHit | null {
  if (peers.medianRate === undefined || peers.medianRate < p.minBaselineM3PerDay) return null;
  const heating = recentHeating(ratePoints(f, asOf), asOf, p.recentMonths, p.heatingMonths);
  const rate = rateOf(heating);
  if (rate === undefined) return null;
  const ratio = rate / peers.medianRate;
  if (ratio >= p.peerDropRatio) return null;
  const where = {
    building: ['aynı binadaki', 'in the same building'],
    street: ['aynı sokaktaki', 'on the same street'],
    city: ['şehirdeki', 'in the city'],
  }[peers.group];
  return {
    strength: strengthBelow(ratio, p.peerDropRatio),
    tr: `Isıtma sezonunda günde ${m3Text(rate)} m³; ${where[0]} ${peers.count} benzer abonenin ortancası ${m3Text(peers.medianRate)} m³ (%${pct(ratio)})`,
    en: `${m3Text(rate)} m³ a day in the heating season against a median of ${m3Text(peers.medianRate)} m³ for ${peers.count} similar units ${where[1]} (${pct(ratio)} %)`,
  };
}

/** 0.5 at the threshold, 1 at zero: any hit counts, a deeper drop counts more. */
function strengthBelow(ratio: number, threshold: number): number {
  return Math.min(1, 0.5 + 0.5 * Math.max(0, 1 - ratio / threshold));
}

/** A drop in summer alone (cooking gas only) says little: the window must hold heating months. */
function heatingIn(points: readonly RatePoint[], p: PlanningParams): boolean {
  return points.some((x) => p.heatingMonths.includes(x.month));
}
