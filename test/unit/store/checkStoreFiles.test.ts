/**
 * The start-up cross-check on hand-made facts: what a crash between two checkpoint writes leaves is
 * accepted (and rewritten), what only damage leaves stops start-up naming the file. The real files
 * are exercised by diskFull.test.ts (killed at every step) and storeDamage.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkStoreFiles, type StoreFacts } from '../../../src/adapters/store/checkStoreFiles.js';
import type { PartitionId } from '../../../src/adapters/store/StoreBackend.js';
import type { Manifest } from '../../../src/adapters/store/StoreManifest.js';
import { isAppError } from '../../../src/core/errors/AppError.js';

const DIR = '/data';
const file = (pid: PartitionId, sha: string): [PartitionId, { sha: string; path: string }] => [
  pid,
  { sha, path: `${DIR}/snapshot/${pid}.json` },
];
const M: Manifest = {
  v: 1,
  id: 'store-1',
  lastTx: 10,
  files: { 'jobs/2026-11-25': { sha: 'a1', bytes: 1, tx: 10 }, 'meta/all': { sha: 'm1', bytes: 1, tx: 10 } },
  counters: { eventSeq: 4 },
};
const P: Manifest = {
  ...M,
  lastTx: 14,
  files: { 'jobs/2026-11-25': { sha: 'a2', bytes: 1, tx: 14 }, 'meta/all': { sha: 'm2', bytes: 1, tx: 14 } },
  counters: { eventSeq: 6 },
};
const records = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ tx: from + i, line: i + 2 }));

const healthy = (): StoreFacts => ({
  dir: DIR,
  manifest: M,
  checkpoint: { lastTx: 10, manifest: true },
  files: new Map([file('jobs/2026-11-25', 'a1'), file('meta/all', 'm1')]),
  journal: { header: { id: 'store-1', base: 10 }, records: records(11, 12) },
});

function stops(f: StoreFacts, named: string, code = 'Store_Inconsistent') {
  try {
    checkStoreFiles(f);
  } catch (e) {
    assert.ok(isAppError(e, code as never), String(e));
    assert.is((e as unknown as { context: { file: string } }).context.file, `${DIR}/${named}`);
    return;
  }
  assert.unreachable(`expected a stop naming ${named}`);
}

test('a healthy store replays the journal after the manifest and keeps its counters as the floor', () => {
  assert.equal(checkStoreFiles(healthy()), { manifest: M, replayAfter: 10, rewriteAll: false, counterFloor: { eventSeq: 4 } });
});

test('a new store, and a store from before manifests, are accepted and rewritten whole', () => {
  assert.equal(checkStoreFiles({ dir: DIR, files: new Map() }), { replayAfter: 0, rewriteAll: true, counterFloor: {} });
  const legacy = checkStoreFiles({
    dir: DIR,
    checkpoint: { lastTx: 10 },
    files: new Map([file('jobs/2026-11-25', 'x')]),
    journal: { records: records(11, 13) },
  });
  assert.is(legacy.rewriteAll, true);
  assert.is(legacy.replayAfter, 0, 'the whole journal is replayed, as before');
});

test('checkpoint cut short after some files: each file at either version, the journal reaching the pending tx', () => {
  const f = {
    ...healthy(),
    pending: P,
    files: new Map([file('jobs/2026-11-25', 'a2'), file('meta/all', 'm1')]),
    journal: { header: { id: 'store-1', base: 10 }, records: records(11, 14) },
  };
  const v = checkStoreFiles(f);
  assert.is(v.rewriteAll, true);
  assert.is(v.replayAfter, 10);
  assert.equal(v.counterFloor, { eventSeq: 6 });
  stops({ ...f, files: new Map([file('jobs/2026-11-25', 'zz'), file('meta/all', 'm1')]) }, 'snapshot/jobs/2026-11-25.json');
  stops({ ...f, journal: { header: { id: 'store-1', base: 10 }, records: records(11, 13) } }, 'journal.jsonl');
});

test('killed after the journal restarted and before manifest.json: the pending manifest is the one in force', () => {
  const v = checkStoreFiles({
    ...healthy(),
    pending: P,
    checkpoint: { lastTx: 14, manifest: true },
    files: new Map([file('jobs/2026-11-25', 'a2'), file('meta/all', 'm2')]),
    journal: { header: { id: 'store-1', base: 14 }, records: [] },
  });
  assert.is(v.manifest!.lastTx, 14);
  assert.is(v.rewriteAll, true);
});

test('damage stops start-up naming the file', () => {
  stops({ ...healthy(), journal: undefined }, 'journal.jsonl');
  stops({ ...healthy(), journal: { records: [] } }, 'journal.jsonl');
  stops({ ...healthy(), journal: { header: { id: 'other', base: 10 }, records: [] } }, 'journal.jsonl');
  stops({ ...healthy(), journal: { header: { id: 'store-1', base: 12 }, records: [] } }, 'snapshot/manifest.json');
  stops({ ...healthy(), checkpoint: undefined }, 'snapshot/checkpoint.json');
  stops({ ...healthy(), checkpoint: { lastTx: 99999999, manifest: true } }, 'snapshot/checkpoint.json');
  stops({ ...healthy(), files: new Map([file('meta/all', 'm1')]) }, 'snapshot/jobs/2026-11-25.json');
  stops({ ...healthy(), files: new Map([...healthy().files, file('jobs/2026-12-01', 'a1')]) }, 'snapshot/jobs/2026-12-01.json');
  stops({ ...healthy(), manifest: undefined }, 'snapshot/manifest.json');
  stops(
    {
      ...healthy(),
      journal: {
        header: { id: 'store-1', base: 10 },
        records: [
          { tx: 11, line: 2 },
          { tx: 13, line: 3 },
        ],
      },
    },
    'journal.jsonl',
    'Store_Corrupt',
  );
});

test.run();
