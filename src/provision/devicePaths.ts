/**
 * Where the app finds a config's printer profile, input profiles, log file and store: the one copy
 * of these rules, used by src/compose.ts, provision and doctor, so they check exactly what
 * `saha start` will load.
 */
import { isAbsolute, join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { topics } from '../core/contract/index.js';
import { AesGcmCodec, loadStoreKey } from '../adapters/store/AesGcmCodec.js';
import { openFileStore } from '../adapters/store/openStore.js';
import type { StoreEngine } from '../adapters/store/StoreEngine.js';
import type { StoreFs } from '../adapters/store/storeFs.js';

export function printerProfileFile(profile: string, root: string): string {
  return isAbsolute(profile) || profile.endsWith('.json') ? resolve(profile) : join(root, 'device', 'printers', `${profile}.json`);
}

/** '' = no HID input (terminal keyboard only). */
export function inputProfileDir(profile: string, root: string): string {
  if (!profile) return '';
  return isAbsolute(profile) ? profile : join(root, 'device', 'input');
}

/** The log file: config.logFile, else saha.log in the data directory. */
export function logFilePath(config: Pick<Config, 'dataDir' | 'logFile'>): string {
  return config.logFile || join(resolve(config.dataDir), 'saha.log');
}

/**
 * The device's store, opened as the app opens it: encrypted when security.storeKeyFile is set, with
 * the free-space floor store.minFreeMB when the config has one (operators, and whatever doctor
 * writes, are not new work, so they still pass below the floor). `io` is for the app's own clock and
 * for tests (FaultyFs, a disk that fills up).
 */
export function openDeviceStore(
  config: Pick<Config, 'dataDir' | 'deviceId' | 'security'> & { store?: Pick<Config['store'], 'minFreeMB'> },
  io: { clock?: () => number; fs?: StoreFs } = {},
): Promise<StoreEngine> {
  const codec = config.security.storeKeyFile ? new AesGcmCodec(loadStoreKey(config.security.storeKeyFile)) : undefined;
  const minFreeBytes = (config.store?.minFreeMB ?? 0) * 1048576;
  return openFileStore(resolve(config.dataDir), {
    deviceId: config.deviceId,
    eventTopic: (d, t) => topics.event(d, t as never),
    minFreeBytes,
    ...(codec ? { codec } : {}),
    ...(io.clock ? { clock: io.clock } : {}),
    ...(io.fs ? { fs: io.fs } : {}),
  });
}
