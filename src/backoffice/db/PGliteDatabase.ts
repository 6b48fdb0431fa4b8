/**
 * Database on PGlite: PostgreSQL compiled to WASM, in this process. Used for demo mode and laptop
 * trials (a data directory) and for tests (memory). PGlite is one connection: it serialises every
 * query itself and a transaction holds it exclusively, so `query` calls made while a transaction runs
 * wait for it — the same isolation a pooled PostgreSQL gives, without concurrency.
 * Only one process may open a data directory at a time: PGlite has no lock of its own across
 * processes, so open() takes one (dataDirLock.ts).
 */
import { PGlite, types, type Results, type Transaction } from '@electric-sql/pglite';
import type { Database, QueryResult, SqlClient } from './Database.js';
import { lockDataDir } from './dataDirLock.js';
import { closedError, toDbError } from './dbErrors.js';

/** pg's defaults, so results do not depend on the target (see Database.ts). */
const PARSERS = {
  [types.INT8]: (v: string) => v,
  [types.DATE]: (v: string) => v,
};

type Runner = Pick<Transaction, 'query' | 'exec'>;

async function run<R>(on: Runner, text: string, params?: unknown[]): Promise<QueryResult<R>> {
  try {
    if (params === undefined) {
      const all = await on.exec(text);
      return shape<R>(all[all.length - 1] ?? { rows: [], fields: [] });
    }
    return shape<R>(await on.query<R>(text, params));
  } catch (e) {
    throw toDbError(e, text);
  }
}

function shape<R>(r: Results<unknown>): QueryResult<R> {
  const rows = r.rows as R[];
  // rowCount is per statement (affectedRows accumulates over a multi-statement exec).
  return { rows, rowCount: r.rowCount ?? r.affectedRows ?? rows.length };
}

export class PGliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  #closed = false;

  private constructor(
    private readonly pg: PGlite,
    private readonly unlock: () => void,
  ) {}

  /**
   * `dataDir` undefined → in memory (tests only: nothing survives close). A data directory is
   * locked for this process until close (dataDirLock.ts); a second opener gets Db_Locked.
   */
  static async open(dataDir?: string): Promise<PGliteDatabase> {
    const unlock = dataDir === undefined ? () => undefined : lockDataDir(dataDir);
    try {
      const pg = await PGlite.create({ ...(dataDir === undefined ? {} : { dataDir }), parsers: PARSERS });
      return new PGliteDatabase(pg, unlock);
    } catch (e) {
      unlock();
      throw toDbError(e);
    }
  }

  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>> {
    if (this.#closed) return Promise.reject(closedError());
    return run<R>(this.pg, text, params);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.#closed) throw closedError();
    // PGlite's transaction() issues BEGIN/COMMIT and ROLLBACK when the callback throws. Statements
    // issued without awaiting the previous one run one after the other, in the order issued (the
    // port's promise, Database.ts): a chain, as PGlite does not queue them inside a transaction.
    return this.pg.transaction((t) => {
      let last: Promise<unknown> = Promise.resolve();
      return fn({
        query: <R>(text: string, params?: unknown[]) => {
          const next = last.then(
            () => run<R>(t, text, params),
            () => run<R>(t, text, params),
          );
          last = next.catch(() => undefined);
          return next;
        },
      });
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.pg.close();
    } finally {
      this.unlock();
    }
  }
}
