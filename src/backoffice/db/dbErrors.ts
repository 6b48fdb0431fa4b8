/**
 * Turns driver errors (pg, PGlite) into AppError at the adapter boundary, so ingest can tell
 * "database away, retry later" from "this statement is wrong" without knowing the driver.
 */
import { AppError, ErrorCode } from '../../core/errors/AppError.js';

/** SQLSTATE classes meaning the server or the connection went away (PostgreSQL appendix A). */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P|58)/;
/** Node socket errors and pg's own messages when the backend vanished mid-query. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_TEXT =
  /Connection terminated|connection.*(closed|ended)|Client has encountered a connection error|timeout exceeded when trying to connect/i;

export function toDbError(e: unknown, statement?: string): AppError {
  if (e instanceof AppError) return e;
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  // Only the statement's first words: parameters may hold customer data and never reach the context.
  const context: Record<string, unknown> = { statement: statement?.trim().slice(0, 60) };
  if (code !== undefined && (UNAVAILABLE_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.test(code))) {
    return new AppError(`database unavailable: ${message}`, ErrorCode.Db_Unavailable, {
      cause: e,
      context: { ...context, sqlState: code },
    });
  }
  if (code === undefined && UNAVAILABLE_TEXT.test(message)) {
    return new AppError(`database unavailable: ${message}`, ErrorCode.Db_Unavailable, { cause: e, context });
  }
  return new AppError(`database error: ${message}`, ErrorCode.Db_Query, { cause: e, context: { ...context, sqlState: code } });
}

export const closedError = (): AppError => new AppError('database is closed', ErrorCode.Db_Closed);
