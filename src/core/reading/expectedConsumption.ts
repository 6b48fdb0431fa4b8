/**
 * Expected consumption = expected daily m³ × days since the last reading (docs/domain.md §2).
 * Exact decimals: expectedDailyM3 is a decimal string and the product is kept exact, so thresholds
 * at the boundary compare without float artefacts.
 */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { dec, isDecimalString, type Dec } from '../billing/decimal.js';
import { daysBetween, parseDate } from '../time/calendar.js';
import type { ReadingMeter } from './types.js';

function fail(message: string, field: string): never {
  throw new AppError(message, ErrorCode.Reading_Invalid, { context: { field } });
}

/** Same as expectedConsumption, as a Dec for further arithmetic. */
export function expectedConsumptionDec(meter: Pick<ReadingMeter, 'lastReadDate' | 'expectedDailyM3'>, readDate: string): Dec | undefined {
  if (!parseDate(meter.lastReadDate)) fail(`last reading date "${meter.lastReadDate}" is not a date`, 'meter.lastReadDate');
  if (!parseDate(readDate)) fail(`reading date "${readDate}" is not a date`, 'readDate');
  const days = daysBetween(meter.lastReadDate, readDate);
  // A reading dated before the last one means a wrong device clock or stale job data; no
  // consumption check can make sense of it, so the app must sort it out before the crew keys.
  if (days < 0) fail(`reading date ${readDate} is before the last reading ${meter.lastReadDate}`, 'readDate');
  if (meter.expectedDailyM3 === undefined) return undefined;
  if (!isDecimalString(meter.expectedDailyM3) || meter.expectedDailyM3.startsWith('-')) {
    fail(`expected daily m³ "${meter.expectedDailyM3}" is not a non-negative decimal`, 'meter.expectedDailyM3');
  }
  return dec(meter.expectedDailyM3).mul(days);
}

/**
 * Expected m³ between the last reading date and `readDate` as an exact decimal string, or
 * undefined when the job carries no expectedDailyM3. Throws Reading_Invalid on bad dates, a
 * reading date before the last one, or a malformed expectedDailyM3.
 */
export function expectedConsumption(meter: Pick<ReadingMeter, 'lastReadDate' | 'expectedDailyM3'>, readDate: string): string | undefined {
  return expectedConsumptionDec(meter, readDate)?.toString();
}
