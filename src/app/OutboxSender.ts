/**
 * Drains the durable outbox to the broker: QoS 1, in seq order, at most `maxInFlight` unacknowledged.
 * Nothing here is needed for safety beyond the store: after a crash, a broker restart or a network
 * loss the outbox still holds every event not acknowledged, and sending resumes from the lowest seq
 * when the link is back. Duplicates (an event whose acknowledgement was lost) are possible and
 * allowed: same eventId.
 *
 * When an entry leaves the outbox depends on end-to-end acknowledgement (EndToEndAck.ts):
 * - off: at its PUBACK, as contract v1 was first written. A broker that dies before its next
 *   autosave can lose it (device/mosquitto/README.md);
 * - on: the PUBACK only marks it "sent, awaiting acknowledgement" (in memory: after a restart it is
 *   sent again); it is deleted when the back office's ack (acks topic) has ackedSeq ≥ its seq. What
 *   is still unacknowledged is sent again after a reconnect, and after `ackTimeoutMs` without an
 *   ack advancing (then after twice as long each time, up to 16×).
 */
import type { Ack } from '../core/contract/index.js';
import type { BrokerLink } from '../ports/BrokerLink.js';
import type { OutboxEntry, Store } from '../ports/Store.js';
import { Backoff, noJitter } from '../core/retry/backoff.js';
import { Listeners } from '../core/events/Listeners.js';
import { EndToEndAck, realTimers, unref, type EndToEndAckMode, type Timers } from './EndToEndAck.js';
import type { Log } from '../ports/Logger.js';

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
  /** mqtt.endToEndAck; default 'auto'. */
  endToEndAck?: EndToEndAckMode;
  /** mqtt.ackTimeoutSec in ms; default 120 s. */
  ackTimeoutMs?: number;
  timers?: Timers;
  /**
   * An ack stopped below seqs the device no longer holds (forgotten at PUBACK before acks were on):
   * `heldFrom` is the lowest seq it still holds. SyncRequester.released tells the back office.
   */
  onReleasedGap?: (heldFrom: number) => void;
  log?: Log;
}

const key = (seq: number) => String(seq).padStart(12, '0');
const FLUSH_MS = 10;
/**
 * A failed deletion batch is retried after 100 ms, doubling up to ~30 s. No jitter: it retries the
 * device's own disk, where no fleet herds (src/core/retry/backoff.ts).
 */
const RETRY_BASE_MS = 100;
const RETRY_MAX_FACTOR = 256;
const RESEND_MAX_FACTOR = 16;

export class OutboxSender {
  private readonly inFlight = new Set<number>();
  /** Acknowledged (PUBACK when off, ack when on), deletion not yet started: skip them. */
  private readonly toDelete = new Set<number>();
  /** Deletion being committed: skip them. Disjoint from `toDelete`. */
  private readonly deleting = new Set<number>();
  /** On: PUBACKed, awaiting the end-to-end ack. Disjoint from the two above. */
  private readonly awaiting = new Set<number>();
  /**
   * Where the next pump continues in the outbox: an iterator over the store's entries in seq order,
   * kept between pumps so that draining a backlog of n events reads each entry once instead of
   * rescanning the head of the outbox on every PUBACK. Dropped (rescan from the lowest seq) when a
   * publish fails, the link comes back or unacknowledged events are to be sent again, so nothing
   * behind it is forgotten; dropped when exhausted, since the store's iterator need not see entries
   * appended after it was made.
   */
  private cursor: Iterator<OutboxEntry> | undefined;
  private flushTimer: unknown;
  private resendTimer: unknown;
  private pumpScheduled = false;
  private stopped = false;
  private unsubs: (() => void)[] = [];
  private readonly drainedListeners = new Set<() => void>();
  /** A listener must not break sending: one that throws is logged (src/core/events/Listeners.ts). */
  private readonly changeListeners: Listeners<void>;
  private readonly acks: EndToEndAck;
  private readonly timers: Timers;
  private readonly retryDelay = new Backoff({ minMs: RETRY_BASE_MS, maxMs: RETRY_BASE_MS * RETRY_MAX_FACTOR }, noJitter);
  /** No jitter either: each device's timeout starts from its own last ack, so devices are not in step. */
  private readonly resendDelay: Backoff;
  sent = 0;
  /** Times unacknowledged events were sent again because no ack came in time (tests, logs). */
  timeoutResends = 0;

  constructor(private readonly d: OutboxSenderDeps) {
    this.timers = d.timers ?? realTimers;
    this.changeListeners = new Listeners('outbox change', d.log);
    this.acks = new EndToEndAck({ store: d.store, mode: d.endToEndAck ?? 'auto', log: d.log });
    const ackTimeoutMs = d.ackTimeoutMs ?? 120_000;
    this.resendDelay = new Backoff({ minMs: ackTimeoutMs, maxMs: ackTimeoutMs * RESEND_MAX_FACTOR }, noJitter);
  }

  start(): void {
    this.unsubs.push(
      this.d.store.onCommit((touched) => {
        if (touched.has('outbox')) this.pump();
      }),
    );
    this.unsubs.push(
      this.d.link.onState((s) => {
        if (s.state !== 'online') return;
        // Whatever was awaiting an ack may have died with the broker: send it again.
        this.resendUnacked();
        this.pump();
      }),
    );
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubs) u();
    this.unsubs = [];
    if (this.resendTimer !== undefined) this.timers.clearTimeout(this.resendTimer);
    this.resendTimer = undefined;
  }

  /** Whether events now wait for the back office's ack (mode on, or auto after the first ack). */
  endToEnd(): boolean {
    return this.acks.on;
  }

  /** The highest ackedSeq accepted since start. */
  ackedSeq(): number {
    return this.acks.ackedSeq;
  }

  /** Outbox entries not yet sent (no PUBACK yet): the status's outboxDepth. */
  depth(): number {
    return this.d.store.size('outbox') - this.toDelete.size - this.deleting.size - this.awaiting.size;
  }

  /** The lowest seq still held and not acknowledged; the next seq to be issued when none. */
  private oldestHeldSeq(): number {
    for (const e of this.d.store.values('outbox')) if (!this.toDelete.has(e.seq) && !this.deleting.has(e.seq)) return e.seq;
    return this.d.store.counter('eventSeq') + 1; // Tx.event's counter (src/adapters/store/StoreEngine.ts EVENT_SEQ)
  }

  /** The oldest entry not yet sent (awaiting-ack entries at the head are skipped); undefined when none. */
  oldestUnsent(): OutboxEntry | undefined {
    for (const e of this.d.store.values('outbox')) {
      if (!this.awaiting.has(e.seq) && !this.toDelete.has(e.seq) && !this.deleting.has(e.seq)) return e;
    }
    return undefined;
  }

  /** Entries the broker acknowledged that the back office has not: the status's unackedDepth. */
  unackedDepth(): number {
    return this.awaiting.size;
  }

  /** occurredAt of the oldest entry awaiting the back office's ack; null when none. */
  oldestUnackedAt(): string | null {
    if (this.awaiting.size === 0) return null;
    // Awaiting entries sit at the head of the outbox (they were sent first): a short walk.
    for (const e of this.d.store.values('outbox')) if (this.awaiting.has(e.seq)) return e.envelope.occurredAt;
    return null;
  }

  /** Called (at most once per turn of the event loop) when depth, unackedDepth or the mode may have changed. */
  onChange(fn: () => void): () => void {
    return this.changeListeners.add(fn);
  }

  /** Resolves when the outbox is empty: every event acknowledged and its deletion committed (tests, shutdown with a deadline, wipe after delivery). */
  whenDrained(): Promise<void> {
    if (this.d.store.size('outbox') === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const l = () => {
        this.drainedListeners.delete(l);
        resolve();
      };
      this.drainedListeners.add(l);
    });
  }

  /** The window for this connection: ours, or the broker's Receive Maximum when smaller. */
  window(): number {
    return Math.max(1, Math.min(this.d.maxInFlight, this.d.link.receiveMaximum ?? Infinity));
  }

  /**
   * An ack for this device (InboundService has checked the topic and the schema). Deletes every
   * entry with seq ≤ ackedSeq, sent or not: the back office has it. Resolves once the ack is taken
   * into account (in 'auto', once turning on is recorded), so the broker gets its PUBACK after that.
   */
  async onAck(ack: Ack): Promise<void> {
    const outcome = await this.acks.accept(ack);
    if (outcome !== 'advanced') {
      this.d.log?.('debug', `ack ${ack.ackedSeq} ${outcome}`);
      if (outcome === 'stale') this.notifyChange(); // 'auto' may just have turned on
      return;
    }
    const n = this.acks.ackedSeq;
    let covered = 0;
    for (const e of this.d.store.values('outbox')) {
      if (e.seq > n) break;
      if (this.toDelete.has(e.seq) || this.deleting.has(e.seq)) continue;
      this.awaiting.delete(e.seq);
      this.toDelete.add(e.seq);
      covered++;
    }
    if (covered) this.scheduleFlush(FLUSH_MS);
    const held = this.oldestHeldSeq();
    if (held > n + 1) this.d.onReleasedGap?.(held);
    // Progress: the timeout starts over, at its base length.
    this.clearResendTimer();
    this.resendDelay.reset();
    this.armResend();
    this.notifyChange();
  }

  private pump(): void {
    if (this.stopped || this.d.link.state.state !== 'online') return;
    const window = this.window();
    const on = this.acks.on;
    const acked = this.acks.ackedSeq;
    // Two passes at most: the kept cursor, then (when it ran out) a fresh one from the lowest seq.
    for (let pass = 0; pass < 2 && this.inFlight.size < window; pass++) {
      this.cursor ??= this.d.store.values('outbox');
      for (;;) {
        if (this.inFlight.size >= window) return;
        const r = this.cursor.next();
        if (r.done) {
          this.cursor = undefined;
          break;
        }
        const seq = r.value.seq;
        if (this.inFlight.has(seq) || this.toDelete.has(seq) || this.deleting.has(seq) || this.awaiting.has(seq)) continue;
        if (on && seq <= acked) continue; // stored by the back office; its deletion is on the way
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
      this.notifyChange();
    });
  }

  private send(entry: OutboxEntry): void {
    const seq = entry.seq;
    this.inFlight.add(seq);
    this.d.link.publish(entry.topic, JSON.stringify(entry.envelope)).then(
      () => {
        this.inFlight.delete(seq);
        this.sent++;
        this.onPuback(seq);
        this.schedulePump();
      },
      (e: Error) => {
        // Not acknowledged: it stays in the outbox and is sent again when the link is back (the
        // cursor is past it: start again from the lowest seq).
        this.inFlight.delete(seq);
        this.cursor = undefined;
        this.d.log?.('debug', `event seq ${seq} not acknowledged: ${e.message}`);
      },
    );
  }

  private onPuback(seq: number): void {
    // An ack covered it while it was in flight: its deletion is pending or done.
    if (this.toDelete.has(seq) || this.deleting.has(seq) || this.d.store.get('outbox', key(seq)) === undefined) return;
    if (this.acks.on && seq > this.acks.ackedSeq) {
      this.awaiting.add(seq);
      this.armResend();
      return;
    }
    this.toDelete.add(seq);
    this.scheduleFlush(FLUSH_MS);
  }

  /** Everything awaiting an ack goes back to "not sent"; the next pump sends it from the lowest seq. */
  private resendUnacked(): void {
    this.clearResendTimer();
    this.cursor = undefined;
    if (this.awaiting.size === 0) return;
    this.awaiting.clear();
    this.notifyChange();
  }

  private armResend(): void {
    if (this.resendTimer !== undefined || this.awaiting.size === 0 || this.stopped) return;
    const ms = this.resendDelay.current();
    this.resendTimer = this.timers.setTimeout(() => {
      this.resendTimer = undefined;
      if (this.stopped || this.awaiting.size === 0 || this.d.link.state.state !== 'online') return; // a reconnect resends
      this.resendDelay.next(); // the next wait is twice as long, until an ack advances
      this.timeoutResends++;
      this.d.log?.('warn', `no end-to-end ack for ${Math.round(ms / 1000)} s: sending ${this.awaiting.size} unacknowledged event(s) again`);
      this.resendUnacked();
      this.pump();
    }, ms);
    unref(this.resendTimer);
  }

  private clearResendTimer(): void {
    if (this.resendTimer === undefined) return;
    this.timers.clearTimeout(this.resendTimer);
    this.resendTimer = undefined;
  }

  private notifyChange(): void {
    this.changeListeners.emit();
  }

  /**
   * Deletions are recorded in batches every FLUSH_MS: one journal record for the hundreds of
   * acknowledgements a draining backlog gets in that time, instead of one per socket read.
   */
  private scheduleFlush(ms: number): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = this.timers.setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, ms);
  }

  private flush(): void {
    if (this.toDelete.size === 0) return;
    const batch = [...this.toDelete];
    this.toDelete.clear();
    for (const seq of batch) this.deleting.add(seq);
    // A lost deletion only means a duplicate send after a crash, which the contract allows: no fsync
    // for it (the next durable commit carries it to disk anyway).
    this.d.store
      .transact(
        (tx) => {
          for (const seq of batch) tx.del('outbox', key(seq));
        },
        { durable: false },
      )
      .then(
        () => {
          for (const seq of batch) this.deleting.delete(seq);
          this.retryDelay.reset();
          if (this.d.store.size('outbox') === 0) for (const l of [...this.drainedListeners]) l();
        },
        (e: Error) => {
          // Still acknowledged, still in the outbox: try the deletion again later, backing off so a
          // store that keeps failing is not hammered in a tight loop (and nothing is sent twice).
          for (const seq of batch) {
            this.deleting.delete(seq);
            this.toDelete.add(seq);
          }
          const wait = this.retryDelay.next();
          this.d.log?.('warn', `could not record acknowledgements: ${e.message}; retrying in ${wait} ms`);
          if (!this.stopped) this.scheduleFlush(wait);
        },
      );
  }
}
