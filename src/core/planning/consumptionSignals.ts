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
    text: { key: 'heatingSeasonZeroUse', readings: heating.length, m3: m3Text(m3), rate: m3Text(rate) },
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
    text: { key: 'dropAgainstOwnHistory', months: p.recentMonths, now: m3Text(now), before: m3Text(before), pct: pct(ratio) },
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
  return {
    strength: strengthBelow(ratio, p.peerDropRatio),
    text: {
      key: 'dropAgainstPeers',
      rate: m3Text(rate),
      group: peers.group,
      count: peers.count,
      median: m3Text(peers.medianRate),
      pct: pct(ratio),
    },
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
