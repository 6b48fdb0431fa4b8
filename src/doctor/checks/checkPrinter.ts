import { access, constants, stat } from 'node:fs/promises';
import { loadPrinterProfile } from '../../adapters/printer/loadPrinterProfile.js';
import { SerialPrinter, type PortConstructor } from '../../adapters/printer/SerialPrinter.js';
import type { Config } from '../../config/schema.js';
import type { PrinterProfile } from '../../core/escpos/printerProfile.js';
import { printerProfileFile } from '../../provision/devicePaths.js';
import { errText, pass, problem, type CheckResult } from '../CheckResult.js';

export async function resolvePrinterProfile(config: Config, root: string): Promise<PrinterProfile> {
  const p = await loadPrinterProfile(printerProfileFile(config.printer.profile, root));
  return config.printer.port ? { ...p, path: config.printer.port } : p;
}

/**
 * The printer answers on its port: the device node exists and opens, and the printer answers a
 * DLE EOT status query with 'ready'. Run with the app stopped (the port is opened with a lock).
 */
export async function checkPrinter(config: Config, root: string, opts: { Port?: PortConstructor } = {}): Promise<CheckResult> {
  let profile: PrinterProfile;
  try {
    profile = await resolvePrinterProfile(config, root);
  } catch (e) {
    return problem('printer', errText(e), 'set printer.profile to a file name in device/printers (saha provision lists them)');
  }
  const path = profile.path;
  const st = await stat(path).catch(() => undefined);
  if (!st) {
    return problem(
      'printer',
      `${path} does not exist (profile ${profile.id})`,
      'power the printer on and plug it in; ls -l /dev/serial/by-id/ shows its name; set printer.port to it (install device/udev/71-saha-printer.rules for a stable name)',
    );
  }
  if (
    !(await access(path, constants.R_OK | constants.W_OK).then(
      () => true,
      () => false,
    ))
  ) {
    return problem(
      'printer',
      `${path}: permission denied`,
      'add the app user to group dialout: sudo usermod -aG dialout saha (and log in again)',
    );
  }
  const printer = new SerialPrinter(profile, {
    ...(opts.Port ? { Port: opts.Port } : {}),
    pollIntervalMs: 0,
    openTimeoutMs: 3000,
    statusTimeoutMs: 800,
    reconnect: { initialMs: 60_000, maxMs: 60_000 },
  });
  try {
    await printer.open();
    const s = await printer.status();
    const reason = printer.lastStatus;
    if (s === 'ready') return pass('printer', `${path}: ${profile.id} answers, ready`);
    if (s === 'unknown')
      return pass('printer', `${path}: port opens; profile ${profile.id} has no status support, so paper and cover cannot be checked`);
    if (s === 'paper-out') return problem('printer', `${path}: paper out`, 'load a paper roll');
    if (s === 'cover-open') return problem('printer', `${path}: cover open`, 'close the printer cover');
    return problem(
      'printer',
      `${path}: no answer to a status query (${reason})`,
      `power the printer on; check the profile's baudRate ${profile.baudRate} and flowControl ${profile.flowControl}; another process may hold the port (sudo systemctl stop saha)`,
    );
  } catch (e) {
    return problem('printer', `${path}: ${errText(e)}`, 'check the cable and the printer profile');
  } finally {
    await printer.close();
  }
}
