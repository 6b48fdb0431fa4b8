import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectedConsumption } from '../../../src/core/reading/expectedConsumption.js';
import { ErrorCode, isAppError } from '../../../src/core/errors/AppError.js';

const m = (expectedDailyM3: string | undefined, lastReadDate = '2026-01-01') =>
  expectedDailyM3 === undefined ? { lastReadDate } : { lastReadDate, expectedDailyM3 };

test('expected m³ is the daily figure times the days since the last reading', () => {
  assert.is(expectedConsumption(m('2'), '2026-01-31'), '60');
  assert.is(expectedConsumption(m('3.12'), '2026-02-01'), '96.72'); // 31 days
});

test('decimal daily figures stay exact (no float artefacts)', () => {
  // In binary floating point 0.1 × 3 = 0.30000000000000004 and 1.1 × 3 = 3.3000000000000003.
  assert.is(expectedConsumption(m('0.1'), '2026-01-04'), '0.3');
  assert.is(expectedConsumption(m('1.1'), '2026-01-04'), '3.3');
});

test('no daily figure, no expectation', () => {
  assert.is(expectedConsumption(m(undefined), '2026-01-31'), undefined);
});

test('a second visit on the same day expects zero', () => {
  assert.is(expectedConsumption(m('2'), '2026-01-01'), '0');
});

test('days span a leap day and a month end as calendar days', () => {
  assert.is(expectedConsumption(m('1', '2028-02-01'), '2028-03-01'), '29');
});

test('bad job data is a Reading_Invalid error naming the field', () => {
  const cases: [Parameters<typeof expectedConsumption>[0], string, string][] = [
    [m('2'), '2025-12-31', 'readDate'],
    [m('2'), '31.01.2026', 'readDate'],
    [m('2', '2026-13-01'), '2026-01-31', 'meter.lastReadDate'],
    [m('-1'), '2026-01-31', 'meter.expectedDailyM3'],
    [m('2,5'), '2026-01-31', 'meter.expectedDailyM3'],
  ];
  for (const [meter, date, field] of cases) {
    assert.throws(
      () => expectedConsumption(meter, date),
      (e: unknown) => isAppError(e, ErrorCode.Reading_Invalid) && e.context.field === field,
      field,
    );
  }
});

test.run();
