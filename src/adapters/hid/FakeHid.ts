import type { FakeHidDevice, FakeHidHandle } from './FakeHidDevice.js';
import type { HidDeviceInfo, HidModule } from './HidModule.js';

/**
 * A working fake of the node-hid module: a bus you plug FakeHidDevices into. Unplugging an open
 * device makes its handle emit 'error' (as hidraw/libusb do) and removes it from devicesAsync.
 */
export class FakeHid implements HidModule {
  readonly plugged = new Set<FakeHidDevice>();
  driverType: 'hidraw' | 'libusb' | undefined;
  enumerations = 0;
  /** Paths whose open() fails like a permission problem. */
  readonly deniedPaths = new Set<string>();
  /** Set to make every call fail as a missing libusb would (tests of Hid_Unavailable). */
  loadError: unknown;
  private used = false;

  readonly HIDAsync = {
    open: async (path: string): Promise<FakeHidHandle> => {
      this.touch();
      const dev = [...this.plugged].find((d) => d.info.path === path);
      if (dev === undefined || this.deniedPaths.has(path)) throw new Error('Failed to open device');
      return dev.open();
    },
  };

  setDriverType(type: 'hidraw' | 'libusb'): void {
    // Mirrors node-hid: only effective before the binding is loaded.
    if (!this.used) this.driverType = type;
  }

  async devicesAsync(): Promise<HidDeviceInfo[]> {
    this.touch();
    this.enumerations++;
    return [...this.plugged].map((d) => ({ ...d.info }));
  }

  plug(dev: FakeHidDevice): void {
    this.plugged.add(dev);
  }

  unplug(dev: FakeHidDevice): void {
    this.plugged.delete(dev);
    dev.fail(Object.assign(new Error('could not read from HID device'), { code: 'EIO' }));
  }

  private touch(): void {
    this.used = true;
    if (this.loadError !== undefined) throw this.loadError;
  }
}

/** The error Node gives when the prebuilt binding's shared library is missing (libusb not installed). */
export function dlopenError(lib = 'libusb-1.0.so.0'): Error {
  return Object.assign(new Error(`${lib}: cannot open shared object file: No such file or directory`), { code: 'ERR_DLOPEN_FAILED' });
}
