/**
 * The order a crew walks the chosen installations (issue 20): grouped by area (neighbourhood),
 * areas in name order; within an area by street and door number, or, when every stop carries
 * coordinates, a nearest-neighbour walk from the first stop in address order (good enough for a
 * few dozen doors; docs/planning.md §Route).
 */
import { addressKey, parseAddress } from './address.js';

export interface Stop {
  address: string;
  lat?: number;
  lon?: number;
}

export function orderStops<T extends Stop>(stops: readonly T[]): T[] {
  const byArea = new Map<string, T[]>();
  for (const s of stops) {
    const k = addressKey(parseAddress(s.address).area);
    byArea.set(k, [...(byArea.get(k) ?? []), s]);
  }
  const out: T[] = [];
  for (const k of [...byArea.keys()].sort((a, b) => a.localeCompare(b, 'tr'))) {
    const list = [...byArea.get(k)!].sort(byAddress);
    out.push(...(list.every(hasCoords) ? walk(list) : list));
  }
  return out;
}

function byAddress(a: Stop, b: Stop): number {
  const pa = parseAddress(a.address);
  const pb = parseAddress(b.address);
  const s = addressKey(pa.street).localeCompare(addressKey(pb.street), 'tr');
  if (s) return s;
  for (let i = 0; i < Math.max(pa.numbers.length, pb.numbers.length); i++) {
    const d = (pa.numbers[i] ?? -1) - (pb.numbers[i] ?? -1);
    if (d) return d;
  }
  return a.address.localeCompare(b.address, 'tr');
}

const hasCoords = (s: Stop): boolean => Number.isFinite(s.lat) && Number.isFinite(s.lon);

/** Metres between two points (equirectangular: exact enough inside one neighbourhood). */
export function metres(a: Stop, b: Stop): number {
  const k = Math.PI / 180;
  const x = (b.lon! - a.lon!) * k * Math.cos(((a.lat! + b.lat!) / 2) * k);
  const y = (b.lat! - a.lat!) * k;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

function walk<T extends Stop>(list: readonly T[]): T[] {
  const left = [...list];
  const out = [left.shift()!];
  while (left.length) {
    const here = out[out.length - 1]!;
    let best = 0;
    for (let i = 1; i < left.length; i++) if (metres(here, left[i]!) < metres(here, left[best]!)) best = i;
    out.push(left.splice(best, 1)[0]!);
  }
  return out;
}
