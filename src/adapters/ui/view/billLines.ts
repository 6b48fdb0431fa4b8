/** An invoice preview (or the issued invoice) as screen lines. */
import type { InvoiceCalc } from '../../../core/billing/types.js';
import type { Translator } from '../i18n/index.js';
import { formatDate, formatDecimal, formatIndex, formatMoney, formatPercent } from './format.js';
import { clip, line, type Line } from './text.js';

function totalLines(c: InvoiceCalc, cols: number, t: Translator): Line[] {
  const total = formatMoney(c.total, t.locale);
  const rounding = formatMoney(c.roundingCarry, t.locale);
  const long = [t('bill.total', { amount: total }), t('bill.rounding', { amount: rounding })];
  for (const [a, b] of [long, [t('bill.totalShort', { amount: total }), t('bill.roundingShort', { amount: rounding })]] as const) {
    const one = `${a}  ${b}`;
    if ([...one].length <= cols) return [line(one)];
  }
  return long.map((s) => line(clip(s, cols)));
}

export function billLines(c: InvoiceCalc, cols: number, t: Translator, flags: { rollover: boolean; outlier: boolean }): Line[] {
  const L = t.locale;
  const digits = c.digits ?? 0;
  const out: Line[] = [
    line(clip(t('bill.indexes', { previous: formatIndex(c.previousIndex, digits), current: formatIndex(c.currentIndex, digits) }), cols)),
  ];
  if (flags.rollover) out.push(line(clip(t('bill.rollover'), cols)));
  if (flags.outlier) out.push(line(clip(t('bill.outlier'), cols)));
  out.push(line(clip(t('bill.consumption', { m3: formatDecimal(c.consumptionM3, L), days: c.period.days }), cols)));
  if (!c.billable) {
    out.push(line(clip(t('bill.notBillable'), cols), 'bold'));
    return out;
  }
  out.push(
    line(clip(t('bill.energy', { kwh: formatDecimal(c.energyKwh, L) }), cols)),
    line(clip(t('bill.amount', { amount: formatMoney(c.consumptionAmount, L) }), cols)),
    // Charges and VAT per rate (docs/invoice.md); a gas-only bill shows its one VAT line as before.
    ...c.lines
      .filter((l) => l.code !== 'gas')
      .map((l) => line(clip(t('bill.charge', { name: l.description, amount: formatMoney(l.amount, L) }), cols))),
    ...(c.vatTotals ?? [{ vatRate: c.vatRate, vat: c.vat }]).map((v) =>
      line(clip(t('bill.vat', { rate: formatPercent(v.vatRate), amount: formatMoney(v.vat, L) }), cols)),
    ),
    // The total and the rounding, as on the slip (src/core/documents/invoiceAmounts.ts), so the
    // payable on the preview adds up from what the crew sees (issue 19). One line when it fits.
    ...totalLines(c, cols, t),
    ...(c.previousCarry !== undefined && Number(c.previousCarry) !== 0
      ? [
          line(
            clip(
              t('bill.carry', {
                amount: formatMoney(c.previousCarry.startsWith('-') ? c.previousCarry.slice(1) : `-${c.previousCarry}`, L),
              }),
              cols,
            ),
          ),
        ]
      : []),
    line(clip(t('bill.payable', { amount: formatMoney(c.payable, L) }), cols), 'bold'),
    line(clip(t('bill.due', { date: formatDate(c.dueDate, L) }), cols)),
  );
  return out;
}
