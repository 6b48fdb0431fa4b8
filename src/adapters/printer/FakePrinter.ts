/**
 * In-process Printer for demo mode and tests. Same contract as SerialPrinter (the contract suite
 * runs against both): bytes go to a VirtualPrinterDevice, which answers status queries from its
 * state, so paper-out, cover-open, a silent printer and an unplug can be staged:
 *
 *   const fake = new FakePrinter();            await fake.open();
 *   fake.device.set({ paperOut: true });       // print() → Printer_PaperOut, status 'paper-out'
 *   fake.unplug(); fake.replug();              // job in flight → Printer_Disconnected, then recovers
 *   fake.device.decode({ width: 32 }).text     // what the customer would read
 */
import { ErrorCode, type AppError } from '../../core/errors/AppError.js';
import { statusQuery } from '../../core/escpos/commands.js';
import { interpretStatus, type StatusReading } from '../../core/escpos/printerStatus.js';
import type { PrintOptions, PrintResult, Printer, PrinterStatus, StatusListener } from '../../ports/Printer.js';
import { StatusNotifier, printerError, statusError } from './statusNotifier.js';
import { VirtualPrinterDevice } from './VirtualPrinterDevice.js';

export interface FakePrinterOptions {
  /** Like profile.statusQueries: false = the host cannot ask, jobs end 'unknown'/unverified. */
  statusQueries?: boolean;
  /** Bytes per delivery step; each step yields to the event loop, like a wire. */
  chunkSize?: number;
  /** Poll status while idle so onStatus follows device.set(); 0 = off. */
  pollIntervalMs?: number;
}

export class FakePrinter implements Printer {
  readonly device = new VirtualPrinterDevice();
  /** Each job's bytes, in order (jobs that failed before sending are absent). */
  readonly jobs: Buffer[] = [];
  private opened = false;
  private plugged = true;
  private queue: Promise<unknown> = Promise.resolve();
  private job: { fail: (e: AppError) => void } | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly notifier = new StatusNotifier();
  private readonly opts: Required<FakePrinterOptions>;

  constructor(opts: FakePrinterOptions = {}) {
    this.opts = { statusQueries: opts.statusQueries ?? true, chunkSize: opts.chunkSize ?? 256, pollIntervalMs: opts.pollIntervalMs ?? 0 };
  }

  get lastStatus(): PrinterStatus {
    return this.notifier.current;
  }

  onStatus(l: StatusListener): () => void {
    return this.notifier.on(l);
  }

  async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    this.notifier.set(this.read());
    this.poll();
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.job?.fail(printerError('printer closed while printing', ErrorCode.Printer_Closed, 'during'));
    this.notifier.set({ status: 'offline', reason: 'closed' });
  }

  /** The cable is pulled: the job in flight fails, status goes 'offline'. */
  unplug(): void {
    this.plugged = false;
    this.job?.fail(printerError('printer disconnected while printing', ErrorCode.Printer_Disconnected, 'during'));
    this.notifier.set({ status: 'offline', reason: 'disconnected' });
  }

  /** The cable is back: the printer is found again, as SerialPrinter's reconnect would. */
  replug(): void {
    this.plugged = true;
    if (this.opened) this.notifier.set(this.read());
  }

  async status(): Promise<PrinterStatus> {
    if (!this.opened) return 'offline';
    return this.serial(async () => this.refresh().status);
  }

  async print(bytes: Uint8Array, opts: PrintOptions = {}): Promise<PrintResult> {
    if (!this.opened) throw printerError('printer is not open', ErrorCode.Printer_Closed, 'before');
    return this.serial(() => this.runJob(Buffer.from(bytes), opts));
  }

  private async runJob(data: Buffer, opts: PrintOptions): Promise<PrintResult> {
    if (!this.opened) throw printerError('printer is not open', ErrorCode.Printer_Closed, 'before');
    let before = this.refresh();
    const deadline = Date.now() + (opts.waitReadyMs ?? 0);
    while (!this.ready(before.status) && Date.now() < deadline && this.opened) {
      await new Promise((r) => setTimeout(r, Math.min(50, Math.max(5, deadline - Date.now()))));
      before = this.refresh();
    }
    if (!this.opened) throw printerError('printer closed', ErrorCode.Printer_Closed, 'before');
    if (!this.plugged) throw printerError('printer not connected', ErrorCode.Printer_Offline, 'before');
    if (!this.ready(before.status)) throw statusError(before.status, 'before', before.reason);

    await new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (e?: AppError) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.job = null;
        if (e) reject(e);
        else {
          this.jobs.push(data);
          resolve();
        }
      };
      this.job = { fail: finish };
      const timeoutMs = opts.timeoutMs ?? 60_000;
      const timer = setTimeout(
        () => finish(printerError(`print job did not leave the host within ${timeoutMs} ms`, ErrorCode.Printer_Timeout, 'during')),
        timeoutMs,
      );
      let off = 0;
      const step = () => {
        if (done) return;
        if (off >= data.length) return finish();
        if (!this.device.accepting) {
          this.device.once('accepting', () => setImmediate(step));
          return;
        }
        this.device.write(data.subarray(off, off + this.opts.chunkSize));
        off += this.opts.chunkSize;
        setImmediate(step);
      };
      setImmediate(step);
    });

    if (!this.opts.statusQueries) return { bytesSent: data.length, status: 'unknown', verified: false };
    const after = this.refresh();
    if (after.status !== 'ready') throw statusError(after.status, 'after', after.reason);
    return { bytesSent: data.length, status: 'ready', verified: true };
  }

  private ready(s: PrinterStatus): boolean {
    return s === 'ready' || (s === 'unknown' && this.plugged);
  }

  /** Ask the device exactly as SerialPrinter asks a real one: DLE EOT 1, 2, 4. */
  private read(): StatusReading {
    if (!this.plugged) return { status: 'offline', paperNearEnd: false, reason: 'not connected' };
    if (!this.opts.statusQueries) return { status: 'unknown', paperNearEnd: false, reason: 'profile has no status support' };
    const ask = (n: 1 | 2 | 4) => this.device.write(statusQuery(n))[0];
    const printer = ask(1);
    if (printer === undefined) return interpretStatus({});
    return interpretStatus({ printer, offline: ask(2), paper: ask(4) });
  }

  private refresh(): StatusReading {
    const r = this.read();
    this.notifier.set(r);
    return r;
  }

  private poll(): void {
    if (!this.opts.pollIntervalMs || !this.opened) return;
    this.pollTimer = setTimeout(() => {
      if (!this.job) this.refresh();
      this.poll();
    }, this.opts.pollIntervalMs);
    this.pollTimer.unref?.();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }
}
