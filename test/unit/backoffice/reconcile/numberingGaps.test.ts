// Invoice numbers per series and year: issued + voided must run without holes, each used once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatInvoiceNo } from '../../../../src/core/billing/invoiceNo.js';
import { numberingGaps } from '../../../../src/backoffice/reconcile/numberingGaps.js';

const no = (seq: number, series = 'HTA', year = 2025) => formatInvoiceNo(series, year, seq);
const range = (a: number, b: number, series?: string, year?: number) =>
  Array.from({ length: b - a + 1 }, (_, i) => no(a + i, series, year));

test('a contiguous run, in any order, has no gaps and no duplicates', () => {
  assert.equal(numberingGaps([...range(1, 50)].reverse(), []), { gaps: [], duplicates: [], malformed: [] });
});

test('missing numbers are reported as inclusive ranges per series and year', () => {
  const issued = [...range(1, 3), ...range(7, 7), ...range(9, 10), ...range(5, 6, 'HTB'), ...range(8, 8, 'HTB')];
  assert.equal(numberingGaps(issued, []).gaps, [
    { series: 'HTA', year: 2025, from: 4, to: 6 },
    { series: 'HTA', year: 2025, from: 8, to: 8 },
    { series: 'HTB', year: 2025, from: 7, to: 7 },
  ]);
});

test('voided numbers fill the holes they explain', () => {
  const r = numberingGaps([...range(1, 3), ...range(7, 9)], range(4, 6));
  assert.equal(r.gaps, []);
  assert.equal(r.duplicates, []);
});

test('a new year starts its own sequence: no gap between years', () => {
  const r = numberingGaps([...range(1, 120, 'HTA', 2025), ...range(1, 3, 'HTA', 2026)], []);
  assert.equal(r.gaps, []);
});

test('the run starts at the first number seen (a device provisioned mid-year), not at 1', () => {
  assert.equal(numberingGaps(range(40, 45), []).gaps, []);
});

test('a number issued twice, or issued and voided, is a duplicate', () => {
  const r = numberingGaps([...range(1, 4), no(2), no(3)], [no(3), no(5)]);
  assert.equal(r.duplicates, [
    { invoiceNo: no(2), issued: 2, voided: 0 },
    { invoiceNo: no(3), issued: 2, voided: 1 },
  ]);
  assert.equal(r.gaps, []);
});

test('a malformed number is reported, not dropped', () => {
  assert.equal(numberingGaps(['HTA2025000000001', 'bogus'], []).malformed, ['bogus']);
});

test.run();
