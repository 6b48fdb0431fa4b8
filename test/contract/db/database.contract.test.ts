/** One suite, two targets: PGlite (embedded) and a real PostgreSQL must behave the same. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../../src/backoffice/db/Database.js';
import { openDatabase } from '../../../src/backoffice/db/openDatabase.js';
import { PgDatabase } from '../../../src/backoffice/db/PgDatabase.js';
import { migrate, type Migration } from '../../../src/backoffice/db/migrate.js';
import { migrations } from '../../../src/backoffice/db/migrations/index.js';
import { ErrorCode, isAppError } from '../../../src/core/errors/AppError.js';
import { databaseTargets, type TestDatabase } from '../../helpers/databases.js';
import { rejects } from '../../helpers/rejects.js';

for (const target of databaseTargets()) {
  const s = suite(`database contract (${target.name})`);
  /** Each test on its own fresh database, closed (postgres: dropped) whatever the outcome. */
  const withDb = (fn: (db: TestDatabase) => Promise<void>) => async () => {
    const db = await target.open();
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  };

  s(
    'a query with parameters returns rows and a row count',
    withDb(async (db) => {
      await db.query('create table t (id int primary key, name text)');
      const ins = await db.query('insert into t values ($1, $2), ($3, $4)', [1, 'a', 2, 'b']);
      assert.is(ins.rowCount, 2);
      const r = await db.query<{ id: number; name: string }>('select id, name from t where id = $1', [2]);
      assert.equal(r.rows, [{ id: 2, name: 'b' }]);
      const none = await db.query('insert into t values (1, $1) on conflict do nothing', ['x']);
      assert.is(none.rowCount, 0);
    }),
  );

  s(
    'a transaction that throws leaves nothing behind and rethrows the error',
    withDb(async (db) => {
      await db.query('create table t (id int primary key)');
      const boom = new Error('crew pressed Back');
      const e = await rejects(
        db.transaction(async (tx) => {
          await tx.query('insert into t values (1)');
          throw boom;
        }),
      );
      assert.is(e, boom);
      await db.transaction(async (tx) => {
        await tx.query('insert into t values (2)');
      });
      assert.equal((await db.query('select id from t')).rows, [{ id: 2 }]);
    }),
  );

  s(
    'a failing statement rejects with Db_Query and its SQLSTATE',
    withDb(async (db) => {
      await db.query('create table t (id int primary key)');
      await db.query('insert into t values (1)');
      const e = await rejects(db.query('insert into t values (1)'), (x) => isAppError(x, ErrorCode.Db_Query));
      assert.is((e as { context: { sqlState: string } }).context.sqlState, '23505');
    }),
  );

  s(
    'bigint, numeric, date, jsonb and timestamptz come back as the same JS types on both',
    withDb(async (db) => {
      const r = await db.query(`select 12345678901234::bigint as big, count(*) as n, 1.50::numeric as money,
      '2026-11-25'::date as day, '{"a":[1,"x"]}'::jsonb as doc, '2026-11-25T10:00:00+03:00'::timestamptz as at,
      7::bigint::int as small, null::bigint as nothing`);
      assert.equal(r.rows[0], {
        big: '12345678901234',
        n: '1',
        money: '1.50',
        day: '2026-11-25',
        doc: { a: [1, 'x'] },
        at: new Date('2026-11-25T07:00:00.000Z'),
        small: 7,
        nothing: null,
      });
    }),
  );

  s(
    'several statements without parameters run in one call (migrations need this)',
    withDb(async (db) => {
      const r = await db.query('create table a (x int); insert into a values (1), (2); select count(*)::int as n from a');
      assert.equal(r.rows, [{ n: 2 }]);
    }),
  );

  s('after close every call rejects with Db_Closed', async () => {
    const db = await target.open();
    await db.close();
    await rejects(db.query('select 1'), (e) => isAppError(e, ErrorCode.Db_Closed));
    await rejects(
      db.transaction(async () => 1),
      (e) => isAppError(e, ErrorCode.Db_Closed),
    );
  });

  s(
    'migrate applies every migration once and records it',
    withDb(async (db) => {
      assert.equal(
        await migrate(db),
        migrations.map((m) => m.version),
      );
      assert.equal(await migrate(db), []);
      const v = await db.query<{ version: number }>('select version from schema_migrations order by version');
      assert.equal(
        v.rows.map((r) => r.version),
        migrations.map((m) => m.version),
      );
      for (const view of [
        'readings',
        'invoices',
        'voided_numbers',
        'field_work',
        'inspection_reports',
        'printed_documents',
        'rejected_jobs',
      ]) {
        assert.equal((await db.query(`select * from ${view}`)).rows, [], view);
      }
    }),
  );

  s('two instances migrating at once apply each migration exactly once', async () => {
    const db = await target.open();
    // postgres: a second pool on the same database, as a second ingest would have.
    const other: Database = db.url ? new PgDatabase(db.url) : db;
    try {
      // A slow migration widens the window in which the second would start without the lock.
      const list: Migration[] = [
        { version: 1, name: 'slow', sql: 'create table once (x int); select pg_sleep(0.2); insert into once values (1)' },
      ];
      const [a, b] = await Promise.all([migrate(db, list), migrate(other, list)]);
      assert.equal([...a, ...b], [1]);
      assert.equal((await db.query('select count(*)::int as n from once')).rows, [{ n: 1 }]);
    } finally {
      if (other !== db) await other.close();
      await db.close();
    }
  });

  s(
    'a failing migration rolls back the whole run with Db_Migration',
    withDb(async (db) => {
      const list: Migration[] = [
        { version: 1, name: 'ok', sql: 'create table good (x int)' },
        { version: 2, name: 'bad', sql: 'create table nope (x nosuchtype)' },
      ];
      const e = await rejects(migrate(db, list), (x) => isAppError(x, ErrorCode.Db_Migration));
      assert.is((e as { context: { version: number } }).context.version, 2);
      await rejects(db.query('select * from good'));
      await rejects(migrate(db, [list[0]!, list[0]!]), (x) => isAppError(x, ErrorCode.Db_Migration));
    }),
  );

  s.run();
}

const disk = suite('database (pglite in a data directory)');

disk('what was committed is there after close and reopen; a closed database rejects with Db_Closed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-pglite-'));
  try {
    const db = await openDatabase({ dataDir: dir });
    assert.is(db.kind, 'pglite');
    await rejects(openDatabase({ dataDir: dir }), (e) => isAppError(e, ErrorCode.Db_Locked), 'one opener per data directory');
    await migrate(db);
    await db.query("insert into devices (device_id, acked_seq) values ('HT-0042', 7)");
    await db.close();
    await rejects(db.query('select 1'), (e) => isAppError(e, ErrorCode.Db_Closed));
    const again = await openDatabase({ dataDir: dir });
    assert.equal(await migrate(again), []);
    assert.equal((await again.query('select acked_seq::int as a from devices')).rows, [{ a: 7 }]);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.lock`, { force: true });
  }
});

disk('an unreachable PostgreSQL URL fails at open with Db_Unavailable', async () => {
  await rejects(openDatabase({ url: 'postgres://nobody@127.0.0.1:1/none' }), (e) => isAppError(e, ErrorCode.Db_Unavailable));
});

disk.run();
