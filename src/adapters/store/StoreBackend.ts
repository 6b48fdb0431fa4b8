/**
 * Where the store's bytes live. The engine owns state and transactions; a backend only persists:
 * a journal of transactions (appended, fsync'd) and snapshots of partitions (rewritten whole).
 * JournalBackend is the real one (files, fsync); MemoryBackend is the fake for tests and demos.
 */
import type { Collection, StartupReport } from '../../ports/Store.js';

/** One write inside a transaction: a whole value put, or a delete (v === null). Idempotent on replay. */
export interface Op {
  c: Collection;
  k: string;
  v: unknown;
}

export interface JournalRecord {
  tx: number;
  ops: Op[];
}

export type PartitionId = `${Collection}/${string}`;

export interface LoadedState {
  partitions: Map<PartitionId, Record<string, unknown>>;
  journal: JournalRecord[];
  /** Number of the last transaction written, so numbering continues after a checkpoint. */
  lastTx: number;
  report: StartupReport;
}

export interface StoreBackend {
  load(): Promise<LoadedState>;
  /** Appends one record; with `durable` resolves after the bytes are on stable storage. */
  append(rec: JournalRecord, durable: boolean): Promise<void>;
  /** Rewrites the given partitions (null = now empty: remove it), then empties the journal. */
  checkpoint(parts: Map<PartitionId, Record<string, unknown> | null>, lastTx: number): Promise<void>;
  /** Bytes in the journal since the last checkpoint. */
  journalBytes(): number;
  close(): Promise<void>;
}
