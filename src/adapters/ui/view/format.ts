/**
 * Numbers, money, dates and times as the crew reads them. Money arrives as exact decimal strings
 * (billing never uses floats), so it is formatted by string operations, never parsed to a number.
 */
import * as core from '../../../core/text/format.js';
import { isDecimalString } from '../../../core/text/format.js';
import type { Locale, Translator } from '../i18n/index.js';

/**
 * Screen wrappers over the one formatter (src/core/text/format.ts): the same money and date style
 * as the paper in every locale. A value that is not a decimal or a date is shown as it came rather
 * than throwing inside a paint (the paper path throws instead).
 */
export function formatDecimal(value: string, _locale?: Locale, places?: number): string {
  return isDecimalString(value) ? core.formatDecimal(value, places !== undefined ? { places } : {}) : value;
}

export const formatMoney = (value: string, _locale?: Locale): string => (isDecimalString(value) ? core.formatMoney(value) : value);

/** "2026-10-26" → "26.10.2026" in every locale. */
export function formatDate(iso: string, _locale?: Locale): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? core.formatDate(iso) : iso;
}

// Intl rather than luxon: the status bar runs every second and luxon is heavy on the start path.
let hm: Intl.DateTimeFormat | undefined;
/** Wall-clock HH:MM in Europe/Istanbul. */
export function formatClock(ms: number): string {
  hm ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Istanbul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return hm.format(new Date(ms));
}

/** Time of an ISO instant (which carries its offset) in Europe/Istanbul. */
export function formatTimeOf(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? formatClock(ms) : iso;
}

/** A short age: "45 sn", "12 dk", "3 sa", "2 gün". */
export function formatAge(ms: number, t: Translator): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t('age.s', { n: s });
  if (s < 3600) return t('age.m', { n: Math.floor(s / 60) });
  if (s < 86_400) return t('age.h', { n: Math.floor(s / 3600) });
  return t('age.d', { n: Math.floor(s / 86_400) });
}

/** Free space for the status bar: whole megabytes below a gigabyte, whole gigabytes above (no decimal separator to localise). */
export function formatBytes(bytes: number): string {
  const mb = Math.floor(bytes / 1048576);
  return mb < 1024 ? `${mb} MB` : `${Math.floor(mb / 1024)} GB`;
}

/** Remaining wait in whole seconds, rounded up ("29 sn", never "0 sn" while still locked). */
export function formatWait(ms: number, t: Translator): string {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  if (s < 60) return t('age.s', { n: s });
  return t('age.m', { n: Math.ceil(s / 60) });
}

/** An index as the meter shows it, with leading zeros to the number of dials. */
export const formatIndex = (index: number, digits: number): string => String(index).padStart(digits, '0');

/** "0.20" → "20" (VAT rate as a percentage, exact). */
export function formatPercent(rate: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!m) return rate;
  const frac = (m[2] ?? '').padEnd(2, '0');
  const whole = String(Number(m[1]) * 100 + Number(frac.slice(0, 2)));
  const rest = frac.slice(2).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}
