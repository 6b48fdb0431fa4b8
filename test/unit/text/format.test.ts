/** The one formatter (src/core/text/format.ts): one money, number and date style on screen and paper. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDate, formatDateTime, formatDecimal, formatMoney, roundWhole } from '../../../src/core/text/format.js';

test('money and quantities: grouped thousands, decimal comma, never rounded', () => {
  assert.is(formatMoney('2461.63'), '2.461,63 TL');
  assert.is(formatMoney('188'), '188,00 TL');
  assert.is(formatMoney('-0.37'), '-0,37 TL');
  assert.is(formatDecimal('211667'), '211.667');
  assert.is(formatDecimal('0.96489117', { group: false }), '0,96489117');
  assert.is(formatDecimal('1234.5', { places: 2 }), '1.234,50');
  assert.throws(() => formatMoney('12,5'), /not a decimal/);
});

test('dates dd.MM.yyyy; instants in Istanbul time whatever their offset', () => {
  assert.is(formatDate('2026-10-26'), '26.10.2026');
  assert.is(formatDate('2026-10-26T23:30:00Z'), '26.10.2026');
  assert.is(formatDateTime('2025-09-01T10:14:00+03:00'), '01.09.2025 10:14');
  assert.is(formatDateTime('2026-03-28T22:30:00Z'), '29.03.2026 01:30');
  assert.throws(() => formatDateTime('yesterday'), /not a timestamp/);
  assert.throws(() => formatDate('26.10.2026'), /not a date/);
});

test('roundWhole: half-up away from zero, exact on long strings', () => {
  assert.is(roundWhole('96.5'), '97');
  assert.is(roundWhole('96.49'), '96');
  assert.is(roundWhole('-0.5'), '-1');
  assert.is(roundWhole('-0.4'), '0');
  assert.is(roundWhole('9999999999.9'), '10000000000');
  assert.is(roundWhole('123456789012345678901.5'), '123456789012345678902');
});

test.run();
