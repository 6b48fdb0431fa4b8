/** The two store targets every store contract test runs against: files on disk, and memory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBackend } from '../../src/adapters/store/MemoryBackend.js';
import { openFileStore, openMemoryStore, type OpenStoreOptions } from '../../src/adapters/store/openStore.js';
import type { StoreEngine } from '../../src/adapters/store/StoreEngine.js';

export const storeOpts = (over: Partial<OpenStoreOptions> = {}): OpenStoreOptions => ({
  deviceId: 'HT-0042',
  eventTopic: (d, t) => `saha/v1/devices/${d}/events/${t}`,
  ...over,
});

export interface StoreTarget {
  name: string;
  /** Opens (or re-opens, as after a restart) the same underlying storage. */
  open(over?: Partial<OpenStoreOptions>): Promise<StoreEngine>;
  cleanup(): void;
}

export function fileTarget(): StoreTarget & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'saha-store-'));
  return {
    name: 'file',
    dir,
    open: (over) => openFileStore(dir, storeOpts(over)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function memoryTarget(): StoreTarget & { backend: MemoryBackend } {
  const backend = new MemoryBackend();
  return { name: 'memory', backend, open: (over) => openMemoryStore(storeOpts(over), backend), cleanup: () => undefined };
}
