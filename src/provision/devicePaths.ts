/**
 * Where the app finds a config's printer profile and input profiles: the same rules as
 * src/compose.ts, so provision and doctor check exactly what `saha start` will load.
 */
import { isAbsolute, join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { topics } from '../core/contract/index.js';
import { AesGcmCodec, loadStoreKey } from '../adapters/store/AesGcmCodec.js';
import { openFileStore } from '../adapters/store/openStore.js';
import type { StoreEngine } from '../adapters/store/StoreEngine.js';

export function printerProfileFile(profile: string, root: string): string {
  return isAbsolute(profile) || profile.endsWith('.json') ? resolve(profile) : join(root, 'device', 'printers', `${profile}.json`);
}

/** '' = no HID input (terminal keyboard only). */
export function inputProfileDir(profile: string, root: string): string {
  if (!profile) return '';
  return isAbsolute(profile) ? profile : join(root, 'device', 'input');
}

/** The device's store, opened as the app opens it (encrypted when security.storeKeyFile is set). */
export function openDeviceStore(config: Pick<Config, 'dataDir' | 'deviceId' | 'security'>): Promise<StoreEngine> {
  const codec = config.security.storeKeyFile ? new AesGcmCodec(loadStoreKey(config.security.storeKeyFile)) : undefined;
  return openFileStore(resolve(config.dataDir), { deviceId: config.deviceId, eventTopic: (d, t) => topics.event(d, t as never), ...(codec ? { codec } : {}) });
}
