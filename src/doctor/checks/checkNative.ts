import { checkHid } from '../../adapters/hid/checkHid.js';
import type { HidLoader } from '../../adapters/hid/HidModule.js';
import { errText, pass, problem, type CheckResult } from '../CheckResult.js';

export interface SerialPortInfo {
  path: string;
  manufacturer?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
}

/** serialport's SerialPort (static list()). Importing serialport loads its native binding. */
export type SerialListLoader = () => Promise<{ list(): Promise<SerialPortInfo[]> }>;

export const loadSerialPort: SerialListLoader = async () => (await import('serialport')).SerialPort;

/**
 * Native code the app needs on the device: node-hid's prebuilt binding (links libusb-1.0 and
 * libudev) and serialport's binding. Loaders are injected so a missing library can be simulated.
 */
export async function checkNative(opts: { loadHid?: HidLoader; loadSerial?: SerialListLoader } = {}): Promise<CheckResult[]> {
  const hid = await checkHid({ ...(opts.loadHid ? { loadHid: opts.loadHid } : {}), profiles: [] });
  const out: CheckResult[] = [
    hid.ok ? pass('node-hid', 'node-hid loads (libusb-1.0, libudev present)') : problem('node-hid', hid.detail, hid.fix),
  ];
  try {
    const sp = await (opts.loadSerial ?? loadSerialPort)();
    // Listing needs udevadm on Linux; the app itself never lists, so a failure here only warns.
    const listed = await sp.list().then(
      (ps) => `${ps.length} serial port(s) listed`,
      (e: unknown) => `ports cannot be listed (${errText(e)})`,
    );
    out.push(pass('serialport', `serialport binding loads; ${listed}`));
  } catch (e) {
    const lib = /(lib[a-z0-9_.+-]+\.so(\.[0-9]+)*): cannot open shared object/i.exec(errText(e))?.[1];
    out.push(
      problem(
        'serialport',
        `serialport binding cannot load: ${errText(e)}`,
        lib
          ? `install the package that provides ${lib} (apt-file search ${lib})`
          : 'reinstall the app (npm ci --omit=dev) so the prebuilt binding for this CPU is present',
      ),
    );
  }
  return out;
}
