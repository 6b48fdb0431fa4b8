/**
 * Fake file system for the store's writes (like serialport's binding-mock next to the real binding):
 * real files underneath, with a disk that fills up. `budget` is the number of bytes still free: a
 * write that does not fit writes what fits and reports the short count (as write(2) does on a nearly
 * full disk); the next one throws ENOSPC. `maxChunk` makes every write short, to exercise retries.
 * `failSync` makes the next fsync/fdatasync throw (EIO), as a dying SD card does.
 *
 * Every write is counted (`writes`, `bytes`), so a test can run a scenario once, then again with the
 * disk full at each write point in turn.
 */
import { open, rename, unlink } from 'node:fs/promises';
import type { StoreFileHandle, StoreFs } from './storeFs.js';

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

export class FaultyFs implements StoreFs {
  budget = Number.POSITIVE_INFINITY;
  maxChunk = Number.POSITIVE_INFINITY;
  failSync: string | undefined;
  /** Makes the sync with this number (1-based, counted in `syncs`) throw EIO. */
  failSyncAt = 0;
  syncs = 0;
  /** Free space reported to the free-space floor. */
  free = Number.POSITIVE_INFINITY;
  writes = 0;
  bytes = 0;
  /**
   * Simulated crash: from the step with this number (1-based; a step is a write, sync, truncate,
   * rename or unlink, counted in `steps`) on, nothing reaches the disk any more, as when the process
   * is killed there. A test then opens the directory again with the real file system.
   */
  dieAtStep = 0;
  steps = 0;

  private step(): void {
    if (this.dieAtStep > 0 && ++this.steps >= this.dieAtStep) throw errno('EKILLED');
    if (this.dieAtStep === 0) this.steps++;
  }

  async open(path: string, flags: string, mode?: number): Promise<StoreFileHandle> {
    const fh = await open(path, flags, mode);
    const sync = (fn: () => Promise<void>) => async () => {
      this.step();
      if (++this.syncs === this.failSyncAt) throw errno('EIO');
      if (this.failSync) {
        const code = this.failSync;
        this.failSync = undefined;
        throw errno(code);
      }
      await fn();
    };
    return {
      write: async (buf, offset, length, position) => {
        this.step();
        this.writes++;
        if (length === 0) return { bytesWritten: 0 };
        if (this.budget <= 0) throw errno('ENOSPC');
        const n = Math.min(length, this.budget, this.maxChunk);
        const r = await fh.write(buf, offset, n, position);
        this.budget -= r.bytesWritten;
        this.bytes += r.bytesWritten;
        return { bytesWritten: r.bytesWritten };
      },
      datasync: sync(() => fh.datasync()),
      sync: sync(() => fh.sync()),
      truncate: async (len) => {
        this.step();
        await fh.truncate(len);
      },
      stat: () => fh.stat(),
      close: () => fh.close(),
    };
  }

  async rename(from: string, to: string): Promise<void> {
    this.step();
    await rename(from, to);
  }

  async unlink(path: string): Promise<void> {
    this.step();
    await unlink(path);
  }

  async freeBytes(): Promise<number> {
    return Math.min(this.free, this.budget);
  }
}
