/**
 * Similar units for the peer comparison (issue 20): same tariff group and meter class, in the same
 * building if there are enough of them, else on the same street, else in the whole city. Also the
 * peers' change against earlier years, which the own-history signal divides out (weather).
 */
import { addressKey, parseAddress } from './address.js';
import { rateOf, ratePoints, recentHeating, windowStart } from './consumption.js';
import type { InstallationFacts, PeerView, PlanningParams } from './types.js';

interface Unit {
  no: string;
  keys: { building: string; street: string; city: string };
  rate?: number;
  change?: number;
}

export interface PeerTable {
  view(installationNo: string): PeerView;
  /** Median recent ÷ earlier ratio of the city group (tariff group and meter class), 1 when unknown. */
  change(installationNo: string): number;
}

export function median(xs: readonly number[]): number | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1]! + s[m]!) / 2;
}

export function buildPeers(all: readonly InstallationFacts[], asOf: string, p: PlanningParams): PeerTable {
  const units = new Map<string, Unit>();
  const groups = { building: new Map<string, Unit[]>(), street: new Map<string, Unit[]>(), city: new Map<string, Unit[]>() };
  for (const f of all) {
    const a = parseAddress(f.address);
    const kind = `${f.tariffGroup ?? ''}|${f.meterClass ?? ''}`;
    const points = ratePoints(f, asOf);
    const from = windowStart(asOf, p.recentMonths);
    const recent = points.filter((x) => x.date > from);
    const months = new Set(recent.map((x) => x.month));
    const before = rateOf(points.filter((x) => x.date <= from && months.has(x.month)));
    const now = rateOf(recent);
    const u: Unit = {
      no: f.installationNo,
      keys: { building: `${kind}|${addressKey(a.building)}`, street: `${kind}|${addressKey(a.street)}`, city: kind },
      rate: rateOf(recentHeating(points, asOf, p.recentMonths, p.heatingMonths)),
      change: now !== undefined && before !== undefined && before >= p.minBaselineM3PerDay ? now / before : undefined,
    };
    units.set(f.installationNo, u);
    for (const g of ['building', 'street', 'city'] as const) {
      const list = groups[g].get(u.keys[g]) ?? [];
      list.push(u);
      groups[g].set(u.keys[g], list);
    }
  }
  const cityChange = new Map<string, number>();
  for (const [k, list] of groups.city) cityChange.set(k, median(list.flatMap((u) => (u.change === undefined ? [] : [u.change]))) ?? 1);
  return {
    view(no) {
      const u = units.get(no);
      if (!u) return { count: 0, group: 'city' };
      for (const g of ['building', 'street', 'city'] as const) {
        const rates = groups[g].get(u.keys[g])!.flatMap((x) => (x.no === no || x.rate === undefined ? [] : [x.rate]));
        if (rates.length >= p.minPeers) return { medianRate: median(rates), count: rates.length, group: g };
      }
      return { count: 0, group: 'city' };
    },
    change(no) {
      const u = units.get(no);
      return u ? (cityChange.get(u.keys.city) ?? 1) : 1;
    },
  };
}
