/**
 * One keyed index checked against the meter and the rules (docs/domain.md §2). Pure: the reading date
 * is passed in. The caller (ReadingEntry, or a UI directly) decides what to do with the result.
 *
 * Boundaries, chosen so that the default "2.5×" and "0.3×" read as the limits themselves:
 *   high  ⇔ consumption >  highFactor × expected   (exactly 2.5× is NOT flagged)
 *   low   ⇔ consumption <  lowFactor  × expected   (exactly 0.3× is NOT flagged)
 * High/low need an expected consumption above zero: with no expectedDailyM3, a zero daily
 * figure, or a second visit on the same day there is nothing to compare with, so only the zero
 * rule can apply.
 */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { dec, roundTo, type Dec } from '../billing/decimal.js';
import { meteredVolume } from '../billing/computeInvoice.js';
import { expectedConsumptionDec } from './expectedConsumption.js';
import { message, type Message } from './messages.js';
import { parseKeyedIndex } from './parseKeyedIndex.js';
import type { ReadingRules } from './rules.js';
import type { OutlierFlag, ReadingMeter, ReadingResult } from './types.js';

export interface ReadingInput {
  readonly meter: ReadingMeter;
  /** Raw keypad text. */
  readonly keyed: string;
  /** YYYY-MM-DD, Europe/Istanbul. */
  readonly readDate: string;
  readonly rules: ReadingRules;
}

export function validateReading(input: ReadingInput): ReadingResult {
  assertMeter(input.meter);
  const expected = expectedConsumptionDec(input.meter, input.readDate);
  const parsed = parseKeyedIndex(input.keyed, input.meter.digits);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason, message: parsed.message };
  return assessIndex(parsed.index, input.meter, input.readDate, input.rules, expected);
}

/** Checks an already parsed index. `expected` is recomputed when not given. */
export function assessIndex(
  index: number,
  meter: ReadingMeter,
  readDate: string,
  rules: ReadingRules,
  expected: Dec | undefined = expectedConsumptionDec(meter, readDate),
): Exclude<ReadingResult, { kind: 'invalid' }> {
  const expectedM3 = expected?.toString();
  const withExpected = <T extends object>(o: T) => (expectedM3 === undefined ? o : { ...o, expectedM3 });

  if (index < meter.lastIndex) {
    // Only the crew can tell a rollover from a swapped meter or a misread: ask, never guess.
    const { m3 } = meteredVolume(meter.lastIndex, index, meter.digits);
    return withExpected({
      kind: 'needs-confirmation' as const,
      index,
      consumptionM3: m3,
      flags: ['lower-than-previous' as const],
      allowed: ['rollover', 'meter-changed', 'misread'] as const,
      message: rules.revealLimits ? message('reading.lowerRevealed', { previous: String(meter.lastIndex) }) : message('reading.lower'),
    });
  }
  const consumptionM3 = index - meter.lastIndex;
  const check = checkConsumption(consumptionM3, meter, readDate, rules, expected);
  if (check.flags.length === 0) return withExpected({ kind: 'ok' as const, index, consumptionM3, flags: [] as const });
  return withExpected({
    kind: 'needs-confirmation' as const,
    index,
    consumptionM3,
    flags: check.flags,
    allowed: ['rekey'] as const,
    message: check.message!,
  });
}

/**
 * The high / low / zero rules on a consumption (also used on a rollover's wrapped consumption).
 * Flags come in the order high, low, zero; the message names the most specific one (zero).
 */
export function checkConsumption(
  consumptionM3: number,
  meter: ReadingMeter,
  readDate: string,
  rules: ReadingRules,
  expected: Dec | undefined,
): { flags: OutlierFlag[]; message?: Message } {
  const flags: OutlierFlag[] = [];
  const c = dec(consumptionM3);
  let highLimit: Dec | undefined;
  let lowLimit: Dec | undefined;
  if (expected !== undefined && expected.gt(0)) {
    highLimit = expected.mul(rules.highFactor);
    lowLimit = expected.mul(rules.lowFactor);
    if (c.gt(highLimit)) flags.push('high');
    if (c.lt(lowLimit)) flags.push('low');
  }
  const month = Number(readDate.slice(5, 7));
  const inSeason = rules.heatingSeasonMonths.includes(month);
  if (consumptionM3 === 0 && rules.zeroIsSuspectInHeatingSeason && inSeason && meter.active !== false) flags.push('zero');
  if (flags.length === 0) return { flags };

  if (!rules.revealLimits) return { flags, message: message('reading.unusual') };
  if (flags.includes('zero')) return { flags, message: message('reading.zero') };
  // Consumption is a whole number, so "c > L" ⇔ "c > floor(L)" and "c < L" ⇔ "c < ceil(L)":
  // showing the floor / ceiling is exact, not an approximation of the limit.
  const shownExpected = roundTo(expected!, 1).toString();
  if (flags.includes('high')) {
    return {
      flags,
      message: message('reading.high', {
        consumption: String(consumptionM3),
        limit: highLimit!.floor().toString(),
        expected: shownExpected,
      }),
    };
  }
  return {
    flags,
    message: message('reading.low', { consumption: String(consumptionM3), limit: lowLimit!.ceil().toString(), expected: shownExpected }),
  };
}

/** Job data the checks rely on; a failure here is a data problem, not something the crew keyed. */
export function assertMeter(meter: ReadingMeter): void {
  const fail = (msg: string, field: string): never => {
    throw new AppError(msg, ErrorCode.Reading_Invalid, { context: { field } });
  };
  if (!Number.isInteger(meter.digits) || meter.digits < 1 || meter.digits > 10) fail('meter digits must be 1–10', 'meter.digits');
  if (!Number.isSafeInteger(meter.lastIndex) || meter.lastIndex < 0) fail('last index must be a whole number ≥ 0', 'meter.lastIndex');
  if (meter.lastIndex >= 10 ** meter.digits) fail(`last index ${meter.lastIndex} does not fit ${meter.digits} dials`, 'meter.lastIndex');
}
