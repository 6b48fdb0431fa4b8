/**
 * The QR code on an invoice: GİB's karekod content (JSON), and the project's own verification code.
 *
 * Karekod. GİB's "Karekod Standardı Kılavuzu" (e-Belge karekod standard guide) makes a karekod
 * mandatory on the visual of every e-Fatura and e-Arşiv Fatura issued from 2023-09-01. Its content
 * is one JSON object whose keys and order are KAREKOD_FIELDS below. Followed: KAREKOD_STANDARD
 * (guide v1.0, published 2023-02-17, updated 2023-07-27 with §3 on where the karekod is shown), the
 * e-Arşiv example of §2.2 and the key order of the karekod block in GİB's sample `general.xslt`
 * (UBL-TR 1.2.1 package). docs/invoice.md "The karekod" lists the fields and what fills each.
 * The content is ASCII only (the keys are, and the values are digits, dates, a UUID and codes), so
 * a scanner and the ESC/POS byte count agree.
 *
 * Verification code ("Doğrulama kodu", printed under the QR; unchanged since the SAHA1 payload):
 *   the first 16 lowercase hex digits of
 *   SHA-256( UTF-8( "SAHA1|" + invoiceNo + "|" + ettn + "|" + issuedAt + "|" + deviceId + "|"
 *                   + installationNo + "|" + total + "|" + payable ) )
 * where total and payable are the invoice's canonical decimal strings ("2461.63", as in the
 * invoice.issued event) and issuedAt is that event's timestamp verbatim. The back office has all of
 * these from invoice.issued, so it can recompute the code and spot a forged or altered slip. It is a
 * checksum, not a signature: it has no secret key. It is no longer inside the QR, which holds GİB's
 * content only (a GİB reader expects exactly the guide's keys).
 */
import { createHash } from 'node:crypto';
import { dec } from '../billing/decimal.js';
import type { Invoice } from '../billing/types.js';
import { billedTaxId } from '../billing/taxId.js';
import { localDate } from '../time/calendar.js';
import type { DistributorInfo } from './types.js';

/** The input string of the verification code starts with this tag (kept so old slips still verify). */
export const QR_VERSION = 'SAHA1';

/** The version of GİB's guide the karekod content follows. */
export const KAREKOD_STANDARD = 'GİB Karekod Standardı Kılavuzu v1.0 (2023-02-17, updated 2023-07-27), e-Arşiv Fatura';

/** e-Arşiv invoice scenario and type, as the UBL-TR ProfileID and InvoiceTypeCode the integrator sends. */
export const KAREKOD_SCENARIO = 'EARSIVFATURA';
export const KAREKOD_TYPE = 'SATIS';
export const KAREKOD_CURRENCY = 'TRY';

/**
 * The e-Arşiv verification line printed under the karekod: how the buyer checks the invoice (the
 * karekod or the ETTN). Wording to be confirmed by a tax adviser (docs/invoice.md).
 */
export const EARSIV_VERIFY_LINE = 'e-Arşiv fatura: karekod ya da ETTN ile doğrulanabilir.';

export interface KarekodField {
  /** The JSON key; "(r)" stands for the VAT percentage, one key per VAT rate ("kdvmatrah(20)"). */
  key: string;
  /** The UBL-TR element GİB's sample XSLT reads it from. */
  ubl: string;
  /** What fills it here. */
  source: string;
}

/** The karekod keys in the guide's order (data: docs/invoice.md prints the same table). */
export const KAREKOD_FIELDS: readonly KarekodField[] = [
  { key: 'vkntckn', ubl: 'AccountingSupplierParty PartyIdentification ID (VKN/TCKN)', source: 'distributor.taxNo (seller)' },
  { key: 'avkntckn', ubl: 'AccountingCustomerParty PartyIdentification ID (VKN/TCKN)', source: 'customer.taxId, 11111111111 when none' },
  { key: 'senaryo', ubl: 'ProfileID', source: `"${KAREKOD_SCENARIO}"` },
  { key: 'tip', ubl: 'InvoiceTypeCode', source: `"${KAREKOD_TYPE}"` },
  { key: 'tarih', ubl: 'IssueDate (YYYY-MM-DD)', source: 'issuedAt, as the Istanbul calendar date' },
  { key: 'no', ubl: 'ID (16 characters)', source: 'invoiceNo' },
  { key: 'ettn', ubl: 'UUID', source: 'ettn' },
  { key: 'parabirimi', ubl: 'DocumentCurrencyCode', source: `"${KAREKOD_CURRENCY}"` },
  { key: 'malhizmettoplam', ubl: 'LegalMonetaryTotal LineExtensionAmount', source: 'sum of the net amounts of all lines' },
  { key: 'kdvmatrah(r)', ubl: 'TaxSubtotal TaxableAmount, TaxTypeCode 0015 (KDV), per Percent', source: 'vatTotals[].net' },
  { key: 'hesaplanankdv(r)', ubl: 'TaxSubtotal TaxAmount, TaxTypeCode 0015 (KDV), per Percent', source: 'vatTotals[].vat' },
  { key: 'vergidahil', ubl: 'LegalMonetaryTotal TaxInclusiveAmount', source: 'total (all lines with VAT, before the carry)' },
  { key: 'odenecek', ubl: 'LegalMonetaryTotal PayableAmount', source: 'payable (after the previous carry and the rounding)' },
];

export type KarekodInvoice = Pick<
  Invoice,
  'invoiceNo' | 'ettn' | 'issuedAt' | 'consumptionAmount' | 'vatRate' | 'vat' | 'total' | 'payable' | 'lines' | 'vatTotals'
> & { customer: { taxId?: string } };

/** A VAT fraction as the percentage GİB's keys carry: "0.20" → "20", "0.085" → "8.5". */
export function karekodPercent(rate: string): string {
  return dec(rate).mul(100).toString();
}

/** The karekod's key/value pairs, in the guide's order. Amounts are the invoice's decimal strings. */
export function karekodContent(inv: KarekodInvoice, seller: Pick<DistributorInfo, 'taxNo'>): Record<string, string> {
  const totals = inv.vatTotals ?? [{ vatRate: inv.vatRate, net: inv.consumptionAmount, vat: inv.vat }];
  const places = Math.max(0, (inv.consumptionAmount.split('.')[1] ?? '').length);
  // Invoices stored before charges existed carry no lines: the gas line is then the only one.
  const lineNet = inv.lines.length ? inv.lines.reduce((s, l) => s.add(l.amount), dec(0)).toFixed(places) : inv.consumptionAmount;
  const c: Record<string, string> = {
    vkntckn: seller.taxNo,
    avkntckn: billedTaxId(inv.customer.taxId),
    senaryo: KAREKOD_SCENARIO,
    tip: KAREKOD_TYPE,
    tarih: localDate(Date.parse(inv.issuedAt)),
    no: inv.invoiceNo,
    ettn: inv.ettn,
    parabirimi: KAREKOD_CURRENCY,
    malhizmettoplam: lineNet,
  };
  for (const t of totals) {
    c[`kdvmatrah(${karekodPercent(t.vatRate)})`] = t.net;
    c[`hesaplanankdv(${karekodPercent(t.vatRate)})`] = t.vat;
  }
  c.vergidahil = inv.total;
  c.odenecek = inv.payable;
  return c;
}

/** The QR's data: the karekod content as compact JSON (ASCII). */
export function invoiceQrPayload(inv: KarekodInvoice, seller: Pick<DistributorInfo, 'taxNo'>): string {
  const payload = JSON.stringify(karekodContent(inv, seller));
  if (!/^[\x20-\x7e]+$/.test(payload)) throw new RangeError('invoice QR payload must be ASCII');
  return payload;
}

export function invoiceVerificationHash(
  inv: Pick<Invoice, 'invoiceNo' | 'ettn' | 'issuedAt' | 'deviceId' | 'total' | 'payable'> & { customer: { installationNo: string } },
): string {
  const input = [QR_VERSION, inv.invoiceNo, inv.ettn, inv.issuedAt, inv.deviceId, inv.customer.installationNo, inv.total, inv.payable].join(
    '|',
  );
  return createHash('sha256').update(input, 'utf8').digest('hex').slice(0, 16);
}
