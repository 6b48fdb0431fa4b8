/**
 * What every reconnecting input adapter (HID, serial scanner) is built on: its id, clock, jittered
 * reopen backoff, log, first status ('missing' until the device opens) and life-cycle flags. One
 * place, so the adapters (which never import each other) cannot drift apart on these defaults.
 * Pure: the adapters do the I/O.
 */
import { Backoff, type Random } from '../retry/backoff.js';
import { systemClock, type Clock } from './Clock.js';
import type { DeviceStatus } from './DeviceStatus.js';
import { TypedEmitter } from './TypedEmitter.js';

/** The adapters' log (ports/Logger.ts `Log`), named structurally: core does not import ports. */
export type SourceLog = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, ctx?: Record<string, unknown>) => void;

export interface ReconnectingSourceOptions {
  clock?: Clock;
  /** Reopen polling: first wait, doubled per miss up to maxMs, jittered. Default 500 ms → 5 s. */
  backoff?: { initialMs: number; maxMs: number };
  /** Jitter source of the backoff (src/core/retry/backoff.ts); tests pin it. */
  random?: Random;
  log?: SourceLog;
}

export abstract class ReconnectingSource<Events extends Record<string, unknown>> extends TypedEmitter<Events> {
  readonly id: string;
  protected readonly clock: Clock;
  protected readonly backoff: Backoff;
  protected readonly log: SourceLog;
  protected current: DeviceStatus;
  protected retryTimer: unknown;
  protected started = false;
  protected announced = false;
  protected stopped = false;

  constructor(id: string, role: DeviceStatus['role'], o: ReconnectingSourceOptions) {
    super((err, ev) => this.log('warn', `listener for '${ev}' threw`, { err: String(err) }));
    this.id = id;
    this.clock = o.clock ?? systemClock;
    const range = o.backoff ?? { initialMs: 500, maxMs: 5000 };
    this.backoff = new Backoff({ minMs: range.initialMs, maxMs: range.maxMs }, o.random ?? Math.random);
    this.log = o.log ?? (() => {});
    this.current = { source: id, role, state: 'missing', at: this.clock.now() };
  }
}
