/**
 * Official holidays of Turkey (docs/domain.md §1 and §3; device/reference/README.md lists the sources).
 * Pure: the official table is passed in, nothing is read from disk. Used by the cut gates (no cut on
 * a holiday, none on a date the data does not cover) and meant for due dates (TBK art. 93: a due
 * date on a holiday moves to the next working day).
 *
 * - Fixed national days (Law 2429 as amended; 15 July since 2016) are computed for any year.
 * - Religious holidays (Ramazan Bayramı 3 days, Kurban Bayramı 4 days, each with an arife that is a
 *   holiday from 13:00) are computed from the Hijri calendar in Node's ICU (`islamic-umalqura`) and
 *   marked `computed`: Turkey follows the Diyanet calendar, which ICU matched for 2025–2027 (tests),
 *   but a computed day may differ by one from the official one, so it must be confirmed.
 * - A year with an official table (any entry in it) uses that table alone: the table wins.
 * - A date is covered when its year has an official table or lies in the computed range; outside
 *   that, the calendar does not know the religious holidays and says so (`covers`).
 */
import { addDays } from './calendar.js';

export interface HolidayDay {
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly name: string;
  /** Half-day holiday (arife): the holiday starts at this local time "HH:MM". */
  readonly from?: string;
  /** Computed (religious holidays from ICU): confirm with the official calendar. */
  readonly computed?: boolean;
}

export interface HolidayCalendarOptions {
  /** Entries of the official table (device/reference/holidays-*.json); a year listed here is authoritative. */
  readonly official: readonly HolidayDay[];
  /** Years filled by computation when they have no official table (inclusive). */
  readonly computeYears?: { readonly from: number; readonly to: number };
  /** ISO weekdays of the working week (1 = Monday); Monday–Friday by default. */
  readonly workingDays?: readonly number[];
}

export interface HolidayCalendar {
  /** Every holiday of the covered years, sorted by date. */
  readonly days: readonly HolidayDay[];
  /** Covered years, ascending, with where their holidays come from. */
  readonly years: readonly { readonly year: number; readonly source: 'official' | 'computed' }[];
  /** True when the date's year is covered (official table or computed range). */
  covers(date: string): boolean;
  /** The holiday on that date, if any (fixed national days are known even in uncovered years). */
  holidayOn(date: string): HolidayDay | undefined;
  /** A day of the working week that is not a full-day holiday (an arife is a working day). Throws when not covered. */
  isWorkingDay(date: string): boolean;
  /** The first working day strictly after `date`. Throws when it runs past the covered years. */
  nextWorkingDay(date: string): string;
  /** `date` itself when it is a working day, else the next one (a due date on a holiday, TBK art. 93). */
  workingDayOnOrAfter(date: string): string;
}

export class HolidayCoverageError extends RangeError {
  constructor(readonly date: string) {
    super(`holiday data does not cover ${date}`);
  }
}

const ARIFE_FROM = '13:00';

/** Law 2429 art. 1–2 (national days), one entry per day; 28 October afternoon is the Cumhuriyet Bayramı eve. */
const FIXED: readonly { md: string; name: string; from?: string }[] = [
  { md: '01-01', name: 'Yılbaşı' },
  { md: '04-23', name: 'Ulusal Egemenlik ve Çocuk Bayramı' },
  { md: '05-01', name: 'Emek ve Dayanışma Günü' },
  { md: '05-19', name: "Atatürk'ü Anma, Gençlik ve Spor Bayramı" },
  { md: '07-15', name: 'Demokrasi ve Milli Birlik Günü' },
  { md: '08-30', name: 'Zafer Bayramı' },
  { md: '10-28', name: 'Cumhuriyet Bayramı arifesi', from: ARIFE_FROM },
  { md: '10-29', name: 'Cumhuriyet Bayramı' },
];

export function nationalHolidays(year: number): HolidayDay[] {
  const y = String(year).padStart(4, '0');
  return FIXED.map((f) => ({ date: `${y}-${f.md}`, name: f.name, ...(f.from ? { from: f.from } : {}) }));
}

let hijri: Intl.DateTimeFormat | undefined;
/** Hijri month and day of a Gregorian date, per ICU's Umm al-Qura calendar. */
function hijriOf(date: string): { month: number; day: number } {
  if (!hijri) {
    hijri = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    // A Node built without full ICU falls back to the Gregorian calendar: computing from it would be silently wrong.
    if (hijri.resolvedOptions().calendar !== 'islamic-umalqura') throw new Error('ICU has no islamic-umalqura calendar');
  }
  const parts = hijri.formatToParts(new Date(`${date}T12:00:00Z`));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { month: n('month'), day: n('day') };
}

const religiousCache = new Map<number, HolidayDay[]>();

/**
 * Ramazan Bayramı (1–3 Şevval) and Kurban Bayramı (10–13 Zilhicce) with their arifes, computed from
 * ICU for the Gregorian year (a block crossing New Year contributes its days to each year).
 */
export function religiousHolidays(year: number): HolidayDay[] {
  const cached = religiousCache.get(year);
  if (cached) return cached;
  const out: HolidayDay[] = [];
  const y = String(year).padStart(4, '0');
  // Scan a few days either side so a bayram that starts on 1 January still brings its arife of 31 December.
  for (let d = addDays(`${y}-01-01`, -4); d <= `${y}-12-31`; d = addDays(d, 1)) {
    const h = hijriOf(d);
    const block =
      h.month === 10 && h.day === 1
        ? { name: 'Ramazan Bayramı', days: 3 }
        : h.month === 12 && h.day === 10
          ? { name: 'Kurban Bayramı', days: 4 }
          : null;
    if (!block) continue;
    out.push({ date: addDays(d, -1), name: `${block.name} arifesi`, from: ARIFE_FROM, computed: true });
    for (let i = 0; i < block.days; i++) out.push({ date: addDays(d, i), name: `${block.name} ${i + 1}. gün`, computed: true });
  }
  const mine = out.filter((h) => h.date.startsWith(`${y}-`));
  religiousCache.set(year, mine);
  return mine;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** Builds the calendar: official years as given, computed years from Law 2429 + ICU. */
export function holidayCalendar(opts: HolidayCalendarOptions): HolidayCalendar {
  const working = opts.workingDays ?? [1, 2, 3, 4, 5];
  const officialYears = new Set(opts.official.map((h) => yearOf(h.date)));
  const years = new Map<number, 'official' | 'computed'>();
  for (const y of officialYears) years.set(y, 'official');
  const c = opts.computeYears;
  if (c) for (let y = c.from; y <= c.to; y++) if (!years.has(y)) years.set(y, 'computed');
  const days: HolidayDay[] = [...opts.official];
  for (const [y, source] of years) if (source === 'computed') days.push(...nationalHolidays(y), ...religiousHolidays(y));
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byDate = new Map(days.map((h) => [h.date, h]));

  const covers = (date: string) => years.has(yearOf(date));
  const holidayOn = (date: string): HolidayDay | undefined => {
    const h = byDate.get(date);
    if (h || covers(date)) return h;
    return nationalHolidays(yearOf(date)).find((n) => n.date === date);
  };
  const isWorkingDay = (date: string): boolean => {
    if (!covers(date)) throw new HolidayCoverageError(date);
    const weekday = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (!working.includes(weekday)) return false;
    const h = byDate.get(date);
    return !h || h.from !== undefined;
  };
  const nextWorkingDay = (date: string): string => {
    // A year holds far fewer than 40 consecutive non-working days; the bound only stops a bad working week.
    let d = addDays(date, 1);
    for (let i = 0; i < 40 && !isWorkingDay(d); i++) d = addDays(d, 1);
    if (!isWorkingDay(d)) throw new RangeError(`no working day within 40 days after ${date}`);
    return d;
  };
  return {
    days,
    years: [...years].sort((a, b) => a[0] - b[0]).map(([year, source]) => ({ year, source })),
    covers,
    holidayOn,
    isWorkingDay,
    nextWorkingDay,
    workingDayOnOrAfter: (date) => (isWorkingDay(date) ? date : nextWorkingDay(date)),
  };
}
