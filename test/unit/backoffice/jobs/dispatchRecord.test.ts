// `saha dispatch` with a database records and tells the truth per device; it publishes nothing.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../../../src/backoffice/db/Database.js';
import { PGliteDatabase } from '../../../../src/backoffice/db/PGliteDatabase.js';
import { dispatchCommand } from '../../../../src/cli/dispatchCommand.js';
import { databaseTargets } from '../../../helpers/databases.js';

const root = new URL('../../../../', import.meta.url).pathname;
async function run(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await dispatchCommand.run(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env, cwd: root });
  return { code, out, err };
}
const ROUTE = ['--device', 'HT-0042', '--route', 'docs/examples/route.csv'];

interface Where {
  args: string[];
  env: Record<string, string>;
  open(): Promise<Database>;
  done(): Promise<void>;
}

/** Where dispatch writes: PGlite through --data-dir (no ingest running on it), PostgreSQL by URL in the environment. */
async function where(target: ReturnType<typeof databaseTargets>[number]): Promise<Where> {
  if (target.name === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'saha-dispatch-db-'));
    return {
      args: ['--data-dir', dir],
      env: {},
      open: () => PGliteDatabase.open(dir),
      done: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = await target.open();
  const url = (db as { url?: string }).url!;
  return { args: [], env: { SAHA_BO_DATABASE_URL: url }, open: async () => db, done: () => db.close() };
}

for (const target of databaseTargets()) {
  const s = suite(`dispatch with a database (${target.name})`);

  s('a device that never connected: recorded, and told when it will arrive; no broker needed', async () => {
    const w = await where(target);
    try {
      const r = await run([...ROUTE, ...w.args], { ...w.env, SAHA_BO_MQTT_URL: 'mqtt://127.0.0.1:1' });
      assert.is(r.code, 0, r.err);
      assert.is(r.out, '5 job(s) recorded; device HT-0042 has never connected: will be delivered when it does\n');
      assert.not.match(r.out, /order\(s\) sent/);
      const db = await w.open();
      const rows = (await db.query<{ state: string; n: number }>('select state, count(*)::int as n from job_messages group by state')).rows;
      assert.equal(rows, [{ state: 'queued', n: 5 }]);
      if (target.name === 'pglite') await db.close();
    } finally {
      await w.done();
    }
  });

  s('a device seen before: "sent, awaiting acceptance"; the same route again records nothing new', async () => {
    const w = await where(target);
    try {
      const db = await w.open();
      // What ingest writes when a retained status arrives (migration 0001's devices table).
      const { migrate } = await import('../../../../src/backoffice/db/migrate.js');
      await migrate(db);
      await db.query(`insert into devices (device_id, status, status_at, online) values ('HT-0042', '{}'::jsonb, now(), true)`);
      if (target.name === 'pglite') await db.close();
      assert.is((await run([...ROUTE, ...w.args], w.env)).out, '5 job(s) recorded: sent, awaiting acceptance\n');
      assert.is((await run([...ROUTE, ...w.args], w.env)).out, '0 job(s) recorded: sent, awaiting acceptance (5 already recorded)\n');
      const c = await run(['--device', 'HT-0042', '--cancel', 'R-0002', '--reason', 'paid', ...w.args], w.env);
      assert.match(c.out, /1 job\(s\) recorded.*1 cancel\(s\) settled without sending/);
    } finally {
      await w.done();
    }
  });

  if (target.name === 'pglite') {
    s('a data directory ingest holds open is refused, naming the way out; nothing recorded', async () => {
      const w = await where(target);
      const held = await w.open(); // as a running ingest would hold it
      try {
        const r = await run([...ROUTE, ...w.args], w.env);
        assert.is(r.code, 1);
        assert.match(r.err, /data directory .* is already open in this process|in use by process/);
        assert.is(r.out, '');
      } finally {
        await held.close();
        await w.done();
      }
    });
  }

  s.run();
}
