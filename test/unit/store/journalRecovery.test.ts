/** What the file store does with what a crash or a power cut leaves behind. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { fileTarget } from '../../helpers/storeTargets.js';
import { rejects } from '../../helpers/rejects.js';
import { untyped } from '../../helpers/untypedTx.js';

async function seeded() {
  const t = fileTarget();
  const st = await t.open();
  await st.transact((tx) => untyped(tx).put('jobs', 'J-1', { job: { jobId: 'J-1', dueDate: '2026-11-25' } }));
  await st.transact((tx) => untyped(tx).put('jobs', 'J-2', { job: { jobId: 'J-2', dueDate: '2026-11-25' } }));
  await st.close();
  return t;
}

test('a record cut short at the end of the journal is dropped, kept aside and reported', async () => {
  const t = await seeded();
  const journal = join(t.dir, 'journal.jsonl');
  appendFileSync(journal, '{"s":"abc","b":"{\\"tx\\":3,\\"ops\\":[{\\"c\\":\\"jobs\\",\\"k\\":\\"J-3\\"');
  const st = await t.open();
  assert.ok(st.report.tornJournalTail, 'reported');
  assert.ok(existsSync(st.report.tornJournalTail!.keptAt), 'bytes kept for inspection');
  assert.ok(st.get('jobs', 'J-2'), 'acknowledged records intact');
  assert.is(st.get('jobs', 'J-3'), undefined);
  await st.transact((tx) => untyped(tx).put('jobs', 'J-4', { job: { jobId: 'J-4', dueDate: '2026-11-25' } }));
  await st.close();
  const again = await t.open();
  assert.is(again.report.tornJournalTail, undefined, 'the journal was repaired once');
  assert.ok(again.get('jobs', 'J-4'));
  await again.close();
  t.cleanup();
});

test('a whole last line (newline included) that fails its checksum is corruption, not a torn tail', async () => {
  // A crash can only cut the last write short, and the newline is its last byte: a line that has
  // its newline was written whole and was acknowledged. Dropping it would lose a saved record.
  const t = await seeded();
  const journal = join(t.dir, 'journal.jsonl');
  const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
  lines[lines.length - 1] = lines[lines.length - 1]!.replace('J-2', 'J-Z');
  writeFileSync(journal, lines.join('\n') + '\n');
  const e = await rejects(t.open(), (e) => isAppError(e, 'Store_Corrupt'));
  assert.equal((e as { context: unknown }).context, { file: journal, line: lines.length, damage: 'journal-line' });
  assert.ok(readFileSync(journal, 'utf8').includes('J-Z'), 'the file is kept as it was');
  t.cleanup();
});

test('damage before the last journal line stops start-up with Store_Corrupt and keeps the file', async () => {
  const t = await seeded();
  const journal = join(t.dir, 'journal.jsonl');
  const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
  const first = lines.findIndex((l) => l.includes('J-1'));
  assert.ok(first < lines.length - 1, 'damage before the last line');
  lines[first] = lines[first]!.replace('J-1', 'J-Q');
  writeFileSync(journal, lines.join('\n') + '\n');
  const e = await rejects(t.open(), (e) => isAppError(e, 'Store_Corrupt'));
  assert.match((e as Error).message, 'journal.jsonl');
  assert.ok(existsSync(journal));
  t.cleanup();
});

test('a corrupt snapshot file stops start-up naming the file, which is left in place', async () => {
  const t = await seeded();
  const st = await t.open();
  await st.checkpoint();
  await st.close();
  const file = join(t.dir, 'snapshot', 'jobs', '2026-11-25.json');
  writeFileSync(file, '{"J-1": {"job": ');
  const e = await rejects(t.open(), (e) => isAppError(e, 'Store_Corrupt'));
  assert.match((e as Error).message, '2026-11-25.json');
  assert.is(readFileSync(file, 'utf8'), '{"J-1": {"job": ');
  // the lock was released, so a technician's tool can open the directory after fixing it
  assert.not.ok(existsSync(join(t.dir, 'LOCK')));
  t.cleanup();
});

test('a temp file from an interrupted snapshot write is reported and moved aside; the old file wins', async () => {
  const t = await seeded();
  const st = await t.open();
  await st.checkpoint();
  await st.close();
  writeFileSync(join(t.dir, 'snapshot', 'jobs', '.2026-11-25.json.tmp'), '{"J-1": {"half": ');
  const again = await t.open();
  assert.is(again.report.staleTempFiles.length, 1);
  assert.ok(again.get('jobs', 'J-1'));
  assert.ok(readdirSync(join(t.dir, 'recovered')).some((f) => f.endsWith('.tmp')));
  await again.close();
  t.cleanup();
});

test('checkpoint writes one file per route day and empties the journal', async () => {
  const t = fileTarget();
  const st = await t.open();
  await st.transact((tx) => {
    for (let i = 0; i < 30; i++)
      untyped(tx).put('jobs', `J-${i}`, { job: { jobId: `J-${i}`, dueDate: `2026-11-${String(1 + (i % 3)).padStart(2, '0')}` } });
  });
  await st.checkpoint();
  assert.equal(readdirSync(join(t.dir, 'snapshot', 'jobs')).sort(), ['2026-11-01.json', '2026-11-02.json', '2026-11-03.json']);
  const left = readFileSync(join(t.dir, 'journal.jsonl'), 'utf8').trimEnd().split('\n');
  assert.is(left.length, 1, 'only the header naming the checkpoint is left');
  assert.match(left[0]!, '"h":');
  await st.close();
  t.cleanup();
});

test("a second process on the same data directory is refused; a dead owner's lock is taken over", async () => {
  const t = await seeded();
  const sleeper = spawn('sleep', ['30']);
  writeFileSync(join(t.dir, 'LOCK'), String(sleeper.pid));
  await rejects(t.open(), (e) => isAppError(e, 'Store_Locked'));
  sleeper.kill('SIGKILL');
  await new Promise((r) => sleeper.on('close', r));
  const st = await t.open();
  assert.is(st.report.staleLockPid, sleeper.pid);
  await st.close();
  t.cleanup();
});

test('a lock held by a zombie (killed, not yet reaped) is stale', async () => {
  const t = await seeded();
  // The child sleeps 1 s, so its parent has certainly become `sleep 60` (exec) by the time it exits;
  // `sleep 60` never reaps it: a zombie. (With `sleep 0` the shell could reap the child itself before
  // the exec on a loaded machine, and the pid was gone.)
  const { spawn: sp } = await import('node:child_process');
  const parent = sp('sh', ['-c', 'sleep 1 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = Number(await new Promise<string>((r) => parent.stdout!.once('data', (d) => r(String(d).trim()))));
  // Poll rather than sleep a fixed time: on a loaded machine the child may take a while to exit.
  for (let i = 0; i < 400 && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(readFileSync(`/proc/${pid}/stat`, 'utf8'), /\) Z /, 'the child is a zombie');
  writeFileSync(join(t.dir, 'LOCK'), String(pid));
  const st = await t.open();
  assert.is(st.report.staleLockPid, pid);
  await st.close();
  parent.kill('SIGKILL');
  t.cleanup();
});

test.run();
