/** `saha doctor --repair-plan` and the free-space check, as a technician reads them. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { doctorCommand } from '../../../src/cli/doctorCommand.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import type { Config } from '../../../src/config/schema.js';
import { checkFreeSpace } from '../../../src/doctor/checks/checkFreeSpace.js';
import { repairCases, repairPlan } from '../../../src/doctor/repairPlan.js';
import { fileTarget } from '../../helpers/storeTargets.js';
import { untyped } from '../../helpers/untypedTx.js';

const MB = 1024 * 1024;

function configFor(dir: string): Config {
  const r = loadConfig({ fileText: JSON.stringify({ dataDir: dir, deviceId: 'HT-0042' }) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

async function seeded() {
  const t = fileTarget();
  const st = await t.open();
  await st.transact((tx) => untyped(tx).put('jobs', 'J-1', { job: { jobId: 'J-1', dueDate: '2026-11-25' } }));
  await st.transact((tx) => tx.next('invoice:DMO:2026'));
  await st.checkpoint();
  await st.close();
  return t;
}

test('a healthy store: the plan says so, and still lists every case', async () => {
  const t = await seeded();
  const plan = await repairPlan(configFor(t.dir));
  assert.ok(plan.healthy);
  assert.match(plan.lines[0]!, 'Nothing to repair');
  assert.match(plan.lines[0]!, 'MB free');
  for (const c of Object.values(repairCases(t.dir)))
    assert.ok(
      plan.lines.some((l) => l.includes(c.when)),
      c.when,
    );
  t.cleanup();
});

test('a deleted partition: the plan names it, the checksum a restored copy must have, and a matching copy in recovered/', async () => {
  const t = await seeded();
  const file = join(t.dir, 'snapshot', 'jobs', '2026-11-25.json');
  mkdirSync(join(t.dir, 'recovered'), { recursive: true });
  copyFileSync(file, join(t.dir, 'recovered', 'backup-jobs.json'));
  unlinkSync(file);
  const plan = await repairPlan(configFor(t.dir));
  assert.not.ok(plan.healthy);
  const text = plan.lines.join('\n');
  assert.match(text, file);
  assert.match(text, /What to do \(a store file is missing/);
  assert.match(text, /sha256 starting [0-9a-f]{32}/);
  assert.match(text, `cp -p '${join(t.dir, 'recovered', 'backup-jobs.json')}' '${file}'`);
  assert.match(text, 'do not move the directory aside and start an empty store');
  t.cleanup();
});

test('a damaged checkpoint.json: the plan prints the exact line to write back from the manifest', async () => {
  const t = await seeded();
  const cp = join(t.dir, 'snapshot', 'checkpoint.json');
  const good = readFileSync(cp, 'utf8');
  writeFileSync(cp, '{"lastTx":99999999}');
  const text = (await repairPlan(configFor(t.dir))).lines.join('\n');
  assert.match(text, `printf '%s' '${good}' > ${cp}`);
  t.cleanup();
});

test('saha doctor --repair-plan prints the plan and exits 1 on a damaged store, 0 on a healthy one', async () => {
  const t = await seeded();
  const cfgFile = join(t.dir, '..', `${t.dir.split('/').pop()}.json`);
  writeFileSync(cfgFile, JSON.stringify({ dataDir: t.dir, deviceId: 'HT-0042' }));
  let out = '';
  const io = {
    stdout: (s: string) => {
      out += s;
    },
    stderr: (s: string) => {
      out += s;
    },
    env: {},
  };
  assert.is(await doctorCommand.run(['--config', cfgFile, '--repair-plan'], io as never), 0);
  assert.match(out, 'Nothing to repair');
  unlinkSync(join(t.dir, 'journal.jsonl'));
  out = '';
  assert.is(await doctorCommand.run(['--config', cfgFile, '--repair-plan'], io as never), 1);
  assert.match(out, 'journal.jsonl');
  unlinkSync(cfgFile);
  t.cleanup();
});

test('free space: ok above twice the floor, a warning below it, a problem below the floor', async () => {
  const config = { dataDir: '/data', store: { minFreeMB: 32 } };
  const at = (n: number) => checkFreeSpace(config, async () => n);
  const ok = await at(500 * MB);
  assert.ok(ok.ok && !ok.warn);
  assert.match(ok.detail, '500 MB free on /data (floor store.minFreeMB = 32 MB)');
  const low = await at(40 * MB);
  assert.ok(low.ok && low.warn);
  const bad = await at(10 * MB);
  assert.not.ok(bad.ok);
  assert.match(bad.detail, 'new work is refused');
  assert.match(bad.fix, 'never delete');
});

test.run();
