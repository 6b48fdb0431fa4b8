/**
 * A receipt printer (58/80 mm thermal, ESC/POS) as the app sees it.
 *
 * Behaviour every implementation (SerialPrinter, FakePrinter) must show; test/contract/printer
 * runs one suite against both:
 *
 * - `open()` connects. Until it resolves, and after `close()`, `print()` rejects with
 *   Printer_Closed. Opening a printer that is absent resolves anyway with status 'offline' and keeps
 *   trying in the background (the crew may plug it in later); it never throws for a missing device.
 *
 * - `print(bytes)` sends one job and resolves only when every byte has left the host AND, when the
 *   profile supports status queries, the printer has answered DLE EOT after the job with 'ready'.
 *   It rejects with a typed AppError and **never retries by itself** (a retry could print a second
 *   invoice; the caller decides, usually by asking the crew):
 *     Printer_Closed        not open / closed while the job ran
 *     Printer_Offline       no answer to status queries, device absent, or printer reports offline
 *     Printer_PaperOut      paper end before the job (nothing sent) or after it (slip may be cut short)
 *     Printer_CoverOpen     cover open (same two phases)
 *     Printer_Disconnected  the device went away while the job was being sent
 *     Printer_Timeout       the job did not leave the host within opts.timeoutMs
 *     Printer_Io            any other write error
 *   `err.context.phase` is 'before' (nothing was sent) or 'during'/'after' (some or all bytes were
 *   sent: the paper may hold a partial document; never assume it printed). Jobs run one at a time,
 *   in call order.
 *   With `waitReadyMs` > 0, a printer that is paper-out / cover-open / offline *before* the job is
 *   watched for that long and the job starts as soon as it is ready (the crew loads paper while the
 *   screen says so); nothing is sent until then.
 *
 * - `status()` asks the printer now (DLE EOT 1, 2, 4) and returns the state; 'unknown' when the
 *   profile has no status support. It never rejects.
 *
 * - `onStatus(listener)` is called whenever the state changes (status bar); returns an unsubscribe
 *   function. A throwing listener is contained and does not affect printing.
 *
 * - Unplug/replug: a disconnect fails the job in flight (Printer_Disconnected), sets 'offline' and
 *   reopens in the background with backoff; the next print after replug works with the same object.
 *
 * - `close()` stops background reconnects and polling, fails a job in flight with Printer_Closed,
 *   releases the device, and is idempotent.
 */
import type { PrinterStatus } from '../core/escpos/printerStatus.js';

export type { PrinterStatus };

export interface PrintOptions {
  /** Give up if the bytes have not left the host by then; default from size and baud rate. */
  timeoutMs?: number;
  /** Wait up to this long for a not-ready printer to become ready before sending; default 0. */
  waitReadyMs?: number;
}

export interface PrintResult {
  bytesSent: number;
  /** State after the job; 'unknown' when the profile cannot answer status queries. */
  status: PrinterStatus;
  /** True when the printer confirmed 'ready' after the job (status support); false = sent, unverified. */
  verified: boolean;
}

export type StatusListener = (status: PrinterStatus, detail: { reason: string; paperNearEnd: boolean }) => void;

export interface Printer {
  open(): Promise<void>;
  print(bytes: Uint8Array, opts?: PrintOptions): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
  /** Last known state without asking the printer. */
  readonly lastStatus: PrinterStatus;
  onStatus(listener: StatusListener): () => void;
  close(): Promise<void>;
}
