import type { LogContext, LogLevel, Logger } from '../../ports/Logger.js';

/** For tests: collects entries in memory as "level msg {ctx}". */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  log(level: LogLevel, msg: string, ctx?: LogContext): void {
    this.lines.push(`${level} ${msg}${ctx ? ' ' + JSON.stringify(ctx) : ''}`);
  }
  async close(): Promise<void> {}
}
