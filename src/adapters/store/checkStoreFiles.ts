/**
 * Start-up's cross-check of the store's files against each other, before any of them is trusted:
 * the manifest (what the last checkpoint wrote), checkpoint.json, every snapshot file, and the
 * journal's header and transaction numbers. A file that is missing, extra, older or from another
 * store stops start-up with Store_Inconsistent naming it, and nothing is changed on disk, so the
 * technician finds the store as it was (saha doctor --repair-plan says what to do).
 *
 * Allowed, because a crash or power cut produces them (see JournalBackend.checkpoint for the order
 * of writes): a pending manifest whose files are at either version; a journal not yet restarted
 * after the manifest was committed (it starts earlier and runs at least to the manifest's tx).
 *
 * Stores written before the manifest existed (no manifest, no journal header) are read as before and
 * upgraded by a full checkpoint at start-up.
 *
 * Pure: it gets facts, returns what to replay or throws. Unit-tested on hand-made facts.
 */
import { join } from 'node:path';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { JournalHeader } from './journalLines.js';
import type { Manifest } from './StoreManifest.js';
import type { PartitionId } from './StoreBackend.js';

export interface StoreFacts {
  dir: string;
  manifest?: Manifest;
  pending?: Manifest;
  /** checkpoint.json; undefined when missing. `manifest` is set by checkpoints that also wrote a manifest. */
  checkpoint?: { lastTx: number; manifest?: boolean };
  /** Snapshot files on disk: sha of their stored bytes. */
  files: ReadonlyMap<PartitionId, { sha: string; path: string }>;
  /** undefined when journal.jsonl does not exist. */
  journal?: { header?: JournalHeader; records: readonly { tx: number; line: number }[] };
}

export interface StoreVerdict {
  /** The manifest in force (a pending one whose journal was already restarted counts as committed). */
  manifest?: Manifest;
  /** Journal records with tx above this are replayed; the rest are already in the snapshots. */
  replayAfter: number;
  /** A store without a committed manifest, or with a checkpoint cut short: rewrite every partition now. */
  rewriteAll: boolean;
  /** Counters may not be lower than this after replay. */
  counterFloor: Record<string, number>;
}

/** What kind of damage, for `saha doctor --repair-plan`. */
export type Damage = 'missing' | 'extra' | 'differs' | 'rolled-back' | 'foreign' | 'journal-gap' | 'journal-line' | 'manifest' | 'counter';

const stop = (file: string, why: string, damage: Damage) =>
  new AppError(
    `store file ${file} ${why}; start-up stopped and nothing was changed (saha doctor --repair-plan)`,
    ErrorCode.Store_Inconsistent,
    { context: { file, damage } },
  );

export function checkStoreFiles(f: StoreFacts): StoreVerdict {
  const J = join(f.dir, 'journal.jsonl');
  const MF = join(f.dir, 'snapshot', 'manifest.json');
  const CP = join(f.dir, 'snapshot', 'checkpoint.json');
  const partPath = (pid: string) => f.files.get(pid as PartitionId)?.path ?? join(f.dir, 'snapshot', `${pid}.json`);
  let M = f.manifest;
  let P = f.pending;
  const header = f.journal?.header;
  // The journal is restarted (header base = the checkpoint's tx) before the manifest is committed:
  // a crash in between leaves the pending manifest as the only one that describes the files.
  let promoted = false;
  if (P && header && header.id === P.id && header.base === P.lastTx && P.lastTx > (M?.lastTx ?? -1)) {
    const files: Manifest['files'] = {};
    for (const [pid, e] of Object.entries(P.files)) if (e.sha !== '') files[pid as PartitionId] = { sha: e.sha, bytes: e.bytes, tx: e.tx };
    M = { ...P, files };
    P = undefined;
    promoted = true;
  }

  checkJournalNumbering(f, J);

  if (!M) {
    // An upgrade's first checkpoint cut short leaves a pending manifest and a journal without header.
    const upgrading = P !== undefined && header === undefined;
    if (header) throw stop(MF, 'is missing: the journal has a header, so this store had a manifest', 'missing');
    if (f.checkpoint?.manifest && !upgrading) throw stop(MF, 'is missing: checkpoint.json was written with a manifest', 'missing');
    if (f.files.size > 0 && !f.checkpoint) throw stop(CP, 'is missing while snapshot files exist', 'missing');
    if (!f.journal && (f.files.size > 0 || f.checkpoint)) throw stop(J, 'is missing while snapshots exist', 'missing');
    // Written before manifests: replay the whole journal, as that code did; records are idempotent.
    return { replayAfter: 0, rewriteAll: true, counterFloor: {}, ...(P ? { manifest: { ...P, lastTx: 0, files: {} } } : {}) };
  }

  // The journal first: it tells whether the manifest itself went back in time.
  const J_ = f.journal;
  if (!J_) throw stop(J, 'is missing', 'missing');
  const h = header;
  if (!h) throw stop(J, 'has no header: it was emptied or replaced', 'missing');
  if (h.id !== M.id) throw stop(J, `belongs to another store (${h.id}, this store is ${M.id})`, 'foreign');
  if (h.base > M.lastTx)
    throw stop(MF, `covers transactions up to ${M.lastTx} but the journal continues from ${h.base}: it is an older copy`, 'rolled-back');

  if (!f.checkpoint) throw stop(CP, 'is missing', 'missing');
  if (!f.checkpoint.manifest) throw stop(CP, 'differs from what a checkpoint writes: edited or an older copy', 'differs');
  if (f.checkpoint.lastTx !== M.lastTx && !(P && f.checkpoint.lastTx === P.lastTx)) {
    throw stop(CP, `says the snapshots cover transaction ${f.checkpoint.lastTx}, the manifest says ${M.lastTx}`, 'differs');
  }

  const pids = new Set<string>([...Object.keys(M.files), ...Object.keys(P?.files ?? {}), ...f.files.keys()]);
  for (const pid of [...pids].sort()) {
    const disk = f.files.get(pid as PartitionId);
    const matches = (m: Manifest | undefined) => {
      if (!m) return false;
      const e = m.files[pid as PartitionId];
      if (!e) return !disk;
      // sha '' in a pending manifest: this checkpoint removes the file.
      if (!disk) return e.sha === '' || (e.alt?.includes('') ?? false);
      return disk.sha === e.sha || (e.alt?.includes(disk.sha) ?? false);
    };
    if (matches(M) || matches(P)) continue;
    if (!disk)
      throw stop(
        partPath(pid),
        `is missing: the manifest lists it (written at transaction ${(M.files[pid as PartitionId] ?? P?.files[pid as PartitionId])?.tx})`,
        'missing',
      );
    if (!M.files[pid as PartitionId] && !P?.files[pid as PartitionId])
      throw stop(disk.path, 'is not in the manifest (copied in from elsewhere?)', 'extra');
    throw stop(disk.path, 'differs from the manifest: an older copy, or edited', 'differs');
  }

  const mustReach = P ? P.lastTx : M.lastTx;
  const last = J_.records.length ? J_.records[J_.records.length - 1]!.tx : h.base;
  if (last < mustReach)
    throw stop(
      J,
      `ends at transaction ${last}, but the snapshots were written at ${mustReach}: the journal was rolled back or cut`,
      'rolled-back',
    );
  return { manifest: M, replayAfter: M.lastTx, rewriteAll: P !== undefined || promoted, counterFloor: { ...(P ?? M).counters } };
}

/** Transaction numbers run base+1, base+2, … with no gap: a removed line is damage, not a crash. */
function checkJournalNumbering(f: StoreFacts, J: string): void {
  if (!f.journal) return;
  let prev = f.journal.header?.base;
  for (const r of f.journal.records) {
    if (prev !== undefined && r.tx !== prev + 1) {
      throw new AppError(
        `store journal ${J} is corrupt at line ${r.line} (transaction ${r.tx} follows ${prev}: records are missing); it was left in place for inspection`,
        ErrorCode.Store_Corrupt,
        { context: { file: J, line: r.line, damage: 'journal-gap' } },
      );
    }
    prev = r.tx;
  }
}
