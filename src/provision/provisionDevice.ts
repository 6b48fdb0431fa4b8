/**
 * Writes one device's provisioning: secrets copied next to the config (0600), input profiles for
 * the identified keypad/scanner, the config (0600, validated by the same loadConfig as `saha
 * start`), the data directory (0700) and the operators (PINs as scrypt hashes) in the store.
 *
 * Nothing is written until everything has been validated, and a device whose store still holds
 * unsent records is never overwritten: those records exist nowhere else.
 */
import { randomBytes } from 'node:crypto';
import { chmod, chown, copyFile, mkdir, open, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { hashPin, OperatorService } from '../app/OperatorService.js';
import { configError, loadConfig } from '../config/loadConfig.js';
import type { Config } from '../config/schema.js';
import { AppError, ErrorCode, isAppError } from '../core/errors/AppError.js';
import { parseInputProfile } from '../core/input/parseInputProfile.js';
import { loadPrinterProfile } from '../adapters/printer/loadPrinterProfile.js';
import { openDeviceStore, printerProfileFile } from './devicePaths.js';
import type { HidChoice, OperatorInput, ProvisionPlan } from './ProvisionPlan.js';

export const CONFIG_NAME = 'saha.json';
const PIN_RE = /^\d{4,8}$/;
const HASH_RE = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

export interface ProvisionResult {
  configFile: string;
  config: Config;
  operators: number;
}

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

/** The config object a plan produces (paths of the copied secrets inside configDir). */
export function configFromPlan(plan: ProvisionPlan): Record<string, unknown> {
  const dir = resolve(plan.configDir);
  const m = plan.mqtt;
  return {
    mode: 'device',
    deviceId: plan.deviceId,
    invoiceSeries: plan.invoiceSeries,
    infoSlipSeries: plan.infoSlipSeries,
    dataDir: resolve(plan.dataDir),
    ...(plan.locale ? { locale: plan.locale } : {}),
    mqtt: {
      url: m.url,
      username: m.username ?? plan.deviceId,
      ...(m.protocolVersion ? { protocolVersion: m.protocolVersion } : {}),
      ...(m.servername ? { servername: m.servername } : {}),
      ...(m.passwordFile || m.password ? { passwordFile: join(dir, 'mqtt.pass') } : {}),
      ...(m.caFile ? { caFile: join(dir, 'ca.pem') } : {}),
      ...(m.certFile ? { certFile: join(dir, 'client.crt') } : {}),
      ...(m.keyFile ? { keyFile: join(dir, 'client.key') } : {}),
    },
    printer: { profile: plan.printer.profile, ...(plan.printer.port ? { port: plan.printer.port } : {}) },
    input: { profile: plan.input.length ? join(dir, 'input') : '' },
    ...(plan.reference?.distributor ? { distributor: plan.reference.distributor } : {}),
    ...(plan.reference?.reading ? { reading: plan.reference.reading } : {}),
    security: {
      ...(plan.encryptStore ? { storeKeyFile: join(dir, 'store.key') } : {}),
      ...(plan.backofficeKeys?.length ? { publicKeysDir: join(dir, 'keys'), requireSignatures: true } : {}),
    },
  };
}

/** An input profile for an identified device, from the shipped example of its role. */
export async function inputProfileFor(choice: HidChoice, root: string, driver: 'libusb' | 'hidraw'): Promise<Record<string, unknown>> {
  const base = JSON.parse(await readFile(join(root, 'device', 'input', `${choice.role}.json`), 'utf8')) as Record<string, unknown>;
  return {
    ...base,
    id: choice.role,
    name: `${choice.role} ${hex4(choice.vendorId)}:${hex4(choice.productId)} (identified at provisioning)`,
    driver,
    match: {
      vendorId: hex4(choice.vendorId),
      productId: hex4(choice.productId),
      ...(choice.usagePage !== undefined ? { usagePage: hex4(choice.usagePage) } : {}),
      ...(choice.usage !== undefined ? { usage: hex4(choice.usage) } : {}),
      ...(choice.interface !== undefined ? { interface: choice.interface } : {}),
    },
  };
}

function checkOperators(ops: readonly OperatorInput[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  ops.forEach((o, i) => {
    const at = `operators[${i}]${o.operatorId ? ` (${o.operatorId})` : ''}`;
    if (!/^[A-Za-z0-9-]{1,32}$/.test(o.operatorId ?? '')) errors.push(`${at}: operator id must be 1–32 of A–Z a–z 0–9 -`);
    if (seen.has(o.operatorId)) errors.push(`${at}: operator id given twice`);
    seen.add(o.operatorId);
    if (!o.name?.trim()) errors.push(`${at}: name is empty`);
    if (o.role !== 'reader' && o.role !== 'supervisor') errors.push(`${at}: role must be reader or supervisor`);
    if (o.pin !== undefined && !PIN_RE.test(o.pin)) errors.push(`${at}: PIN must be 4–8 digits`);
    if (o.pin === undefined && (o.pinHash === undefined || !HASH_RE.test(o.pinHash)))
      errors.push(`${at}: needs a PIN (4–8 digits) or a pinHash from hashPin`);
  });
  if (ops.length > 0 && !ops.some((o) => o.role === 'supervisor'))
    errors.push('operators: at least one supervisor is needed (logout with unsent records needs one)');
  return errors;
}

/**
 * Refuses when the data directory holds a store with unsent records (or a store that cannot be
 * opened, so nobody can tell). `storeKeyFile`: the key the existing store was written with.
 */
export async function assertNoUnsent(dataDir: string, deviceId: string, storeKeyFile: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  if (!entries.some((n) => n.startsWith('journal') || n === 'snapshot')) return;
  let store;
  try {
    store = await openDeviceStore({
      dataDir,
      deviceId,
      security: { storeKeyFile, requireSignatures: false, publicKeysDir: '', retentionDays: 35 } as Config['security'],
    });
  } catch (e) {
    throw new AppError(
      `refusing to provision over ${dataDir}: its store cannot be opened (${(e as Error).message}), so it may hold unsent records`,
      ErrorCode.Input_Invalid,
      { cause: e, context: { reason: 'store', dataDir } },
    );
  }
  try {
    const n = store.size('outbox');
    if (n > 0) {
      throw new AppError(
        `refusing to provision over ${dataDir}: it holds ${n} unsent record(s) that exist nowhere else; start the app where there is coverage until they are sent (saha doctor shows the count), or copy ${dataDir} off the device for the back office`,
        ErrorCode.Input_Invalid,
        { context: { reason: 'unsent', unsent: n, dataDir } },
      );
    }
  } finally {
    await store.close();
  }
}

async function writeAtomic(file: string, data: string | Buffer, mode: number): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await chmod(tmp, mode);
  await rename(tmp, file);
}

export interface ProvisionDeps {
  root: string;
  /** Progress lines for the person provisioning (the CLI prints them); not the app's Log (src/ports/Logger.ts). */
  progress?: (line: string) => void;
}

export async function provisionDevice(plan: ProvisionPlan, deps: ProvisionDeps): Promise<ProvisionResult> {
  const log = deps.progress ?? (() => {});
  const dir = resolve(plan.configDir);
  const configFile = join(dir, CONFIG_NAME);

  // 1. Validate everything before writing anything.
  const raw = configFromPlan(plan);
  const checked = loadConfig({ fileText: JSON.stringify(raw), fileName: configFile, env: {} });
  const errors: string[] = checked.ok ? [] : checked.errors.map((e) => `${e.key}: ${e.message}`);
  errors.push(...checkOperators(plan.operators));
  try {
    await loadPrinterProfile(printerProfileFile(plan.printer.profile, deps.root));
  } catch (e) {
    errors.push(`printer.profile: ${(e as Error).message}`);
  }
  for (const [key, f] of [
    ['mqtt.passwordFile', plan.mqtt.passwordFile],
    ['mqtt.caFile', plan.mqtt.caFile],
    ['mqtt.certFile', plan.mqtt.certFile],
    ['mqtt.keyFile', plan.mqtt.keyFile],
  ] as const) {
    if (
      f &&
      !(await stat(f).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
      errors.push(`${key}: ${f} does not exist`);
  }
  if (plan.mqtt.certFile && !plan.mqtt.keyFile) errors.push('mqtt.keyFile: a client certificate needs its key');
  const backofficeKeys: [string, string][] = [];
  for (const src of plan.backofficeKeys ?? []) {
    const pem = await readFile(src, 'utf8').catch(() => undefined);
    // A private key by mistake would give the device the power to sign orders: refuse it.
    if (pem === undefined) errors.push(`backoffice-key: ${src} does not exist`);
    else if (!basename(src).endsWith('.pem') || !pem.includes('BEGIN PUBLIC KEY') || pem.includes('PRIVATE KEY'))
      errors.push(`backoffice-key: ${src} must be a public key file named <kid>.pem`);
    else backofficeKeys.push([basename(src), pem]);
  }
  const roles = plan.input.map((c) => c.role);
  if (new Set(roles).size !== roles.length) errors.push('input: one keypad and one scanner at most');
  const driver = plan.hidDriver ?? 'libusb';
  const profiles: [string, Record<string, unknown>][] = [];
  for (const c of plan.input) {
    const p = await inputProfileFor(c, deps.root, driver);
    try {
      parseInputProfile(p, `${c.role}.json`);
      profiles.push([`${c.role}.json`, p]);
    } catch (e) {
      errors.push(`input ${c.role}: ${isAppError(e) ? ((e.context.errors as string[] | undefined) ?? [e.message]).join('; ') : String(e)}`);
    }
  }
  if (errors.length)
    throw new AppError(
      `provisioning has ${errors.length} problem(s):\n${errors.map((e) => `  ${e}`).join('\n')}`,
      ErrorCode.Input_Invalid,
      { context: { errors } },
    );

  // 2. Never overwrite a device with unsent records (the store key is the one it was written with).
  const previous = await readFile(configFile, 'utf8').then(
    (t) => loadConfig({ fileText: t, env: {} }),
    () => undefined,
  );
  const oldKey = previous?.ok ? previous.config.security.storeKeyFile : '';
  await assertNoUnsent(resolve(plan.dataDir), plan.deviceId, oldKey || (checked.ok ? checked.config.security.storeKeyFile : ''));

  // 3. Config directory and secrets.
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const copies: [string | undefined, string, number][] = [
    [plan.mqtt.passwordFile, 'mqtt.pass', 0o600],
    [plan.mqtt.caFile, 'ca.pem', 0o644],
    [plan.mqtt.certFile, 'client.crt', 0o644],
    [plan.mqtt.keyFile, 'client.key', 0o600],
  ];
  const written: string[] = [];
  for (const [src, name, mode] of copies) {
    if (!src) continue;
    const dst = join(dir, name);
    if (resolve(src) !== dst) {
      await copyFile(src, `${dst}.tmp-${process.pid}`);
      await chmod(`${dst}.tmp-${process.pid}`, mode);
      await rename(`${dst}.tmp-${process.pid}`, dst);
    } else await chmod(dst, mode);
    written.push(dst);
    log(`wrote ${dst} (mode ${mode.toString(8)})`);
  }
  if (plan.mqtt.password !== undefined && !plan.mqtt.passwordFile) {
    await writeAtomic(join(dir, 'mqtt.pass'), plan.mqtt.password + '\n', 0o600);
    written.push(join(dir, 'mqtt.pass'));
    log(`wrote ${join(dir, 'mqtt.pass')} (mode 600)`);
  }
  if (backofficeKeys.length) {
    const keysDir = join(dir, 'keys');
    await mkdir(keysDir, { recursive: true, mode: 0o755 });
    for (const [name, pem] of backofficeKeys) {
      await writeAtomic(join(keysDir, name), pem, 0o644);
      written.push(join(keysDir, name));
      log(`wrote ${join(keysDir, name)} (back-office key ${name.slice(0, -4)})`);
    }
  }
  if (plan.encryptStore) {
    const keyFile = join(dir, 'store.key');
    // An existing key is kept: a new one would make the existing store unreadable.
    if (
      !(await stat(keyFile).then(
        () => true,
        () => false,
      ))
    ) {
      await writeAtomic(keyFile, randomBytes(32).toString('hex') + '\n', 0o600);
      log(`wrote ${keyFile} (new store key, mode 600)`);
    }
    written.push(keyFile);
  }
  if (profiles.length) {
    const inputDir = join(dir, 'input');
    await mkdir(inputDir, { recursive: true, mode: 0o755 });
    for (const n of await readdir(inputDir))
      if (n.endsWith('.json') && !profiles.some(([f]) => f === n)) await rename(join(inputDir, n), join(inputDir, `${n}.old`));
    for (const [name, p] of profiles) {
      await writeAtomic(join(inputDir, name), JSON.stringify(p, null, 2) + '\n', 0o644);
      written.push(join(inputDir, name));
      log(`wrote ${join(inputDir, name)}`);
    }
    written.push(inputDir);
  }

  // 4. The config, then read it back exactly as `saha start` will.
  await writeAtomic(configFile, JSON.stringify(raw, null, 2) + '\n', 0o600);
  written.push(configFile);
  log(`wrote ${configFile} (mode 600)`);
  const back = loadConfig({ fileText: await readFile(configFile, 'utf8'), fileName: configFile, env: {} });
  if (!back.ok) throw configError(back.errors, configFile);
  const config = back.config;

  // 5. Data directory and operators.
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const store = await openDeviceStore(config);
  try {
    const ops = new OperatorService({ store, clock: Date.now });
    for (const o of plan.operators) {
      await ops.upsert(
        { operatorId: o.operatorId, name: o.name.trim(), role: o.role, pinHash: o.pin !== undefined ? await hashPin(o.pin) : o.pinHash! },
        'provision',
      );
    }
    await store.checkpoint();
  } finally {
    await store.close();
  }
  log(`data directory ${dataDir} (mode 700): ${plan.operators.length} operator(s) stored with hashed PINs`);

  // 6. Ownership for the app user when provisioning as root.
  if (plan.owner) {
    const { uid, gid } = plan.owner;
    await chown(dir, 0, gid).catch(() => undefined);
    for (const f of written) await chown(f, uid, gid);
    await chownTree(dataDir, uid, gid);
    log(`ownership given to uid ${uid} gid ${gid}`);
  }
  return { configFile, config, operators: plan.operators.length };
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  const st = await stat(path);
  if (!st.isDirectory()) return;
  for (const n of await readdir(path)) await chownTree(join(path, n), uid, gid);
}

/** PIN file helper for tests and scripts: writes text with mode 0600. */
export async function writeSecretFile(file: string, text: string): Promise<void> {
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
}
