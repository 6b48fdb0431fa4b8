/**
 * Ingest plug-ins: how other back-office features ride on ingest's batches without their own MQTT
 * consumer (job delivery in src/backoffice/jobs, invoice reconciliation in src/backoffice/reconcile).
 *
 * Life cycle, per ingest instance:
 * 1. `start(ctx)` once, after migrations ran and the MQTT session is subscribed; ctx.publish is
 *    QoS 1 on ingest's own connection. A throw stops ingest from starting.
 * 2. `onBatch(tx, batch)` for every batch, INSIDE its transaction, after events, quarantine, device
 *    rows, statuses and tariffs are written and before COMMIT. Write your own tables with `tx` only:
 *    they commit atomically with the events, and a redelivered batch is a no-op for events, so it
 *    only sees what is new. Throwing rolls the batch back: Db_Unavailable (and other AppErrors) are
 *    retried with backoff; a plain Error or a data error makes EventStore store the messages one by
 *    one and quarantine the one that fails alone as 'store-failed' — so keep onBatch deterministic.
 *    Runs under the row locks of the batch's devices: keep it to a few statements.
 * 3. `afterCommit(batch)` after COMMIT and after the batch's PUBACKs went out, for side effects such
 *    as MQTT publishes. Calls are serialised per plug-in in batch order, off ingest's critical path;
 *    errors are logged, never retried — keep the state in the database (onBatch) so a restart can
 *    re-derive what afterCommit did not finish.
 * 4. `reconnected()` each time ingest's connection to the broker comes back after a drop (not at the
 *    first connect). The broker may have restarted and lost messages it had acknowledged
 *    (device/mosquitto/README.md) while the devices' sessions look intact to them. Errors are logged.
 * 5. `stop()` on shutdown, after the last batch and before the database closes.
 *
 * With several ingest instances in one shared-subscription group each batch goes to one instance;
 * statuses and tariffs (retained, not shared) go to every instance, and `StatusChange.cameOnline`
 * is true on exactly one of them (it is decided under the device's row lock).
 */
import type { Database, SqlClient } from '../db/Database.js';
import type { BatchOutcome } from './batchTypes.js';
import type { Log } from '../../ports/Logger.js';

export interface IngestContext {
  db: Database;
  /** QoS 1 publish on ingest's connection; resolves on PUBACK. */
  publish(topic: string, payload: string | Buffer, o?: { retain?: boolean }): Promise<void>;
  log: Log;
}

export interface IngestPlugin {
  readonly name: string;
  start?(ctx: IngestContext): Promise<void>;
  onBatch?(tx: SqlClient, batch: BatchOutcome): Promise<void>;
  afterCommit?(batch: BatchOutcome): Promise<void>;
  reconnected?(): Promise<void>;
  stop?(): Promise<void>;
}
