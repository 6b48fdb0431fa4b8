/**
 * `saha doctor`: every check a technician needs before handing a terminal to a crew, one line each.
 * Native code and devices are reached through injectable loaders so tests can simulate a missing
 * library, a missing device or a pty printer.
 */
import type { HidLoader, HidModule } from '../adapters/hid/HidModule.js';
import type { PortConstructor } from '../adapters/printer/SerialPrinter.js';
import { problem, type CheckResult } from './CheckResult.js';
import { checkBroker } from './checks/checkBroker.js';
import { checkClock, type CommandRunner } from './checks/checkClock.js';
import { checkConfig } from './checks/checkConfig.js';
import { checkDataDir } from './checks/checkDataDir.js';
import { checkFreeSpace, type FreeBytes } from './checks/checkFreeSpace.js';
import { checkInput } from './checks/checkInput.js';
import { checkNative, type SerialListLoader } from './checks/checkNative.js';
import { checkPrinter } from './checks/checkPrinter.js';

export interface DoctorDeps {
  /** The app root (device/printers, device/input). */
  root: string;
  env: Record<string, string | undefined>;
  appVersion?: string;
  now?: () => number;
  run?: CommandRunner;
  loadHid?: HidLoader;
  hid?: HidModule;
  loadSerial?: SerialListLoader;
  PrinterPort?: PortConstructor;
  brokerTimeoutMs?: number;
  freeBytes?: FreeBytes;
  /** Called with each result as soon as it is known (the CLI prints as it goes). */
  onResult?: (r: CheckResult) => void;
}

export async function runDoctor(configFile: string, d: DoctorDeps): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const add = (...rs: CheckResult[]) => {
    for (const r of rs) {
      results.push(r);
      d.onResult?.(r);
    }
  };
  const cfg = await checkConfig(configFile, d.env);
  add(...cfg.results);
  add(...(await checkNative({ ...(d.loadHid ? { loadHid: d.loadHid } : {}), ...(d.loadSerial ? { loadSerial: d.loadSerial } : {}) })));
  const config = cfg.config;
  if (!config) {
    add(
      problem(
        'others',
        'data dir, broker, clock, printer and input devices not checked: the config cannot be used',
        'fix the config lines above, then run saha doctor again',
      ),
    );
    return results;
  }
  const data = await checkDataDir(config);
  add(...data.results);
  if (data.facts) add(await checkFreeSpace(config, d.freeBytes));
  const broker = await checkBroker(config, {
    ...(d.now ? { now: d.now } : {}),
    ...(d.brokerTimeoutMs ? { timeoutMs: d.brokerTimeoutMs } : {}),
    ...(d.appVersion ? { appVersion: d.appVersion } : {}),
    ...(data.facts ? { outbox: { depth: data.facts.outboxDepth, oldestPendingAt: data.facts.oldestPendingAt } } : {}),
  });
  add(...broker.results);
  add(
    checkClock({
      ...(d.now ? { now: d.now } : {}),
      ...(d.run ? { run: d.run } : {}),
      ...(broker.certWindow ? { certWindow: broker.certWindow } : {}),
    }),
  );
  add(await checkPrinter(config, d.root, d.PrinterPort ? { Port: d.PrinterPort } : {}));
  add(await checkInput(config, d.root, { ...(d.loadHid ? { loadHid: d.loadHid } : {}), ...(d.hid ? { hid: d.hid } : {}) }));
  return results;
}
