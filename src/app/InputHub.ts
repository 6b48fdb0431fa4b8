import { AppError, ErrorCode, isAppError } from '../core/errors/AppError.js';
import type { DeviceStatus } from '../core/input/DeviceStatus.js';
import { isValidInputEvent, type InputEvent } from '../core/input/InputEvent.js';
import { TypedEmitter } from '../core/input/TypedEmitter.js';
import { summarizePresence, updatePresence, type PresenceTable } from '../core/input/presence.js';
import { systemClock, type Clock } from '../core/input/Clock.js';
import { isEchoScan, type SeenScan } from '../core/input/isEchoScan.js';
import type { InputSource, InputSourceEvents } from '../ports/InputSource.js';
import type { Log } from '../ports/Logger.js';

export interface InputHubOptions {
  log?: Log;
  clock?: Clock;
  /** Same code from another source within this many ms is an echo (see isEchoScan). 0 disables. */
  echoWindowMs?: number;
}

export interface InputHubStart {
  started: string[];
  failed: Array<{ source: string; error: AppError }>;
}

/**
 * The one input stream the UI listens to: every source's 'input' events, in arrival order, and
 * 'device' events when a source's presence changes (the status bar shows "Okuyucu yok" from them).
 * A source that cannot start (node-hid missing) is recorded as 'unavailable' and the others carry
 * on: the terminal keyboard alone is enough to work. A listener that throws is contained.
 */
export class InputHub extends TypedEmitter<InputSourceEvents> {
  private table: PresenceTable = new Map();
  private readonly detach: Array<() => void> = [];
  private readonly log: NonNullable<InputHubOptions['log']>;
  private readonly clock: Clock;
  private readonly echoWindowMs: number;
  private lastScan: SeenScan | undefined;

  constructor(
    private readonly sources: readonly InputSource[],
    opts: InputHubOptions = {},
  ) {
    const log = opts.log ?? (() => {});
    super((err, ev) => log('error', `input listener for '${ev}' threw`, { err: String(err) }));
    this.log = log;
    this.clock = opts.clock ?? systemClock;
    this.echoWindowMs = opts.echoWindowMs ?? 300;
  }

  /**
   * Starts all sources side by side. Resolves with who started and who failed (each failure also
   * arrives as a 'device' event, state 'unavailable'); rejects only if no source started at all.
   */
  async start(): Promise<InputHubStart> {
    for (const s of this.sources) {
      const onInput = (e: InputEvent) => this.onInput(s, e);
      const onDevice = (d: DeviceStatus) => this.onDevice(d);
      // A dropped scan reaches the screen ("scan again"), not only the log.
      const onRejected = (e: AppError) => this.emit('rejected', e);
      s.on('input', onInput).on('device', onDevice).on('rejected', onRejected);
      this.detach.push(() => void s.off('input', onInput).off('device', onDevice).off('rejected', onRejected));
    }
    const results = await Promise.allSettled(this.sources.map((s) => s.start()));
    const out: InputHubStart = { started: [], failed: [] };
    results.forEach((r, i) => {
      const s = this.sources[i]!;
      if (r.status === 'fulfilled') return void out.started.push(s.id);
      const error = isAppError(r.reason)
        ? r.reason
        : new AppError(`input source ${s.id} failed to start`, ErrorCode.Hid_Unavailable, { cause: r.reason });
      out.failed.push({ source: s.id, error });
      this.log('warn', error.message, { source: s.id, code: error.code });
      this.onDevice({ ...s.status(), state: 'unavailable', error });
    });
    if (out.started.length === 0 && out.failed[0] !== undefined) throw out.failed[0].error;
    return out;
  }

  async stop(): Promise<void> {
    for (const d of this.detach.splice(0)) d();
    await Promise.allSettled(this.sources.map((s) => s.stop()));
  }

  presence(): PresenceTable {
    return this.table;
  }

  summary(): ReturnType<typeof summarizePresence> {
    return summarizePresence(this.table);
  }

  private onInput(s: InputSource, e: InputEvent): void {
    // Sources already validate; this keeps one buggy source from feeding the UI nonsense.
    if (!isValidInputEvent(e)) return void this.log('warn', 'dropped invalid input event', { source: s.id });
    if (e.type === 'scan') {
      const now = this.clock.now();
      const echo = isEchoScan(this.lastScan, e, now, this.echoWindowMs);
      this.lastScan = { code: e.code, source: e.source, at: now };
      if (echo) return void this.log('warn', 'dropped echoed scan (wedge scanner not exclusive?)', { source: s.id });
    }
    this.emit('input', e);
  }

  private onDevice(d: DeviceStatus): void {
    const r = updatePresence(this.table, d);
    this.table = r.table;
    if (r.changed) this.emit('device', d);
  }
}
