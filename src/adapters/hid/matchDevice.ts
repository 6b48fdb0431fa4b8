import type { InputProfile } from '../../core/input/InputProfile.js';
import type { HidDeviceInfo } from './HidModule.js';

/** The profile's device among what hidapi enumerates; the first match wins, paths must be openable. */
export function matchDevice(list: readonly HidDeviceInfo[], m: InputProfile['match']): HidDeviceInfo | undefined {
  return list.find(
    (d) =>
      d.vendorId === m.vendorId &&
      d.productId === m.productId &&
      (m.usagePage === undefined || d.usagePage === m.usagePage) &&
      (m.usage === undefined || d.usage === m.usage) &&
      (m.interface === undefined || d.interface === m.interface) &&
      typeof d.path === 'string' &&
      d.path !== '',
  );
}
