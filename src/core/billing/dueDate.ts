/**
 * A due date that falls on an official holiday or the weekly holiday moves to the next day that is
 * neither (Türk Borçlar Kanunu art. 93; docs/invoice.md "Due date"). The holidays are data: the
 * device's reference calendar (device/reference, official tables plus the years computed by
 * src/core/time/holidays.ts). A half-day holiday (arife) is a working day. A date the calendar does
 * not cover is left as it is and said so in the trace: a bill is never refused for want of a
 * calendar, but nobody may believe it was checked.
 */
import { addDays } from '../time/calendar.js';

export interface DueDateCalendar {
  /** Holidays by date; `from` marks a half day (an arife), which does not move a due date. */
  readonly holidays: readonly { readonly date: string; readonly name: string; readonly from?: string }[];
  /** Years the holiday data covers. */
  readonly coveredYears: readonly number[];
  /** ISO weekdays of the weekly holiday (7 = Sunday, the default). */
  readonly weeklyHolidays?: readonly number[];
}

export interface ShiftedDueDate {
  readonly date: string;
  /** The date before it moved, when it did. */
  readonly movedFrom?: string;
  /** Why, day by day: a holiday's name or "Pazar". */
  readonly reasons: readonly string[];
  /** The calendar does not cover the date: not checked. */
  readonly uncovered: boolean;
}

const WEEKDAY_TR = ['Pazartesi', 'Salı', 'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar'];

export function shiftDueDate(date: string, cal: DueDateCalendar): ShiftedDueDate {
  const years = new Set(cal.coveredYears);
  const covered = (d: string) => years.has(Number(d.slice(0, 4)));
  if (!covered(date)) return { date, reasons: [], uncovered: true };
  const weekly = cal.weeklyHolidays ?? [7];
  const full = new Map(cal.holidays.filter((h) => h.from === undefined).map((h) => [h.date, h.name]));
  const reasons: string[] = [];
  let d = date;
  // A bayram and a Sunday in a row move it a few days at most; 31 bounds a broken calendar.
  for (let i = 0; i < 31 && covered(d); i++) {
    const weekday = ((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const why = full.get(d) ?? (weekly.includes(weekday) ? WEEKDAY_TR[weekday - 1]! : undefined);
    if (why === undefined) break;
    reasons.push(why);
    d = addDays(d, 1);
  }
  return d === date ? { date, reasons, uncovered: false } : { date: d, movedFrom: date, reasons, uncovered: !covered(d) };
}
