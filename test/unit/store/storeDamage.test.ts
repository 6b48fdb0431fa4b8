/**
 * The store's damage cases (issue 15): each file deleted, truncated, rolled back, swapped with an
 * older copy, one byte flipped at the end and in the middle. A restart either works with everything
 * or stops naming the file, leaves the file as it was, and works again once the file is put back.
 * Never a silent rollback, never a number issued twice.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { encodeManifest, fileSha, readManifest } from '../../../src/adapters/store/StoreManifest.js';
import type { StoreEngine } from '../../../src/adapters/store/StoreEngine.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { fileTarget, type StoreTarget } from '../../helpers/storeTargets.js';
import { rejects } from '../../helpers/rejects.js';
import { untyped } from '../../helpers/untypedTx.js';

type Target = StoreTarget & { dir: string };
const DAY1 = '2026-11-25';
const DAY2 = '2026-11-26';

const reading = (st: StoreEngine, jobId: string) =>
  st.transact((tx) => {
    const no = `DMO2026${String(tx.next('invoice:DMO:2026')).padStart(9, '0')}`;
    const job = tx.get('jobs', jobId)!;
    tx.put('jobs', jobId, { ...job, state: 'done' });
    tx.put('invoiceNos', no, { invoiceNo: no, state: 'issued', jobId, reservedAt: `${DAY1}T09:00:00.000+03:00` });
    untyped(tx).put('invoices', no, { invoice: { invoiceNo: no, jobId, issuedAt: `${DAY1}T09:00:00.000+03:00` } });
    untyped(tx).event({ type: 'invoice.issued', operatorId: 'op-1', jobId, data: { invoiceNo: no } });
    tx.audit({ actor: 'op-1', action: 'reading.recorded', details: { jobId } });
    return no;
  });

/** Two route days, three readings, a checkpoint, two more readings in the journal only. */
async function seeded(): Promise<{ t: Target; issued: string[]; older: Map<string, Buffer> }> {
  const t = fileTarget();
  const st = await t.open();
  await st.transact((tx) => {
    for (let i = 1; i <= 8; i++)
      untyped(tx).put('jobs', `J-${i}`, { job: { jobId: `J-${i}`, dueDate: i <= 5 ? DAY1 : DAY2 }, state: 'open' });
  });
  const issued = [await reading(st, 'J-1'), await reading(st, 'J-2'), await reading(st, 'J-6')];
  await st.checkpoint();
  const older = snapshotFiles(t.dir);
  issued.push(await reading(st, 'J-3'), await reading(st, 'J-7'));
  await st.checkpoint();
  issued.push(await reading(st, 'J-4'), await reading(st, 'J-8'));
  await st.close();
  return { t, issued, older };
}

function snapshotFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(join(dir, 'snapshot'));
  out.set('journal.jsonl', readFileSync(join(dir, 'journal.jsonl')));
  return out;
}

/** Start-up stops naming `rel`, leaves the store as it was, and opens with everything once `rel` is restored. */
async function stopsNaming(t: Target, rel: string, issued: string[], codes = ['Store_Inconsistent', 'Store_Corrupt']) {
  const file = join(t.dir, rel);
  const before = existsSync(file) ? readFileSync(file) : undefined;
  const e = await rejects(t.open(), (e) => codes.some((c) => isAppError(e, c as never)), `${rel}: start-up must stop`);
  assert.match((e as Error).message, file, `the message names ${rel}`);
  assert.is((e as { context: { file: string } }).context.file, file);
  assert.equal(existsSync(file) ? readFileSync(file) : undefined, before, `${rel} is left as it was`);
  assert.not.ok(existsSync(join(t.dir, 'LOCK')), 'the lock is released for the technician');
  return e;
}

async function opensWithEverything(t: Target, issued: string[]) {
  const st = await t.open();
  for (const no of issued) assert.ok(st.get('invoices', no), `${no} is there`);
  assert.is(st.size('jobs'), 8);
  const next = await reading(st, 'J-5');
  assert.not.ok(issued.includes(next), 'the next number is new');
  await st.close();
}

const restore = (t: Target, rel: string, bytes: Buffer) => writeFileSync(join(t.dir, rel), bytes);

for (const rel of [
  'snapshot/meta/all.json',
  'journal.jsonl',
  `snapshot/jobs/${DAY1}.json`,
  'snapshot/outbox/b000000.json',
  `snapshot/invoiceNos/${DAY1}.json`,
  'snapshot/checkpoint.json',
  'snapshot/manifest.json',
]) {
  test(`${rel} deleted: start-up stops naming it; restored, everything is back`, async () => {
    const { t, issued } = await seeded();
    const keep = readFileSync(join(t.dir, rel));
    unlinkSync(join(t.dir, rel));
    await stopsNaming(t, rel, issued);
    restore(t, rel, keep);
    await opensWithEverything(t, issued);
    t.cleanup();
  });
}

test('checkpoint.json saying {"lastTx":99999999} stops start-up naming it', async () => {
  const { t, issued } = await seeded();
  const keep = readFileSync(join(t.dir, 'snapshot/checkpoint.json'));
  writeFileSync(join(t.dir, 'snapshot/checkpoint.json'), '{"lastTx":99999999}');
  await stopsNaming(t, 'snapshot/checkpoint.json', issued);
  restore(t, 'snapshot/checkpoint.json', keep);
  await opensWithEverything(t, issued);
  t.cleanup();
});

for (const rel of [
  `snapshot/jobs/${DAY1}.json`,
  'snapshot/meta/all.json',
  'snapshot/outbox/b000000.json',
  'snapshot/manifest.json',
  'snapshot/checkpoint.json',
]) {
  test(`${rel} swapped with the copy of the previous checkpoint: start-up stops naming it`, async () => {
    const { t, issued, older } = await seeded();
    const keep = readFileSync(join(t.dir, rel));
    assert.not.equal(older.get(rel), keep, 'the older copy differs');
    restore(t, rel, older.get(rel)!);
    await stopsNaming(t, rel, issued);
    restore(t, rel, keep);
    await opensWithEverything(t, issued);
    t.cleanup();
  });
}

test('the journal swapped with an older copy (from before the last checkpoint) stops start-up', async () => {
  const { t, issued, older } = await seeded();
  const keep = readFileSync(join(t.dir, 'journal.jsonl'));
  restore(t, 'journal.jsonl', older.get('journal.jsonl')!);
  await stopsNaming(t, 'journal.jsonl', issued);
  restore(t, 'journal.jsonl', keep);
  await opensWithEverything(t, issued);
  t.cleanup();
});

for (const rel of [
  'journal.jsonl',
  `snapshot/jobs/${DAY1}.json`,
  'snapshot/meta/all.json',
  'snapshot/manifest.json',
  'snapshot/checkpoint.json',
]) {
  for (const where of ['end', 'middle'] as const) {
    test(`${rel}: one byte flipped at the ${where} stops start-up naming it`, async () => {
      const { t, issued } = await seeded();
      const keep = readFileSync(join(t.dir, rel));
      const bytes = Buffer.from(keep);
      // "end": the last byte (the journal's final newline, a file's closing brace); "middle": inside the data.
      const at = where === 'end' ? bytes.length - 1 : Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      restore(t, rel, bytes);
      const e = await stopsNaming(t, rel, issued);
      if (rel === 'journal.jsonl') assert.ok(Number.isInteger((e as { context: { line?: number } }).context.line), 'and the line');
      restore(t, rel, keep);
      await opensWithEverything(t, issued);
      t.cleanup();
    });
  }
}

test('journal.jsonl truncated to nothing stops start-up; cut inside its last line, that record is dropped and reported', async () => {
  const { t, issued } = await seeded();
  const file = join(t.dir, 'journal.jsonl');
  const keep = readFileSync(file);
  truncateSync(file, 0);
  await stopsNaming(t, 'journal.jsonl', issued);
  restore(t, 'journal.jsonl', keep);
  // Cut inside the last line: exactly what a power cut before fsync leaves. That record was never
  // acknowledged by a store that wrote it (acknowledgement follows fsync), so it is dropped, kept
  // aside and reported; its number is then free again because it was never issued.
  truncateSync(file, keep.length - 10);
  const st = await t.open();
  assert.ok(st.report.tornJournalTail, 'reported');
  assert.ok(existsSync(st.report.tornJournalTail!.keptAt));
  for (const no of issued.slice(0, -1)) assert.ok(st.get('invoices', no));
  await st.close();
  t.cleanup();
});

test('a snapshot file truncated stops start-up naming it', async () => {
  const { t, issued } = await seeded();
  const rel = `snapshot/jobs/${DAY2}.json`;
  const keep = readFileSync(join(t.dir, rel));
  truncateSync(join(t.dir, rel), Math.floor(keep.length / 2));
  await stopsNaming(t, rel, issued);
  restore(t, rel, keep);
  await opensWithEverything(t, issued);
  t.cleanup();
});

test('a snapshot file copied in from elsewhere stops start-up naming it', async () => {
  const { t, issued } = await seeded();
  const rel = 'snapshot/jobs/2026-12-01.json';
  copyFileSync(join(t.dir, `snapshot/jobs/${DAY2}.json`), join(t.dir, rel));
  await stopsNaming(t, rel, issued);
  rmSync(join(t.dir, rel));
  await opensWithEverything(t, issued);
  t.cleanup();
});

test('meta rolled back together with a manifest rewritten to match: the counters recorded at checkpoint stop start-up', async () => {
  const { t, older } = await seeded();
  // Checkpoint again so that no journal record rewrites the counters on replay.
  const st = await t.open();
  await st.checkpoint();
  await st.close();
  const mf = join(t.dir, 'snapshot/manifest.json');
  const m = (await readManifest(mf))!;
  const old = older.get('snapshot/meta/all.json')!;
  m.files['meta/all'] = { ...m.files['meta/all']!, sha: fileSha(old), bytes: old.length };
  writeFileSync(mf, encodeManifest(m));
  restore(t, 'snapshot/meta/all.json', old);
  const e = await rejects(t.open(), (e) => isAppError(e, 'Store_Inconsistent'));
  assert.is((e as { context: { damage: string } }).context.damage, 'counter');
  assert.match((e as Error).message, 'meta/all.json');
  t.cleanup();
});

test('a store from before manifests whose counter is below its records stops start-up naming the counter file', async () => {
  const t = fileTarget();
  const snap = join(t.dir, 'snapshot');
  for (const d of ['meta', 'invoiceNos', 'outbox']) mkdirSync(join(snap, d), { recursive: true });
  writeFileSync(join(snap, 'meta/all.json'), JSON.stringify({ 'counter:eventSeq': 7, 'counter:invoice:DMO:2026': 2 }));
  writeFileSync(
    join(snap, 'invoiceNos', `${DAY1}.json`),
    JSON.stringify({ DMO2026000000005: { invoiceNo: 'DMO2026000000005', state: 'issued', reservedAt: `${DAY1}T09:00:00Z` } }),
  );
  writeFileSync(join(snap, 'outbox/b000000.json'), JSON.stringify({ '000000000007': { seq: 7, topic: 't', envelope: {}, queuedAt: '' } }));
  writeFileSync(join(snap, 'checkpoint.json'), JSON.stringify({ lastTx: 9 }));
  writeFileSync(join(t.dir, 'journal.jsonl'), '');
  const e = await rejects(t.open(), (e) => isAppError(e, 'Store_Inconsistent'));
  assert.equal((e as { context: { counter: string } }).context.counter, 'invoice:DMO:2026');
  assert.match((e as Error).message, 'DMO2026000000005');
  // Fixed counter: the old store opens and is upgraded (manifest written, journal given a header).
  writeFileSync(join(snap, 'meta/all.json'), JSON.stringify({ 'counter:eventSeq': 7, 'counter:invoice:DMO:2026': 5 }));
  const st = await t.open();
  assert.is(st.report.checkpointAtStart, 'written');
  assert.ok(existsSync(join(snap, 'manifest.json')));
  await st.close();
  unlinkSync(join(t.dir, 'journal.jsonl'));
  await rejects(t.open(), (e) => isAppError(e, 'Store_Inconsistent'), 'from now on a deleted journal is noticed');
  t.cleanup();
});

test('an encrypted store opened without its key says so and names the config key', async () => {
  const { AesGcmCodec } = await import('../../../src/adapters/store/AesGcmCodec.js');
  const t = fileTarget();
  const st = await t.open({ codec: new AesGcmCodec(Buffer.alloc(32, 7)) });
  await st.transact((tx) => untyped(tx).put('jobs', 'J-1', { job: { jobId: 'J-1', dueDate: DAY1 } }));
  await st.close();
  const e = await rejects(t.open(), (e) => isAppError(e, 'Store_NeedsKey'));
  assert.is((e as { context: { key: string } }).context.key, 'security.storeKeyFile');
  assert.not.match((e as Error).message, 'Unexpected token');
  t.cleanup();
});

test.run();
