/**
 * The amounts block of the invoice slip (docs/invoice.md "On the slip"): the lines, VAT per rate,
 * the total, the previous carry deducted, the new carry and the payable. Kept apart from
 * renderInvoice.ts so the slip's layout can be compacted without touching what it must say.
 *
 * A bill with only the gas line and no previous carry prints exactly as before charges existed.
 */
import { dec } from '../billing/decimal.js';
import type { Invoice } from '../billing/types.js';
import { formatDate, formatDecimal, formatTl } from './format.js';
import { kv, kvOneLine, small, smallKv, smallTable } from './layout.js';
import type { DocLine } from './types.js';

const pct = (rate: string) => formatDecimal(dec(rate).mul(100).toString());

export function invoiceAmounts(inv: Invoice, w: number): DocLine[] {
  const charges = inv.lines.filter((l) => l.code !== 'gas');
  const totals = inv.vatTotals ?? [{ vatRate: inv.vatRate, net: inv.consumptionAmount, vat: inv.vat }];
  const carry = inv.previousCarry !== undefined && !dec(inv.previousCarry).isZero() ? inv.previousCarry : undefined;
  const out: DocLine[] = [...kv('Tüketim bedeli:', formatTl(inv.consumptionAmount), w)];
  // A charge fits one line in font A, or in font B rather than wrapping onto two.
  for (const l of charges) out.push(...kvOneLine(`${l.description} (KDV %${pct(l.vatRate)}):`, formatTl(l.amount), w));
  if (charges.length === 0 && totals.length === 1) out.push(...kv(`KDV (%${pct(inv.vatRate)}):`, formatTl(inv.vat), w));
  else {
    // VAT base and VAT per rate as one small table (a row per rate); kv lines if it does not fit.
    const rows = totals.map((t) => [`%${pct(t.vatRate)}`, formatTl(t.net), formatTl(t.vat)]);
    const table = smallTable(['KDV oranı', 'KDV matrahı', 'KDV'], rows, w);
    if (table) out.push(...table);
    else
      for (const t of totals) {
        out.push(...kv(`KDV matrahı (%${pct(t.vatRate)}):`, formatTl(t.net), w));
        out.push(...kv(`KDV (%${pct(t.vatRate)}):`, formatTl(t.vat), w));
      }
  }
  out.push(...kv('Fatura toplamı:', formatTl(inv.total), w, { bold: true }));
  // The previous carry is shown with the sign it has on this bill: a credit the customer overpaid.
  // The carries are kuruş of rounding: small print.
  if (carry) out.push(...smallKv('Önceki yuvarlama:', formatTl(carry.startsWith('-') ? carry.slice(1) : `-${carry}`), w));
  out.push(...smallKv('Yuvarlama (devreden):', formatTl(inv.roundingCarry), w));
  out.push(...kv('ÖDENECEK TUTAR:', formatTl(inv.payable), w, { bold: true }));
  out.push(...kv('SON ÖDEME TARİHİ:', formatDate(inv.dueDate), w, { bold: true }));
  // The customer sees why it is later than usual (TBK art. 93: a holiday moves it to the next working day).
  if (inv.dueDateMovedFrom) out.push(...small(`(${formatDate(inv.dueDateMovedFrom)} tatil: ertelendi)`, w));
  return out;
}

/** Debt from earlier bills: information only, it is not part of this bill's payable. */
export function previousDebtNote(inv: Invoice, w: number): DocLine[] {
  if (inv.previousDebt === undefined || dec(inv.previousDebt).isZero()) return [];
  return small(`Önceki dönemlerden ödenmemiş borcunuz: ${formatTl(inv.previousDebt)} (bu faturaya dahil değildir)`, w);
}
