/**
 * From flags to a ProvisionPlan: every value can come from a flag (mass provisioning with --yes);
 * interactive mode asks only for what the flags left open, offering what it finds on the machine
 * (printer profiles, serial ports, HID devices identified by a key press or a scan).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HidDeviceInfo, HidModule } from '../adapters/hid/HidModule.js';
import type { OperatorRole } from '../app/OperatorService.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import { taxIdProblem } from '../core/billing/taxId.js';
import { ConfigSchema, PLACEHOLDER_DISTRIBUTOR } from '../config/schema.js';
import { one, type ArgSpec, type ParsedArgs } from '../cli/args.js';
import type { SerialPortInfo } from '../doctor/checks/checkNative.js';
import { describeHid, identifyHid } from './identifyHid.js';
import type { Prompter } from './Prompter.js';
import type { HidChoice, OperatorInput, ProvisionPlan } from './ProvisionPlan.js';

export const DEFAULT_CONFIG_DIR = '/etc/saha';
export const DEFAULT_DATA_DIR = '/var/lib/saha';

export const PROVISION_ARGS: ArgSpec = {
  values: [
    'config-dir',
    'data-dir',
    'device-id',
    'invoice-series',
    'info-slip-series',
    'locale',
    'mqtt-url',
    'mqtt-username',
    'mqtt-password-file',
    'mqtt-protocol',
    'mqtt-servername',
    'ca',
    'cert',
    'key',
    'printer-profile',
    'printer-port',
    'keypad',
    'scanner',
    'hid-driver',
    'operators',
    'reference',
    'owner',
    'scan-timeout',
    'backoffice-key',
  ],
  repeat: ['backoffice-key'],
  flags: ['yes', 'no-hid', 'encrypt-store', 'no-self-test'],
};

export type Draft = Partial<Omit<ProvisionPlan, 'mqtt' | 'printer'>> & {
  mqtt: Partial<ProvisionPlan['mqtt']>;
  printer: Partial<ProvisionPlan['printer']>;
};

const bad = (msg: string, option: string) => new AppError(msg, ErrorCode.Input_Invalid, { context: { option } });

function parseId(v: string, option: string): number {
  if (!/^(0x)?[0-9a-fA-F]{1,4}$/.test(v)) throw bad(`--${option}: "${v}" is not a 4-digit hex USB id`, option);
  return Number.parseInt(v.replace(/^0x/, ''), 16);
}

/** `--scanner 0c2e:0b61` or `0c2e:0b61:8c:2` (usage page, usage), as `lsusb` prints ids. */
export function parseHidFlag(v: string, role: HidChoice['role']): HidChoice {
  const parts = v.split(':');
  if (parts.length !== 2 && parts.length !== 4)
    throw bad(`--${role} takes VID:PID or VID:PID:USAGEPAGE:USAGE (hex, as lsusb shows), got "${v}"`, role);
  return {
    role,
    vendorId: parseId(parts[0]!, role),
    productId: parseId(parts[1]!, role),
    ...(parts.length === 4 ? { usagePage: parseId(parts[2]!, role), usage: parseId(parts[3]!, role) } : {}),
  };
}

/**
 * Operators file: a JSON array of {operatorId, name, role, pin | pinHash}, or CSV lines
 * `operatorId,name,role,pin` ('#' comments). The file holds PINs in clear: delete it afterwards.
 */
export async function readOperatorsFile(file: string): Promise<OperatorInput[]> {
  const text = await readFile(file, 'utf8').catch((e: Error) => {
    throw bad(`--operators: ${e.message}`, 'operators');
  });
  if (text.trimStart().startsWith('[')) {
    try {
      return (JSON.parse(text) as Record<string, unknown>[]).map((o) => ({
        operatorId: String(o.operatorId ?? ''),
        name: String(o.name ?? ''),
        role: String(o.role ?? 'reader') as OperatorRole,
        ...(o.pin !== undefined ? { pin: String(o.pin) } : {}),
        ...(o.pinHash !== undefined ? { pinHash: String(o.pinHash) } : {}),
      }));
    } catch (e) {
      throw bad(`--operators: ${file} is not valid JSON: ${(e as Error).message}`, 'operators');
    }
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [operatorId = '', name = '', role = 'reader', pin = ''] = l.split(',').map((x) => x.trim());
      return { operatorId, name, role: role as OperatorRole, ...(pin.startsWith('scrypt$') ? { pinHash: pin } : { pin }) };
    });
}

export async function draftFromArgs(p: ParsedArgs): Promise<Draft> {
  const proto = one(p, 'mqtt-protocol');
  if (proto !== undefined && proto !== '4' && proto !== '5') throw bad('--mqtt-protocol is 4 (MQTT 3.1.1) or 5', 'mqtt-protocol');
  const driver = one(p, 'hid-driver');
  if (driver !== undefined && driver !== 'libusb' && driver !== 'hidraw') throw bad('--hid-driver is libusb or hidraw', 'hid-driver');
  const locale = one(p, 'locale');
  if (locale !== undefined && locale !== 'tr' && locale !== 'en') throw bad('--locale is tr or en', 'locale');
  const input: HidChoice[] = [];
  const k = one(p, 'keypad');
  if (k) input.push(parseHidFlag(k, 'keypad'));
  const s = one(p, 'scanner');
  if (s) input.push(parseHidFlag(s, 'scanner'));
  const opsFile = one(p, 'operators');
  const refFile = one(p, 'reference');
  let reference: ProvisionPlan['reference'];
  if (refFile) {
    try {
      reference = JSON.parse(await readFile(refFile, 'utf8')) as ProvisionPlan['reference'];
    } catch (e) {
      throw bad(`--reference: ${(e as Error).message}`, 'reference');
    }
  }
  const v = (name: string) => one(p, name);
  const d: Draft = {
    mqtt: {
      ...(v('mqtt-url') ? { url: v('mqtt-url')! } : {}),
      ...(v('mqtt-username') ? { username: v('mqtt-username')! } : {}),
      ...(proto ? { protocolVersion: Number(proto) as 4 | 5 } : {}),
      ...(v('mqtt-servername') ? { servername: v('mqtt-servername')! } : {}),
      ...(v('mqtt-password-file') ? { passwordFile: v('mqtt-password-file')! } : {}),
      ...(v('ca') ? { caFile: v('ca')! } : {}),
      ...(v('cert') ? { certFile: v('cert')! } : {}),
      ...(v('key') ? { keyFile: v('key')! } : {}),
    },
    printer: {
      ...(v('printer-profile') ? { profile: v('printer-profile')! } : {}),
      ...(v('printer-port') ? { port: v('printer-port')! } : {}),
    },
    ...(v('config-dir') ? { configDir: v('config-dir')! } : {}),
    ...(v('data-dir') ? { dataDir: v('data-dir')! } : {}),
    ...(v('device-id') ? { deviceId: v('device-id')! } : {}),
    ...(v('invoice-series') ? { invoiceSeries: v('invoice-series')! } : {}),
    ...(v('info-slip-series') ? { infoSlipSeries: v('info-slip-series')! } : {}),
    ...(locale ? { locale: locale as 'tr' | 'en' } : {}),
    ...(input.length || p.flags.has('no-hid') ? { input } : {}),
    ...(driver ? { hidDriver: driver as 'libusb' | 'hidraw' } : {}),
    ...(opsFile ? { operators: await readOperatorsFile(opsFile) } : {}),
    ...(reference ? { reference } : {}),
    ...(p.flags.has('encrypt-store') ? { encryptStore: true } : {}),
    ...(p.values['backoffice-key']?.length ? { backofficeKeys: p.values['backoffice-key'] } : {}),
  };
  return d;
}

/** Non-interactive: everything required must be in the flags; all that is missing, at once. */
export function completePlan(d: Draft): ProvisionPlan {
  const missing: string[] = [];
  if (!d.deviceId) missing.push('--device-id');
  if (!d.invoiceSeries) missing.push('--invoice-series');
  if (!d.infoSlipSeries) missing.push('--info-slip-series');
  if (!d.mqtt.url) missing.push('--mqtt-url');
  if (!d.printer.profile) missing.push('--printer-profile');
  if (!d.operators) missing.push('--operators');
  if (missing.length)
    throw new AppError(`missing ${missing.join(', ')} (with --yes every value comes from the flags)`, ErrorCode.Input_Invalid, {
      context: { missing },
    });
  return {
    ...d,
    configDir: d.configDir ?? DEFAULT_CONFIG_DIR,
    dataDir: d.dataDir ?? DEFAULT_DATA_DIR,
    deviceId: d.deviceId!,
    invoiceSeries: d.invoiceSeries!,
    infoSlipSeries: d.infoSlipSeries!,
    mqtt: { ...d.mqtt, url: d.mqtt.url! },
    printer: { ...d.printer, profile: d.printer.profile! },
    input: d.input ?? [],
    operators: d.operators!,
  };
}

export interface InterviewDeps {
  root: string;
  /** Serial ports to offer for the printer: /dev/serial/by-id links first (stable across replugs). */
  listSerialPorts: () => Promise<SerialPortInfo[]>;
  /** node-hid (or a fake); undefined when it cannot load: HID identification is skipped. */
  loadHid: () => Promise<HidModule | undefined>;
  identifyTimeoutMs?: number;
}

const re = (r: RegExp, msg: string) => (v: string) => (r.test(v) ? undefined : msg);

/** The series rule of the config schema, so the question and `saha start` never disagree. */
const SERIES_RE = new RegExp(ConfigSchema.properties.infoSlipSeries.pattern ?? '^[A-Z0-9]{3}$');

/** Same format as the invoice series, and never equal to it: two series, two sequences (src/config/loadConfig.ts). */
export function infoSlipSeriesProblem(v: string, invoiceSeries: string): string | undefined {
  if (!SERIES_RE.test(v)) return '3 of A–Z 0–9';
  if (v === invoiceSeries) return `must differ from the invoice series ${invoiceSeries}`;
  return undefined;
}

/** The seller's tax number on every invoice: digits, check digits, and not the shipped sample (src/config/loadConfig.ts). */
function distributorTaxNoProblem(v: string): string | undefined {
  if (!/^\d{10,11}$/.test(v)) return '10 (VKN) or 11 (TCKN) digits';
  if (v === PLACEHOLDER_DISTRIBUTOR.taxNo) return "the shipped sample number; enter the distributor's own";
  return taxIdProblem(v, true);
}

/** Asks for what the draft leaves open; flags already given are not asked again. */
export async function interview(d: Draft, ask: Prompter, deps: InterviewDeps): Promise<ProvisionPlan> {
  ask.say('Saha provisioning — empty answer takes the [default].');
  const deviceId =
    d.deviceId ?? (await ask.ask('Device id (also the MQTT user name)', { validate: re(/^[A-Za-z0-9-]{1,32}$/, '1–32 of A–Z a–z 0–9 -') }));
  const invoiceSeries =
    d.invoiceSeries ?? (await ask.ask('Invoice series (3 characters, from the back office)', { validate: re(SERIES_RE, '3 of A–Z 0–9') }));
  // Every device its own info-slip series too: two devices on the shipped DMB would number their
  // bilgi fişleri alike in the office's report (docs/invoice.md "Bilgi fişi").
  const infoSlipSeries =
    d.infoSlipSeries ??
    (await ask.ask('Info-slip series for e-Fatura buyers (3 characters, from the back office, not the invoice series)', {
      validate: (v) => infoSlipSeriesProblem(v, invoiceSeries),
    }));
  const configDir = d.configDir ?? (await ask.ask('Config directory', { default: DEFAULT_CONFIG_DIR }));
  const dataDir = d.dataDir ?? (await ask.ask('Data directory', { default: DEFAULT_DATA_DIR }));

  const mqtt: ProvisionPlan['mqtt'] = {
    ...d.mqtt,
    url:
      d.mqtt.url ??
      (await ask.ask('Broker URL', { default: 'mqtts://broker.example:8883', validate: re(/^mqtts?:\/\/[^/]+/, 'mqtts://host:port') })),
  };
  if (d.mqtt.username === undefined) mqtt.username = await ask.ask('Broker user name', { default: deviceId });
  if (d.mqtt.passwordFile === undefined) {
    const pw = await ask.secret('Broker password (empty: none / client certificate only)');
    if (pw) mqtt.password = pw;
  }
  const optionalFile = async (q: string) => (await ask.ask(`${q} (empty: none)`, { default: '' })) || undefined;
  if (mqtt.url.startsWith('mqtts:')) {
    if (d.mqtt.caFile === undefined) {
      const f = await optionalFile('CA certificate file of the broker');
      if (f) mqtt.caFile = f;
    }
    if (d.mqtt.certFile === undefined) {
      const f = await optionalFile('Client certificate file');
      if (f) {
        mqtt.certFile = f;
        mqtt.keyFile = d.mqtt.keyFile ?? (await ask.ask('Client key file'));
      }
    }
  }

  const printer: ProvisionPlan['printer'] = { ...d.printer, profile: d.printer.profile ?? '' };
  if (!d.printer.profile) {
    const names = (await readdir(join(deps.root, 'device', 'printers')))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .sort();
    const profiles = await Promise.all(
      names.map(async (n) => ({
        n,
        desc: String(
          (JSON.parse(await readFile(join(deps.root, 'device', 'printers', `${n}.json`), 'utf8')) as { description?: string })
            .description ?? '',
        ),
      })),
    );
    printer.profile = await ask.choose(
      'Printer profile:',
      profiles.map((p) => ({ label: `${p.n} — ${p.desc}`, value: p.n })),
    );
  }
  if (d.printer.port === undefined) {
    const ports = await deps.listSerialPorts().catch(() => [] as SerialPortInfo[]);
    const choices = [
      { label: "the profile's own path", value: '' },
      ...ports.map((p) => ({
        label: `${p.path}${p.vendorId ? ` ${p.vendorId}:${p.productId}` : ''}${p.manufacturer ? ` ${p.manufacturer}` : ''}${p.path.startsWith('/dev/serial/by-id/') ? ' (stable name: preferred)' : ''}`,
        value: p.path,
      })),
      { label: 'type a path', value: '?' },
    ];
    let port = await ask.choose('Printer port:', choices);
    if (port === '?') port = await ask.ask('Printer device path', { validate: re(/^\//, 'an absolute path such as /dev/serial/by-id/…') });
    if (port) printer.port = port;
  }

  let input = d.input;
  if (input === undefined) {
    input = [];
    const hid = await deps.loadHid().catch(() => undefined);
    if (!hid) ask.say('node-hid cannot load here (saha doctor says why): no keypad/scanner set up, terminal keyboard only.');
    else if (await ask.confirm('Set up a USB keypad and/or barcode scanner?', true)) {
      const list = (await hid.devicesAsync()).filter((x) => x.path);
      ask.say('HID devices:');
      for (const x of list) ask.say(`  ${describeHid(x)}`);
      const t = deps.identifyTimeoutMs ?? 20_000;
      let keypad: HidDeviceInfo | undefined;
      for (const role of ['keypad', 'scanner'] as const) {
        if (!(await ask.confirm(`Is there a USB ${role}?`, role === 'scanner'))) continue;
        ask.say(
          role === 'keypad' ? `Press any key on the keypad now (${t / 1000} s)…` : `Scan any barcode with the scanner now (${t / 1000} s)…`,
        );
        const found = await identifyHid(hid, list, t, keypad);
        if (!found) {
          ask.say(`  nothing received: no ${role} configured (re-run provision, or pass --${role} VID:PID)`);
          continue;
        }
        ask.say(`  ${role}: ${describeHid(found)}`);
        if (role === 'keypad') keypad = found;
        input.push({
          role,
          vendorId: found.vendorId,
          productId: found.productId,
          ...(found.usagePage !== undefined && found.usagePage !== 1 ? { usagePage: found.usagePage, usage: found.usage ?? 0 } : {}),
        });
      }
    }
  }

  let operators = d.operators;
  if (!operators) {
    operators = [];
    ask.say('Operators (readers and at least one supervisor). Empty id to finish.');
    for (;;) {
      const operatorId = await ask.ask('Operator id', {
        default: '',
        validate: (v) => (v === '' || /^[A-Za-z0-9-]{1,32}$/.test(v) ? undefined : '1–32 of A–Z a–z 0–9 -'),
      });
      if (!operatorId) {
        if (operators.some((o) => o.role === 'supervisor')) break;
        ask.say('  at least one supervisor is needed');
        continue;
      }
      const name = await ask.ask('  Name', { validate: (v) => (v ? undefined : 'a name') });
      const role = await ask.choose<OperatorRole>('  Role:', [
        { label: 'reader', value: 'reader' },
        { label: 'supervisor', value: 'supervisor' },
      ]);
      let pin = '';
      for (;;) {
        pin = await ask.secret('  PIN (4–8 digits)', { validate: re(/^\d{4,8}$/, '4–8 digits') });
        if ((await ask.secret('  PIN again')) === pin) break;
        ask.say('  the PINs differ; again');
      }
      operators.push({ operatorId, name, role, pin });
    }
  }

  let reference = d.reference;
  if (!reference && (await ask.confirm('Set the distributor identity printed on documents?', true))) {
    reference = {
      distributor: {
        title: await ask.ask('  Distributor title'),
        address: await ask.ask('  Address'),
        taxOffice: await ask.ask('  Tax office'),
        taxNo: await ask.ask('  Tax number', { validate: distributorTaxNoProblem }),
      },
    };
  }
  const encryptStore = d.encryptStore ?? (await ask.confirm('Encrypt the data at rest (key in the config directory)?', true));
  return {
    ...d,
    configDir,
    dataDir,
    deviceId,
    invoiceSeries,
    infoSlipSeries,
    mqtt,
    printer,
    input,
    operators,
    encryptStore,
    ...(reference ? { reference } : {}),
  };
}
