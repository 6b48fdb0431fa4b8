/**
 * Calendar helpers on plain `YYYY-MM-DD` dates, in Europe/Istanbul (Turkey has had no DST since
 * 2016, but we let luxon own that knowledge rather than hard-coding +03:00).
 */
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Istanbul';

export function parseDate(iso: string): DateTime | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = DateTime.fromISO(iso, { zone: ZONE });
  return d.isValid ? d.startOf('day') : null;
}

export function toIsoDate(d: DateTime): string {
  return d.setZone(ZONE).toISODate() as string;
}

/** Whole calendar days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const da = parseDate(a);
  const db = parseDate(b);
  if (!da || !db) throw new RangeError(`bad date ${!da ? a : b}`);
  return Math.round(db.diff(da, 'days').days);
}

export function addDays(iso: string, n: number): string {
  const d = parseDate(iso);
  if (!d) throw new RangeError(`bad date ${iso}`);
  return toIsoDate(d.plus({ days: n }));
}

/** ISO-8601 timestamp with the Istanbul offset, as the contract requires. */
export function isoInstant(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISO({ includeOffset: true }) as string;
}

/** The Istanbul calendar date of an instant. */
export function localDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate() as string;
}
