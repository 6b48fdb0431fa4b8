/** Shared by printer adapters: status change notification and status → error mapping. */
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { PrinterStatus, StatusReading } from '../../core/escpos/printerStatus.js';
import type { StatusListener } from '../../ports/Printer.js';

export type JobPhase = 'before' | 'during' | 'after';

/** A not-ready status as the typed error print() rejects with. */
export function statusError(status: PrinterStatus, phase: JobPhase, reason: string): AppError {
  const code =
    status === 'paper-out' ? ErrorCode.Printer_PaperOut : status === 'cover-open' ? ErrorCode.Printer_CoverOpen : ErrorCode.Printer_Offline;
  const what =
    status === 'paper-out'
      ? 'printer is out of paper'
      : status === 'cover-open'
        ? 'printer cover is open'
        : 'printer does not answer or is offline';
  const when = phase === 'before' ? 'nothing was printed' : 'the document may be incomplete';
  return new AppError(`${what} (${reason}); ${when}`, code, { context: { phase, status, reason } });
}

export function printerError(message: string, code: ErrorCode, phase: JobPhase, cause?: unknown): AppError {
  return new AppError(message, code, { cause, context: { phase } });
}

/** Keeps the last status and tells listeners about changes; a throwing listener is contained. */
export class StatusNotifier {
  private listeners = new Set<StatusListener>();
  current: PrinterStatus = 'unknown';

  constructor(private readonly onListenerError: (e: unknown) => void = () => {}) {}

  on(l: StatusListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  set(r: StatusReading | { status: PrinterStatus; reason: string; paperNearEnd?: boolean }): void {
    if (r.status === this.current) return;
    this.current = r.status;
    for (const l of [...this.listeners]) {
      try {
        l(r.status, { reason: r.reason, paperNearEnd: r.paperNearEnd ?? false });
      } catch (e) {
        this.onListenerError(e);
      }
    }
  }

  /** Resolves when the status becomes `want` (or `deadlineMs` passes: resolves false). */
  waitFor(want: (s: PrinterStatus) => boolean, deadlineMs: number): Promise<boolean> {
    if (want(this.current)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const off = this.on((s) => {
        if (want(s)) {
          clearTimeout(t);
          off();
          resolve(true);
        }
      });
      const t = setTimeout(() => {
        off();
        resolve(false);
      }, deadlineMs);
    });
  }
}
