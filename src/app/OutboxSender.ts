/**
 * Drains the durable outbox to the broker: QoS 1, in seq order, at most `maxInFlight` unacknowledged,
 * and an entry leaves the outbox only after its PUBACK. Nothing here is needed for safety beyond the
 * store: after a crash, a broker restart or a network loss the outbox still holds every event not
 * acknowledged, and sending resumes from the lowest seq when the link is back.
 * Duplicates (an event whose PUBACK was lost) are possible and allowed: same eventId.
 */
import type { BrokerLink } from '../ports/BrokerLink.js';
import type { OutboxEntry, Store } from '../ports/Store.js';

/**
 * A link that may limit how many publishes it takes unacknowledged (MqttLink: the broker's MQTT 5
 * Receive Maximum from CONNACK). Undefined: no limit beyond `maxInFlight`.
 */
export type FlowControlledLink = BrokerLink & { readonly receiveMaximum?: number | undefined };

export interface OutboxSenderDeps {
  store: Store;
  link: FlowControlledLink;
  /** Our own cap on events in flight; the link's `receiveMaximum` lowers it when smaller. */
  maxInFlight: number;
  log?: (level: 'info' | 'warn' | 'debug', msg: string) => void;
}

const key = (seq: number) => String(seq).padStart(12, '0');
const FLUSH_MS = 10;

export class OutboxSender {
  private readonly inFlight = new Set<number>();
  /** Acknowledged, deletion not yet started: skip them. */
  private readonly acked = new Set<number>();
  /** Acknowledged, deletion being committed: skip them. Disjoint from `acked`. */
  private readonly deleting = new Set<number>();
  /**
   * Where the next pump continues in the outbox: an iterator over the store's entries in seq order,
   * kept between pumps so that draining a backlog of n events reads each entry once instead of
   * rescanning the head of the outbox on every PUBACK. Dropped (rescan from the lowest seq) when a
   * publish fails or the link comes back, so nothing behind it is forgotten; dropped when exhausted,
   * since the store's iterator need not see entries appended after it was made.
   */
  private cursor: Iterator<OutboxEntry> | undefined;
  private flushScheduled = false;
  private pumpScheduled = false;
  private stopped = false;
  private unsubs: (() => void)[] = [];
  private readonly drainedListeners = new Set<() => void>();
  sent = 0;

  constructor(private readonly d: OutboxSenderDeps) {}

  start(): void {
    this.unsubs.push(this.d.store.onCommit((touched) => { if (touched.has('outbox')) this.pump(); }));
    this.unsubs.push(this.d.link.onState((s) => {
      if (s.state === 'online') {
        this.cursor = undefined;
        this.pump();
      }
    }));
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubs) u();
    this.unsubs = [];
  }

  /** Outbox entries not yet acknowledged. */
  depth(): number {
    return this.d.store.size('outbox') - this.acked.size - this.deleting.size;
  }

  /** Resolves when the outbox is empty: every event acknowledged and its deletion committed (tests, shutdown with a deadline, wipe after delivery). */
  whenDrained(): Promise<void> {
    if (this.d.store.size('outbox') === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const l = () => { this.drainedListeners.delete(l); resolve(); };
      this.drainedListeners.add(l);
    });
  }

  /** The window for this connection: ours, or the broker's Receive Maximum when smaller. */
  window(): number {
    return Math.max(1, Math.min(this.d.maxInFlight, this.d.link.receiveMaximum ?? Infinity));
  }

  private pump(): void {
    if (this.stopped || this.d.link.state.state !== 'online') return;
    const window = this.window();
    // Two passes at most: the kept cursor, then (when it ran out) a fresh one from the lowest seq.
    for (let pass = 0; pass < 2 && this.inFlight.size < window; pass++) {
      this.cursor ??= this.d.store.values<OutboxEntry>('outbox');
      for (;;) {
        if (this.inFlight.size >= window) return;
        const r = this.cursor.next();
        if (r.done) {
          this.cursor = undefined;
          break;
        }
        const seq = r.value.seq;
        if (this.inFlight.has(seq) || this.acked.has(seq) || this.deleting.has(seq)) continue;
        this.send(r.value);
      }
    }
  }

  /**
   * After a PUBACK the window is refilled once per turn of the event loop, not once per PUBACK: one
   * read from the socket carries many PUBACKs, and the publishes that replace them then leave in one
   * write (mqtt-packet corks the socket until the next tick) instead of one system call each, which
   * is what makes draining a backlog cost close to what bare mqtt.js costs. New commits still pump
   * at once (a reading's event leaves as soon as it is on disk).
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private send(entry: OutboxEntry): void {
    this.inFlight.add(entry.seq);
    this.d.link.publish(entry.topic, JSON.stringify(entry.envelope)).then(
      () => {
        this.inFlight.delete(entry.seq);
        this.acked.add(entry.seq);
        this.sent++;
        this.scheduleFlush();
        this.schedulePump();
      },
      (e: Error) => {
        // Not acknowledged: it stays in the outbox and is sent again when the link is back (the
        // cursor is past it: start again from the lowest seq).
        this.inFlight.delete(entry.seq);
        this.cursor = undefined;
        this.d.log?.('debug', `event seq ${entry.seq} not acknowledged: ${e.message}`);
      },
    );
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const run = () => {
      this.flushScheduled = false;
      const batch = [...this.acked];
      this.acked.clear();
      for (const seq of batch) this.deleting.add(seq);
      // A lost ack record only means a duplicate send after a crash, which the contract allows:
      // no fsync for it (the next durable commit carries it to disk anyway).
      this.d.store.transact((tx) => { for (const seq of batch) tx.del('outbox', key(seq)); }, { durable: false }).then(
        () => {
          for (const seq of batch) this.deleting.delete(seq);
          if (this.d.store.size('outbox') === 0) for (const l of [...this.drainedListeners]) l();
        },
        (e: Error) => {
          // Still in the outbox: sent again (a duplicate, same eventId) from the lowest seq.
          for (const seq of batch) this.deleting.delete(seq);
          this.cursor = undefined;
          this.d.log?.('warn', `could not record acknowledgements: ${e.message}`);
          this.pump();
        },
      );
    };
    // Acknowledgements are recorded in batches every FLUSH_MS: one journal record for the hundreds of
    // PUBACKs a draining backlog gets in that time, instead of one per socket read.
    setTimeout(run, FLUSH_MS);
  }
}
