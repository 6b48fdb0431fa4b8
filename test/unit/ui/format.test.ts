/** Money, dates, ages as the crew reads them. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import {
  formatAge,
  formatClock,
  formatDate,
  formatDecimal,
  formatIndex,
  formatMoney,
  formatPercent,
  formatWait,
} from '../../../src/adapters/ui/view/format.js';

const tr = translator('tr');
const en = translator('en');

test('money from exact decimal strings, Turkish and English separators', () => {
  assert.is(formatMoney('1374.00', 'tr'), '1.374,00 TL');
  assert.is(formatMoney('1374', 'en'), '1.374,00 TL', 'one money style in every locale');
  assert.is(formatMoney('1234567.5', 'tr'), '1.234.567,50 TL');
  assert.is(formatMoney('-0.40', 'tr'), '-0,40 TL');
  assert.is(formatDecimal('105', 'tr'), '105');
  assert.is(formatDecimal('1187.25', 'tr'), '1.187,25');
});

test('dates, clock in Istanbul, indexes with leading zeros, VAT percent', () => {
  assert.is(formatDate('2026-10-26', 'tr'), '26.10.2026');
  assert.is(formatDate('2026-10-26', 'en'), '26.10.2026', 'one date style in every locale');
  assert.is(formatClock(Date.UTC(2026, 10, 25, 7, 5)), '10:05');
  assert.is(formatIndex(1007, 5), '01007');
  assert.is(formatPercent('0.20'), '20');
  assert.is(formatPercent('0.01'), '1');
  assert.is(formatPercent('0.185'), '18.5');
});

test('ages and waits', () => {
  assert.is(formatAge(45_000, tr), '45 sn');
  assert.is(formatAge(12 * 60_000 + 5, tr), '12 dk');
  assert.is(formatAge(3 * 3_600_000, en), '3 h');
  assert.is(formatAge(2 * 86_400_000, tr), '2 gün');
  assert.is(formatWait(29_001, tr), '30 sn', 'rounded up: never "0 sn" while locked');
  assert.is(formatWait(90_000, tr), '2 dk');
});

test.run();
