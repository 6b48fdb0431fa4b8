/**
 * Fake backend for tests and demos that must not touch disk. Keeps what a JournalBackend would
 * have on disk, so a test can "restart" by opening a new engine on the same MemoryBackend, and
 * can make the next append fail to see that nothing half-applies.
 */
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { JournalRecord, LoadedState, PartitionId, StoreBackend } from './StoreBackend.js';

export class MemoryBackend implements StoreBackend {
  journal: JournalRecord[] = [];
  partitions = new Map<PartitionId, Record<string, unknown>>();
  lastTx = 0;
  failNextAppend = false;
  /** What the failed append rejects with: Store_DiskFull to play a full disk. */
  failCode: ErrorCode = ErrorCode.Store_Io;
  /** What freeBytes() reports: tests lower it to cross the free-space floor. */
  free = Number.POSITIVE_INFINITY;
  private bytes = 0;

  async load(): Promise<LoadedState> {
    const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
    return {
      partitions: new Map([...this.partitions].map(([k, v]) => [k, clone(v)])),
      journal: clone(this.journal),
      lastTx: Math.max(this.lastTx, ...this.journal.map((r) => r.tx)),
      report: { staleTempFiles: [], journalRecordsReplayed: 0 },
    };
  }

  async append(rec: JournalRecord): Promise<void> {
    if (this.failNextAppend) {
      this.failNextAppend = false;
      throw new AppError('simulated disk failure', this.failCode);
    }
    const text = JSON.stringify(rec);
    this.journal.push(JSON.parse(text) as JournalRecord);
    this.bytes += text.length;
  }

  async checkpoint(parts: Map<PartitionId, Record<string, unknown> | null>, lastTx: number): Promise<void> {
    for (const [pid, entries] of parts) {
      if (entries === null) this.partitions.delete(pid);
      else this.partitions.set(pid, JSON.parse(JSON.stringify(entries)) as Record<string, unknown>);
    }
    this.lastTx = lastTx;
    this.journal = [];
    this.bytes = 0;
  }

  async freeBytes(): Promise<number> {
    return this.free;
  }

  journalBytes(): number {
    return this.bytes;
  }

  async close(): Promise<void> {}
}
