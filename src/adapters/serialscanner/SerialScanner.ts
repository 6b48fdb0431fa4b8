import { access } from 'node:fs/promises';
import type { AppError } from '../../core/errors/AppError.js';
import { ErrorCode } from '../../core/errors/AppError.js';
import type { Clock } from '../../core/input/Clock.js';
import type { DeviceStatus, Presence } from '../../core/input/DeviceStatus.js';
import type { SerialScannerProfile } from '../../core/input/InputProfile.js';
import { ReconnectingSource } from '../../core/input/ReconnectingSource.js';
import { readSerialLine } from '../../core/input/serialLine.js';
import type { Random } from '../../core/retry/backoff.js';
import type { InputSource, InputSourceEvents } from '../../ports/InputSource.js';
import type { Log } from '../../ports/Logger.js';
import { BoundedReadlineParser, type LinePiece } from './BoundedReadlineParser.js';
import { lineRejected, serialDisconnected, serialOpenFailed, serialUnavailable } from './serialErrors.js';

/** The slice of serialport's SerialPort we use (tests may pass another, e.g. SerialPortStream over MockBinding). */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): void;
  on(event: 'data', l: (b: Buffer) => void): unknown;
  on(event: 'close', l: (err?: Error & { disconnected?: boolean }) => void): unknown;
  on(event: 'error', l: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
}
export type SerialPortConstructor = new (o: { path: string; baudRate: number; autoOpen: false; lock: boolean }) => SerialPortLike;

/** Importing 'serialport' loads native code: only when a serial scanner starts (demo mode never does). */
export const loadSerialPort = async (): Promise<SerialPortConstructor> =>
  (await import('serialport')).SerialPort as unknown as SerialPortConstructor;

/** A dropped line is the InputSource 'rejected' event (ports/InputSource.ts). */
export type SerialScannerEvents = InputSourceEvents;

export interface SerialScannerOptions {
  /** serialport's SerialPort by default, imported in start(). */
  Port?: SerialPortConstructor;
  /** How to load it; default loadSerialPort. A failure makes the source 'unavailable' (Serial_Unavailable). */
  loadPort?: () => Promise<SerialPortConstructor>;
  clock?: Clock;
  /** Reopen polling after a miss or an unplug: first wait, doubled per miss up to maxMs, jittered. */
  backoff?: { initialMs: number; maxMs: number };
  /** Jitter source of the reopen backoff (src/core/retry/backoff.ts); tests pin it. */
  random?: Random;
  /** How often an open port's path is checked to still exist (the hang-up serialport can miss, below). */
  watchMs?: number;
  log?: Log;
}

/**
 * InputSource for a barcode scanner in serial mode (USB-CDC or RS-232): each barcode is one line,
 * split by serialport's ReadlineParser (bounded: BoundedReadlineParser.ts) and judged by
 * core/input/serialLine.ts. Behaviour: see ports/InputSource.ts; device/input/README.md says how to
 * set the scanner up. serialport reports an unplug as 'close' (err.disconnected) and does not
 * reopen: we reopen the path with backoff, so a replug or a scanner plugged in late needs no restart.
 */
export class SerialScanner extends ReconnectingSource<SerialScannerEvents> implements InputSource {
  private Port: SerialPortConstructor | undefined;
  private port: SerialPortLike | undefined;
  private parser: BoundedReadlineParser | undefined;
  private watchTimer: unknown;

  constructor(
    private readonly profile: SerialScannerProfile,
    private readonly opts: SerialScannerOptions = {},
  ) {
    super(profile.id, 'scanner', opts);
  }

  status(): DeviceStatus {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      this.Port = this.opts.Port ?? (await (this.opts.loadPort ?? loadSerialPort)());
    } catch (e) {
      const err = serialUnavailable(e);
      this.setPresence('unavailable', err);
      throw err;
    }
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimer(this.retryTimer);
    this.clock.clearTimer(this.watchTimer);
    await this.closePort();
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.Port === undefined) return;
    const { path, baudRate } = this.profile;
    let port: SerialPortLike;
    try {
      port = new this.Port({ path, baudRate, autoOpen: false, lock: true });
    } catch (e) {
      return this.retry(serialOpenFailed(e, path));
    }
    // A late 'error' from a port we gave up on must not become an uncaught exception.
    port.on('error', (e) => this.log('warn', 'serial scanner port error', { source: this.id, error: e.message }));
    const failed = await new Promise<Error | null>((resolve) => port.open((e) => resolve(e ?? null)));
    if (failed !== null) return this.retry(serialOpenFailed(failed, path));
    if (this.stopped) return void (await closeQuietly(port));
    const parser = new BoundedReadlineParser(this.profile.delimiter, this.profile.maxLineBytes, (piece) => this.onPiece(parser, piece));
    this.port = port;
    this.parser = parser;
    port.on('data', (b) => void (this.parser === parser && parser.write(b)));
    port.on('close', (e) => this.onClose(port, e));
    this.backoff.reset();
    this.log('info', 'serial scanner open', { source: this.id, path });
    this.setPresence('present');
    this.watch(port);
  }

  /**
   * serialport misses a hang-up that comes before its first read has reached the poller: its read
   * loop then gets 0 bytes again and again and the port never closes (seen on a pty unplugged right
   * after open). The device node (or /dev/serial/by-id link) goes away on unplug, so a port whose
   * path is gone is treated as unplugged, which also ends that loop.
   */
  private watch(port: SerialPortLike): void {
    this.watchTimer = this.clock.setTimer(() => {
      void access(this.profile.path).then(
        () => port === this.port && this.watch(port),
        () => {
          if (port !== this.port) return;
          this.onClose(port, new Error('device path is gone'));
          void closeQuietly(port);
        },
      );
    }, this.opts.watchMs ?? 2000);
  }

  private retry(error: AppError): void {
    if (this.stopped) return;
    this.setPresence('missing', error);
    this.clock.clearTimer(this.retryTimer);
    this.retryTimer = this.clock.setTimer(() => void this.connect(), this.backoff.next());
  }

  private onClose(port: SerialPortLike, err?: Error): void {
    if (port !== this.port || this.stopped) return;
    this.clock.clearTimer(this.watchTimer);
    // The parser goes with the port: a half-received barcode is never delivered.
    this.port = undefined;
    this.parser = undefined;
    port.removeAllListeners();
    port.on('error', () => {});
    this.log('warn', 'serial scanner disconnected', { source: this.id, path: this.profile.path });
    this.backoff.reset();
    this.retry(serialDisconnected(err, this.profile.path));
  }

  private onPiece(from: BoundedReadlineParser, piece: LinePiece): void {
    if (from !== this.parser || this.stopped) return;
    if ('overflow' in piece) return this.reject(ErrorCode.Scan_TooLong, { bytes: piece.overflow, delimiterSeen: false });
    const line = readSerialLine(piece.line, this.profile.maxLineBytes);
    if (line.kind === 'scan') return void this.emit('input', { type: 'scan', code: line.code, source: this.id, at: this.clock.now() });
    if (line.kind === 'blank') return this.log('debug', 'blank serial line ignored', { source: this.id });
    if (line.kind === 'too-long') return this.reject(ErrorCode.Scan_TooLong, { bytes: line.bytes, delimiterSeen: true });
    this.reject(ErrorCode.Scan_Garbled, { reason: line.reason, bytes: piece.line.length });
  }

  private reject(code: typeof ErrorCode.Scan_TooLong | typeof ErrorCode.Scan_Garbled, detail: Record<string, unknown>): void {
    const err = lineRejected(code, this.id, detail);
    this.log('warn', err.message, { code, ...detail });
    this.emit('rejected', err);
  }

  private async closePort(): Promise<void> {
    const p = this.port;
    this.port = undefined;
    this.parser = undefined;
    if (p !== undefined) await closeQuietly(p);
  }

  private setPresence(state: Presence, error?: AppError): void {
    if (this.stopped && state !== 'unavailable') return;
    const prev = this.current;
    // Once per change; the same state again only with a new reason: a path that is not there (ENOENT)
    // is plain absence, as after an unplug, but found-yet-not-openable (EACCES, EBUSY) is news.
    const newReason =
      error !== undefined &&
      error.context.errno !== 'ENOENT' &&
      (error.code !== prev.error?.code || error.context.errno !== prev.error?.context.errno);
    if (this.announced && prev.state === state && !newReason) return;
    this.announced = true;
    this.current = { source: this.id, role: 'scanner', state, at: this.clock.now(), ...(error !== undefined ? { error } : {}) };
    this.emit('device', this.current);
  }
}

/** Drops our listeners (keeping 'error' swallowed) and closes; a yanked device can fail to close, it is gone either way. */
async function closeQuietly(port: SerialPortLike): Promise<void> {
  port.removeAllListeners();
  port.on('error', () => {});
  if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
}
