import { AppError } from '../../core/errors/AppError.js';
import type { Clock } from '../../core/input/Clock.js';
import type { DeviceStatus, Presence } from '../../core/input/DeviceStatus.js';
import type { InputProfile } from '../../core/input/InputProfile.js';
import { ReconnectingSource } from '../../core/input/ReconnectingSource.js';
import {
  decodeDeviceReport,
  decoderDeadline,
  expireDecoder,
  initialDecoderState,
  resetDecoder,
  type DecoderState,
} from '../../core/input/decodeDeviceReport.js';
import type { InputEvent } from '../../core/input/InputEvent.js';
import type { InputSource, InputSourceEvents } from '../../ports/InputSource.js';
import { disconnected, hidUnavailable, isLoadFailure, openFailed } from './hidErrors.js';
import { loadNodeHid, type HidHandle, type HidLoader, type HidModule } from './HidModule.js';
import { matchDevice } from './matchDevice.js';
import type { Random } from '../../core/retry/backoff.js';
import type { Log } from '../../ports/Logger.js';

export interface HidInputOptions {
  /** An already loaded module (tests: FakeHid). Wins over `loadHid`. */
  hid?: HidModule;
  /** How to load node-hid; default `await import('node-hid')`. */
  loadHid?: HidLoader;
  clock?: Clock;
  /** Reconnect polling: first wait, doubled per miss up to maxMs. devicesAsync is costly: not too eager. */
  backoff?: { initialMs: number; maxMs: number };
  /** Jitter source of the reconnect backoff (src/core/retry/backoff.ts); tests pin it. */
  random?: Random;
  /** Raw reports (a keypad's: their size only) and ignored ones at debug level. */
  log?: Log;
}

/**
 * InputSource for one HID device described by a profile (keypad, wedge scanner or HID-POS scanner),
 * read with node-hid's HIDAsync. Behaviour: see ports/InputSource.ts. Hot-plug is done by polling
 * devicesAsync with backoff after 'error' (node-hid has no hot-plug events).
 */
export class HidInput extends ReconnectingSource<InputSourceEvents> implements InputSource {
  private hid: HidModule | undefined;
  private handle: HidHandle | undefined;
  private path = '';
  private decoder: DecoderState = initialDecoderState;
  private burstTimer: unknown;

  constructor(
    private readonly profile: InputProfile,
    private readonly opts: HidInputOptions = {},
  ) {
    super(profile.id, profile.role, opts);
  }

  status(): DeviceStatus {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      this.hid = this.opts.hid ?? (await (this.opts.loadHid ?? loadNodeHid)());
      // node-hid picks its backend on first use; after that this call silently does nothing.
      if (this.profile.driver === 'libusb') this.hid.setDriverType('libusb');
    } catch (e) {
      throw this.giveUp(e);
    }
    await this.connect();
    if (this.current.state === 'unavailable') throw this.current.error;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimer(this.retryTimer);
    this.clock.clearTimer(this.burstTimer);
    this.decoder = initialDecoderState;
    await this.closeHandle();
  }

  private giveUp(e: unknown): AppError {
    const err = e instanceof AppError ? e : hidUnavailable(e);
    this.setPresence('unavailable', err);
    return err;
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.hid === undefined) return;
    let info;
    try {
      info = matchDevice(await this.hid.devicesAsync(), this.profile.match);
    } catch (e) {
      // The native binding loads lazily on this first call: ERR_DLOPEN_FAILED shows up here.
      if (isLoadFailure(e)) return void this.giveUp(e);
      this.log('warn', 'HID enumeration failed', { err: String(e) });
    }
    if (info?.path === undefined) return this.retry();
    let handle: HidHandle;
    try {
      handle = await this.hid.HIDAsync.open(info.path);
    } catch (e) {
      if (isLoadFailure(e)) return void this.giveUp(e);
      return this.retry(openFailed(e, info.path));
    }
    if (this.stopped) return void (await handle.close().catch(() => {}));
    this.handle = handle;
    this.path = info.path;
    this.decoder = initialDecoderState;
    this.backoff.reset();
    handle.on('data', (data) => this.onReport(handle, data));
    handle.on('error', (e) => void this.onDeviceError(handle, e));
    this.setPresence('present');
  }

  private retry(error?: AppError): void {
    if (this.stopped) return;
    this.setPresence('missing', error);
    this.clock.clearTimer(this.retryTimer);
    this.retryTimer = this.clock.setTimer(() => void this.connect(), this.backoff.next());
  }

  private onReport(from: HidHandle, data: Buffer): void {
    if (from !== this.handle || this.stopped) return;
    const t = this.clock.now();
    // A keypad's reports are the keys pressed, PINs included: only their size goes to the log (src/ports/Logger.ts).
    this.log('debug', '< hid report', {
      source: this.id,
      ...(this.profile.role === 'keypad' ? { bytes: data.length } : { hex: data.toString('hex') }),
    });
    const step = decodeDeviceReport(this.decoder, new Uint8Array(data), t, this.profile, this.id);
    if (step.ignored !== undefined) this.log('debug', 'ignored report', { source: this.id, reason: step.ignored });
    this.decoder = step.state;
    this.deliver(step.events);
    this.armBurstTimer();
  }

  private armBurstTimer(): void {
    this.clock.clearTimer(this.burstTimer);
    const due = decoderDeadline(this.decoder, this.profile, this.id);
    if (due === null) return;
    this.burstTimer = this.clock.setTimer(
      () => {
        const step = expireDecoder(this.decoder, this.clock.now(), this.profile, this.id);
        this.decoder = step.state;
        this.deliver(step.events);
      },
      Math.max(0, due - this.clock.now()),
    );
  }

  private async onDeviceError(from: HidHandle, e: unknown): Promise<void> {
    if (from !== this.handle || this.stopped) return;
    this.clock.clearTimer(this.burstTimer);
    this.deliver(resetDecoder(this.decoder, this.profile, this.id).events);
    this.decoder = initialDecoderState;
    const path = this.path;
    await this.closeHandle();
    this.backoff.reset();
    this.retry(disconnected(e, path));
  }

  private async closeHandle(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    // Closing a device that was yanked out can itself fail; it is gone either way.
    if (h !== undefined) await h.close().catch(() => {});
  }

  private deliver(events: InputEvent[]): void {
    for (const e of events) this.emit('input', e);
  }

  private setPresence(state: Presence, error?: AppError): void {
    if (this.stopped && state !== 'unavailable') return;
    const prev = this.current;
    // One event per change: a device that keeps being missing on every poll is news only once, but a
    // new reason (found yet not openable: Hid_Permission) is worth telling.
    const newReason = error !== undefined && error.code !== prev.error?.code;
    if (this.announced && prev.state === state && !newReason) return;
    this.announced = true;
    this.current = { source: this.id, role: this.profile.role, state, at: this.clock.now() };
    if (error !== undefined) this.current.error = error;
    this.emit('device', this.current);
  }
}
