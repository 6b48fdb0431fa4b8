/**
 * The back office's database port: plain PostgreSQL SQL against either PGlite (embedded, one process
 * per data directory) or a PostgreSQL server through `pg`. Everything in src/backoffice codes against
 * this, never against a driver.
 *
 * Behaviour both adapters keep:
 * - `query(text, params)` runs one statement with `$1…` parameters. Without `params` the text may
 *   hold several statements (simple protocol, as migrations need) and the result is the last one's.
 *   Outside a transaction each call
 *   may run on a different pooled connection (postgres) — use `transaction` when statements must see
 *   each other's uncommitted work or must commit together.
 * - Result types are the same on both: bigint (int8, count(*)) and numeric come back as strings
 *   (PGlite would give a lossy JS number; the adapters ask it for pg's behaviour), `date` as the
 *   'YYYY-MM-DD' string (pg would build a Date at local midnight, shifting the day east of UTC),
 *   jsonb parsed, timestamptz as Date. Cast in SQL (`seq::int`) when a JS number is wanted.
 * - `transaction(fn)` runs BEGIN … COMMIT on one connection; if `fn` throws (or COMMIT fails) it
 *   rolls back and rethrows the original error. Transactions do not nest: inside `fn` use `tx` only.
 *   Inside `fn`, statements may be issued without awaiting the previous one: they run one after the
 *   other in the order issued, and on postgres they are sent together (pipeline), so statements that
 *   do not need each other's results cost one round trip. A failed statement aborts the transaction
 *   and the ones behind it fail too (SQLSTATE 25P02): await every promise issued, report the first
 *   error, and leave none unhandled.
 * - Driver errors that mean "the database is not there" (connection refused, terminated backend)
 *   surface as AppError Db_Unavailable, so callers can retry; SQL errors (constraint, syntax) as
 *   Db_Query with the PostgreSQL SQLSTATE in `context.sqlState`.
 * - `close()` waits for statements in flight and releases connections; later calls reject with
 *   Db_Closed.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface SqlClient {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export interface Database extends SqlClient {
  readonly kind: 'pglite' | 'postgres';
  /** BEGIN … COMMIT on one connection; ROLLBACK and rethrow if fn throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
