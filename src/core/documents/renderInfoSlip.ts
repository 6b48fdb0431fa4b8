/**
 * The information slip ("bilgi fişi") printed instead of an invoice for a buyer registered for
 * e-Fatura (docs/invoice.md "Bilgi fişi"). Such a buyer must receive an e-Fatura, which the office
 * issues through its integrator from invoice.issued (documentKind "bilgi-fisi"); the handheld cannot
 * issue one. So this slip says, at the top and in bold, that it is not an invoice, carries its own
 * series number (not an e-Arşiv number), no ETTN and no GİB karekod, and shows the reading and the
 * amounts the e-Fatura will carry, so the customer can check them on the spot.
 */
import type { Invoice } from '../billing/types.js';
import { checkOptions, distributorHeader, emergency, footer, reprintMark, title } from './commonBlocks.js';
import { formatDate, formatDateTime, formatDecimal } from './format.js';
import { invoiceAmounts, previousDebtNote } from './invoiceAmounts.js';
import { kv, labelled, para, rule } from './layout.js';
import type { DistributorInfo, DocLine, InvoiceRenderOptions, PrintDocument } from './types.js';

/** The statement the slip opens with: it does not replace the invoice (VUK: only the e-Fatura is the invoice). */
export const INFO_SLIP_NOTICE = 'BİLGİ FİŞİDİR - FATURA YERİNE GEÇMEZ';
/** Where the invoice will come from. */
export const INFO_SLIP_EFATURA_NOTE = 'Faturanız e-Fatura olarak düzenlenip e-Fatura adresinize gönderilecektir.';

export function renderInfoSlip(inv: Invoice, distributor: DistributorInfo, o: InvoiceRenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const lines: DocLine[] = [
    ...distributorHeader(distributor, w),
    ...title('Bilgi Fişi', w, 'Doğal gaz tüketimi'),
    ...para(INFO_SLIP_NOTICE, w, { align: 'center', bold: true }),
    rule(w),
    ...reprintMark(o),
    ...kv('Fiş No:', inv.invoiceNo, w),
    ...kv('Düzenleme:', formatDateTime(inv.issuedAt), w),
    rule(w),
    ...labelled('Abone:', inv.customer.name, w),
    ...labelled('Adres:', inv.customer.address, w),
    ...kv('Tesisat No:', inv.customer.installationNo, w),
    ...kv('Sözleşme Hesap No:', inv.customer.contractAccount, w),
    ...(inv.customer.taxId ? kv('VKN/TCKN:', inv.customer.taxId, w) : []),
    ...kv('Sayaç Seri No:', inv.meter.serial, w),
    rule(w),
    ...kv('Dönem:', `${formatDate(inv.period.from)}-${formatDate(inv.period.to)}`, w),
    ...kv('İlk / son endeks:', `${inv.previousIndex} / ${inv.currentIndex}`, w),
    ...(inv.rollover ? para('(Sayaç sıfırdan döndü)', w) : []),
    ...kv('Tüketim (m³):', formatDecimal(inv.consumptionM3), w),
    ...kv('Tüketim (kWh):', formatDecimal(inv.energyKwh), w),
    ...kv('Birim fiyat (TL/kWh):', formatDecimal(inv.unitPrice, { group: false }), w),
    rule(w),
    ...invoiceAmounts(inv, w),
    ...previousDebtNote(inv, w),
    rule(w),
    ...para(INFO_SLIP_EFATURA_NOTE, w),
    ...para(INFO_SLIP_NOTICE, w, { align: 'center', bold: true }),
    rule(w),
    ...emergency(w),
    // "Belge No" would repeat the Fiş No printed at the top (the invoice does the same).
    ...footer({ operatorId: inv.operatorId, operatorName: o.operatorName, deviceId: inv.deviceId }, o, {
      documentNoShown: o.documentNo === inv.invoiceNo,
    }),
    { kind: 'cut' },
  ];
  return { type: 'info-slip', documentNo: o.documentNo, copy: o.copy, width: w, lines };
}
