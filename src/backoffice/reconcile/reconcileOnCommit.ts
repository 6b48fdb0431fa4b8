/**
 * The ingest plug-in for reconciliation. EventStore.storeBatch calls its in-transaction hook after a
 * batch is written and before COMMIT (src/backoffice/ingest/EventStore.ts, InTransactionHook), so
 * every stored invoice.issued gets its verdict in the transaction that stores it, and a new tariff
 * version settles the invoices that were waiting for it. The outcome type is structural (the fields
 * read here), so this module needs nothing from ingest but the shape of a batch.
 *
 * Never throws for a bad invoice (see InvoiceReconciler.safeRecompute); database errors propagate,
 * so the batch rolls back and ingest retries it whole.
 */
import type { InvoiceIssuedData } from '../../core/contract/events/invoiceEvents.js';
import type { Database, SqlClient } from '../db/Database.js';
import { recheckUnverifiable, reconcileInvoices, reconcileUnchecked } from './InvoiceReconciler.js';

export interface CommittedBatch {
  stored: readonly { envelope: { eventId: string; type: string; occurredAt: string; data: unknown } }[];
  tariffs: readonly { tariffId: string; tariff: unknown; isNew: boolean }[];
}

export async function reconcileOnCommit(tx: SqlClient, batch: CommittedBatch): Promise<void> {
  // Tariffs first: an invoice of this same batch is then checked once, already with the new version.
  for (const t of batch.tariffs) {
    if (t.isNew && t.tariff !== null) await recheckUnverifiable(tx, t.tariffId);
  }
  const invoices = batch.stored
    .filter((s) => s.envelope.type === 'invoice.issued')
    .map((s) => ({ eventId: s.envelope.eventId, occurredAt: s.envelope.occurredAt, data: s.envelope.data as InvoiceIssuedData }));
  await reconcileInvoices(tx, invoices);
}

/**
 * At ingest start: gives a verdict to every stored invoice that has none (a store filled before
 * migration 0003, or by a writer without the plug-in), in transactions of `chunk` invoices so a
 * large backlog neither holds one huge transaction nor blocks ingest for long at a time.
 */
export async function reconcileBacklog(db: Database, chunk = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const n = (await db.transaction((tx) => reconcileUnchecked(tx, chunk))).length;
    total += n;
    if (n < chunk) return total;
  }
}
