/**
 * Sends `sync.requested` (src/core/contract/events/syncEvents.ts) through the outbox at the first
 * connection after the app starts and at every connection whose CONNACK says the broker kept no
 * session: in both cases jobs queued for the device may have been dropped by the broker, which
 * the device cannot see and the back office can (it compares the list with what it sent).
 * Going through the outbox makes it durable and ordered with the other events; heldFromSeq tells
 * the back office which seqs the device has released for good.
 */
import { syncRequestPages, type SyncRequestedData } from '../core/contract/index.js';
import type { JobRecord } from '../core/jobs/types.js';
import type { BrokerLink, LinkState } from '../ports/BrokerLink.js';
import type { OutboxEntry, Store } from '../ports/Store.js';
import type { Log } from '../ports/Logger.js';

/** The counter Tx.event draws seq from (src/adapters/store/StoreEngine.ts EVENT_SEQ). */
const EVENT_SEQ = 'eventSeq';

export class SyncRequester {
  private connectedSinceStart = false;
  /** heldFromSeq of the latest request queued; requests are chained so they never race. */
  private announced = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private unsub: (() => void) | undefined;
  /** Requests made (tests). */
  requests = 0;

  constructor(private readonly d: { store: Store; link: Pick<BrokerLink, 'state' | 'onState'>; log?: Log }) {}

  start(): void {
    this.unsub = this.d.link.onState((s) => this.observe(s));
    this.observe(this.d.link.state);
  }

  stop(): void {
    this.unsub?.();
    this.unsub = undefined;
  }

  private observe(s: LinkState): void {
    if (s.state !== 'online') return;
    const reason: SyncRequestedData['reason'] | null = !this.connectedSinceStart ? 'start' : s.sessionPresent ? null : 'session-lost';
    this.connectedSinceStart = true;
    if (reason) void this.request(reason).catch((e: Error) => this.d.log?.('warn', `could not queue sync.requested: ${e.message}`));
  }

  /**
   * The back office acknowledged up to some seq below `heldFrom - 1` and the device no longer holds
   * the seqs between (it forgot them at PUBACK while acks were off; the broker may have lost some):
   * without word from the device the back office would wait for them forever and its acks would
   * never reach the events the device still keeps. Announced once per heldFrom.
   */
  released(heldFrom: number): Promise<void> {
    return this.enqueue(async () => {
      if (heldFrom > this.announced) await this.queue('released', heldFrom);
    });
  }

  /** Queues the request, every page in one transaction (so heldFromSeq and the list agree). */
  request(reason: SyncRequestedData['reason']): Promise<number> {
    return this.enqueue(() => this.queue(reason, 0));
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** `atLeast`: the sender knows entries below it are acknowledged and only not yet deleted. */
  private async queue(reason: SyncRequestedData['reason'], atLeast: number): Promise<number> {
    this.requests++;
    const pages = await this.d.store.transact((tx) => {
      let heldFromSeq = tx.counter(EVENT_SEQ) + 1;
      for (const e of this.d.store.values('outbox')) {
        heldFromSeq = e.seq;
        break;
      }
      heldFromSeq = Math.max(heldFromSeq, atLeast);
      this.announced = Math.max(this.announced, heldFromSeq);
      const jobs = [...this.d.store.values('jobs')].map((j) => ({ jobId: j.job.jobId, version: j.job.version }));
      const pages = syncRequestPages({ reason, heldFromSeq, jobs });
      for (const data of pages) tx.event({ type: 'sync.requested', operatorId: null, data: { ...data } });
      return pages.length;
    });
    this.d.log?.('info', `sync.requested (${reason}) queued: ${pages} page(s)`);
    return pages;
  }
}
