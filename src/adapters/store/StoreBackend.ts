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
  /** No committed manifest yet, or a checkpoint was cut short: the engine rewrites every partition at once. */
  rewriteAll?: boolean;
  /** Counters as the last checkpoint recorded them: after replay none may be lower. */
  counterFloor?: Record<string, number>;
  /** The file a partition is stored in, to name it in a start-up error. */
  fileOf?: (pid: PartitionId) => string;
}

export interface StoreBackend {
  load(): Promise<LoadedState>;
  /** Appends one record; with `durable` resolves after the bytes are on stable storage. */
  append(rec: JournalRecord, durable: boolean): Promise<void>;
  /**
   * Rewrites the given partitions (null = now empty: remove it), records `counters` as the floor
   * they may never go below, then empties the journal. A failure leaves the journal valid.
   */
  checkpoint(parts: Map<PartitionId, Record<string, unknown> | null>, lastTx: number, counters?: Record<string, number>): Promise<void>;
  /** Bytes in the journal since the last checkpoint. */
  journalBytes(): number;
  /** Bytes free for the store on its file system; undefined when the backend has no disk. */
  freeBytes?(): Promise<number>;
  close(): Promise<void>;
}
