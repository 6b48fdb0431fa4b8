/**
 * Database on a PostgreSQL server through a `pg` Pool: production. Statements outside a transaction
 * take any pooled connection; a transaction keeps one connection from BEGIN to COMMIT/ROLLBACK.
 * A connection the server dropped (restart, pg_terminate_backend) is discarded, not returned to the
 * pool, and the failing call rejects with Db_Unavailable — the caller retries; the pool reconnects.
 */
import pg from 'pg';
import type { Database, QueryResult, SqlClient } from './Database.js';
import { closedError, toDbError } from './dbErrors.js';

/** `date` as 'YYYY-MM-DD' (pg's default builds a Date at local midnight); int8/numeric stay strings. */
const DATE_OID = 1082;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PgDatabaseOptions {
  /** Injected for tests (zwave-js style constructor injection); defaults to pg.Pool. */
  Pool?: typeof pg.Pool;
  max?: number;
  /** Called for errors on idle connections (the server went away between statements). */
  onIdleError?: (e: Error) => void;
}

function shape<R>(r: pg.QueryResult | pg.QueryResult[]): QueryResult<R> {
  // Several statements in one text give one result each; the port returns the last.
  const last = Array.isArray(r) ? r[r.length - 1] : r;
  const rows = (last?.rows ?? []) as R[];
  return { rows, rowCount: last?.rowCount ?? rows.length };
}

async function run<R>(on: pg.Pool | pg.PoolClient, text: string, params?: unknown[]): Promise<QueryResult<R>> {
  try {
    return shape<R>((await on.query(text, params)) as pg.QueryResult | pg.QueryResult[]);
  } catch (e) {
    throw toDbError(e, text);
  }
}

export class PgDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(url: string, o: PgDatabaseOptions = {}) {
    const Pool = o.Pool ?? pg.Pool;
    // pipeline: a statement issued while the previous one is still running is written at once
    // (each with its own Sync) instead of waiting for its answer, so the statements of an ingest batch
    // that do not need each other's results cost one round trip (Database.ts, EventStore.ts).
    this.#pool = new Pool({ connectionString: url, max: o.max ?? 5, types: pgTypes, connectionTimeoutMillis: 10_000, pipeline: true });
    // Without a listener an idle connection killed by the server would crash the process; the
    // connection's own listener below reports it (once).
    this.#pool.on('error', () => undefined);
    // And every connection keeps one of its own for as long as it lives: pg-pool listens to a
    // checked-out client only with `once` around a query, and in pipeline mode a terminated backend
    // can emit 'error' on a client that has no query in flight (a crash in
    // test/e2e/backoffice/ingestFaults.test.ts: "Unhandled 'error' event" after pg_terminate_backend).
    // The statements on it fail on their own (Db_Unavailable, retried); this only keeps the process up.
    this.#pool.on('connect', (client) => client.on('error', (e) => o.onIdleError?.(e)));
  }

  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>> {
    if (this.#closed) return Promise.reject(closedError());
    return run<R>(this.#pool, text, params);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.#closed) throw closedError();
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (e) {
      throw toDbError(e, 'connect');
    }
    let broken: Error | undefined;
    // The server ending the connection between two statements (pg_terminate_backend, a restart while
    // the caller works inside the transaction) is emitted on this checked-out client, not on a query:
    // without a listener it would crash the process (test/e2e/backoffice/ingestFaults.test.ts). It
    // is kept, and the next statement fails with it (Db_Unavailable: the caller retries).
    let lost: Error | undefined;
    const onError = (e: Error) => {
      lost = e;
    };
    client.on('error', onError);
    const q = <R>(text: string, params?: unknown[]) => (lost ? Promise.reject(toDbError(lost, text)) : run<R>(client, text, params));
    try {
      // BEGIN travels with the transaction's first statements (pipeline) instead of costing a round
      // trip of its own. It can only fail with the connection, and then so do the statements behind
      // it; COMMIT is sent only once BEGIN has succeeded.
      const began = q('begin');
      began.catch(() => undefined);
      const out = await fn({ query: q });
      await began;
      await q('commit');
      return out;
    } catch (e) {
      try {
        await client.query('rollback');
      } catch (rb) {
        // The connection is gone; release(err) below destroys it instead of pooling it.
        broken = rb as Error;
      }
      throw e;
    } finally {
      client.off('error', onError);
      client.release(broken ?? lost);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
