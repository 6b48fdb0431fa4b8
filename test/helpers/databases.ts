/**
 * The database targets every back-office suite runs against: PGlite in memory always, and the
 * PostgreSQL server on 127.0.0.1:5432 when it answers (each open() creates its own `saha_t_<random>`
 * database and close() drops it). PGlite takes seconds to initdb, so the pglite target keeps one
 * instance per test process and open() empties it (drops and recreates schema public): tests get a
 * fresh database each, but two pglite databases must not be open at the same time. With CI=true an unreachable server is a failing target, not a
 * skip, so a CI image without PostgreSQL cannot pass silently. SAHA_TEST_PG_URL overrides the
 * admin connection (default: postgres://root@127.0.0.1:5432/test, then user postgres).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/backoffice/db/Database.js';
import { AppError, ErrorCode } from '../../src/core/errors/AppError.js';
import { PGliteDatabase } from '../../src/backoffice/db/PGliteDatabase.js';
import { PgDatabase } from '../../src/backoffice/db/PgDatabase.js';

export interface TestDatabase extends Database {
  /** postgres only: the URL of this test database, for a second connection or a child process. */
  readonly url?: string;
}

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database; close() releases (and for postgres drops) it. */
  open(): Promise<TestDatabase>;
}

const HOST = '127.0.0.1';
const PORT = 5432;
const adminUrls = (): string[] =>
  process.env.SAHA_TEST_PG_URL ? [process.env.SAHA_TEST_PG_URL] : ['root', 'postgres'].map((u) => `postgres://${u}@${HOST}:${PORT}/test`);

/** Synchronous TCP probe so the target list can be built before uvu registers tests. */
function postgresListening(): boolean {
  const url = new URL(adminUrls()[0]!);
  const probe = `const s=require('net').connect(${Number(url.port || PORT)},${JSON.stringify(url.hostname)});s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),2000)`;
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

async function adminClient(): Promise<{ client: pg.Client; url: string }> {
  let last: unknown;
  for (const url of adminUrls()) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return { client, url };
    } catch (e) {
      last = e;
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`PostgreSQL on ${HOST}:${PORT} refused every admin login (${adminUrls().join(', ')}): ${(last as Error)?.message}`);
}

async function openPostgres(): Promise<TestDatabase> {
  const name = `saha_t_${randomBytes(6).toString('hex')}`;
  const admin = await adminClient();
  await admin.client.query(`create database ${name}`);
  const url = new URL(admin.url);
  url.pathname = `/${name}`;
  const db = new PgDatabase(url.toString(), { max: 4 });
  const close = db.close.bind(db);
  return Object.assign(db, {
    url: url.toString(),
    close: async () => {
      await close();
      // force: connections a test left behind (another PgDatabase, a killed child) must not keep it.
      await admin.client.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.client.end().catch(() => undefined);
    },
  });
}

let sharedPGlite: Promise<PGliteDatabase> | undefined;
let pgliteOpen = false;

async function openPGlite(): Promise<TestDatabase> {
  if (pgliteOpen) throw new Error('test/helpers/databases.ts: the previous pglite test database is still open (close it first)');
  pgliteOpen = true;
  const db = await (sharedPGlite ??= PGliteDatabase.open());
  await db.query('drop schema public cascade; create schema public');
  // A view of the shared instance that behaves like its own database: close() ends it, later calls
  // reject with Db_Closed as PGliteDatabase's would.
  let closed = false;
  const live = () => {
    if (closed) throw new AppError('database is closed', ErrorCode.Db_Closed);
  };
  return {
    kind: 'pglite',
    query: async (text, params) => {
      live();
      return db.query(text, params);
    },
    transaction: async (fn) => {
      live();
      return db.transaction(fn);
    },
    close: async () => {
      if (!closed) {
        closed = true;
        pgliteOpen = false;
      }
    },
  };
}

export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'pglite', open: openPGlite }];
  if (postgresListening()) targets.push({ name: 'postgres', open: openPostgres });
  else if (process.env.CI === 'true') {
    targets.push({
      name: 'postgres',
      open: () => Promise.reject(new Error(`PostgreSQL is not listening on ${HOST}:${PORT} (required on CI)`)),
    });
  } else {
    console.log(`postgres target: skipped, nothing listening on ${HOST}:${PORT} (set CI=true to make this fail)`);
  }
  return targets;
}
