/**
 * Writes that are whole or not at all (issue 15): with the disk full at every write point, or a
 * failing fsync at every sync point, a transaction either resolves and survives a restart, or
 * rejects with Store_DiskFull / Store_Io and leaves no trace; once space is back the next record
 * is appended cleanly (never onto a fragment), the store restarts, and no number is issued twice.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultyFs } from '../../../src/adapters/store/FaultyFs.js';
import { openFileStore } from '../../../src/adapters/store/openStore.js';
import type { StoreEngine } from '../../../src/adapters/store/StoreEngine.js';
import { writeWhole } from '../../../src/adapters/store/storeFs.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { storeOpts } from '../../helpers/storeTargets.js';
import { untyped } from '../../helpers/untypedTx.js';

const COUNTER = 'invoice:DMO:2026';
// Hundreds of small stores, each fsync'd many times: on a RAM file system when there is one, since the
// faults here are simulated by FaultyFs, not by the disk (the tmpfs test below uses a real full disk).
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

function opts(fs?: FaultyFs) {
  let id = 0;
  return storeOpts({
    clock: () => Date.UTC(2026, 10, 25, 9),
    newId: () => `id-${String(++id).padStart(6, '0')}`,
    checkpointBytes: 2048,
    ...(fs ? { fs } : {}),
  });
}

/** One reading's worth of writes: a number, a work record, an event. */
const record = (st: StoreEngine, i: number) =>
  st.transact((tx) => {
    const no = tx.next(COUNTER);
    untyped(tx).put('invoiceNos', `DMO2026${String(no).padStart(9, '0')}`, {
      invoiceNo: no,
      state: 'issued',
      reservedAt: '2026-11-25T09:00:00.000Z',
      pad: 'x'.repeat(200),
    });
    untyped(tx).put('work', `W-${i}`, { id: `W-${i}`, at: '2026-11-25T09:00:00.000Z', no });
    untyped(tx).event({ type: 'reading.recorded', operatorId: 'op-1', data: { i, no } });
    return no;
  });

interface Outcome {
  acked: Map<number, number>;
  failed: number[];
  codes: Set<string>;
}

/** The scenario: 12 readings, an explicit checkpoint half-way, an outbox delete (not durable). */
async function scenario(st: StoreEngine): Promise<Outcome> {
  const out: Outcome = { acked: new Map(), failed: [], codes: new Set() };
  const note = (e: unknown) => {
    assert.ok(isAppError(e, 'Store_DiskFull') || isAppError(e, 'Store_Io'), `typed failure, got ${String(e)}`);
    out.codes.add((e as { code: string }).code);
  };
  for (let i = 1; i <= 12; i++) {
    try {
      out.acked.set(i, await record(st, i));
    } catch (e) {
      note(e);
      out.failed.push(i);
    }
    if (i === 6) await st.checkpoint().catch(note);
    if (i === 8) await st.transact((tx) => tx.del('outbox', '000000000001'), { durable: false }).catch(note);
  }
  return out;
}

/** After the fault: space comes back, one more record, restart, and check what survived. */
async function recoverAndCheck(dir: string, st: StoreEngine, fs: FaultyFs, out: Outcome, label: string) {
  fs.budget = Number.POSITIVE_INFINITY;
  fs.failSyncAt = 0;
  const after = await record(st, 100);
  await st.close();
  const again = await openFileStore(dir, opts());
  try {
    for (const [i, no] of out.acked) {
      assert.ok(again.get('work', `W-${i}`), `${label}: acknowledged W-${i} survived`);
      assert.ok(again.get('invoiceNos', `DMO2026${String(no).padStart(9, '0')}`), `${label}: number ${no} survived`);
    }
    for (const i of out.failed) assert.is(again.get('work', `W-${i}`), undefined, `${label}: W-${i} was "not saved" and is not there`);
    assert.ok(again.get('work', 'W-100'), `${label}: the record after the fault survived`);
    const issued = [...out.acked.values(), after];
    assert.is(new Set(issued).size, issued.length, `${label}: no number issued twice`);
    const next = await record(again, 101);
    assert.ok(next > Math.max(...issued), `${label}: numbering continues above every issued number`);
    for (const line of readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean)) JSON.parse(line);
  } finally {
    await again.close();
  }
}

test('writeWhole retries short writes and reports a write that makes no progress', async () => {
  const got: number[] = [];
  const fh = {
    write: async (_b: Uint8Array, _o: number, len: number) => {
      const n = got.length < 3 ? Math.min(len, 2) : 0;
      got.push(n);
      return { bytesWritten: n };
    },
  };
  await writeWhole(fh as never, Buffer.from('abcdef'));
  assert.equal(got, [2, 2, 2]);
  got.length = 0;
  try {
    await writeWhole({ write: async () => ({ bytesWritten: 0 }) } as never, Buffer.from('x'));
    assert.unreachable('a write that cannot complete must throw');
  } catch (e) {
    assert.is((e as { code: string }).code, 'ESHORTWRITE');
  }
});

test('every write made short (3 bytes at a time) still yields whole records', async () => {
  const dir = mkdtempSync(join(base, 'saha-short-'));
  const fs = new FaultyFs();
  fs.maxChunk = 3;
  const st = await openFileStore(dir, opts(fs));
  const out = await scenario(st);
  assert.is(out.failed.length, 0);
  await recoverAndCheck(dir, st, fs, out, 'short writes');
  rmSync(dir, { recursive: true, force: true });
});

test('disk full at every write point: saved means saved, not saved means absent, nothing glued', async () => {
  // A clean run tells where each write starts, in bytes written so far.
  const probeDir = mkdtempSync(join(base, 'saha-full-'));
  const probe = new FaultyFs();
  const starts: number[] = [];
  const orig = probe.open.bind(probe);
  probe.open = async (p, f, m) => {
    const h = await orig(p, f, m);
    const w = h.write;
    return {
      ...h,
      write: (b, o, l, pos) => {
        starts.push(probe.bytes);
        return w(b, o, l, pos);
      },
    };
  };
  const st0 = await openFileStore(probeDir, opts(probe));
  const clean = await scenario(st0);
  await st0.close();
  rmSync(probeDir, { recursive: true, force: true });
  assert.is(clean.failed.length, 0);
  const budgets = [...new Set(starts.flatMap((s, k) => [s, Math.floor((s + (starts[k + 1] ?? s + 2)) / 2)]))].sort((a, b) => a - b);
  assert.ok(budgets.length > 40, `${budgets.length} write points`);
  let faults = 0;
  for (const budget of budgets) {
    const dir = mkdtempSync(join(base, 'saha-full-'));
    const fs = new FaultyFs();
    fs.budget = budget;
    const st = await openFileStore(dir, opts(fs));
    const out = await scenario(st);
    if (out.failed.length) faults++;
    assert.ok(!out.codes.has('Store_Io'), `budget ${budget}: a full disk is Store_DiskFull`);
    await recoverAndCheck(dir, st, fs, out, `budget ${budget}`);
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(faults > 20, `the disk filled up during ${faults} runs`);
});

test('a failing fsync at every sync point: the transaction is refused and leaves no trace', async () => {
  const probeDir = mkdtempSync(join(base, 'saha-eio-'));
  const probe = new FaultyFs();
  const st0 = await openFileStore(probeDir, opts(probe));
  await scenario(st0);
  const syncs = probe.syncs;
  await st0.close();
  rmSync(probeDir, { recursive: true, force: true });
  assert.ok(syncs > 30, `${syncs} sync points`);
  for (let k = 1; k <= syncs; k++) {
    const dir = mkdtempSync(join(base, 'saha-eio-'));
    const fs = new FaultyFs();
    fs.failSyncAt = k;
    const st = await openFileStore(dir, opts(fs));
    const out = await scenario(st);
    assert.ok(out.failed.length <= 1, `sync ${k}: one failure fails at most one transaction`);
    await recoverAndCheck(dir, st, fs, out, `sync ${k}`);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('killed at every step (write, fsync, truncate, rename, unlink): the store opens with all it acknowledged', async () => {
  const probeDir = mkdtempSync(join(base, 'saha-kill-'));
  const probe = new FaultyFs();
  const st0 = await openFileStore(probeDir, opts(probe));
  await scenario(st0);
  const steps = probe.steps;
  await st0.close();
  rmSync(probeDir, { recursive: true, force: true });
  assert.ok(steps > 80, `${steps} steps`);
  for (let k = 1; k <= steps; k++) {
    const dir = mkdtempSync(join(base, 'saha-kill-'));
    const fs = new FaultyFs();
    fs.dieAtStep = k;
    let out: Outcome = { acked: new Map(), failed: [], codes: new Set() };
    try {
      const st = await openFileStore(dir, opts(fs));
      out = await scenario(st);
    } catch {
      // killed during start-up: nothing was acknowledged
    }
    // The process is gone: no close(). A new one opens the directory (its LOCK names our own pid,
    // which counts as stale).
    const again = await openFileStore(dir, opts());
    try {
      for (const [i, no] of out.acked) {
        assert.ok(again.get('work', `W-${i}`), `step ${k}: acknowledged W-${i} survived`);
        assert.ok(again.get('invoiceNos', `DMO2026${String(no).padStart(9, '0')}`), `step ${k}: number ${no}`);
      }
      const issued = [...out.acked.values()];
      const next = await record(again, 100);
      assert.ok(
        issued.every((n) => n < next),
        `step ${k}: numbering continues above every issued number`,
      );
    } finally {
      await again.close();
    }
    const third = await openFileStore(dir, opts());
    await third.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
