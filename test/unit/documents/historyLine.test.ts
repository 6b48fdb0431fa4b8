// The slip's one-line consumption history (core/documents/historyLine.ts): the newest months that fit, this bill last.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { historyLine } from '../../../src/core/documents/historyLine.js';

const inv = (consumptionHistory?: { period: string; m3: string }[], consumptionM3 = '150.4') => ({
  period: { from: '2025-12-05', to: '2026-01-05', days: 31 },
  consumptionM3,
  ...(consumptionHistory ? { consumptionHistory } : {}),
});
const year = Array.from({ length: 12 }, (_, i) => ({ period: `2025-${String(i + 1).padStart(2, '0')}`, m3: String(100 + i * 111) }));

test('the newest months that fit, whole m³ half-up, gaps as "-", this bill after a bar', () => {
  const h = [
    { period: '2025-10', m3: '96.5' },
    { period: '2025-12', m3: '263.49' },
  ];
  assert.is(historyLine(inv(h), 32), 'Eki–Oca m³: 97 - 263 | 150');
  for (const w of [32, 42, 48]) {
    const l = historyLine(inv(year), w)!;
    assert.ok([...l].length <= w, `${l} fits ${w}`);
    assert.match(l, /\| 150$/);
    assert.match(l, /1\.321 \| 150$/, 'December (100 + 11 × 111 = 1321) is the last earlier figure');
  }
  assert.ok(historyLine(inv(year), 48)!.split(' ').length > historyLine(inv(year), 32)!.split(' ').length, 'wider paper, more months');
  assert.is(historyLine(inv(year), 200), `Oca–Oca m³: ${year.map((y) => y.m3.replace(/^(\d)(\d{3})$/, '$1.$2')).join(' ')} | 150`);
});

test('nothing to print: no history, only this month or later, or a width too narrow for one month', () => {
  assert.is(historyLine(inv(), 32), undefined);
  assert.is(historyLine(inv([]), 32), undefined);
  assert.is(historyLine(inv([{ period: '2026-01', m3: '5' }]), 32), undefined);
  assert.is(historyLine(inv([{ period: '2025-12', m3: '5' }]), 10), undefined);
  assert.is(historyLine(inv([{ period: '2025-12', m3: '5' }], '0'), 32), 'Ara–Oca m³: 5 | 0');
});

test.run();
