/**
 * The months the e-mailed invoice's chart shows (core/documents/consumptionHistory.ts) and the
 * bars' geometry (backoffice/pdfHistoryChart.ts): calendar months, gaps kept, a repeated month's
 * last entry, this bill last; bar heights in proportion to the m³.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chartGeometry } from '../../../src/backoffice/pdfHistoryChart.js';
import { addMonths, historyBars, monthLabel, sameMonthLastYear } from '../../../src/core/documents/consumptionHistory.js';

const inv = (to: string, consumptionHistory?: { period: string; m3: string }[]) => ({
  period: { from: '2000-01-01', to, days: 30 },
  consumptionM3: '150',
  ...(consumptionHistory ? { consumptionHistory } : {}),
});

test('month arithmetic and Turkish labels across a year end', () => {
  assert.is(addMonths('2025-01', -1), '2024-12');
  assert.is(addMonths('2025-12', 1), '2026-01');
  assert.is(addMonths('2026-02', -12), '2025-02');
  assert.is(addMonths('2026-02', -25), '2024-01');
  assert.is(monthLabel('2025-08'), 'Ağu 25');
  assert.is(monthLabel('2026-02'), 'Şub 26');
  assert.is(monthLabel('2024-12'), 'Ara 24');
});

test('12 calendar months before the bill, oldest first, then the bill; gaps are null bars', () => {
  const bars = historyBars(
    inv('2026-01-05', [
      { period: '2025-12', m3: '200' },
      { period: '2025-02', m3: '99.5' },
      { period: '2025-01', m3: '300' },
      { period: '2024-12', m3: '1' },
    ]),
  );
  assert.equal(
    bars.map((b) => b.period),
    Array.from({ length: 13 }, (_, i) => addMonths('2025-01', i)),
  );
  assert.equal(bars[0], { period: '2025-01', label: 'Oca 25', m3: '300', current: false });
  assert.is(bars[1]!.m3, '99.5');
  assert.is(bars[5]!.m3, null);
  assert.is(bars[11]!.m3, '200');
  assert.equal(bars[12], { period: '2026-01', label: 'Oca 26', m3: '150', current: true });
  assert.is(sameMonthLastYear(bars)?.m3, '300');
});

test("a month given twice counts its last entry; this month's or later entries are ignored; none: no chart", () => {
  const bars = historyBars(
    inv('2025-09-01', [
      { period: '2025-08', m3: '10' },
      { period: '2025-08', m3: '20' },
      { period: '2025-09', m3: '999' },
      { period: '2026-01', m3: '999' },
    ]),
  );
  assert.is(bars.length, 13);
  assert.is(bars[11]!.m3, '20');
  assert.is(bars[12]!.m3, '150', "the bill's own metered m³, not the office's");
  assert.not.ok(bars.some((b) => b.m3 === '999'));
  assert.is(sameMonthLastYear(bars), undefined, 'no entry a year back');
  assert.equal(historyBars(inv('2025-09-01')), []);
  assert.equal(historyBars(inv('2025-09-01', [])), []);
  assert.is(historyBars(inv('2025-09-01', [{ period: '2025-08', m3: '1' }]), 6).length, 7);
});

test('bar geometry: bottom-aligned, the largest reaching the top, heights in proportion, gaps drawn as nothing', () => {
  const plot = { x: 10, y: 100, w: 130, h: 80 };
  const bars = historyBars(
    inv('2026-01-05', [
      { period: '2025-12', m3: '300' },
      { period: '2025-11', m3: '75' },
      { period: '2025-10', m3: '0' },
    ]),
  );
  const rects = chartGeometry(bars, plot);
  assert.is(rects.length, 4, 'three months and the bill; the nine empty months have no rectangle');
  const by = (p: string) => rects.find((r) => r.bar.period === p)!;
  assert.is(by('2025-12').h, 80);
  assert.is(by('2025-12').y, 100);
  assert.is(by('2025-11').h, 20);
  assert.is(by('2026-01').h, 40);
  assert.is(by('2025-10').h, 0);
  for (const r of rects) assert.is(r.y + r.h, 180, 'on the axis');
  const slot = plot.w / bars.length;
  assert.is(by('2026-01').x, plot.x + 12 * slot + slot * 0.15, 'the bill is the last slot');
  assert.ok(
    rects.every((r, i) => i === 0 || r.x > rects[i - 1]!.x),
    'left to right in time',
  );
  const zero = chartGeometry(historyBars({ ...inv('2026-01-05', [{ period: '2025-12', m3: '0' }]), consumptionM3: '0' }), plot);
  assert.ok(zero.every((r) => r.h === 0));
  assert.equal(chartGeometry([], plot), []);
});

test.run();
