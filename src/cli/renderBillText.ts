/**
 * Plain 32-column text of a bill calculation for `saha bill` (no customer data: the CLI has none).
 */
import { dec } from '../core/billing/decimal.js';
import { formatDecimal as trNumber } from '../core/documents/format.js';
import type { InvoiceCalc } from '../core/billing/types.js';

const pct = (rate: string) => trNumber(dec(rate).mul(100).toString());

function row(label: string, value: string, width: number): string {
  const space = Math.max(1, width - label.length - value.length);
  return label + ' '.repeat(space) + value;
}

export function renderBillText(c: InvoiceCalc, width: number): string {
  const rule = '-'.repeat(width);
  const lines = [
    rule,
    row('Dönem', `${c.period.from}..${c.period.to}`, width),
    row('Gün', String(c.period.days), width),
    row('İlk endeks', String(c.previousIndex), width),
    row('Son endeks', String(c.currentIndex) + (c.rollover ? ' (devir)' : ''), width),
    row('Tüketim m³', trNumber(c.consumptionM3), width),
    row('Düzeltme kats. K', trNumber(c.correctionFactor), width),
    row('Düzeltilmiş m³', trNumber(c.correctedM3), width),
    row('Üst ısıl değer', trNumber(c.calorificValue), width),
    row('kWh katsayısı', trNumber(c.kwhFactor), width),
    row('Tüketim kWh', trNumber(c.energyKwh), width),
    row('Birim fiyat TL/kWh', trNumber(c.unitPrice), width),
    rule,
    row('Tüketim bedeli', trNumber(c.consumptionAmount) + ' TL', width),
    // Charges and VAT per rate (docs/invoice.md); a gas-only bill prints as it always did.
    ...c.lines.filter((l) => l.code !== 'gas').map((l) => row(l.code.slice(0, 16), trNumber(l.amount) + ' TL', width)),
    ...(c.vatTotals ?? [{ vatRate: c.vatRate, vat: c.vat }]).map((t) => row(`KDV %${pct(t.vatRate)}`, trNumber(t.vat) + ' TL', width)),
    row('Toplam', trNumber(c.total) + ' TL', width),
    ...(c.previousCarry !== undefined && !dec(c.previousCarry).isZero()
      ? [row('Önceki yuvarlama', trNumber(c.previousCarry) + ' TL', width)]
      : []),
    row('Ödenecek', trNumber(c.payable) + ' TL', width),
    row('Yuvarlama farkı', trNumber(c.roundingCarry) + ' TL', width),
    row('Son ödeme tarihi', c.dueDate, width),
    ...(c.dueDateMovedFrom ? [row('  (tatil: ertelendi)', c.dueDateMovedFrom, width)] : []),
    rule,
  ];
  if (!c.billable) lines.push(`Asgari ${c.minimumBillableM3} m³ altı:`, 'fatura kesilmez, endeks devreder');
  lines.push(`Tarife: ${c.tariffIds.join(', ')}`.slice(0, width));
  return lines.join('\n') + '\n';
}
