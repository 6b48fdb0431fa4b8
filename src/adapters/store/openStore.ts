/** Factories for the store: files under a data directory (production) or memory (tests, demos). */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../ports/Store.js';
import { JournalBackend } from './JournalBackend.js';
import type { TextCodec } from './DurableJsonFile.js';
import { MemoryBackend } from './MemoryBackend.js';
import { StoreEngine } from './StoreEngine.js';

export interface OpenStoreOptions {
  deviceId: string;
  eventTopic: (deviceId: string, type: string) => string;
  clock?: () => number;
  newId?: () => string;
  codec?: TextCodec;
  checkpointBytes?: number;
}

export function openFileStore(dir: string, o: OpenStoreOptions): Promise<StoreEngine> {
  return StoreEngine.open({
    backend: new JournalBackend(dir, o.codec ? { codec: o.codec } : {}),
    clock: o.clock ?? Date.now,
    newId: o.newId ?? randomUUID,
    deviceId: o.deviceId,
    eventTopic: o.eventTopic,
    ...(o.checkpointBytes !== undefined ? { checkpointBytes: o.checkpointBytes } : {}),
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
  });
}

export type { Store };
