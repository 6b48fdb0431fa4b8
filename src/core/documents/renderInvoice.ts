/**
 * The spot-billing invoice slip: every field of docs/domain.md §1 "Fields on the printed invoice".
 * Numbers come from the billing core as exact decimal strings and are only regrouped here.
 */
import type { Invoice } from '../billing/types.js';
import { checkOptions, distributorHeader, emergency, footer, reprintMark, title } from './commonBlocks.js';
import { formatDate, formatDateTime, formatDecimal } from './format.js';
import { invoiceAmounts, previousDebtNote } from './invoiceAmounts.js';
import { EARSIV_VERIFY_LINE, invoiceQrPayload, invoiceVerificationHash } from './invoiceQr.js';
import { kv, labelled, para, rule } from './layout.js';
import type { DistributorInfo, DocLine, PrintDocument, RenderOptions } from './types.js';

export function renderInvoice(inv: Invoice, distributor: DistributorInfo, o: RenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const lines: DocLine[] = [
    ...distributorHeader(distributor, w),
    ...title('Doğal Gaz Faturası', w, 'e-Arşiv Fatura'),
    ...reprintMark(o),
    ...kv('Fatura No:', inv.invoiceNo, w),
    ...kv('ETTN:', inv.ettn, w),
    ...kv('Düzenleme:', formatDateTime(inv.issuedAt), w),
    rule(w),
    ...labelled('Abone:', inv.customer.name, w),
    ...labelled('Adres:', inv.customer.address, w),
    ...kv('Tesisat No:', inv.customer.installationNo, w),
    ...kv('Sözleşme Hesap No:', inv.customer.contractAccount, w),
    ...(inv.customer.taxId ? kv('VKN/TCKN:', inv.customer.taxId, w) : []),
    ...kv('Sayaç Seri No:', inv.meter.serial, w),
    rule(w),
    ...kv('İlk okuma:', formatDate(inv.period.from), w),
    ...kv('Son okuma:', formatDate(inv.period.to), w),
    ...kv('Gün sayısı:', String(inv.period.days), w),
    ...kv('İlk endeks:', String(inv.previousIndex), w),
    ...kv('Son endeks:', String(inv.currentIndex), w),
    ...(inv.rollover ? para('(Sayaç sıfırdan döndü)', w) : []),
    ...kv('Tüketim (m³):', formatDecimal(inv.consumptionM3), w),
    ...kv('Düzeltme katsayısı (K):', formatDecimal(inv.correctionFactor), w),
    ...kv('Düzeltilmiş hacim (m³):', formatDecimal(inv.correctedM3), w),
    ...kv('Üst ısıl değer (kcal/m³):', formatDecimal(inv.calorificValue), w),
    ...kv('kWh katsayısı:', formatDecimal(inv.kwhFactor), w),
    ...kv('Tüketim (kWh):', formatDecimal(inv.energyKwh), w),
    ...kv('Birim fiyat (TL/kWh):', formatDecimal(inv.unitPrice, { group: false }), w),
    rule(w),
    ...invoiceAmounts(inv, w),
    ...previousDebtNote(inv, w),
    ...(inv.emailTo ? para('Faturanız e-posta ile de gönderilecektir.', w) : []),
    rule(w),
    { kind: 'qr', data: invoiceQrPayload(inv, distributor) },
    ...para(EARSIV_VERIFY_LINE, w),
    ...kv('Doğrulama kodu:', invoiceVerificationHash(inv), w),
    rule(w),
    ...emergency(w),
    ...footer({ operatorId: inv.operatorId, deviceId: inv.deviceId }, o),
    { kind: 'cut' },
  ];
  return { type: 'invoice', documentNo: o.documentNo, copy: o.copy, width: w, lines };
}
