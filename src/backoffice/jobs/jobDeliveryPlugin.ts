/**
 * Job delivery as an ingest plug-in (src/backoffice/ingest/plugins.ts): job states are written in
 * each batch's transaction, so they commit with the events that moved them and a redelivered batch
 * moves nothing twice; sends happen after the commit, off ingest's critical path.
 */
import type { IngestPlugin } from '../ingest/plugins.js';
import { JobDelivery } from './JobDelivery.js';
import { JobLedger } from './JobLedger.js';

export interface JobDeliveryPluginOptions {
  /** Unaccepted assigns in flight per device (types.ts DEFAULT_WINDOW; docs/deployment.md "Job delivery"). */
  window?: number;
  /** How often ingest looks for routes dispatch recorded (JobDelivery pollMs). */
  pollMs?: number;
}

export function jobDeliveryPlugin(o: JobDeliveryPluginOptions = {}): IngestPlugin & { readonly delivery: () => JobDelivery | undefined } {
  let delivery: JobDelivery | undefined;
  return {
    name: 'job-delivery',
    delivery: () => delivery,
    async start(ctx) {
      const ledger = new JobLedger(ctx.db, o.window === undefined ? {} : { window: o.window });
      delivery = new JobDelivery({
        ledger,
        publish: (topic, payload) => ctx.publish(topic, payload),
        log: ctx.log,
        ...(o.pollMs === undefined ? {} : { pollMs: o.pollMs }),
      });
      await delivery.start();
    },
    async onBatch(tx, batch) {
      await delivery?.hook(tx, batch);
    },
    async afterCommit(batch) {
      await delivery?.afterBatch(batch);
    },
    async reconnected() {
      await delivery?.reconnected();
    },
    async stop() {
      await delivery?.stop();
    },
  };
}
