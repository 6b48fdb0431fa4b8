/**
 * "Press a key on the keypad now": opens every HID interface that will open and reports the first
 * one that sends a report. This tells the technician which of several similar USB devices is which,
 * without reading ids off labels. Uses the hidraw backend (not exclusive: nothing is detached).
 */
import type { HidDeviceInfo, HidHandle, HidModule } from '../adapters/hid/HidModule.js';

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

export function describeHid(d: HidDeviceInfo): string {
  return `${hex4(d.vendorId)}:${hex4(d.productId)} ${d.product ?? '(no name)'}${d.usagePage !== undefined ? ` usage ${hex4(d.usagePage)}/${hex4(d.usage ?? 0)}` : ''} if ${d.interface}`;
}

/** Resolves with the device that sent a report first, or undefined after timeoutMs. */
export async function identifyHid(
  hid: HidModule,
  list: readonly HidDeviceInfo[],
  timeoutMs: number,
  exclude?: HidDeviceInfo,
): Promise<HidDeviceInfo | undefined> {
  const open: HidHandle[] = [];
  try {
    return await new Promise<HidDeviceInfo | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      for (const d of list) {
        if (!d.path || (exclude && d.path === exclude.path)) continue;
        hid.HIDAsync.open(d.path).then(
          (h) => {
            open.push(h);
            h.on('data', () => {
              clearTimeout(timer);
              resolve(d);
            });
            h.on('error', () => undefined);
          },
          () => undefined,
        ); // not openable (permissions): cannot be identified this way
      }
    });
  } finally {
    // Give late opens a moment to land so they are closed too.
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all(open.map((h) => h.close().catch(() => undefined)));
  }
}
