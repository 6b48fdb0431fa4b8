/**
 * Field-by-field comparison of a recomputed calculation with an issued invoice. Every money,
 * quantity, factor, date and tariff slice is compared as the exact string printed: "2462.00" and
 * "2462.01" differ, and so do "2462.0" and "2462.00" (the device prints with the tariff's places,
 * core/billing/decimal.ts `fixed`, so the same tariff always gives the same digits). The trace is
 * not compared: it restates these same values with formula text that may be worded differently.
 */
import type { InvoiceCalc } from '../../core/billing/types.js';
import type { InvoiceIssuedData } from '../../core/contract/events/invoiceEvents.js';
import type { Difference } from './types.js';

type Scalar = string | number | boolean | null | undefined;
const show = (v: Scalar): string => (v === undefined ? '(absent)' : v === null ? 'null' : String(v));

const SCALARS = [
  'billable',
  'previousIndex',
  'currentIndex',
  'digits',
  'rollover',
  'consumptionM3',
  'minimumBillableM3',
  'correctionFactor',
  'correctedM3',
  'calorificValue',
  'kwhFactor',
  'energyKwh',
  'unitPrice',
  'consumptionAmount',
  'vatRate',
  'vat',
  'total',
  'payable',
  'roundingCarry',
] as const satisfies readonly (keyof InvoiceCalc & keyof InvoiceIssuedData)[];

function compareList<T extends object>(
  out: Difference[],
  name: string,
  expected: readonly T[],
  actual: readonly T[],
  keys: readonly (keyof T & string)[],
): void {
  if (expected.length !== actual.length)
    out.push({ field: `${name}.length`, expected: String(expected.length), actual: String(actual.length) });
  const n = Math.min(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    for (const k of keys) {
      const e = expected[i]![k] as Scalar;
      const a = actual[i]![k] as Scalar;
      if (e !== a) out.push({ field: `${name}[${i}].${k}`, expected: show(e), actual: show(a) });
    }
  }
}

export function compareInvoice(expected: InvoiceCalc, actual: InvoiceIssuedData): Difference[] {
  const out: Difference[] = [];
  for (const k of SCALARS) {
    if (expected[k] !== actual[k]) out.push({ field: k, expected: show(expected[k]), actual: show(actual[k]) });
  }
  // The office recomputes without the device's holiday calendar: its due date is the one before a
  // holiday moved it, which the device reports as dueDateMovedFrom (and a move only ever goes later).
  const issuedBefore = actual.dueDateMovedFrom ?? actual.dueDate;
  if (expected.dueDate !== issuedBefore) out.push({ field: 'dueDate', expected: expected.dueDate, actual: issuedBefore });
  if (actual.dueDateMovedFrom && !(actual.dueDate > actual.dueDateMovedFrom))
    out.push({ field: 'dueDate', expected: `after ${actual.dueDateMovedFrom}`, actual: actual.dueDate });
  for (const k of ['from', 'to', 'days'] as const) {
    if (expected.period[k] !== actual.period[k])
      out.push({ field: `period.${k}`, expected: show(expected.period[k]), actual: show(actual.period[k]) });
  }
  compareList(
    out,
    'tariffIds',
    expected.tariffIds.map((id) => ({ id })),
    actual.tariffIds.map((id) => ({ id })),
    ['id'],
  );
  compareList(out, 'segments', expected.segments, actual.segments, ['tariffId', 'from', 'to', 'days']);
  compareList(out, 'lines', expected.lines, actual.lines, ['code', 'quantity', 'unit', 'unitPrice', 'amount', 'vatRate', 'vat']);
  return out.map((d) => (d.field.startsWith('tariffIds[') ? { ...d, field: d.field.replace(/\.id$/, '') } : d));
}
