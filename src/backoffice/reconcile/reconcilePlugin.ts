/**
 * Reconciliation as an ingest plug-in (src/backoffice/ingest/plugins.ts). Each batch: every stored
 * invoice.issued gets its verdict in the batch's transaction, and a new tariff version re-checks the
 * invoices that were waiting for it (reconcileOnCommit.ts). At start: invoices stored without a
 * verdict are caught up, and every 'unverifiable' one is checked again — with several ingest
 * instances, a tariff stored by one instance while another is committing an invoice that needs it
 * can miss that invoice's re-check; the next start settles it.
 */
import type { IngestPlugin } from '../ingest/plugins.js';
import { recheckUnverifiable } from './InvoiceReconciler.js';
import { reconcileBacklog, reconcileOnCommit } from './reconcileOnCommit.js';

export function reconcilePlugin(): IngestPlugin {
  return {
    name: 'reconcile',
    async start(ctx) {
      const caughtUp = await reconcileBacklog(ctx.db);
      const rechecked = await ctx.db.transaction((tx) => recheckUnverifiable(tx));
      const settled = rechecked.filter((v) => v.result.status !== 'unverifiable').length;
      if (caughtUp || settled)
        ctx.log(
          'info',
          `reconcile: ${caughtUp} stored invoice(s) checked at start, ${settled} of ${rechecked.length} unverifiable settled`,
        );
    },
    async onBatch(tx, batch) {
      await reconcileOnCommit(tx, batch);
    },
  };
}
