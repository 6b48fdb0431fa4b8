/**
 * What the document ledger records and the document.printed event carries (contract v1):
 * `documentType`, `documentNo`, `copy` (1 = original), `sha256` of the exact bytes sent.
 * Record it only after Printer.print() resolved; a rejected print is not a printed document.
 */
import type { DocumentType, PrintDocument } from './types.js';

export interface DocumentPrintedData {
  documentType: DocumentType;
  documentNo: string;
  copy: number;
  sha256: string;
}

export function documentPrintedData(doc: PrintDocument, sha256: string): DocumentPrintedData {
  return { documentType: doc.type, documentNo: doc.documentNo, copy: doc.copy, sha256 };
}
