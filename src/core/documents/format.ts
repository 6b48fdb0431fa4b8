/**
 * Turkish formats for paper: 1.234,56 TL, 01.08.2025, 25.11.2026 09:14. Input numbers are the
 * exact decimal strings of the billing core ("2461.63"); we only regroup digits, never round,
 * so paper and the invoice.issued event always agree.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../time/calendar.js';

/** "2461.63" → "2.461,63"; "-0.37" → "-0,37"; "188" → "188". */
export function formatDecimal(s: string, opts: { group?: boolean } = {}): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new RangeError(`not a decimal string: ${s}`);
  const [, sign, int = '', frac] = m;
  const grouped = opts.group === false ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${grouped}${frac !== undefined ? ',' + frac : ''}`;
}

/** Money: "2461.63" → "2.461,63 TL". */
export function formatTl(s: string): string {
  return `${formatDecimal(s)} TL`;
}

/** "2025-08-01" → "01.08.2025". */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a date: ${iso}`);
  return `${m[3]}.${m[2]}.${m[1]}`;
}

/** ISO instant → "25.11.2026 09:14" in Istanbul time. */
export function formatDateTime(iso: string): string {
  const d = DateTime.fromISO(iso, { setZone: false }).setZone(ZONE);
  if (!d.isValid) throw new RangeError(`not a timestamp: ${iso}`);
  return d.toFormat('dd.LL.yyyy HH:mm');
}

/** Turkish upper case without relying on the runtime's ICU: i → İ, ı → I. */
export function trUpper(s: string): string {
  return s.replace(/i/g, 'İ').replace(/ı/g, 'I').toUpperCase();
}
