/**
 * Drains the durable outbox to the broker: QoS 1, in seq order, at most `maxInFlight` unacknowledged,
 * and an entry leaves the outbox only after its PUBACK. Nothing here is needed for safety beyond the
 * store: after a crash, a broker restart or a network loss the outbox still holds every event not
 * acknowledged, and sending resumes from the lowest seq when the link is back.
 * Duplicates (an event whose PUBACK was lost) are possible and allowed: same eventId.
 */
import type { BrokerLink } from '../ports/BrokerLink.js';
import type { OutboxEntry, Store } from '../ports/Store.js';

export interface OutboxSenderDeps {
  store: Store;
  link: BrokerLink;
  maxInFlight: number;
  log?: (level: 'info' | 'warn' | 'debug', msg: string) => void;
}

const key = (seq: number) => String(seq).padStart(12, '0');

export class OutboxSender {
  private readonly inFlight = new Set<number>();
  /** Acknowledged, deletion not yet committed: skip them. */
  private readonly acked = new Set<number>();
  private flushScheduled = false;
  private stopped = false;
  private unsubs: (() => void)[] = [];
  private readonly drainedListeners = new Set<() => void>();
  sent = 0;

  constructor(private readonly d: OutboxSenderDeps) {}

  start(): void {
    this.unsubs.push(this.d.store.onCommit((touched) => { if (touched.has('outbox')) this.pump(); }));
    this.unsubs.push(this.d.link.onState((s) => { if (s.state === 'online') this.pump(); }));
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubs) u();
    this.unsubs = [];
  }

  /** Outbox entries not yet acknowledged. */
  depth(): number {
    return this.d.store.size('outbox') - this.acked.size;
  }

  /** Resolves when the outbox is empty (tests, shutdown with a deadline). */
  whenDrained(): Promise<void> {
    if (this.depth() === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const l = () => { this.drainedListeners.delete(l); resolve(); };
      this.drainedListeners.add(l);
    });
  }

  private pump(): void {
    if (this.stopped || this.d.link.state.state !== 'online') return;
    if (this.inFlight.size >= this.d.maxInFlight) return;
    for (const entry of this.d.store.values<OutboxEntry>('outbox')) {
      if (this.inFlight.size >= this.d.maxInFlight) break;
      if (this.inFlight.has(entry.seq) || this.acked.has(entry.seq)) continue;
      this.send(entry);
    }
  }

  private send(entry: OutboxEntry): void {
    this.inFlight.add(entry.seq);
    this.d.link.publish(entry.topic, JSON.stringify(entry.envelope)).then(
      () => {
        this.inFlight.delete(entry.seq);
        this.acked.add(entry.seq);
        this.sent++;
        this.scheduleFlush();
        this.pump();
      },
      (e: Error) => {
        // Not acknowledged: it stays in the outbox and is sent again when the link is back.
        this.inFlight.delete(entry.seq);
        this.d.log?.('debug', `event seq ${entry.seq} not acknowledged: ${e.message}`);
      },
    );
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const batch = [...this.acked];
      // A lost ack record only means a duplicate send after a crash, which the contract allows:
      // no fsync for it (the next durable commit carries it to disk anyway).
      this.d.store.transact((tx) => { for (const seq of batch) tx.del('outbox', key(seq)); }, { durable: false }).then(
        () => {
          for (const seq of batch) this.acked.delete(seq);
          if (this.depth() === 0) for (const l of [...this.drainedListeners]) l();
        },
        (e: Error) => {
          for (const seq of batch) this.acked.delete(seq);
          this.d.log?.('warn', `could not record acknowledgements: ${e.message}`);
        },
      );
    });
  }
}
