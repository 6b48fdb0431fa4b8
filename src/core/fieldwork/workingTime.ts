/**
 * Working days and hours from reference data (docs/domain.md §3: cuts only in working hours on working
 * days, never on official holidays). Local time is Europe/Istanbul through luxon; dates are
 * plain `YYYY-MM-DD`. A half-day holiday (arife, `from: "13:00"`) is a working day whose working
 * hours end where the holiday begins.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../time/calendar.js';
import { minutesOf, type FieldWorkReference, type Holiday } from './reference.js';

type Calendar = Pick<FieldWorkReference, 'workingHours' | 'holidays'>;

export interface LocalMoment {
  /** YYYY-MM-DD in Istanbul. */
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
  /** "HH:MM". */
  time: string;
}

export function localMoment(ms: number): LocalMoment {
  const d = DateTime.fromMillis(ms, { zone: ZONE });
  return { date: d.toISODate() as string, weekday: d.weekday, minutes: d.hour * 60 + d.minute, time: d.toFormat('HH:mm') };
}

export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: ZONE }).weekday;
}

const byDate = new WeakMap<readonly Holiday[], Map<string, Holiday>>();
export function holidayOn(cal: Calendar, date: string): Holiday | undefined {
  let m = byDate.get(cal.holidays);
  if (!m) byDate.set(cal.holidays, (m = new Map(cal.holidays.map((h) => [h.date, h]))));
  return m.get(date);
}

/** A weekday of the working week that is not a full-day holiday (half-day eves are working days). */
export function isWorkingDay(cal: Calendar, date: string): boolean {
  if (!cal.workingHours.days.includes(weekdayOf(date))) return false;
  const h = holidayOn(cal, date);
  return !h || h.from !== undefined;
}

/** The working hours of a date as minutes [start, end), or null on a non-working day. */
export function workingWindow(cal: Calendar, date: string): { start: number; end: number } | null {
  if (!isWorkingDay(cal, date)) return null;
  const start = minutesOf(cal.workingHours.start);
  let end = minutesOf(cal.workingHours.end);
  const h = holidayOn(cal, date);
  if (h?.from) end = Math.min(end, minutesOf(h.from));
  return end > start ? { start, end } : null;
}

/**
 * Working days after `from` up to `to` (both YYYY-MM-DD): `from` never counts; `to` counts when
 * `includeTo`. 0 when `to` is not after `from`.
 */
export function workingDaysBetween(cal: Calendar, from: string, to: string, includeTo: boolean): number {
  let n = 0;
  let d = DateTime.fromISO(from, { zone: ZONE }).plus({ days: 1 });
  const end = DateTime.fromISO(to, { zone: ZONE });
  // Bounded: a notice older than a year is as good as a year old for this rule.
  for (let i = 0; i < 400 && (d < end || (includeTo && d.hasSame(end, 'day'))); i++, d = d.plus({ days: 1 })) {
    if (isWorkingDay(cal, d.toISODate() as string)) n++;
  }
  return n;
}

/**
 * The first date ("YYYY-01-01") of the unbroken run of covered years that ends with `date`'s year,
 * or undefined when `date` itself is not covered: before it, a working day cannot be told.
 */
export function firstCoveredDate(cal: Pick<FieldWorkReference, 'holidayYears'>, date: string): string | undefined {
  const covered = (y: number) => cal.holidayYears.some((c) => c.year === y);
  let y = Number(date.slice(0, 4));
  if (!covered(y)) return undefined;
  while (covered(y - 1)) y--;
  return `${String(y).padStart(4, '0')}-01-01`;
}
