/**
 * The printed-document catalogue for the words the app, not a renderer, puts on a document or in
 * the document ledger (app/PrintService.ts): the ledger title of each document type and the reprint
 * reasons the app gives itself. Turkish whatever the screen language, like the documents
 * (docs/invoice.md): the reason is printed under "Neden:" on the copy and the office reads both in
 * the ledger. The reasons a crew picks on the reprint screen come from the UI catalogue
 * (src/adapters/ui/i18n/tr.ts, `reprint.reason.*`), also in Turkish.
 */
import type { DocumentType } from './types.js';

/** The document's name in the ledger and the printer queue. */
export const DOCUMENT_NAMES: Readonly<Record<DocumentType, string>> = {
  invoice: 'Fatura',
  'info-slip': 'Bilgi fişi',
  'cut-notice': 'Kesme bildirimi',
  'reconnection-receipt': 'Açma fişi',
  'meter-report': 'Sayaç tutanağı',
  'day-summary': 'Gün sonu',
  'inspection-report': 'Tutanak',
};

/** A ledger title: the document's name and what tells it apart (its number, or a day summary's date). */
export function documentTitle(type: DocumentType, ref: string): string {
  return `${DOCUMENT_NAMES[type]} ${ref}`;
}

/** Why the app itself printed a copy (a reprint needs a reason on paper: commonBlocks.ts reprintMark). */
export const REPRINT_REASONS = {
  /** An unprinted document (saved, never printed) printed from the reprint screen. */
  firstPrint: 'ilk baskı',
  /** "Print" asked again for an invoice that already has a printed copy. */
  firstPrintAgain: 'ilk baskı tekrarı',
  /** A copy asked for with no reason given. */
  unspecified: 'yeniden baskı',
} as const;
