/**
 * Logger port: where the app, the adapters and the back-office tools write what happened. One shape
 * for all of them, so a component takes `log?: Log` and the composition root decides where it goes
 * (the device's log file, src/adapters/log/FileLogger.ts; a tool's stderr; a test's memory).
 *
 * Contract:
 * - Levels, from most to least severe: error (something failed and was not retried or recovered),
 *   warn (failed but will be retried, or degraded), info (state changes an operator would want in
 *   the file), debug (wire-level detail; off by default, config logLevel).
 * - No customer personal data in `msg` or `ctx`: no names, addresses, phone numbers, national ids,
 *   PINs or free text typed by an operator. Ids, codes, counts and error messages only (the log file
 *   is plain text; the store is the encrypted copy, src/ports/Store.ts).
 * - Never throws and never blocks: a full disk or a closed sink drops lines, it does not stop work.
 * - Never the TUI's stdout: it would corrupt the screen.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured detail: ids, codes, counts. Serialized as one JSON object on the line. */
export type LogContext = Record<string, unknown>;

/** Writes one entry. The one signature every `log` dependency has. */
export type Log = (level: LogLevel, msg: string, ctx?: LogContext) => void;

/** A log sink that holds a resource (a file) and must be closed at shutdown. */
export interface Logger {
  log(level: LogLevel, msg: string, ctx?: LogContext): void;
  close(): Promise<void>;
}

/** Severity rank: an entry is written when its rank is at most the configured level's. */
export const LOG_RANK: Readonly<Record<LogLevel, number>> = { error: 0, warn: 1, info: 2, debug: 3 };

/** A Log that drops everything (the default where a dependency is optional). */
export const noLog: Log = () => {};
