/**
 * The retained device status (contract v1 §Status): "online" when the link comes up, then again
 * whenever the outbox depths (unsent; sent but not yet acknowledged end to end) or the printer
 * state changes, at most once a second (a draining outbox
 * changes depth hundreds of times a second; the back office needs the trend, not every step).
 * "offline" is the last will the broker publishes when the link dies, and is published by stop().
 */
import { topics, type Status } from '../core/contract/index.js';
import { isoInstant } from '../core/time/calendar.js';
import type { BrokerLink } from '../ports/BrokerLink.js';

export interface StatusSource {
  outboxDepth(): number;
  oldestPendingAt(): string | null;
  printer(): Status['printer'];
  operatorId(): string | null;
  /** Events the broker acknowledged and the back office has not (OutboxSender); omitted from the status when absent. */
  unackedDepth?(): number;
  oldestUnackedAt?(): string | null;
  /** Free bytes on the store's file system as last measured; omitted from the status when absent or undefined. */
  freeBytes?(): number | undefined;
}

/** What makes two statuses worth publishing twice (everything but `at`). */
const keyOf = (s: Status) =>
  `${s.outboxDepth}|${s.printer}|${s.operatorId}|${s.oldestPendingAt}|${s.unackedDepth}|${s.oldestUnackedAt}|${freeMB(s.freeBytes)}`;
/** Free space counts in whole megabytes: every journal append changes the byte count, not the trend. */
const freeMB = (b: number | undefined) => (b === undefined ? '' : Math.floor(b / 1048576));

export class StatusPublisher {
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = 0;
  private lastKey = '';
  private unsub: (() => void) | undefined;

  constructor(
    private readonly d: {
      link: BrokerLink;
      deviceId: string;
      appVersion: string;
      clock: () => number;
      source: StatusSource;
      minIntervalMs?: number;
    },
  ) {}

  build(state: 'online' | 'offline'): Status {
    const s = this.d.source;
    return {
      state,
      at: isoInstant(this.d.clock()),
      appVersion: this.d.appVersion,
      outboxDepth: s.outboxDepth(),
      oldestPendingAt: s.oldestPendingAt(),
      printer: s.printer(),
      operatorId: s.operatorId(),
      ...(s.unackedDepth ? { unackedDepth: s.unackedDepth() } : {}),
      ...(s.oldestUnackedAt ? { oldestUnackedAt: s.oldestUnackedAt() } : {}),
      ...(s.freeBytes?.() !== undefined ? { freeBytes: s.freeBytes()! } : {}),
    };
  }

  /** The last will for the next connect. */
  will(): { topic: string; payload: string } {
    return { topic: topics.status(this.d.deviceId), payload: JSON.stringify(this.build('offline')) };
  }

  start(): void {
    this.unsub = this.d.link.onState((st) => {
      if (st.state === 'online') {
        this.lastKey = '';
        this.changed();
      }
    });
  }

  /** Call when something the status shows may have changed; publishes at most once per interval. */
  changed(): void {
    if (this.d.link.state.state !== 'online' || this.timer) return;
    const s = this.build('online');
    if (keyOf(s) === this.lastKey) return;
    const wait = Math.max(0, this.lastSentAt + (this.d.minIntervalMs ?? 1000) - this.d.clock());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = this.build('online');
      this.lastKey = keyOf(now);
      this.lastSentAt = this.d.clock();
      this.d.link.publish(topics.status(this.d.deviceId), JSON.stringify(now), { retain: true }).catch(() => {
        this.lastKey = ''; // not delivered: publish again on the next change or reconnect
      });
    }, wait);
  }

  async stop(): Promise<void> {
    this.unsub?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.d.link.state.state === 'online') {
      await this.d.link
        .publish(topics.status(this.d.deviceId), JSON.stringify(this.build('offline')), { retain: true })
        .catch(() => undefined);
    }
  }
}
