import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ReadingEntry, type EntryContext, type EntryOutcome, type EntryState } from '../../../src/core/reading/ReadingEntry.js';
import type { ReadingMeter } from '../../../src/core/reading/types.js';
import { ErrorCode, isAppError } from '../../../src/core/errors/AppError.js';
import { AT, revealed, rules, summerMeter, SUMMER_DATE } from './fixtures.js';

const AT2 = '2026-07-01T10:16:30.000+03:00';
const ctx = (meter: ReadingMeter = summerMeter, r = rules): EntryContext => ({
  meter,
  readDate: SUMMER_DATE,
  rules: r,
  operatorId: 'op-7',
});
const begin = (meter?: ReadingMeter, r = rules) => ReadingEntry.start(ctx(meter, r));
const done = (s: EntryState): EntryOutcome => {
  if (s.step !== 'done')
    throw new assert.Assertion({ message: `expected done, got ${s.step}`, expects: 'done', actual: s.step, operator: 'is' });
  return s.outcome;
};
const wrongStep = (e: unknown) => isAppError(e, ErrorCode.Reading_WrongStep);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

test('a plausible index ends the entry with a reading and no overrides', () => {
  assert.equal(done(ReadingEntry.submit(begin(), '12060', AT)), {
    kind: 'reading',
    index: 12060,
    consumptionM3: 60,
    rollover: false,
    outlierConfirmed: false,
    overrides: [],
  });
});

test('a bad keypad entry stays on keying with the reason', () => {
  const s = ReadingEntry.submit(begin(), '12,5', AT);
  assert.is(s.step, 'keying');
  assert.is(s.step === 'keying' && s.notice?.key, 'reading.decimal');
});

test('an unusual index asks for a re-key; the identical re-key confirms and records who and when', () => {
  const asked = ReadingEntry.submit(begin(), '12400', AT);
  assert.is(asked.step, 'rekey');
  assert.is(asked.step === 'rekey' && asked.notice.key, 'reading.unusual');
  assert.equal(done(ReadingEntry.submit(asked, ' 12400 ', AT2)), {
    kind: 'reading',
    index: 12400,
    consumptionM3: 400,
    rollover: false,
    outlierConfirmed: true,
    overrides: [{ kind: 'outlier-confirmed', flags: ['high'], index: 12400, operatorId: 'op-7', at: AT2 }],
  });
});

test('a differing re-key restarts keying with a message, and nothing is recorded', () => {
  const asked = ReadingEntry.submit(begin(), '12400', AT);
  const restarted = ReadingEntry.submit(asked, '12040', AT);
  assert.is(restarted.step, 'keying');
  assert.is(restarted.step === 'keying' && restarted.notice?.key, 'reading.rekeyMismatch');
  // the differing value is not taken as a first entry: the crew keys again from scratch
  assert.equal(done(ReadingEntry.submit(restarted, '12060', AT)), {
    kind: 'reading',
    index: 12060,
    consumptionM3: 60,
    rollover: false,
    outlierConfirmed: false,
    overrides: [],
  });
});

test('a malformed re-key is a typo, not a differing index: the re-key step stays', () => {
  const asked = ReadingEntry.submit(begin(), '12400', AT);
  const typo = ReadingEntry.submit(asked, '', AT);
  assert.is(typo.step, 'rekey');
  assert.is(typo.step === 'rekey' && typo.notice.key, 'reading.empty');
  assert.is(done(ReadingEntry.submit(typo, '12400', AT)).kind, 'reading');
});

test('low and heating-season zero also go through the re-key', () => {
  const low = ReadingEntry.submit(begin(), '12005', AT);
  assert.is(low.step, 'rekey');
  const o = done(ReadingEntry.submit(low, '12005', AT));
  assert.equal(o.kind === 'reading' && o.overrides[0], {
    kind: 'outlier-confirmed',
    flags: ['low'],
    index: 12005,
    operatorId: 'op-7',
    at: AT,
  });

  const winter = ReadingEntry.start({
    meter: { ...summerMeter, lastReadDate: '2026-01-01' },
    readDate: '2026-01-31',
    rules,
    operatorId: 'op-7',
  });
  const zero = ReadingEntry.submit(winter, '12000', AT);
  assert.is(zero.step === 'rekey' && zero.pending.flags.join(), 'low,zero');
  const z = done(ReadingEntry.submit(zero, '12000', AT));
  assert.equal(z.kind === 'reading' && [z.consumptionM3, z.outlierConfirmed], [0, true]);
});

test('revealed limits show the numbers on the re-key prompt', () => {
  const asked = ReadingEntry.submit(begin(summerMeter, revealed), '12400', AT);
  assert.is(asked.step === 'rekey' && asked.notice.key, 'reading.high');
});

/** 99900 → 00100 on 5 dials wraps to 200 m³: high against 60 expected (limit 150), well under a G4's ceiling. */
const wrapMeter: ReadingMeter = { ...summerMeter, lastIndex: 99900 };

test('lower than previous needs the explicit choice', () => {
  const s = ReadingEntry.submit(begin(wrapMeter), '00100', AT);
  assert.is(s.step, 'choose');
  if (s.step !== 'choose') return;
  assert.equal(s.allowed, ['rollover', 'meter-changed', 'misread']);
  assert.is(s.notice.key, 'reading.lower');
  assert.throws(() => ReadingEntry.submit(s, '00100', AT), wrongStep); // re-keying does not answer it
});

for (const [digits, previous, keyed, m3] of [
  [4, 9990, '0015', 25],
  [5, 99950, '00030', 80],
  [6, 999960, '000040', 80],
] as const) {
  test(`rollover on a ${digits}-dial meter wraps at 10^${digits}: ${previous} → ${keyed} is ${m3} m³`, () => {
    // expected 2 m³/day × 30 days = 60 → the wrapped volumes are plausible
    const meter: ReadingMeter = { digits, lastIndex: previous, lastReadDate: '2026-06-01', expectedDailyM3: '2' };
    const asked = ReadingEntry.submit(begin(meter), keyed, AT);
    assert.is(asked.step, 'choose');
    assert.equal(done(ReadingEntry.choose(asked, 'rollover', AT2)), {
      kind: 'reading',
      index: Number(keyed),
      consumptionM3: m3,
      rollover: true,
      outlierConfirmed: false,
      overrides: [{ kind: 'rollover', previousIndex: previous, index: Number(keyed), consumptionM3: m3, operatorId: 'op-7', at: AT2 }],
    });
  });
}

test('a rollover whose wrapped volume is itself unusual still needs the identical re-key', () => {
  // 5 dials, 99900 → 00100 wraps to 200 m³: above the 150 m³ limit, under the meter's ceiling
  const asked = ReadingEntry.choose(ReadingEntry.submit(begin(wrapMeter), '00100', AT), 'rollover', AT);
  assert.is(asked.step, 'rekey');
  if (asked.step !== 'rekey') return;
  assert.equal(asked.pending.flags, ['high']);
  const o = done(ReadingEntry.submit(asked, '00100', AT2));
  assert.ok(o.kind === 'reading');
  if (o.kind !== 'reading') return;
  assert.is(o.consumptionM3, 200);
  assert.is(o.rollover, true);
  assert.is(o.outlierConfirmed, true);
  assert.equal(
    o.overrides.map((x) => x.kind),
    ['rollover', 'outlier-confirmed'],
  );

  // a differing re-key drops the pending rollover with it
  const again = ReadingEntry.submit(asked, '99960', AT);
  assert.is(again.step, 'keying');
  assert.equal(done(ReadingEntry.submit(again, '99960', AT)), {
    kind: 'reading',
    index: 99960,
    consumptionM3: 60,
    rollover: false,
    outlierConfirmed: false,
    overrides: [],
  });
});

test('meter changed ends without a reading, for back-office follow-up', () => {
  const s = ReadingEntry.submit(begin(), '00042', AT);
  assert.equal(done(ReadingEntry.choose(s, 'meter-changed', AT2)), {
    kind: 'meter-changed',
    index: 42,
    previousIndex: 12000,
    followUp: true,
    overrides: [{ kind: 'meter-changed', previousIndex: 12000, index: 42, operatorId: 'op-7', at: AT2 }],
  });
});

test('misread goes back to keying', () => {
  const s = ReadingEntry.choose(ReadingEntry.submit(begin(), '11990', AT), 'misread', AT);
  assert.is(s.step, 'keying');
  assert.is(s.step === 'keying' && s.notice?.key, 'reading.misread');
  assert.is(done(ReadingEntry.submit(s, '12090', AT)).kind, 'reading');
});

test('cancel leaves the meter with nothing recorded', () => {
  assert.is(ReadingEntry.cancel(begin()).step, 'cancelled');
  assert.is(ReadingEntry.cancel(ReadingEntry.submit(begin(), '12400', AT)).step, 'cancelled');
});

test('steps the state does not allow throw Reading_WrongStep', () => {
  const finished = ReadingEntry.submit(begin(), '12060', AT);
  assert.throws(() => ReadingEntry.submit(finished, '12060', AT), wrongStep);
  assert.throws(() => ReadingEntry.noRead(finished, '01'), wrongStep);
  assert.throws(() => ReadingEntry.cancel(finished), wrongStep);
  assert.throws(() => ReadingEntry.choose(begin(), 'rollover', AT), wrongStep);
  assert.throws(() => ReadingEntry.choose(ReadingEntry.submit(begin(), '12400', AT), 'misread', AT), wrongStep);
  const cancelled = ReadingEntry.cancel(begin());
  assert.throws(() => ReadingEntry.submit(cancelled, '1', AT), wrongStep);
});

test('steps never mutate the state they are given', () => {
  const s0 = deepFreeze(begin());
  const s1 = deepFreeze(ReadingEntry.submit(s0, '12400', AT));
  const s2 = deepFreeze(ReadingEntry.noRead(s1, '99'));
  const s3 = ReadingEntry.submit(s1, '12400', AT);
  assert.is(s0.step, 'keying');
  assert.is(s1.step, 'rekey');
  assert.is(s2.step, 'rekey');
  assert.is(s3.step, 'done');
  const c = deepFreeze(ReadingEntry.submit(deepFreeze(begin(wrapMeter)), '00100', AT));
  assert.is(ReadingEntry.choose(c, 'rollover', AT).step, 'rekey');
});

test('start refuses job data or an operator the flow cannot work with', () => {
  const invalid = (e: unknown) => isAppError(e, ErrorCode.Reading_Invalid);
  assert.throws(() => ReadingEntry.start({ ...ctx(), operatorId: ' ' }), invalid);
  assert.throws(() => ReadingEntry.start(ctx({ ...summerMeter, digits: 11 })), invalid);
  assert.throws(() => ReadingEntry.start({ ...ctx(), readDate: '2026-05-31' }), invalid);
  assert.throws(() => ReadingEntry.start(ctx({ ...summerMeter, expectedDailyM3: 'lots' })), invalid);
});

test.run();
