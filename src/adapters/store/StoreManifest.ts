/**
 * The store manifest (snapshot/manifest.json): which snapshot files the store has, a checksum of
 * each one's stored bytes, the checkpoint transaction each was last written at, the last
 * transaction the snapshots cover, and the counters at that point. It is written (temp → fsync →
 * rename → fsync dir) as the last step of every checkpoint, so it is the checkpoint's commit point.
 *
 * Why: without it a deleted or older snapshot file reads as "this collection is empty / older",
 * and the store starts with counters gone back (issue 15: invoice DMO2026000000001 issued twice
 * after snapshot/meta/all.json was deleted). With it, start-up checks every file against the
 * manifest and stops naming the one that is missing or differs.
 *
 * A checkpoint that is cut short leaves manifest.pending.json (written first, before any snapshot
 * file): the files it names may then be at either version, and the journal still holds every
 * record since the committed manifest, so replay rebuilds the state whichever version each file is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import { checksum } from './journalLines.js';
import { readStoreFile } from './storeFs.js';
import type { PartitionId } from './StoreBackend.js';

export interface ManifestFile {
  /** sha256 (hex, first 32) of the file's bytes as stored (sealed when the store is encrypted). */
  sha: string;
  bytes: number;
  /** The checkpoint transaction at which this file was last written. */
  tx: number;
  /** Versions written by an earlier checkpoint attempt that did not commit (disk full, crash). */
  alt?: string[];
}

export interface Manifest {
  v: 1;
  /** Random id of this store, also in the journal header. */
  id: string;
  lastTx: number;
  files: Record<PartitionId, ManifestFile>;
  counters: Record<string, number>;
}

export const fileSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

export const newManifest = (): Manifest => ({ v: 1, id: randomUUID(), lastTx: 0, files: {}, counters: {} });

export function encodeManifest(m: Manifest): string {
  const body = JSON.stringify(m);
  return JSON.stringify({ s: checksum(body), m: body }) + '\n';
}

/** undefined when the file does not exist; Store_Corrupt naming it when it is damaged. */
export async function readManifest(file: string): Promise<Manifest | undefined> {
  const bytes = await readStoreFile(file);
  if (!bytes) return undefined;
  try {
    const outer = JSON.parse(bytes.toString('utf8')) as { s: string; m: string };
    if (typeof outer.m !== 'string' || checksum(outer.m) !== outer.s) throw new Error('checksum mismatch');
    const m = JSON.parse(outer.m) as Manifest;
    if (m.v !== 1 || typeof m.id !== 'string' || !Number.isInteger(m.lastTx) || typeof m.files !== 'object')
      throw new Error('unknown layout');
    return m;
  } catch (e) {
    throw new AppError(
      `store manifest ${file} is corrupt (${(e as Error).message}); it was left in place for inspection`,
      ErrorCode.Store_Corrupt,
      { cause: e, context: { file, damage: 'manifest' } },
    );
  }
}
