import type { LogContext, LogLevel } from '../../ports/Logger.js';

/** One line: ISO time, LEVEL, message, optional JSON context. A context that cannot be serialized is replaced, not thrown. */
export function formatLine(at: Date, level: LogLevel, msg: string, ctx?: LogContext): string {
  let tail = '';
  if (ctx) {
    try {
      tail = ' ' + JSON.stringify(ctx);
    } catch {
      tail = ' {"ctx":"unserializable"}';
    }
  }
  return `${at.toISOString()} ${level.toUpperCase()} ${msg}${tail}\n`;
}
