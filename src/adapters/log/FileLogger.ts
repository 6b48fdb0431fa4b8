/**
 * Log lines to a file (never the TUI's stdout: it would corrupt the screen). One line per entry:
 * ISO time, level, message, optional JSON context. Callers must not put customer personal data in
 * messages or context (ids and codes only). Writes are appended asynchronously in order.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  log(level: LogLevel, msg: string, ctx?: Record<string, unknown>): void;
  close(): Promise<void>;
}

export class FileLogger implements Logger {
  private readonly out: WriteStream;

  constructor(file: string, private readonly level: LogLevel = 'info') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.out = createWriteStream(file, { flags: 'a', mode: 0o600 });
    this.out.on('error', () => undefined); // a full disk must not crash the app; the store reports its own errors
  }

  log(level: LogLevel, msg: string, ctx?: Record<string, unknown>): void {
    if (RANK[level] > RANK[this.level]) return;
    this.out.write(`${new Date().toISOString()} ${level.toUpperCase()} ${msg}${ctx ? ' ' + JSON.stringify(ctx) : ''}\n`);
  }

  close(): Promise<void> {
    return new Promise((r) => this.out.end(() => r()));
  }
}

/** For tests: collects lines in memory. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  log(level: LogLevel, msg: string, ctx?: Record<string, unknown>): void {
    this.lines.push(`${level} ${msg}${ctx ? ' ' + JSON.stringify(ctx) : ''}`);
  }
  async close(): Promise<void> {}
}
