/**
 * Plausibility before anything is billed (docs/invoice.md "Plausibility"): the meter class's
 * ceiling, a rollover offered only under it, tampering as a no-read, and a supervisor for a high
 * consumption (or, configured, the reading held for the office) — each refusal with its message.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readingText } from '../../../src/adapters/ui/i18n/index.js';
import { MAX_FLOW_M3_PER_HOUR, METER_CLASSES } from '../../../src/core/billing/meterClass.js';
import { aboveCeiling, consumptionCeilingM3 } from '../../../src/core/billing/plausibility.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { ReadingEntry, type EntryContext, type EntryState } from '../../../src/core/reading/index.js';
import type { ReadingMeter } from '../../../src/core/reading/types.js';
import { AT, rules, summerMeter, SUMMER_DATE } from './fixtures.js';

const AT2 = '2026-07-01T10:16:30.000+03:00';

// summerMeter: 5 dials, last 12000 on 2026-06-01, read 2026-07-01 (30 days), expected 2 m³/day.
const G4_CEILING = 6 * 24 * 31; // 4464 m³: 30 days plus the day the dates cannot resolve
const ctx = (meter: ReadingMeter = summerMeter, over: Partial<EntryContext> = {}): EntryContext => ({
  meter,
  readDate: SUMMER_DATE,
  rules,
  operatorId: 'op-7',
  billed: true,
  ...over,
});
const begin = (meter?: ReadingMeter, over?: Partial<EntryContext>) => ReadingEntry.start(ctx(meter, over));
const notice = (s: EntryState) => (s.step !== 'done' && s.step !== 'cancelled' ? s.notice?.key : undefined);

test('ceilings: Qmax × 24 h × (days + 1) for every class', () => {
  assert.equal(METER_CLASSES, ['G1.6', 'G2.5', 'G4', 'G6', 'G10', 'G16', 'G25']);
  assert.equal(Object.values(MAX_FLOW_M3_PER_HOUR), [2.5, 4, 6, 10, 16, 25, 40]);
  assert.is(consumptionCeilingM3('G4', '2026-06-01', '2026-07-01'), G4_CEILING);
  assert.is(consumptionCeilingM3('G1.6', '2026-06-01', '2026-06-01'), 60);
  assert.is(consumptionCeilingM3('G25', '2026-01-01', '2026-02-01'), 40 * 24 * 32);
  assert.ok(aboveCeiling(G4_CEILING + 1, 'G4', '2026-06-01', '2026-07-01'));
  assert.not.ok(aboveCeiling(G4_CEILING, 'G4', '2026-06-01', '2026-07-01'));
});

test('above the ceiling: refused with its message, and refused again on an identical re-key', () => {
  const keyed = String(12000 + 8000); // the 8,000 m³ household re-key of the issue
  const s1 = ReadingEntry.submit(begin(), keyed, AT);
  assert.is(s1.step, 'keying');
  assert.is(notice(s1), 'reading.aboveCeiling');
  assert.match(s1.step === 'keying' ? readingText(s1.notice!, 'tr') : '', 'Sayaç kapasitesini aşan tüketim');
  const s2 = ReadingEntry.submit(s1, keyed, AT);
  assert.is(s2.step, 'keying', 'never billed on a re-key');
  assert.is(notice(s2), 'reading.aboveCeiling');
  // the crew can record a no-read code instead
  const nr = ReadingEntry.noRead(s2, '07');
  assert.is(nr.step === 'done' && nr.outcome.kind, 'no-read');
});

test('just under the ceiling is not refused (it is high: re-key and supervisor)', () => {
  const s = ReadingEntry.submit(begin(), String(12000 + G4_CEILING), AT);
  assert.is(s.step, 'rekey');
  const over = ReadingEntry.submit(begin(), String(12000 + G4_CEILING + 1), AT);
  assert.is(notice(over), 'reading.aboveCeiling');
});

test('the meter class from the job, or the configured default, sets the ceiling', () => {
  const big = String(12000 + 8000);
  assert.is(ReadingEntry.submit(begin({ ...summerMeter, class: 'G10' }), big, AT).step, 'rekey', 'G10: 16 × 24 × 31 = 11904');
  assert.is(ReadingEntry.submit(begin(summerMeter, { rules: { ...rules, defaultMeterClass: 'G10' } }), big, AT).step, 'rekey');
  assert.is(notice(ReadingEntry.submit(begin({ ...summerMeter, class: 'G1.6' }), String(12000 + 2000), AT)), 'reading.aboveCeiling');
});

test('a lower index is a rollover only under the ceiling; otherwise meter changed / misread / tampering', () => {
  // 12000 → 50 on 5 dials would be 88,050 m³ in 30 days
  const s = ReadingEntry.submit(begin(), '00050', AT);
  assert.is(s.step, 'choose');
  if (s.step !== 'choose') return;
  assert.equal(s.allowed, ['meter-changed', 'misread', 'tampering']);
  assert.is(s.notice.key, 'reading.lowerNoRollover');
  assert.throws(
    () => ReadingEntry.choose(s, 'rollover', AT),
    (e: unknown) => isAppError(e),
  );
  const t = ReadingEntry.choose(s, 'tampering', AT);
  assert.equal(t.step === 'done' && t.outcome, { kind: 'no-read', code: '09', followUp: true });
  assert.is(ReadingEntry.choose(s, 'misread', AT).step, 'keying');
  // the same wrap on a meter that could pass it is offered as a rollover
  const ok = ReadingEntry.submit(begin({ ...summerMeter, lastIndex: 99000 }), '00050', AT);
  assert.ok(ok.step === 'choose' && ok.allowed.includes('rollover'));
});

test('high under the ceiling: identical re-key, then a supervisor confirms; the override names them', () => {
  const keyed = '12400'; // 400 m³ against 60 expected: high
  const rekey = ReadingEntry.submit(begin(), keyed, AT);
  assert.is(rekey.step, 'rekey');
  const sup = ReadingEntry.submit(rekey, keyed, AT);
  assert.is(sup.step, 'supervise');
  assert.is(notice(sup), 'reading.supervisor');
  assert.throws(
    () => ReadingEntry.supervise(sup, 'op-7', AT),
    (e: unknown) => isAppError(e) && /other than the reader/.test((e as Error).message),
  );
  const done = ReadingEntry.supervise(sup, '9001', AT);
  assert.ok(done.step === 'done' && done.outcome.kind === 'reading');
  if (done.step !== 'done' || done.outcome.kind !== 'reading') return;
  assert.equal(
    done.outcome.overrides.map((o) => o.kind),
    ['outlier-confirmed', 'supervisor-confirmed'],
  );
  assert.equal(done.outcome.overrides[1], {
    kind: 'supervisor-confirmed',
    index: 12400,
    consumptionM3: 400,
    supervisorId: '9001',
    operatorId: 'op-7',
    at: AT,
  });
  // cancel and no-read stay possible while waiting for the supervisor
  assert.is(ReadingEntry.cancel(sup).step, 'cancelled');
  assert.is(ReadingEntry.noRead(sup, '07').step, 'done');
});

test('high under the ceiling, held for the office: the identical re-key ends the entry, held, with no supervise step', () => {
  const hold = { rules: { ...rules, highConsumption: 'hold-for-office' as const } };
  const keyed = '12400'; // 400 m³ against 60 expected: high
  const rekey = ReadingEntry.submit(begin(summerMeter, hold), keyed, AT);
  assert.is(rekey.step, 'rekey', 'the identical re-key is still asked for');
  assert.is(notice(ReadingEntry.submit(rekey, '12401', AT)), 'reading.rekeyMismatch', 'a differing re-key holds nothing');
  const done = ReadingEntry.submit(rekey, keyed, AT2);
  assert.is(done.step, 'done');
  if (done.step !== 'done' || done.outcome.kind !== 'reading') return assert.unreachable('a reading');
  assert.equal(done.outcome, {
    kind: 'reading',
    index: 12400,
    consumptionM3: 400,
    rollover: false,
    outlierConfirmed: true,
    overrides: [
      { kind: 'outlier-confirmed', flags: ['high'], index: 12400, operatorId: 'op-7', at: AT2 },
      { kind: 'held-for-office', reason: 'high-consumption', index: 12400, consumptionM3: 400, operatorId: 'op-7', at: AT2 },
    ],
    heldForOffice: true,
  });
  assert.throws(
    () => ReadingEntry.supervise(done, '9001', AT),
    (e: unknown) => isAppError(e, 'Reading_WrongStep'),
  );
});

test('held for the office applies to a billed high reading only: low, unbilled and the default stay as they were', () => {
  const hold = { ...rules, highConsumption: 'hold-for-office' as const };
  const twice = (s: EntryState, k: string) => ReadingEntry.submit(ReadingEntry.submit(s, k, AT), k, AT);
  const low = twice(begin(summerMeter, { rules: hold }), '12010');
  assert.ok(low.step === 'done' && low.outcome.kind === 'reading' && low.outcome.heldForOffice === undefined, 'low: no hold');
  const unbilled = twice(begin(summerMeter, { rules: hold, billed: false }), '12400');
  assert.ok(unbilled.step === 'done' && unbilled.outcome.kind === 'reading' && unbilled.outcome.heldForOffice === undefined);
  assert.is(twice(begin(), '12400').step, 'supervise', 'the default asks for a supervisor');
  // a wrap that is itself high goes through the same re-key, then the hold
  const lower = ReadingEntry.submit(begin({ ...summerMeter, lastIndex: 99000 }, { rules: hold }), '00500', AT);
  assert.ok(lower.step === 'choose');
  const rolled = ReadingEntry.choose(lower, 'rollover', AT);
  assert.is(rolled.step, 'rekey');
  const held = ReadingEntry.submit(rolled, '00500', AT);
  assert.ok(held.step === 'done' && held.outcome.kind === 'reading' && held.outcome.heldForOffice && held.outcome.rollover);
});

test('low or zero needs no supervisor; the field-work flows (no billed) keep the re-key alone', () => {
  const low = ReadingEntry.submit(ReadingEntry.submit(begin(), '12010', AT), '12010', AT);
  assert.is(low.step, 'done');
  const plain = ReadingEntry.submit(ReadingEntry.submit(begin(summerMeter, { billed: false }), '12400', AT), '12400', AT);
  assert.is(plain.step, 'done');
  // an index that is not billed (a cut's closing index) is not capped: the field-work flow asks as before
  assert.is(ReadingEntry.submit(begin(summerMeter, { billed: false }), String(12000 + 8000), AT).step, 'rekey');
  const lower = ReadingEntry.submit(begin(summerMeter, { billed: false }), '00050', AT);
  assert.ok(lower.step === 'choose' && lower.allowed.includes('rollover'));
});

test.run();
