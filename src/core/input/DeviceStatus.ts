import type { AppError } from '../errors/AppError.js';

/** What kind of physical thing a source stands for; the UI shows a missing scanner differently. */
export type DeviceRole = 'keypad' | 'scanner' | 'keyboard';

/**
 * - `present`: opened and delivering reports.
 * - `missing`: not plugged in, unplugged, or not openable yet (permissions); the source keeps
 *   looking for it and will switch back to `present` by itself.
 * - `unavailable`: can never work in this process (e.g. node-hid or libusb cannot load); no retry.
 */
export type Presence = 'present' | 'missing' | 'unavailable';

export interface DeviceStatus {
  source: string;
  role: DeviceRole;
  state: Presence;
  at: number;
  /** Why it is missing/unavailable, typed (Hid_Unavailable, Hid_Disconnected, Hid_Permission...). */
  error?: AppError;
}
