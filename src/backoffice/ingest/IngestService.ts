/**
 * `saha ingest`: consumes every device's events (and statuses, and tariffs) from the broker and
 * stores them through EventStore, then tells each device on its retained acks topic how far its
 * events are stored, so the device may forget them (contract v1 acks, src/core/contract/acks.ts).
 *
 * Delivery: persistent session, QoS 1, PUBACK only after the batch holding the message committed.
 * Messages are gathered while the previous batch commits (up to `maxBatch`), so under load one
 * transaction carries hundreds of events and when idle a single event commits at once. If the
 * database write fails, nothing is PUBACKed and the same batch is retried with exponential backoff
 * (never a tight loop); the broker keeps sending until its in-flight limit, then waits.
 *
 * Events come through a shared subscription (`$share/<group>/…`), so several instances split the
 * load; aedes has no shared subscriptions (share: false). Statuses and tariffs are retained, which
 * brokers do not deliver to shared subscriptions, so every instance subscribes to them directly.
 */
import { topics } from '../../core/contract/index.js';
import { BackOfficeClient, type BackOfficeMqttOptions, type DeferredMessage } from '../BackOfficeClient.js';
import type { Database } from '../db/Database.js';
import { migrate } from '../db/migrate.js';
import { fleetFilters, shared } from '../fleetTopics.js';
import type { BatchOutcome, DeviceAck } from './batchTypes.js';
import { EventStore } from './EventStore.js';
import type { IngestContext, IngestPlugin } from './plugins.js';
import { Backoff, type Random } from '../../core/retry/backoff.js';
import type { Log } from '../../ports/Logger.js';

export interface IngestServiceOptions {
  db: Database;
  /** `clean` is forced to false: a consumer that must not miss events needs a persistent session. */
  mqtt: Omit<BackOfficeMqttOptions, 'clean'>;
  /** Shared-subscription group; ignored when `share` is false. Default "saha-ingest". */
  group?: string;
  /** false on brokers without shared subscriptions (aedes): a plain filter, one instance only. */
  share?: boolean;
  /** Messages per transaction at most. Default 500. */
  maxBatch?: number;
  /**
   * How long stop() waits for the batch in hand, ack publishes and a clean DISCONNECT before it
   * drops the connection (default 10 s): with the broker gone, a publish waits for a PUBACK that
   * never comes. What was not acknowledged is delivered again; nothing stored is lost.
   */
  stopGraceMs?: number;
  maxPayloadBytes?: number;
  plugins?: readonly IngestPlugin[];
  log?: Log;
  now?: () => Date;
  /** Backoff after a failed batch: first wait and ceiling. Default 250 ms → 30 s. */
  retry?: { firstMs: number; maxMs: number };
  /** Jitter source of that backoff; tests pin it. */
  random?: Random;
}

export interface IngestStats {
  batches: number;
  messages: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  failedAttempts: number;
  acksPublished: number;
}

export class IngestService {
  readonly stats: IngestStats = { batches: 0, messages: 0, stored: 0, duplicates: 0, quarantined: 0, failedAttempts: 0, acksPublished: 0 };
  private readonly store: EventStore;
  private readonly log: Log;
  private readonly plugins: readonly IngestPlugin[];
  private client: BackOfficeClient | undefined;
  private queue: DeferredMessage[] = [];
  private draining: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly afterChains = new Map<string, Promise<void>>();
  private readonly pendingPublishes = new Set<Promise<void>>();

  constructor(private readonly o: IngestServiceOptions) {
    this.store = new EventStore(o.db, o.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: o.maxPayloadBytes });
    this.log = o.log ?? (() => undefined);
    this.plugins = o.plugins ?? [];
  }

  /** Messages received and not yet in a batch (they are not PUBACKed yet). */
  get backlog(): number {
    return this.queue.length;
  }

  /** Migrates, connects, subscribes, re-publishes acks a crash left unpublished, starts plug-ins. */
  async start(): Promise<void> {
    const applied = await migrate(this.o.db);
    if (applied.length) this.log('info', `database migrated to version ${applied[applied.length - 1]}`);
    this.client = await BackOfficeClient.connect(
      { ...this.o.mqtt, clean: false, receiveMaximum: this.o.mqtt.receiveMaximum ?? 1000 },
      {
        log: this.log,
        deferred: (m) => this.enqueue(m),
      },
    );
    const events = this.o.share === false ? fleetFilters.events() : shared(this.o.group ?? 'saha-ingest', fleetFilters.events());
    try {
      await this.client.subscribe([events, fleetFilters.statuses(), topics.allTariffs()]);
      this.publishAcks(await this.store.unpublishedAcks());
      const ctx: IngestContext = { db: this.o.db, publish: (t, p, opts) => this.client!.publish(t, p, opts), log: this.log };
      for (const p of this.plugins) await p.start?.(ctx);
    } catch (e) {
      // A half-started service must not keep the process alive on its MQTT socket.
      this.stopping = true;
      await this.client.close();
      throw e;
    }
    // The first 'connect' fired inside connect(); every later one is a reconnect.
    this.client.client.on('connect', (connack: { sessionPresent?: boolean }) => {
      // mqtt.js subscribes again only when the broker kept no session. Mosquitto 2.0 restarted from
      // its persistence file says the session is present but has lost its shared subscriptions:
      // nothing would ever arrive again (test/e2e/backoffice/ingestBrokerFaults.test.ts). So the
      // events are subscribed to again on every reconnect that kept the session; on a broker that
      // kept the subscription this changes nothing.
      if (connack.sessionPresent) {
        this.client?.subscribe([events], { again: true }).then(
          () => this.log('info', `broker kept the session: subscribed again to ${events}`),
          (e: unknown) => this.log('error', `subscribing again to ${events} failed: ${(e as Error).message}`),
        );
      }
      for (const p of this.plugins)
        p.reconnected?.().catch((e: unknown) => this.log('error', `plug-in ${p.name} reconnected: ${(e as Error).message}`));
    });
    this.log('info', `ingest subscribed to ${events} on ${this.o.mqtt.url} (${this.o.db.kind})`);
  }

  /**
   * Finishes the batch being stored (and acknowledges it), leaves queued messages unacknowledged
   * (the broker delivers them again), waits for ack publishes and plug-ins, disconnects. The
   * database is the caller's to close.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const graceful = (async () => {
      await this.draining;
      await Promise.allSettled([...this.pendingPublishes]);
      await Promise.allSettled([...this.afterChains.values()]);
      for (const p of this.plugins)
        await p.stop?.().catch((e: unknown) => this.log('error', `plug-in ${p.name} stop: ${(e as Error).message}`));
      await this.client?.drainAndClose();
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((res) => {
      timer = setTimeout(() => res('late'), this.o.stopGraceMs ?? 10_000);
    });
    const r = await Promise.race([graceful.then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (r === 'late') {
      this.log(
        'warn',
        'stop: broker or database did not answer in time; connection dropped (unacknowledged messages will be delivered again)',
      );
      await this.client?.close();
      // The batch in hand may still be writing: the database must not close under it.
      await Promise.race([this.draining, new Promise((res) => setTimeout(res, 5_000))]);
    }
  }

  private enqueue(m: DeferredMessage): void {
    if (this.stopping) return;
    this.queue.push(m);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(): Promise<void> {
    // Let the packets already read from the socket join the first batch.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length && !this.stopping) {
      const batch = this.queue.splice(0, this.o.maxBatch ?? 500);
      const outcome = await this.storeWithRetry(batch);
      if (!outcome) return;
      for (const m of batch) m.ack();
      this.count(batch.length, outcome);
      this.publishAcks(outcome.acks);
      this.runAfterCommit(outcome);
    }
  }

  private async storeWithRetry(batch: DeferredMessage[]): Promise<BatchOutcome | undefined> {
    const hook = async (tx: Parameters<NonNullable<IngestPlugin['onBatch']>>[0], out: BatchOutcome) => {
      for (const p of this.plugins) await p.onBatch?.(tx, out);
    };
    const retry = this.o.retry ?? { firstMs: 250, maxMs: 30_000 };
    // Jittered (src/core/retry/backoff.ts), so instances that lost the same database do not come back in lockstep.
    const backoff = new Backoff({ minMs: retry.firstMs, maxMs: retry.maxMs }, this.o.random ?? Math.random);
    for (;;) {
      try {
        return await this.store.storeBatch(batch, hook);
      } catch (e) {
        this.stats.failedAttempts += 1;
        const code = (e as { code?: string }).code ?? 'error';
        const wait = backoff.next();
        this.log(
          'error',
          `storing a batch of ${batch.length} failed (${code}: ${(e as Error).message}); not acknowledged, retrying in ${wait} ms`,
        );
        if (this.stopping) return undefined;
        await this.sleep(wait);
        if (this.stopping) return undefined;
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private count(messages: number, o: BatchOutcome): void {
    this.stats.batches += 1;
    this.stats.messages += messages;
    this.stats.stored += o.stored.length;
    this.stats.duplicates += o.duplicates;
    this.stats.quarantined += o.quarantined.length;
    for (const q of o.quarantined)
      this.log('warn', `quarantined ${q.deviceId ?? q.topic}${q.seq === null ? '' : ` seq ${q.seq}`}: ${q.reason}`);
  }

  /**
   * Retained QoS 1 per device; published_ack is recorded once the broker has them, in one statement
   * for the batch: a batch from a large fleet carries an ack for almost every device in it, and one
   * update per ack exhausted the connection pool (test/bench/fleet.ts at 6,400 devices).
   */
  private publishAcks(acks: readonly DeviceAck[]): void {
    const client = this.client;
    if (!client || !acks.length) return;
    const at = (this.o.now?.() ?? new Date()).toISOString();
    const published: DeviceAck[] = [];
    const sends = acks.map((a) =>
      client.publish(topics.acks(a.deviceId), JSON.stringify({ ackedSeq: a.ackedSeq, at }), { retain: true }).then(
        () => {
          this.stats.acksPublished += 1;
          published.push(a);
        },
        (e: unknown) =>
          this.log(
            'warn',
            `ack for ${a.deviceId} (seq ${a.ackedSeq}) not published: ${(e as Error).message}; re-sent at the next batch or restart`,
          ),
      ),
    );
    const p = Promise.all(sends)
      .then(() => this.store.markPublished(published))
      .catch((e: unknown) =>
        this.log('warn', `${published.length} published ack(s) not recorded: ${(e as Error).message}; re-sent at restart`),
      )
      .finally(() => this.pendingPublishes.delete(p));
    this.pendingPublishes.add(p);
  }

  private runAfterCommit(o: BatchOutcome): void {
    for (const p of this.plugins) {
      if (!p.afterCommit) continue;
      const prev = this.afterChains.get(p.name) ?? Promise.resolve();
      this.afterChains.set(
        p.name,
        prev
          .then(() => p.afterCommit!(o))
          .catch((e: unknown) => this.log('error', `plug-in ${p.name} afterCommit: ${(e as Error).message}`)),
      );
    }
  }
}
