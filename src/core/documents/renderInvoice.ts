/**
 * The spot-billing invoice slip: every field of docs/domain.md §1 "Fields on the printed invoice",
 * laid out for little paper (docs/invoice.md "Paper"): the figures a customer checks in font A,
 * the legal and technical small print in font B, two fields on a line where they fit.
 * Numbers come from the billing core as exact decimal strings and are only regrouped here.
 */
import type { Invoice } from '../billing/types.js';
import { checkOptions, distributorHeader, emergency, footer, reprintMark } from './commonBlocks.js';
import { formatDate, formatDateTime, formatDecimal } from './format.js';
import { historyLine } from './historyLine.js';
import { invoiceAmounts, previousDebtNote } from './invoiceAmounts.js';
import { EARSIV_VERIFY_LINE, invoiceQrPayload, invoiceVerificationHash } from './invoiceQr.js';
import { kv, kvOneLine, labelled, pair, para, small, smallGrid, smallKv, smallRule, smallWidth } from './layout.js';
import type { DistributorInfo, DocLine, InvoiceRenderOptions, PrintDocument } from './types.js';

/** Reading, consumption and the conversion to kWh: the reading in font A, the factors in font B. */
export function consumptionBlock(inv: Invoice, w: number): DocLine[] {
  return [
    ...kv('Okuma:', `${formatDate(inv.period.from)} - ${formatDate(inv.period.to)}`, w),
    ...pair(['Endeks:', `${inv.previousIndex} - ${inv.currentIndex}`], ['Gün:', String(inv.period.days)], w),
    ...(inv.rollover ? small('(Sayaç sıfırdan döndü)', w) : []),
    ...kv('Tüketim (m³):', formatDecimal(inv.consumptionM3), w, { bold: true }),
    ...historySmall(inv, w),
    ...smallKv('Düzeltme katsayısı (K):', formatDecimal(inv.correctionFactor), w),
    ...smallKv('Düzeltilmiş hacim (m³):', formatDecimal(inv.correctedM3), w),
    ...smallKv('Üst ısıl değer (kcal/m³):', formatDecimal(inv.calorificValue), w),
    ...pair(['kWh katsayısı:', formatDecimal(inv.kwhFactor)], ['Tüketim (kWh):', formatDecimal(inv.energyKwh)], w, { small: true }),
    ...smallKv('Birim fiyat (TL/kWh):', formatDecimal(inv.unitPrice, { group: false }), w),
  ];
}

/** The last months' m³ in one line of small print, when the job carried consumptionHistory (historyLine.ts). */
function historySmall(inv: Invoice, w: number): DocLine[] {
  const h = historyLine(inv, smallWidth(w));
  return h ? small(h, w) : [];
}

/** The buyer: name in font A, address and identifiers as small print. */
export function buyerBlock(inv: Invoice, w: number): DocLine[] {
  const c = inv.customer;
  return [
    // The name on one line in font B rather than two in font A; wrapped in font A when longer.
    ...(`Abone: ${c.name}`.length > w && `Abone: ${c.name}`.length <= smallWidth(w)
      ? small(`Abone: ${c.name}`, w)
      : labelled('Abone:', c.name, w)),
    ...labelled('Adres:', c.address, smallWidth(w)).map((l) => ({ ...l, small: true })),
    ...smallGrid(
      [
        ['Tesisat No', c.installationNo],
        ['Söz. Hesap No', c.contractAccount],
        ...(c.taxId ? [['VKN/TCKN', c.taxId] as [string, string]] : []),
      ],
      w,
    ),
    ...smallKv('Sayaç Seri No:', inv.meter.serial, w),
  ];
}

export function renderInvoice(inv: Invoice, distributor: DistributorInfo, o: InvoiceRenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const lines: DocLine[] = [
    ...distributorHeader(distributor, w),
    ...para('DOĞAL GAZ FATURASI', w, { align: 'center', bold: true }),
    ...small('e-Arşiv Fatura', w, { align: 'center', bold: true }),
    smallRule(w),
    ...reprintMark(o),
    ...kv('Fatura No:', inv.invoiceNo, w),
    ...kvOneLine('ETTN:', inv.ettn, w),
    ...smallKv('Düzenleme:', formatDateTime(inv.issuedAt), w),
    ...buyerBlock(inv, w),
    ...consumptionBlock(inv, w),
    smallRule(w),
    ...invoiceAmounts(inv, w),
    ...previousDebtNote(inv, w),
    ...(inv.emailTo ? small('Faturanız e-posta ile de gönderilecektir.', w) : []),
    { kind: 'qr', data: invoiceQrPayload(inv, distributor) },
    ...small(EARSIV_VERIFY_LINE, w),
    ...smallKv('Doğrulama kodu:', invoiceVerificationHash(inv), w),
    ...emergency(w),
    ...footer({ operatorId: inv.operatorId, operatorName: o.operatorName, deviceId: inv.deviceId }, o, {
      documentNoShown: o.documentNo === inv.invoiceNo,
    }),
    { kind: 'cut' },
  ];
  return { type: 'invoice', documentNo: o.documentNo, copy: o.copy, width: w, lines };
}
