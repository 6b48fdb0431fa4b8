/**
 * Printer over a serial line (USB-serial, RS-232, Bluetooth SPP rfcomm, or a pty in tests), with
 * serialport. Behaviour: see ports/Printer.ts.
 *
 * Why it is built this way (docs/implementation-notes.md §1–3):
 *  - node-thermal-printer has no serial driver (its "file" interface sets no baud rate and checks
 *    only that the path exists), so we write the bytes ourselves with the profile's baud rate and
 *    flow control, in chunks, waiting for drain, under a job timeout (writes issued before 'open'
 *    would otherwise wait forever).
 *  - drain() means the bytes left the host, not that paper came out: the printer is asked with
 *    DLE EOT before and after the job, and a printer that does not answer is 'offline', never
 *    "probably printed".
 *  - serialport reports an unplug as 'close' with err.disconnected and does not reconnect: we fail
 *    the job in flight and reopen with backoff, so replugging needs no app restart.
 *  - importing 'serialport' loads native code; the constructor is injected or imported lazily.
 */
import { ErrorCode, type AppError } from '../../core/errors/AppError.js';
import { statusQuery } from '../../core/escpos/commands.js';
import { interpretStatus, type StatusReading } from '../../core/escpos/printerStatus.js';
import type { PrinterProfile } from '../../core/escpos/printerProfile.js';
import { Backoff, type Random } from '../../core/retry/backoff.js';
import type { PrintOptions, PrintResult, Printer, PrinterStatus, StatusListener } from '../../ports/Printer.js';
import { StatusNotifier, printerError, statusError } from './statusNotifier.js';
import type { Log } from '../../ports/Logger.js';

type Cb = (err?: Error | null) => void;

/** The slice of serialport's SerialPort / SerialPortStream we use. */
export interface PortLike {
  readonly isOpen: boolean;
  open(cb: Cb): void;
  close(cb?: Cb): void;
  write(data: Buffer, cb?: Cb): boolean;
  drain(cb: Cb): void;
  flush(cb?: Cb): void;
  on(event: 'data', l: (b: Buffer) => void): unknown;
  on(event: 'close', l: (err?: Error & { disconnected?: boolean }) => void): unknown;
  on(event: 'error', l: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
}

export interface PortOptions {
  path: string;
  baudRate: number;
  rtscts: boolean;
  xon: boolean;
  xoff: boolean;
  autoOpen: false;
  lock: boolean;
}

export type PortConstructor = new (opts: PortOptions) => PortLike;

export interface SerialPrinterDeps {
  /** serialport's SerialPort by default (imported lazily); tests pass SerialPortStream + MockBinding. */
  Port?: PortConstructor;
  /** How long to wait for one DLE EOT reply byte. */
  statusTimeoutMs?: number;
  openTimeoutMs?: number;
  /** Background status polling while idle, so the status bar follows the cover and paper; 0 = off. */
  pollIntervalMs?: number;
  reconnect?: { initialMs: number; maxMs: number };
  /** Jitter source of the reopen backoff (src/core/retry/backoff.ts); tests pin it. */
  random?: Random;
  log?: Log;
}

type Job = { fail: (e: AppError) => void };

export class SerialPrinter implements Printer {
  private port: PortLike | null = null;
  private wanted = false;
  private closing = false;
  private connecting: Promise<boolean> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private reply: ((b: number | undefined) => void) | null = null;
  private job: Job | null = null;
  private readonly notifier: StatusNotifier;
  private readonly opt: Required<Omit<SerialPrinterDeps, 'Port' | 'log' | 'random'>>;

  constructor(
    private readonly profile: PrinterProfile,
    private readonly deps: SerialPrinterDeps = {},
  ) {
    this.opt = {
      statusTimeoutMs: deps.statusTimeoutMs ?? 500,
      openTimeoutMs: deps.openTimeoutMs ?? 3000,
      pollIntervalMs: deps.pollIntervalMs ?? 3000,
      reconnect: deps.reconnect ?? { initialMs: 250, maxMs: 5000 },
    };
    this.backoff = new Backoff({ minMs: this.opt.reconnect.initialMs, maxMs: this.opt.reconnect.maxMs }, deps.random ?? Math.random);
    this.notifier = new StatusNotifier((e) => this.log('warn', 'status listener threw', { error: String(e) }));
  }

  get lastStatus(): PrinterStatus {
    return this.notifier.current;
  }

  onStatus(listener: StatusListener): () => void {
    return this.notifier.on(listener);
  }

  async open(): Promise<void> {
    if (this.wanted) return;
    this.wanted = true;
    this.closing = false;
    if (!(await this.connect())) this.scheduleReconnect();
    this.schedulePoll();
  }

  async close(): Promise<void> {
    if (!this.wanted) return;
    this.wanted = false;
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.reconnectTimer = this.pollTimer = null;
    this.job?.fail(printerError('printer closed while printing', ErrorCode.Printer_Closed, 'during'));
    const p = this.port;
    this.port = null;
    this.reply?.(undefined);
    if (p) await new Promise<void>((r) => (p.isOpen ? p.close(() => r()) : r()));
    if (p) detach(p);
    this.notifier.set({ status: 'offline', reason: 'closed' });
  }

  async status(): Promise<PrinterStatus> {
    if (!this.wanted) return 'offline';
    return this.serial(async () => (await this.refresh()).status);
  }

  async print(bytes: Uint8Array, opts: PrintOptions = {}): Promise<PrintResult> {
    if (!this.wanted) throw printerError('printer is not open', ErrorCode.Printer_Closed, 'before');
    return this.serial(() => this.runJob(Buffer.from(bytes), opts));
  }

  // ---- job ----

  private async runJob(data: Buffer, opts: PrintOptions): Promise<PrintResult> {
    if (!this.wanted) throw printerError('printer is not open', ErrorCode.Printer_Closed, 'before');
    let before = await this.refresh();
    const deadline = Date.now() + (opts.waitReadyMs ?? 0);
    while (!this.isReady(before.status) && Date.now() < deadline && this.wanted) {
      await delay(Math.min(200, Math.max(10, deadline - Date.now())));
      before = await this.refresh();
    }
    if (!this.wanted) throw printerError('printer closed', ErrorCode.Printer_Closed, 'before');
    if (!this.port) throw printerError(`printer not connected (${this.profile.path})`, ErrorCode.Printer_Offline, 'before');
    if (!this.isReady(before.status)) throw statusError(before.status, 'before', before.reason);

    const timeoutMs = opts.timeoutMs ?? Math.ceil((data.length * 10 * 1000 * 2) / this.profile.baudRate) + 3000;
    await this.send(data, timeoutMs);

    if (!this.profile.statusQueries) return { bytesSent: data.length, status: 'unknown', verified: false };
    const after = await this.refresh();
    if (after.status !== 'ready') throw statusError(after.status, 'after', after.reason);
    return { bytesSent: data.length, status: 'ready', verified: true };
  }

  private isReady(s: PrinterStatus): boolean {
    return s === 'ready' || (s === 'unknown' && !this.profile.statusQueries && this.port !== null);
  }

  private send(data: Buffer, timeoutMs: number): Promise<void> {
    const port = this.port as PortLike;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (e?: AppError) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.job = null;
        if (e) reject(e);
        else resolve();
      };
      this.job = { fail: finish };
      const timer = setTimeout(() => {
        port.flush(() => {}); // drop what is still queued: a late tail would print as garbage
        finish(printerError(`print job did not leave the host within ${timeoutMs} ms`, ErrorCode.Printer_Timeout, 'during'));
      }, timeoutMs);
      const step = this.profile.chunkSize;
      const writeFrom = (off: number) => {
        if (done) return;
        if (off >= data.length) return finish();
        port.write(data.subarray(off, off + step), (err) => {
          if (err) return this.writeFailed(port, err, finish);
          port.drain((err2) => (err2 ? this.writeFailed(port, err2, finish) : writeFrom(off + step)));
        });
      };
      writeFrom(0);
    });
  }

  /** A write error followed by 'close' is an unplug; give the close event a moment to arrive. */
  private writeFailed(port: PortLike, err: Error, finish: (e?: AppError) => void): void {
    setTimeout(() => {
      if (this.port === port) finish(printerError(`write failed: ${err.message}`, ErrorCode.Printer_Io, 'during', err));
      else finish(printerError('printer disconnected while printing', ErrorCode.Printer_Disconnected, 'during', err));
    }, 100);
  }

  // ---- status ----

  private async refresh(): Promise<StatusReading> {
    const r = await this.readStatus();
    this.notifier.set(r);
    return r;
  }

  private async readStatus(): Promise<StatusReading> {
    if (!this.port) return { status: 'offline', paperNearEnd: false, reason: 'not connected' };
    if (!this.profile.statusQueries) return { status: 'unknown', paperNearEnd: false, reason: 'profile has no status support' };
    const printer = await this.query(1);
    if (printer === undefined) return interpretStatus({});
    const offline = await this.query(2);
    const paper = await this.query(4);
    return interpretStatus({ printer, offline, paper });
  }

  private query(n: 1 | 2 | 4): Promise<number | undefined> {
    const port = this.port;
    if (!port) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const t = setTimeout(() => settle(undefined), this.opt.statusTimeoutMs);
      const settle = (b: number | undefined) => {
        clearTimeout(t);
        if (this.reply === settle) this.reply = null;
        resolve(b);
      };
      this.reply = settle;
      port.write(Buffer.from(statusQuery(n)), (err) => {
        if (err) settle(undefined);
      });
    });
  }

  private onData(buf: Buffer): void {
    // Status replies arrive one byte per query; anything unasked (ASB, noise) is dropped.
    for (const b of buf) {
      if (this.reply) this.reply(b);
    }
  }

  // ---- connection ----

  private connect(): Promise<boolean> {
    this.connecting ??= this.doConnect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async doConnect(): Promise<boolean> {
    let Port: PortConstructor;
    try {
      Port = this.deps.Port ?? ((await import('serialport')).SerialPort as unknown as PortConstructor);
    } catch (e) {
      this.log('warn', 'serialport cannot be loaded', { error: String(e) });
      this.notifier.set({ status: 'offline', reason: 'serialport unavailable' });
      return false;
    }
    const p = profileToPortOptions(this.profile);
    const port = new Port(p);
    port.on('data', (b) => this.onData(b));
    port.on('error', (e) => this.log('warn', 'serial port error', { error: e.message }));
    port.on('close', (err) => this.onClose(port, err));
    const opened = await new Promise<Error | null>((resolve) => {
      const t = setTimeout(() => resolve(new Error('open timed out')), this.opt.openTimeoutMs);
      port.open((err) => {
        clearTimeout(t);
        resolve(err ?? null);
      });
    });
    if (opened || !this.wanted) {
      detach(port);
      if (port.isOpen) port.close();
      if (opened) {
        this.log('debug', 'printer open failed', { path: this.profile.path, error: opened.message });
        this.notifier.set({ status: 'offline', reason: `cannot open ${this.profile.path}` });
      }
      return false;
    }
    this.port = port;
    this.backoff.reset();
    this.log('info', 'printer connected', { path: this.profile.path });
    await this.serial(() => this.refresh()).catch(() => {});
    return true;
  }

  private onClose(port: PortLike, err?: Error & { disconnected?: boolean }): void {
    if (this.port !== port) return;
    this.port = null;
    detach(port);
    this.reply?.(undefined);
    this.log('warn', 'printer disconnected', { path: this.profile.path, disconnected: !!err?.disconnected });
    this.job?.fail(printerError('printer disconnected while printing', ErrorCode.Printer_Disconnected, 'during', err));
    this.notifier.set({ status: 'offline', reason: 'disconnected' });
    if (this.wanted) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.wanted || this.reconnectTimer) return;
    const wait = this.backoff.next();
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      if (!this.wanted || this.port) return;
      if (!(await this.connect())) this.scheduleReconnect();
    }, wait);
    this.reconnectTimer.unref?.();
  }

  private schedulePoll(): void {
    if (!this.opt.pollIntervalMs || !this.wanted) return;
    this.pollTimer = setTimeout(async () => {
      this.pollTimer = null;
      if (this.port && this.busy === 0 && this.profile.statusQueries) await this.serial(() => this.refresh()).catch(() => {});
      this.schedulePoll();
    }, this.opt.pollIntervalMs);
    this.pollTimer.unref?.();
  }

  /** Jobs and status queries share the wire: one at a time, in call order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    this.busy++;
    const run = this.queue.then(fn, fn);
    this.queue = run
      .catch(() => {})
      .finally(() => {
        this.busy--;
      });
    return run;
  }

  private log(level: 'debug' | 'info' | 'warn', msg: string, ctx?: Record<string, unknown>): void {
    this.deps.log?.(level, msg, ctx);
  }
}

export function profileToPortOptions(p: PrinterProfile): PortOptions {
  return {
    path: p.path,
    baudRate: p.baudRate,
    rtscts: p.flowControl === 'rtscts',
    xon: p.flowControl === 'xonxoff',
    xoff: p.flowControl === 'xonxoff',
    autoOpen: false,
    lock: true,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Drop our listeners but keep swallowing 'error': a late error event must not crash the app. */
function detach(port: { removeAllListeners(): unknown; on(event: 'error', l: (err: Error) => void): unknown }): void {
  port.removeAllListeners();
  port.on('error', () => {});
}
