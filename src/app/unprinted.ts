/**
 * Documents saved but never printed (issue 19): an invoice whose ledger entry is missing (the crew
 * left the preview with Esc after "Kaydedildi", or the app died between the save and the print) or
 * has no printed copy (the printer failed), and any other ledger entry with no printed copy. The
 * ledger is the store's `documents` collection (app/PrintService.ts); a document counts as printed
 * once one copy is in state `printed`.
 */
import type { Store } from '../ports/Store.js';

export interface UnprintedDocument {
  documentNo: string;
  type: string;
  /** ISO instant the document was issued (the invoice's issuedAt, else the ledger entry's). */
  at: string;
  jobId?: string;
  /** The customer's name when the job (or the invoice) names one. */
  customer?: string;
}

/** Oldest first: the crew prints them in the order the customers were visited. */
export function unprintedDocuments(store: Store): UnprintedDocument[] {
  const out: UnprintedDocument[] = [];
  const printed = (no: string) => store.get('documents', no)?.copies.some((c) => c.state === 'printed') ?? false;
  for (const { invoice } of store.values('invoices')) {
    if (printed(invoice.invoiceNo)) continue;
    out.push({
      documentNo: invoice.invoiceNo,
      type: invoice.documentKind === 'bilgi-fisi' ? 'info-slip' : 'invoice',
      at: invoice.issuedAt,
      jobId: invoice.jobId,
      customer: invoice.customer.name,
    });
  }
  for (const e of store.values('documents')) {
    // Bills (invoices and bilgi fişleri) were listed above from the invoices collection.
    if (e.source.kind === 'invoice' || e.copies.some((c) => c.state === 'printed')) continue;
    const name = e.jobId ? store.get('jobs', e.jobId)?.job.customer.name : undefined;
    out.push({
      documentNo: e.documentNo,
      type: e.type,
      at: e.at,
      ...(e.jobId ? { jobId: e.jobId } : {}),
      ...(name ? { customer: name } : {}),
    });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
