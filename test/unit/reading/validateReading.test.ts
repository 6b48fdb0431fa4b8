import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readingText } from '../../../src/adapters/ui/i18n/index.js';
import { validateReading } from '../../../src/core/reading/validateReading.js';
import type { ReadingRules } from '../../../src/core/reading/rules.js';
import type { ReadingMeter } from '../../../src/core/reading/types.js';
import { ErrorCode, isAppError } from '../../../src/core/errors/AppError.js';
import { revealed, rules, summerMeter, SUMMER_DATE, winterMeter, WINTER_DATE } from './fixtures.js';

// winterMeter / summerMeter: last index 12000, expected 60 m³ → high above 150, low below 18.
const check = (consumption: number, meter: ReadingMeter = summerMeter, date = SUMMER_DATE, r: ReadingRules = rules) =>
  validateReading({ meter, keyed: String(meter.lastIndex + consumption), readDate: date, rules: r });
const flagsOf = (...a: Parameters<typeof check>) => {
  const r = check(...a);
  return r.kind === 'invalid' ? r.kind : r.flags.join(',');
};

test('a plausible reading is ok, with its consumption and the exact expectation', () => {
  const r = check(60);
  assert.equal(r, { kind: 'ok', index: 12060, consumptionM3: 60, expectedM3: '60', flags: [] });
});

test('high alone: above 2.5× expected asks for an identical re-key', () => {
  const r = check(400);
  assert.is(r.kind, 'needs-confirmation');
  if (r.kind !== 'needs-confirmation') return;
  assert.equal(r.flags, ['high']);
  assert.equal(r.allowed, ['rekey']);
  assert.is(r.consumptionM3, 400);
});

test('low alone: below 0.3× expected asks for an identical re-key', () => {
  const r = check(5);
  assert.is(r.kind === 'needs-confirmation' && r.allowed.join(), 'rekey');
  assert.is(flagsOf(5), 'low');
});

test('zero alone: zero on an active meter in the heating season, even without an expectation', () => {
  const noExpectation: ReadingMeter = { digits: 5, lastIndex: 12000, lastReadDate: '2026-01-01' };
  assert.is(flagsOf(0, noExpectation, WINTER_DATE), 'zero');
  assert.is(flagsOf(1, noExpectation, WINTER_DATE), ''); // no expectation: nothing else to judge
});

test('zero with an expectation in the heating season is both low and zero', () => {
  assert.is(flagsOf(0, winterMeter, WINTER_DATE), 'low,zero');
});

test('zero outside the heating season is only low (and ok without an expectation)', () => {
  assert.is(flagsOf(0, summerMeter, SUMMER_DATE), 'low');
  const noExpectation: ReadingMeter = { digits: 5, lastIndex: 12000, lastReadDate: '2026-06-01' };
  assert.is(flagsOf(0, noExpectation, SUMMER_DATE), '');
});

test('zero on a meter with gas off is not suspect', () => {
  const off: ReadingMeter = { digits: 5, lastIndex: 12000, lastReadDate: '2026-01-01', active: false };
  assert.is(flagsOf(0, off, WINTER_DATE), '');
});

test('the heating season is judged on the reading date month, configurable', () => {
  const noExpectation: ReadingMeter = { digits: 5, lastIndex: 12000, lastReadDate: '2026-03-15' };
  assert.is(flagsOf(0, noExpectation, '2026-04-30'), 'zero'); // April: in the default season
  assert.is(flagsOf(0, noExpectation, '2026-05-01'), ''); // May: out
  assert.is(flagsOf(0, noExpectation, '2026-05-01', { ...rules, heatingSeasonMonths: [5] }), 'zero');
  assert.is(flagsOf(0, noExpectation, '2026-04-30', { ...rules, zeroIsSuspectInHeatingSeason: false }), '');
});

// Boundary choice (see validateReading.ts): the factors are the limits themselves, so exactly
// 2.5× and exactly 0.3× are accepted; one m³ beyond is flagged.
test('exactly 2.5× expected is NOT flagged; just above is', () => {
  assert.is(flagsOf(150), '');
  assert.is(flagsOf(151), 'high');
});

test('exactly 0.3× expected is NOT flagged; just below is', () => {
  assert.is(flagsOf(18), '');
  assert.is(flagsOf(17), 'low');
});

test('boundaries are exact decimals: 0.3 × 10 is 3, not 3.0000000000000004', () => {
  // 10 days × 1 m³: in floats 0.3 * 10 > 3 would wrongly flag a consumption of exactly 3.
  const meter: ReadingMeter = { digits: 5, lastIndex: 100, lastReadDate: '2026-06-01', expectedDailyM3: '1' };
  assert.is(flagsOf(3, meter, '2026-06-11'), '');
  assert.is(flagsOf(2, meter, '2026-06-11'), 'low');
  // 3 days × 1.1 = 3.3 → high limit 8.25; 0.1-style decimals stay exact.
  const m2: ReadingMeter = { ...meter, expectedDailyM3: '1.1' };
  assert.is(flagsOf(8, m2, '2026-06-04'), '');
  assert.is(flagsOf(9, m2, '2026-06-04'), 'high');
});

test('no high/low check when nothing is expected (zero daily figure, same-day visit)', () => {
  const zeroDaily: ReadingMeter = { ...summerMeter, expectedDailyM3: '0' };
  assert.is(flagsOf(500, zeroDaily), '');
  assert.is(flagsOf(500, summerMeter, '2026-06-01'), '');
});

test('lower than previous alone demands rollover / meter changed / misread', () => {
  const r = validateReading({ meter: summerMeter, keyed: '11990', readDate: SUMMER_DATE, rules });
  assert.is(r.kind, 'needs-confirmation');
  if (r.kind !== 'needs-confirmation') return;
  assert.equal(r.flags, ['lower-than-previous']);
  assert.equal(r.allowed, ['rollover', 'meter-changed', 'misread']);
  assert.is(r.index, 11990);
  assert.is(r.consumptionM3, 100000 - 12000 + 11990); // what a rollover would mean
});

test('the same index as before is not lower: it is zero consumption', () => {
  assert.is(flagsOf(0, winterMeter, WINTER_DATE), 'low,zero');
});

test('hidden limits: the message says only "unusual, re-key" and holds no number', () => {
  for (const c of [400, 5, 0]) {
    const r = check(c, winterMeter, WINTER_DATE);
    assert.is(r.kind, 'needs-confirmation');
    if (r.kind !== 'needs-confirmation') continue;
    assert.is(r.message.key, 'reading.unusual');
    assert.not.match(readingText(r.message, 'tr'), /[0-9]/);
    assert.not.match(readingText(r.message, 'tr'), /yüksek|düşük|sıfır/i); // not even the direction
  }
  const lower = validateReading({ meter: winterMeter, keyed: '11990', readDate: WINTER_DATE, rules });
  assert.ok(lower.kind === 'needs-confirmation');
  assert.not.match(lower.kind === 'needs-confirmation' ? readingText(lower.message, 'tr') : '', /[0-9]/); // previous index hidden too
});

test('revealed limits: the message shows consumption, limit and expectation', () => {
  const high = check(400, summerMeter, SUMMER_DATE, revealed);
  assert.ok(high.kind === 'needs-confirmation');
  if (high.kind !== 'needs-confirmation') return;
  assert.is(high.message.key, 'reading.high');
  assert.equal(high.message.params, { consumption: '400', limit: '150', expected: '60' });
  assert.match(readingText(high.message, 'tr'), 'Yüksek: 400 m³ > 150');

  const low = check(5, summerMeter, SUMMER_DATE, revealed);
  assert.ok(low.kind === 'needs-confirmation' && low.message.key === 'reading.low');
  assert.equal(low.kind === 'needs-confirmation' && low.message.params, { consumption: '5', limit: '18', expected: '60' });

  const zero = check(0, winterMeter, WINTER_DATE, revealed);
  assert.ok(zero.kind === 'needs-confirmation' && zero.message.key === 'reading.zero');

  const lower = validateReading({ meter: winterMeter, keyed: '11990', readDate: WINTER_DATE, rules: revealed });
  assert.ok(lower.kind === 'needs-confirmation' && lower.message.key === 'reading.lowerRevealed');
  assert.match(lower.kind === 'needs-confirmation' ? readingText(lower.message, 'tr') : '', '12000');
});

test('a revealed limit is shown as the whole m³ that is exact for whole-m³ consumption', () => {
  // 31 days × 3.12 = 96.72 expected → high limit 241.8 (241 ok, 242 flagged), low 29.016 (30 ok, 29 flagged).
  const meter: ReadingMeter = { digits: 5, lastIndex: 0, lastReadDate: '2026-06-01', expectedDailyM3: '3.12' };
  const date = '2026-07-02';
  assert.is(flagsOf(241, meter, date, revealed), '');
  const high = check(242, meter, date, revealed);
  assert.equal(high.kind === 'needs-confirmation' && high.message.params, { consumption: '242', limit: '241', expected: '96.7' });
  assert.match(high.kind === 'needs-confirmation' ? readingText(high.message, 'tr') : '', 'Beklenen 97 m³'); // Turkish decimal comma
  assert.is(flagsOf(30, meter, date, revealed), '');
  const low = check(29, meter, date, revealed);
  assert.equal(low.kind === 'needs-confirmation' && low.message.params.limit, '30');
});

test('custom factors move the limits', () => {
  const strict: ReadingRules = { ...rules, highFactor: '1.5', lowFactor: '0.5' };
  assert.is(flagsOf(90, summerMeter, SUMMER_DATE, strict), '');
  assert.is(flagsOf(91, summerMeter, SUMMER_DATE, strict), 'high');
  assert.is(flagsOf(30, summerMeter, SUMMER_DATE, strict), '');
  assert.is(flagsOf(29, summerMeter, SUMMER_DATE, strict), 'low');
  assert.is(flagsOf(0, summerMeter, SUMMER_DATE, { ...rules, lowFactor: '0' }), ''); // low check off
});

test('job data that cannot be validated throws Reading_Invalid (not a crew mistake)', () => {
  const bad: ReadingMeter[] = [
    { ...summerMeter, digits: 0 },
    { ...summerMeter, digits: 4 }, // last index 12000 does not fit 4 dials
    { ...summerMeter, lastIndex: -1 },
  ];
  for (const meter of bad) {
    assert.throws(
      () => validateReading({ meter, keyed: '1', readDate: SUMMER_DATE, rules }),
      (e: unknown) => isAppError(e, ErrorCode.Reading_Invalid),
    );
  }
  assert.throws(
    () => validateReading({ meter: summerMeter, keyed: '1', readDate: '2026-05-01', rules }),
    (e: unknown) => isAppError(e, ErrorCode.Reading_Invalid),
  );
});

test.run();
