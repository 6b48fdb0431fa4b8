/**
 * Whether the device waits for the back office's end-to-end acknowledgement (contract: the acks
 * topic, src/core/contract/acks.ts) before forgetting an event, and how far that acknowledgement
 * has got. mqtt.endToEndAck:
 * - 'off': forget an event at the broker's PUBACK (contract v1 as first written);
 * - 'on': keep it until an ack's ackedSeq covers it;
 * - 'auto' (default): 'off' until the first ack for this device arrives, then 'on' for good. Turning
 *   on is remembered in the store's meta collection, so a restarted device does not go back to
 *   trusting PUBACKs while its retained ack is still on the way. Without it, a device deployed
 *   before the back office runs ingest would keep every event forever.
 */
import type { Ack } from '../core/contract/index.js';
import { isoInstant } from '../core/time/calendar.js';
import type { Store } from '../ports/Store.js';
import type { Log } from '../ports/Logger.js';

export type EndToEndAckMode = 'auto' | 'on' | 'off';

/** Meta record written once, when 'auto' sees its first ack. */
export const E2E_META_KEY = 'endToEndAck';

/** The counter Tx.event draws seq from (src/adapters/store/StoreEngine.ts EVENT_SEQ). */
const EVENT_SEQ = 'eventSeq';

export type AckOutcome = 'advanced' | 'stale' | 'ignored';

export class EndToEndAck {
  private seen: boolean;
  /** Highest ackedSeq accepted since start (the retained ack brings it back after a restart). */
  ackedSeq = 0;

  constructor(private readonly d: { store: Store; mode: EndToEndAckMode; log?: Log | undefined }) {
    this.seen = d.store.get('meta', E2E_META_KEY) !== undefined;
  }

  /** Events are kept after PUBACK until an ack covers them. */
  get on(): boolean {
    return this.d.mode === 'on' || (this.d.mode === 'auto' && this.seen);
  }

  /**
   * Takes an ack already checked against the schema and addressed to this device. 'stale': not
   * above one already seen (acks are retained and redelivered; an older one must not matter).
   */
  async accept(ack: Ack): Promise<AckOutcome> {
    if (this.d.mode === 'off') return 'ignored';
    const issued = this.d.store.counter(EVENT_SEQ);
    if (ack.ackedSeq > issued) {
      // The back office holds seqs this store never issued: the id was provisioned again on a new
      // store. Trusting it would drop our events unsent, so it is reported and nothing else.
      this.d.log?.('warn', `ack for seq ${ack.ackedSeq} but this device has issued only up to ${issued}: ignored (device id reused?)`);
      return 'ignored';
    }
    // Any ack turns 'auto' on, even ackedSeq 0 (the back office runs and has nothing yet).
    if (!this.on) await this.turnOn(ack.ackedSeq);
    if (ack.ackedSeq <= this.ackedSeq) return 'stale';
    this.ackedSeq = ack.ackedSeq;
    return 'advanced';
  }

  private async turnOn(ackedSeq: number): Promise<void> {
    this.seen = true;
    this.d.log?.(
      'info',
      `end-to-end acknowledgement seen (ackedSeq ${ackedSeq}): events are now kept until the back office has stored them`,
    );
    await this.d.store
      .transact((tx) => tx.put('meta', E2E_META_KEY, { since: isoInstant(tx.now), firstAckedSeq: ackedSeq }))
      .catch((e: Error) => {
        // On for this run anyway; after a restart it is off until the retained ack is back.
        this.d.log?.('warn', `could not record that end-to-end acks are on: ${e.message}`);
      });
  }
}

/** Timer functions, injected so tests drive time by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Lets a long timer not keep a stopping process alive (real timers only; fakes have no unref). */
export const unref = (handle: unknown): void => {
  (handle as { unref?: () => void } | undefined)?.unref?.();
};
