/**
 * The back office's database port: plain PostgreSQL SQL against either PGlite (embedded, one process
 * per data directory) or a PostgreSQL server through `pg`. Everything in src/backoffice codes against
 * this, never against a driver.
 *
 * Behaviour both adapters keep:
 * - `query(text, params)` runs one statement with `$1…` parameters. Outside a transaction each call
 *   may run on a different pooled connection (postgres) — use `transaction` when statements must see
 *   each other's uncommitted work or must commit together.
 * - Result types: PGlite returns `bigint` columns as JS numbers/bigints and `pg` returns them as
 *   strings. Callers cast in SQL (`seq::int`, `amount::text`) so both return the same JS types;
 *   jsonb comes back parsed, timestamptz as Date, on both.
 * - `transaction(fn)` runs BEGIN … COMMIT on one connection; if `fn` throws (or COMMIT fails) it
 *   rolls back and rethrows the original error. Transactions do not nest: inside `fn` use `tx` only.
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
