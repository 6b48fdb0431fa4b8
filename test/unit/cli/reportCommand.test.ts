/** `saha report` from the command line: against an embedded store directory and a PostgreSQL URL. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGliteDatabase } from '../../../src/backoffice/db/PGliteDatabase.js';
import { migrate } from '../../../src/backoffice/db/migrate.js';
import { runCli } from '../../../src/cli/index.js';
import type { Report } from '../../../src/backoffice/report/types.js';
import { databaseTargets } from '../../helpers/databases.js';
import { seedFixture } from '../backoffice/report/reportFixture.js';

async function saha(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env, cwd: process.cwd() });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'saha-report-'));
const storeDir = join(dir, 'store');

test.before(async () => {
  const db = await PGliteDatabase.open(storeDir);
  await migrate(db);
  await seedFixture(db, { jobs: true });
  await db.close();
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('--json on an embedded store directory gives the report object', async () => {
  const r = await saha(['report', '--data-dir', storeDir, '--json', '--date', '2025-09-01']);
  assert.is(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Report;
  assert.is(report.date, '2025-09-01');
  assert.equal(report.invoices, { count: 3, totalSum: '7384.89', payableSum: '7386.01' });
  assert.equal(
    report.reconciliation!.mismatches.map((m) => m.invoiceNo),
    ['HTA2025000000002'],
  );
  assert.equal(report.numbering.gaps, [{ series: 'HTA', year: 2025, from: 4, to: 4 }]);
  assert.equal(report.jobs, { sent: 5, accepted: 2, awaitingAcceptance: 3, rejected: 1 });
});

test('the default output is a table', async () => {
  const r = await saha(['report', '--data-dir', storeDir, '--device', 'HT-1']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, 'Saha report: all dates, device HT-1');
  assert.match(r.stdout, 'MISMATCH HTA2025000000002');
  assert.not.match(r.stdout, 'HT-2');
});

test('usage mistakes exit 2 with one line', async () => {
  for (const argv of [
    ['report'],
    ['report', '--data-dir', storeDir, '--date', '2025-02-30'],
    ['report', '--data-dir', storeDir, '--database-url', 'postgres://x'],
    ['report', '--data-dir', storeDir, '--device', 'no such/device'],
  ]) {
    const r = await saha(argv);
    assert.is(r.code, 2, argv.join(' '));
    assert.match(r.stderr, /^saha report: /);
  }
});

test('a database without an event store exits 1 and says to start ingest', async () => {
  const r = await saha(['report', '--data-dir', join(dir, 'empty')]);
  assert.is(r.code, 1);
  assert.match(r.stderr, 'saha ingest');
});

const postgres = databaseTargets().find((t) => t.name === 'postgres');
if (postgres) {
  test('on PostgreSQL through SAHA_BO_DATABASE_URL', async () => {
    const db = await postgres.open();
    try {
      await migrate(db);
      await seedFixture(db, { jobs: true });
      const r = await saha(['report', '--json'], { SAHA_BO_DATABASE_URL: db.url });
      assert.is(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as Report;
      assert.equal(report.invoices, { count: 5, totalSum: '12366.53', payableSum: '12368.01' });
      assert.equal(
        report.devices.map((d) => [d.deviceId, d.missingSeqs]),
        [
          ['HT-1', [4, 7, 14, 16]],
          ['HT-2', [1, 2]],
          ['HT-3', []],
        ],
      );
    } finally {
      await db.close();
    }
  });
}

test.run();
