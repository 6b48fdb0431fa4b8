/**
 * `saha provision` (`npm run provision -- …`): interactive by default; with --yes every value comes
 * from flags, for provisioning many devices from a script. Ends with a self-test unless
 * --no-self-test. Logic in src/provision; this is the wrapper.
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { appRoot, APP_VERSION } from '../compose.js';
import { isAppError } from '../core/errors/AppError.js';
import { allOk, formatResult } from '../doctor/CheckResult.js';
import type { HidModule } from '../adapters/hid/HidModule.js';
import type { PortConstructor } from '../adapters/printer/SerialPrinter.js';
import { loadSerialPort, type SerialPortInfo } from '../doctor/checks/checkNative.js';
import { completePlan, draftFromArgs, interview, PROVISION_ARGS } from '../provision/buildPlan.js';
import { LinePrompter } from '../provision/Prompter.js';
import { provisionDevice } from '../provision/provisionDevice.js';
import { selfTest } from '../provision/selfTest.js';
import { one, parseArgs } from './args.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand, type CliIo } from './types.js';

export interface ProvisionCliDeps {
  root?: string;
  stdin?: Readable;
  /** Where prompts go (default: stdout). */
  promptOut?: NodeJS.WritableStream;
  listSerialPorts?: () => Promise<SerialPortInfo[]>;
  loadHid?: () => Promise<HidModule | undefined>;
  PrinterPort?: PortConstructor;
  identifyTimeoutMs?: number;
  owner?: (user: string) => { uid: number; gid: number } | undefined;
}

function lookupUser(user: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const USAGE = `Usage: saha provision [options]    (npm run provision -- [options])

Interactive unless --yes: asks for whatever the options leave open, lists printer profiles, serial
ports and HID devices, and identifies the keypad and scanner by a key press / a scan.

  --device-id ID             device id = MQTT client id and user name ([A-Za-z0-9-], ≤ 32)
  --invoice-series XXX       3-character e-Arşiv series from the back office
  --info-slip-series XXX     3-character series of the bilgi fişleri (e-Fatura buyers), from the
                             back office; never the invoice series
  --config-dir DIR           default /etc/saha (saha.json and copied secrets, mode 600)
  --data-dir DIR             default /var/lib/saha (created 700)
  --mqtt-url URL             mqtts://host:8883
  --mqtt-username NAME       default: the device id (the broker ACL needs user name = device id)
  --mqtt-password-file FILE  copied to <config-dir>/mqtt.pass (600)
  --mqtt-protocol 4|5        --mqtt-servername NAME
  --ca FILE --cert FILE --key FILE   broker CA, client certificate and key (copied)
  --printer-profile NAME     a profile in device/printers (or a path)
  --printer-port PATH        e.g. /dev/serial/by-id/usb-…
  --keypad VID:PID[:UP:U]    --scanner VID:PID[:UP:U]   (hex ids as lsusb shows them)
  --hid-driver libusb|hidraw default libusb     --no-hid   terminal keyboard only
  --operators FILE           JSON [{operatorId,name,role,pin|pinHash}] or CSV id,name,role,pin
                             (PINs are stored as scrypt hashes only; delete the file afterwards)
  --reference FILE           JSON {distributor:{title,address,taxOffice,taxNo}, reading:{…}}
  --encrypt-store            encrypt the store at rest (key in <config-dir>/store.key)
  --backoffice-key FILE      back-office signing public key <kid>.pem (repeat for rotation);
                             the device then accepts only signed orders
  --owner USER               give the files to USER (default: saha when run as root)
  --yes                      no questions: fail listing every missing option
  --no-self-test             skip broker/ACL, printer test page and scan test
  --scan-timeout SEC         how long the scan test waits (default 30)

A device whose data directory holds unsent records is never overwritten.`;

export async function runProvision(argv: string[], io: CliIo, deps: ProvisionCliDeps = {}): Promise<number> {
  const root = deps.root ?? appRoot();
  let p;
  let draft;
  try {
    p = parseArgs(argv, PROVISION_ARGS);
    draft = await draftFromArgs(p);
  } catch (e) {
    io.stderr(`saha provision: ${isAppError(e) ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  const listSerialPorts =
    deps.listSerialPorts ??
    (async () => {
      const byId = await readdir('/dev/serial/by-id').then(
        (ns) => ns.map((n) => ({ path: `/dev/serial/by-id/${n}` })),
        () => [] as SerialPortInfo[],
      );
      const listed = await (await loadSerialPort()).list().catch(() => [] as SerialPortInfo[]);
      return [...byId, ...listed];
    });
  const loadHid =
    deps.loadHid ??
    (async () => {
      const m = await import('node-hid');
      await m.devicesAsync();
      return m as HidModule;
    });
  let plan;
  const prompter = p.flags.has('yes')
    ? undefined
    : new LinePrompter(
        deps.stdin ?? process.stdin,
        deps.promptOut ?? ({ write: (t: string) => (io.stdout(t), true) } as NodeJS.WritableStream),
      );
  try {
    plan = prompter
      ? await interview(draft, prompter, {
          root,
          listSerialPorts,
          loadHid,
          ...(deps.identifyTimeoutMs ? { identifyTimeoutMs: deps.identifyTimeoutMs } : {}),
        })
      : completePlan(draft);
    const ownerName = one(p, 'owner') ?? (process.getuid?.() === 0 ? 'saha' : undefined);
    if (ownerName) {
      const owner = (deps.owner ?? lookupUser)(ownerName);
      if (!owner && one(p, 'owner')) throw new Error(`--owner: no user ${ownerName} (device/install.sh creates saha)`);
      if (owner) plan.owner = owner;
    }
    if (
      prompter &&
      !(await prompter.confirm(`Write the configuration of ${plan.deviceId} to ${plan.configDir} and ${plan.dataDir}?`, true))
    ) {
      io.stdout('nothing written\n');
      return EXIT_PROBLEM;
    }
  } catch (e) {
    io.stderr(`saha provision: ${isAppError(e) ? e.message : (e as Error).message}\n`);
    return EXIT_USAGE;
  } finally {
    prompter?.close();
  }
  let result;
  try {
    result = await provisionDevice(plan, { root, progress: (l) => io.stdout(`${l}\n`) });
  } catch (e) {
    io.stderr(`saha provision: ${isAppError(e) ? e.message : (e as Error).message}\n`);
    return isAppError(e, 'Input_Invalid') || isAppError(e, 'Config_Invalid') ? EXIT_USAGE : EXIT_PROBLEM;
  }
  io.stdout(`provisioned ${result.config.deviceId}: ${result.configFile}\n`);
  if (p.flags.has('no-self-test')) {
    io.stdout(`self-test skipped; run: saha doctor --config ${result.configFile}\n`);
    return EXIT_OK;
  }
  io.stdout('self-test:\n');
  const scanSec = one(p, 'scan-timeout');
  const results = await selfTest(result.config, {
    root,
    appVersion: APP_VERSION,
    ...(deps.PrinterPort ? { PrinterPort: deps.PrinterPort } : {}),
    ...(scanSec && /^\d+$/.test(scanSec) ? { scanTimeoutMs: Number(scanSec) * 1000 } : {}),
    say: (l) => io.stdout(`${l}\n`),
    onTestPage: (text) =>
      io.stdout(
        `the test page should read:\n${text
          .split('\n')
          .map((l) => `  | ${l}`)
          .join('\n')}\n`,
      ),
    onResult: (r) => io.stdout(`${formatResult(r)}\n`),
  });
  if (!allOk(results)) {
    io.stdout(
      `self-test found ${results.filter((r) => !r.ok).length} problem(s); fix them and run: saha doctor --config ${result.configFile}\n`,
    );
    return EXIT_PROBLEM;
  }
  io.stdout('self-test ok. Start the terminal: sudo systemctl enable --now saha\n');
  return EXIT_OK;
}

export const provisionCommand: CliCommand = {
  summary: 'set up a device: config, broker credentials, printer, keypad/scanner, operators; then a self-test',
  usage: USAGE,
  run: (argv, io) => runProvision(argv, io),
};
