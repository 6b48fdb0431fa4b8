import { isAppError } from '../../core/errors/AppError.js';
import type { InputProfile } from '../../core/input/InputProfile.js';
import { hidUnavailable, isLoadFailure } from './hidErrors.js';
import { loadNodeHid, type HidLoader, type HidModule } from './HidModule.js';
import { matchDevice } from './matchDevice.js';

export interface HidCheck {
  ok: boolean;
  /** One line for `saha doctor`: what was found. */
  detail: string;
  /** One line: what the technician should do; '' when ok. */
  fix: string;
}

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
const LIB_FIX = 'sudo apt-get install libusb-1.0-0 libudev1 (node-hid prebuilds link against both)';

/**
 * `saha doctor` check: can node-hid load, and is each profile's device there and openable?
 * Opening uses the profile's backend; run it with the app stopped, since a libusb (exclusive) open
 * fails while the app holds the device.
 */
export async function checkHid(
  opts: { loadHid?: HidLoader; hid?: HidModule; profiles?: readonly InputProfile[]; open?: boolean } = {},
): Promise<HidCheck> {
  let hid: HidModule;
  try {
    hid = opts.hid ?? (await (opts.loadHid ?? loadNodeHid)());
    if (opts.profiles?.some((p) => p.driver === 'libusb')) hid.setDriverType('libusb');
  } catch (e) {
    return unavailable(e);
  }
  let list;
  try {
    list = await hid.devicesAsync();
  } catch (e) {
    if (isLoadFailure(e)) return unavailable(e);
    return {
      ok: false,
      detail: `HID enumeration failed: ${String(e)}`,
      fix: 'check that /dev/hidraw* and /dev/bus/usb exist (udev running)',
    };
  }
  const profiles = opts.profiles ?? [];
  if (profiles.length === 0) return { ok: true, detail: `node-hid loaded, ${list.length} HID interface(s) visible`, fix: '' };

  const found: string[] = [];
  for (const p of profiles) {
    const ids = `${hex4(p.match.vendorId)}:${hex4(p.match.productId)}`;
    const dev = matchDevice(list, p.match);
    if (dev?.path === undefined) {
      return {
        ok: false,
        detail: `${p.role} "${p.id}" (${ids}) not found among ${list.length} HID interface(s)`,
        fix: `plug it in; if it is plugged in, compare \`lsusb\` with match in device/input/${p.id}.json`,
      };
    }
    if (opts.open !== false) {
      try {
        await (await hid.HIDAsync.open(dev.path)).close();
      } catch (e) {
        return {
          ok: false,
          detail: `${p.role} "${p.id}" (${ids}) found at ${dev.path} but cannot be opened: ${e instanceof Error ? e.message : String(e)}`,
          fix: 'install device/udev/70-saha-input.rules (see device/input/README.md), replug; stop the app first if it holds the device',
        };
      }
    }
    found.push(`${p.id} ${ids}`);
  }
  return { ok: true, detail: `node-hid loaded; found ${found.join(', ')}`, fix: '' };
}

function unavailable(e: unknown): HidCheck {
  const err = isAppError(e) ? e : hidUnavailable(e);
  const lib = err.context.library;
  return {
    ok: false,
    detail: err.message,
    fix: lib !== undefined || /cannot load/.test(err.message) ? LIB_FIX : 'reinstall saha dependencies (npm ci) — node-hid is part of it',
  };
}
