/**
 * Consumption as the planning signals see it: each reading's m³ spread over the days since the
 * reading before it (a daily rate), kept only while the gas was on. Readings during a cut are the
 * cut signals' business (indexAdvancedWhileCut), not a drop in use.
 */
import { addDays, daysBetween } from '../time/calendar.js';
import type { InstallationFacts } from './types.js';

export interface RatePoint {
  /** Date of the reading that closed the period. */
  date: string;
  /** Calendar month (1–12) of that date. */
  month: number;
  year: number;
  days: number;
  m3: number;
}

/** True when the gas was cut at `date`: a cut on or before it and no reconnection since. */
export function cutAt(f: Pick<InstallationFacts, 'cuts' | 'reconnections'>, date: string): boolean {
  const lastCut = lastBefore(
    f.cuts.map((c) => c.date),
    date,
  );
  if (lastCut === undefined) return false;
  const lastRec = lastBefore(
    f.reconnections.map((r) => r.date),
    date,
  );
  return lastRec === undefined || lastRec < lastCut;
}

function lastBefore(dates: readonly string[], date: string): string | undefined {
  let out: string | undefined;
  for (const d of dates) if (d <= date && (out === undefined || d > out)) out = d;
  return out;
}

/**
 * Daily rates of the readings up to `asOf` while the gas was on. A period that spans a cut, a
 * reconnection or a meter exchange is left out: its days are not days of use on one meter.
 */
export function ratePoints(f: InstallationFacts, asOf: string): RatePoint[] {
  const out: RatePoint[] = [];
  const breaks = [...f.cuts.map((c) => c.date), ...f.reconnections.map((r) => r.date), ...f.exchanges.map((e) => e.date)];
  let prev: string | undefined;
  for (const r of f.readings) {
    if (r.date > asOf) break;
    const from = prev;
    prev = r.date;
    if (from === undefined) continue;
    const days = daysBetween(from, r.date);
    if (days <= 0) continue;
    if (breaks.some((b) => b > from && b <= r.date) || cutAt(f, r.date)) continue;
    out.push({ date: r.date, month: Number(r.date.slice(5, 7)), year: Number(r.date.slice(0, 4)), days, m3: r.m3 });
  }
  return out;
}

/** The first day of the "recent" window: `months` months before asOf. */
export function windowStart(asOf: string, months: number): string {
  return addDays(asOf, -Math.round(months * 30.44));
}

/** m³/day over a set of periods (total m³ ÷ total days), or undefined when there are none. */
export function rateOf(points: readonly RatePoint[]): number | undefined {
  const days = points.reduce((s, p) => s + p.days, 0);
  return days > 0 ? points.reduce((s, p) => s + p.m3, 0) / days : undefined;
}

/** Recent heating-season periods: the ones the zero-use and peer signals compare. */
export function recentHeating(points: readonly RatePoint[], asOf: string, months: number, heatingMonths: readonly number[]): RatePoint[] {
  const from = windowStart(asOf, months);
  return points.filter((p) => p.date > from && heatingMonths.includes(p.month));
}

/** One decimal, the way a person reads m³. */
export const m3Text = (n: number): string => (Math.round(n * 10) / 10).toString();
export const pct = (ratio: number): string => `${Math.round(ratio * 100)}`;
