/**
 * The device's log file (Logger port, src/ports/Logger.ts): never the TUI's stdout, which it would
 * corrupt. Lines are appended asynchronously in order (formatLine.ts). Callers keep customer personal
 * data out (the port's contract).
 *
 * Size cap: a handheld runs for months on a small eMMC, and a broker that keeps refusing would log a
 * warning per retry forever. When the next line would take the file past maxBytes, it is renamed to
 * `<file>.1` (replacing the previous one) and a new file is started, so the log never uses more than
 * about twice maxBytes. The file is opened synchronously by descriptor, so lines still queued for the
 * old file land in `.1` (the descriptor follows the rename) and none is lost or misplaced.
 */
import { createWriteStream, mkdirSync, openSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { LOG_RANK, type LogContext, type LogLevel, type Logger } from '../../ports/Logger.js';
import { formatLine } from './formatLine.js';

export { MemoryLogger } from './MemoryLogger.js';

/** 5 MiB: weeks of info-level lines on a device, small next to the store's free-space floor. */
export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;

export interface FileLoggerOptions {
  /** Entries above this level are dropped (config logLevel). */
  level?: LogLevel;
  /** Rotate to `<file>.1` when the file would grow past this; at least 1 KiB. */
  maxBytes?: number;
  /** Injected for tests. */
  now?: () => Date;
}

export class FileLogger implements Logger {
  private out: WriteStream | undefined;
  private size = 0;
  private readonly level: LogLevel;
  private readonly maxBytes: number;
  private readonly now: () => Date;

  constructor(
    private readonly file: string,
    o: FileLoggerOptions = {},
  ) {
    this.level = o.level ?? 'info';
    this.maxBytes = Math.max(1024, o.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
    this.now = o.now ?? (() => new Date());
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.open();
  }

  log(level: LogLevel, msg: string, ctx?: LogContext): void {
    if (LOG_RANK[level] > LOG_RANK[this.level]) return;
    const line = formatLine(this.now(), level, msg, ctx);
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    if (!this.out) return;
    this.out.write(line);
    this.size += bytes;
  }

  close(): Promise<void> {
    const out = this.out;
    this.out = undefined;
    return new Promise((r) => (out ? out.end(() => r()) : r()));
  }

  private open(): void {
    try {
      const fd = openSync(this.file, 'a', 0o600);
      this.size = statSync(this.file).size;
      this.out = createWriteStream('', { fd });
      this.out.on('error', () => undefined); // a full disk must not crash the app; the store reports its own errors
    } catch {
      this.out = undefined; // unwritable: lines are dropped (the port never throws)
    }
  }

  private rotate(): void {
    this.out?.end();
    this.out = undefined;
    try {
      renameSync(this.file, `${this.file}.1`);
    } catch {
      // Cannot rename (permissions): start over in place rather than grow without bound.
    }
    this.open();
    if (this.out && this.size > 0) this.truncateInPlace();
  }

  /** Rename failed and the file is still full: empty it (the cap matters more than old lines). */
  private truncateInPlace(): void {
    this.out?.end();
    try {
      this.out = createWriteStream('', { fd: openSync(this.file, 'w', 0o600) });
      this.out.on('error', () => undefined);
      this.size = 0;
    } catch {
      this.out = undefined;
    }
  }
}
