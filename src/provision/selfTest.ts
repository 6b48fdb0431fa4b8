/**
 * The self-test that ends provisioning: the broker accepts the device and its ACL is right, the
 * printer prints a test page (Turkish letters, QR code), and the scanner reads one code. Results use
 * the doctor's shape, one line each.
 */
import { HidInput } from '../adapters/hid/HidInput.js';
import type { HidLoader, HidModule } from '../adapters/hid/HidModule.js';
import { loadInputProfiles } from '../adapters/hid/loadInputProfiles.js';
import { encodeDocument } from '../adapters/printer/encodeDocument.js';
import { SerialPrinter, type PortConstructor } from '../adapters/printer/SerialPrinter.js';
import type { Config } from '../config/schema.js';
import { isAppError } from '../core/errors/AppError.js';
import type { ScanEvent } from '../core/input/InputEvent.js';
import { errText, pass, problem, type CheckResult } from '../doctor/CheckResult.js';
import { checkBroker } from '../doctor/checks/checkBroker.js';
import { checkClock, type CommandRunner } from '../doctor/checks/checkClock.js';
import { resolvePrinterProfile } from '../doctor/checks/checkPrinter.js';
import { inputProfileDir } from './devicePaths.js';
import { TURKISH_LINE, testPage } from './testPage.js';

export interface SelfTestDeps {
  root: string;
  appVersion?: string;
  now?: () => number;
  run?: CommandRunner;
  PrinterPort?: PortConstructor;
  loadHid?: HidLoader;
  hid?: HidModule;
  scanTimeoutMs?: number;
  /** Tells the technician what to do now ("scan a code"). */
  say?: (line: string) => void;
  onResult?: (r: CheckResult) => void;
  /** Receives the test page as the paper should show it. */
  onTestPage?: (text: string) => void;
}

export async function selfTest(config: Config, d: SelfTestDeps): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const add = (...rs: CheckResult[]) => {
    for (const r of rs) {
      out.push(r);
      d.onResult?.(r);
    }
  };
  const broker = await checkBroker(config, { ...(d.now ? { now: d.now } : {}), ...(d.appVersion ? { appVersion: d.appVersion } : {}) });
  add(...broker.results);
  add(
    checkClock({
      ...(d.now ? { now: d.now } : {}),
      ...(d.run ? { run: d.run } : {}),
      ...(broker.certWindow ? { certWindow: broker.certWindow } : {}),
    }),
  );
  add(await printTestPage(config, d));
  add(await scanOnce(config, d));
  return out;
}

export async function printTestPage(
  config: Config,
  d: Pick<SelfTestDeps, 'root' | 'PrinterPort' | 'now' | 'onTestPage'>,
): Promise<CheckResult> {
  let profile;
  try {
    profile = await resolvePrinterProfile(config, d.root);
  } catch (e) {
    return problem('test page', errText(e), 'set printer.profile to a profile in device/printers');
  }
  const doc = testPage({ deviceId: config.deviceId, profileId: profile.id, width: profile.columns, at: (d.now ?? Date.now)() });
  const enc = encodeDocument(doc, profile);
  d.onTestPage?.(enc.text);
  const printer = new SerialPrinter(profile, {
    ...(d.PrinterPort ? { Port: d.PrinterPort } : {}),
    pollIntervalMs: 0,
    reconnect: { initialMs: 60_000, maxMs: 60_000 },
  });
  try {
    await printer.open();
    const r = await printer.print(enc.bytes);
    const letters = profile.encoding === 'ascii' ? 'Turkish letters transliterated (ascii profile)' : `check the letters ${TURKISH_LINE}`;
    const qr = profile.qr ? 'and that the QR code scans' : '(profile prints the QR data as text)';
    return pass(
      'test page',
      `${r.bytesSent} bytes printed on ${profile.path}${r.verified ? ', printer ready after the job' : ''}: ${letters} ${qr}`,
    );
  } catch (e) {
    const code = isAppError(e) ? e.code : '';
    const fix =
      code === 'Printer_PaperOut'
        ? 'load a paper roll'
        : code === 'Printer_CoverOpen'
          ? 'close the cover'
          : `power the printer on, check printer.port ${profile.path} and the profile's baud rate ${profile.baudRate}; saha doctor tells more`;
    return problem('test page', `${profile.path}: ${errText(e)}`, fix);
  } finally {
    await printer.close();
  }
}

export async function scanOnce(
  config: Config,
  d: Pick<SelfTestDeps, 'root' | 'loadHid' | 'hid' | 'scanTimeoutMs' | 'say'>,
): Promise<CheckResult> {
  const dir = inputProfileDir(config.input.profile, d.root);
  if (!dir) return pass('scan', 'no scanner configured (terminal keyboard only): skipped');
  let profiles;
  try {
    profiles = await loadInputProfiles(dir);
  } catch (e) {
    return problem('scan', errText(e), `fix the profiles in ${dir}`);
  }
  const p = profiles.find((x) => x.role === 'scanner') ?? profiles.find((x) => x.scanDetection);
  if (!p) return pass('scan', 'no scanner configured: skipped');
  const timeoutMs = d.scanTimeoutMs ?? 30_000;
  const loadHid: HidLoader | undefined = d.hid ? async () => d.hid! : d.loadHid;
  const src = new HidInput(p, { ...(loadHid ? { loadHid } : {}) });
  try {
    const got = new Promise<ScanEvent>((resolve) =>
      src.on('input', (e) => {
        if (e.type === 'scan') resolve(e);
      }),
    );
    await src.start();
    d.say?.(`Scan any barcode with the ${p.role} now (${Math.round(timeoutMs / 1000)} s)…`);
    const scan = await Promise.race([got, new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs).unref())]);
    if (!scan)
      return problem(
        'scan',
        `no scan from ${p.id} within ${Math.round(timeoutMs / 1000)} s (device ${src.status().state})`,
        'check the scanner is on and set to US layout with an Enter suffix (device/input/README.md); saha doctor checks the device',
      );
    return pass('scan', `read "${scan.code}" from ${scan.source}`);
  } catch (e) {
    return problem('scan', errText(e), 'sudo apt-get install libusb-1.0-0 libudev1; install device/udev/70-saha-input.rules');
  } finally {
    await src.stop();
  }
}
