/** Factories for the store: files under a data directory (production) or memory (tests, demos). */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../ports/Store.js';
import { JournalBackend } from './JournalBackend.js';
import type { TextCodec } from './DurableJsonFile.js';
import { MemoryBackend } from './MemoryBackend.js';
import type { StoreFs } from './storeFs.js';
import { StoreEngine } from './StoreEngine.js';

export interface OpenStoreOptions {
  deviceId: string;
  eventTopic: (deviceId: string, type: string) => string;
  clock?: () => number;
  newId?: () => string;
  codec?: TextCodec;
  checkpointBytes?: number;
  /** Free-space floor in bytes (config store.minFreeMB); 0 or absent: no floor. */
  minFreeBytes?: number;
  /** File operations for writes (tests: FaultyFs). */
  fs?: StoreFs;
}

export function openFileStore(dir: string, o: OpenStoreOptions): Promise<StoreEngine> {
  return StoreEngine.open({
    backend: new JournalBackend(dir, { ...(o.codec ? { codec: o.codec } : {}), ...(o.fs ? { fs: o.fs } : {}) }),
    clock: o.clock ?? Date.now,
    newId: o.newId ?? randomUUID,
    deviceId: o.deviceId,
    eventTopic: o.eventTopic,
    ...(o.checkpointBytes !== undefined ? { checkpointBytes: o.checkpointBytes } : {}),
    ...(o.minFreeBytes !== undefined ? { minFreeBytes: o.minFreeBytes } : {}),
  });
}

export function openMemoryStore(o: OpenStoreOptions, backend = new MemoryBackend()): Promise<StoreEngine> {
  return StoreEngine.open({
    backend,
    clock: o.clock ?? Date.now,
    newId: o.newId ?? randomUUID,
    deviceId: o.deviceId,
    eventTopic: o.eventTopic,
    ...(o.checkpointBytes !== undefined ? { checkpointBytes: o.checkpointBytes } : {}),
    ...(o.minFreeBytes !== undefined ? { minFreeBytes: o.minFreeBytes } : {}),
  });
}

export type { Store };
