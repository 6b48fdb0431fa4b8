/**
 * Applies the schema migrations a database lacks, at start-up, in version order.
 *
 * Two ingest instances (or ingest and `saha report`) may start at once against one PostgreSQL: the
 * whole run happens in one transaction that first takes a transaction-scoped advisory lock, so the
 * second instance waits, then sees the versions the first recorded and applies nothing. PostgreSQL
 * DDL is transactional: a failing migration rolls back the whole run (Db_Migration) and the
 * database stays at the versions it had before.
 */
import { AppError, ErrorCode, isAppError } from '../../core/errors/AppError.js';
import type { Database, SqlClient } from './Database.js';
import { migrations as allMigrations } from './migrations/index.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Arbitrary constant key for pg_advisory_xact_lock: "saha" in ASCII. Same on every instance. */
const MIGRATION_LOCK_KEY = 0x73616861;

export async function migrate(db: Database, list: readonly Migration[] = allMigrations): Promise<number[]> {
  checkList(list);
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`create table if not exists schema_migrations (
      version int primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...list].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await apply(tx, m);
      applied.push(m.version);
    }
    return applied;
  });
}

async function apply(tx: SqlClient, m: Migration): Promise<void> {
  try {
    await tx.query(m.sql);
    await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
  } catch (e) {
    if (isAppError(e, ErrorCode.Db_Unavailable)) throw e;
    throw new AppError(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`, ErrorCode.Db_Migration, {
      cause: e,
      context: { version: m.version, name: m.name },
    });
  }
}

/** A duplicated version is a merge mistake between migration files; refuse before touching the db. */
function checkList(list: readonly Migration[]): void {
  const seen = new Set<number>();
  for (const m of list) {
    if (!Number.isInteger(m.version) || m.version < 1 || seen.has(m.version)) {
      throw new AppError(`migration list: version ${m.version} (${m.name}) is invalid or repeated`, ErrorCode.Db_Migration, {
        context: { version: m.version, name: m.name },
      });
    }
    seen.add(m.version);
  }
}
