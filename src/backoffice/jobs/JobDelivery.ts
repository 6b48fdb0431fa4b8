/**
 * Job delivery inside ingest, the long-running service that owns it (`saha dispatch` with a
 * database only records). It sends each device's next window when ingest starts, when the
 * device's answers free room, when its retained status says it came online (re-sending what is
 * unanswered), and when it lists what it holds in a complete sync.requested.
 *
 * Work per device runs one at a time in this process, so the messages of one claim reach the broker
 * in claim order (outcomes.ts reads delivery from publish order). Nothing here throws into ingest:
 * a failure is logged and the affected messages go back to the queue or stay "sent", to be taken
 * again at the next trigger.
 */
import type { SqlClient } from '../db/Database.js';
import type { BatchOutcome, StoredEvent } from '../ingest/batchTypes.js';
import type { JobLedger, LedgerEvent, Trigger } from './JobLedger.js';
import type { Log } from '../../ports/Logger.js';

export interface JobDeliveryDeps {
  ledger: JobLedger;
  /** QoS 1 publish, resolving on PUBACK, not retained (BackOfficeClient.publish). */
  publish: (topic: string, payload: string) => Promise<void>;
  log?: Log;
  /**
   * How often to look for routes recorded by `saha dispatch` since (it runs in another process and
   * only writes the ledger). Default 2000 ms; 0: never (tests that drive every trigger themselves).
   */
  pollMs?: number;
}

export class JobDelivery {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(private readonly d: JobDeliveryDeps) {}

  /**
   * Ingest started: pace every device with work, and re-send what is unanswered to those online
   * (a status change while ingest was down is seen only as the latest retained value).
   */
  async start(): Promise<void> {
    await this.reconnected();
    const every = this.d.pollMs ?? 2000;
    if (every > 0) this.timer = setInterval(() => void this.poll(), every);
  }

  /**
   * Ingest's broker connection came back: the broker may have restarted and lost what it had
   * queued, while devices whose session it kept say nothing. Same as a start.
   */
  async reconnected(): Promise<void> {
    try {
      for (const d of await this.d.ledger.devicesWithWork()) this.kick(d.deviceId, { kind: d.online ? 'online' : 'pace' });
    } catch (e) {
      this.d.log?.('warn', `job delivery: cannot list devices with work: ${(e as Error).message}`);
    }
  }

  /** Stops looking for new routes and waits for sends in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const id of await this.d.ledger.devicesWithRoom()) if (!this.chains.has(id)) this.kick(id, { kind: 'pace' });
    } catch (e) {
      this.d.log?.('warn', `job delivery: looking for new routes: ${(e as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  /** Inside ingest's batch transaction: job states commit with the events that moved them. */
  async inTransaction(tx: SqlClient, events: readonly LedgerEvent[]): Promise<void> {
    await this.d.ledger.applyEvents(events, tx);
  }

  /** EventStore's in-transaction hook (src/backoffice/ingest/EventStore.ts). */
  readonly hook = (tx: SqlClient, outcome: BatchOutcome): Promise<void> => this.inTransaction(tx, ledgerEvents(outcome.stored));

  /** After ingest committed a batch whose hook was `hook`: statuses that came online, then answers. */
  async afterBatch(outcome: BatchOutcome): Promise<void> {
    for (const s of outcome.statuses) if (s.cameOnline) this.onStatus(s.deviceId, 'online');
    await this.afterCommit(ledgerEvents(outcome.stored), true);
  }

  /**
   * After ingest committed a batch. `appliedInTransaction`: inTransaction() already ran for it;
   * otherwise the outcomes are applied here first.
   */
  async afterCommit(events: readonly LedgerEvent[], appliedInTransaction = false): Promise<void> {
    try {
      if (!appliedInTransaction) await this.d.ledger.applyEvents(events);
      // Only answers to job messages free room or list holdings; a reading changes no window.
      const devices = new Set(events.filter((e) => e.type.startsWith('job.') || e.type === 'sync.requested').map((e) => e.deviceId));
      for (const id of devices) {
        const syncSeqs = events.filter((e) => e.deviceId === id && e.type === 'sync.requested').map((e) => e.seq);
        const sync = syncSeqs.length ? await this.d.ledger.completedSync(id, syncSeqs) : null;
        this.kick(id, sync ? { kind: 'sync', held: sync.held, syncSeq: sync.syncSeq } : { kind: 'pace' });
      }
    } catch (e) {
      this.d.log?.('warn', `job delivery: ${(e as Error).message}`);
    }
  }

  /** A device's retained status: coming online re-sends what it has not answered. */
  onStatus(deviceId: string, state: 'online' | 'offline'): void {
    if (state === 'online') this.kick(deviceId, { kind: 'online' });
  }

  /** Resolves when nothing is being claimed or published (tests; ingest's stop). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private kick(deviceId: string, trigger: Trigger): void {
    const run = (this.chains.get(deviceId) ?? Promise.resolve()).then(() => this.send(deviceId, trigger));
    this.chains.set(deviceId, run);
    this.pending.add(run);
    void run.finally(() => {
      this.pending.delete(run);
      if (this.chains.get(deviceId) === run) this.chains.delete(deviceId);
    });
  }

  private async send(deviceId: string, trigger: Trigger): Promise<void> {
    try {
      const out = await this.d.ledger.claim(deviceId, trigger);
      if (!out.length) return;
      // Pipelined: mqtt.js writes them in call order and the broker keeps that order.
      const results = await Promise.allSettled(out.map((o) => this.d.publish(o.topic, o.payload)));
      const failed = out.filter((_, i) => results[i]!.status === 'rejected');
      if (failed.length) {
        this.d.log?.(
          'warn',
          `job delivery: ${failed.length} of ${out.length} message(s) to ${deviceId} not published: ${String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)}`,
        );
        await this.d.ledger.release(failed.map((o) => o.messageId));
      } else {
        this.d.log?.('info', `job delivery: ${out.length} message(s) to ${deviceId} (${trigger.kind})`);
      }
    } catch (e) {
      this.d.log?.('warn', `job delivery to ${deviceId}: ${(e as Error).message}`);
    }
  }
}

/** Stored envelopes as the ledger reads them. */
export function ledgerEvents(stored: readonly StoredEvent[]): LedgerEvent[] {
  return stored.map(({ envelope: e }) => ({
    deviceId: e.deviceId,
    type: e.type,
    seq: e.seq,
    jobId: e.jobId ?? null,
    data: e.data as Record<string, unknown>,
  }));
}
