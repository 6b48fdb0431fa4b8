/**
 * Invoice numbering check (issue 14; numbers as core/billing/invoiceNo.ts): per series and year the
 * numbers issued plus the numbers voided (reserved, never issued: invoice.voided) must run without a
 * hole from the lowest one seen to the highest, and each number must be used once. A hole means an
 * invoice (or its void) has not reached the office, or the device skipped a number; either is what
 * a tax inspector would ask about.
 */
import { parseInvoiceNo } from '../../core/billing/invoiceNo.js';

export interface NumberingGap {
  series: string;
  year: number;
  /** First and last missing sequence numbers, inclusive. */
  from: number;
  to: number;
}

export interface DuplicateNumber {
  invoiceNo: string;
  /** How many distinct events issued / voided it (redeliveries share an eventId and count once upstream). */
  issued: number;
  voided: number;
}

export interface NumberingReport {
  gaps: NumberingGap[];
  duplicates: DuplicateNumber[];
  /** Numbers that are not in the series+year+sequence format: reported, never skipped silently. */
  malformed: string[];
}

export function numberingGaps(issued: readonly string[], voided: readonly string[]): NumberingReport {
  const uses = new Map<string, { issued: number; voided: number }>();
  const malformed: string[] = [];
  const count = (no: string, kind: 'issued' | 'voided') => {
    if (!parseInvoiceNo(no)) return void malformed.push(no);
    const u = uses.get(no) ?? { issued: 0, voided: 0 };
    u[kind] += 1;
    uses.set(no, u);
  };
  issued.forEach((no) => count(no, 'issued'));
  voided.forEach((no) => count(no, 'voided'));

  const bySeriesYear = new Map<string, { series: string; year: number; seqs: number[] }>();
  for (const no of uses.keys()) {
    const p = parseInvoiceNo(no)!;
    const key = `${p.series}:${p.year}`;
    const g = bySeriesYear.get(key) ?? { series: p.series, year: p.year, seqs: [] };
    g.seqs.push(p.seq);
    bySeriesYear.set(key, g);
  }

  const gaps: NumberingGap[] = [];
  for (const key of [...bySeriesYear.keys()].sort()) {
    const { series, year, seqs } = bySeriesYear.get(key)!;
    seqs.sort((a, b) => a - b);
    for (let i = 1; i < seqs.length; i++) {
      if (seqs[i]! > seqs[i - 1]! + 1) gaps.push({ series, year, from: seqs[i - 1]! + 1, to: seqs[i]! - 1 });
    }
  }
  const duplicates = [...uses]
    .filter(([, u]) => u.issued + u.voided > 1)
    .map(([invoiceNo, u]) => ({ invoiceNo, ...u }))
    .sort((a, b) => (a.invoiceNo < b.invoiceNo ? -1 : a.invoiceNo > b.invoiceNo ? 1 : 0));
  return { gaps, duplicates, malformed: malformed.sort() };
}
