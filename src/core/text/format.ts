/**
 * The one formatter for numbers, money and dates, on screen and on paper (issue 19: one date
 * style, one money style, everywhere). Turkish conventions in every locale, because the figures
 * are Turkish invoice figures: 1.234,56 TL, 26.10.2026, 26.10.2026 09:14. Inputs are the exact
 * decimal strings of the billing core ("2461.63"): digits are only regrouped and padded, never
 * rounded, so the screen, the paper and the invoice.issued event always agree.
 */
import { ZONE } from '../time/zone.js';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function isDecimalString(s: string): boolean {
  return DECIMAL.test(s.trim());
}

/**
 * "2461.63" → "2.461,63"; "-0.37" → "-0,37"; "211667" → "211.667". `places` pads the fraction
 * (never cuts it); `group: false` leaves the integer part ungrouped (unit prices in a narrow column).
 * Throws RangeError on anything but a decimal string: a wrong figure must not print quietly.
 */
export function formatDecimal(s: string, opts: { places?: number; group?: boolean } = {}): string {
  const m = DECIMAL.exec(s.trim());
  if (!m) throw new RangeError(`not a decimal string: ${s}`);
  const [, sign, int = '', frac = ''] = m;
  const grouped = opts.group === false ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const f = opts.places !== undefined && frac.length < opts.places ? frac.padEnd(opts.places, '0') : frac;
  return `${sign}${grouped}${f ? ',' + f : ''}`;
}

/** A decimal string rounded half-up (away from zero) to a whole number: "96.5" → "97", "-0.5" → "-1". */
export function roundWhole(s: string): string {
  const m = DECIMAL.exec(s.trim());
  if (!m) throw new RangeError(`not a decimal string: ${s}`);
  const [, sign, int = '', frac = ''] = m;
  const whole = BigInt(int) + (frac !== '' && frac[0]! >= '5' ? 1n : 0n);
  return whole === 0n ? '0' : `${sign}${whole}`;
}

/** Money: "2461.63" → "2.461,63 TL"; "188" → "188,00 TL". */
export function formatMoney(s: string): string {
  return `${formatDecimal(s, { places: 2 })} TL`;
}

/** "2025-08-01" (or an ISO instant's date part) → "01.08.2025". */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not a date: ${iso}`);
  return `${m[3]}.${m[2]}.${m[1]}`;
}

// Intl, not luxon: the screen's formatter is on the login screen's start path (test/unit/ui/startPath.test.ts).
let dateTimeFormat: Intl.DateTimeFormat | undefined;

/** ISO instant → "25.11.2026 09:14" in Istanbul time. */
export function formatDateTime(iso: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`not a timestamp: ${iso}`);
  dateTimeFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(dateTimeFormat.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}
