/**
 * A private Mosquitto for the broker tests, started from the SHIPPED templates in device/mosquitto/
 * (mosquitto.conf.template, acl.template), so the tests cannot drift from what the fleet runs. It
 * never touches the system broker on 1883: free ports, a temp dir for config, password file,
 * persistence and log, a test CA made with openssl.
 *
 * Accounts: every id in `devices` (password from `password(id)`), and the back-office accounts
 * `BACKOFFICE_USERS` (`BACKOFFICE_USER` is the first). The shipped conf binds the client id to the
 * user name (use_username_as_clientid), so two clients of one account take each other's session:
 * a test that runs two back-office clients at once gives each its own account, as the fleet must. TLS: the server certificate has SAN IP:127.0.0.1 and DNS:localhost; `pki` holds
 * the CA, a client certificate per device (CN = device id) and a rogue CA with its own client cert.
 *
 * `kill()` is SIGKILL (the broker loses what it has not autosaved), `stop()` is SIGTERM (Mosquitto
 * saves its persistence file), `restart()` starts again on the same ports and persistence dir.
 * Every started broker is SIGKILLed and its dir removed when the test process exits, even on failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, pbkdf2Sync } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { test as uvuTest } from 'uvu';

export const TEMPLATE_DIR = new URL('../../device/mosquitto/', import.meta.url).pathname;
/**
 * Back-office accounts, each with its own ACL block rendered from acl.template. One per concurrent
 * back-office client: with use_username_as_clientid the account name is the client id.
 */
export const BACKOFFICE_USERS = ['bo_test', 'bo_test_2', 'bo_test_3', 'bo_test_4', 'bo_test_5'] as const;
export const BACKOFFICE_USER = BACKOFFICE_USERS[0];

function onPath(name: string, extra: string[] = []): string | undefined {
  const dirs = [...extra, ...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  for (const d of dirs) if (d && existsSync(join(d, name))) return join(d, name);
  return undefined;
}

/** SAHA_MOSQUITTO_BIN names another binary (a newer Mosquitto); when it is set, only it counts. */
export const mosquittoBin = (): string | undefined => {
  const env = process.env.SAHA_MOSQUITTO_BIN;
  if (env) return existsSync(env) ? env : undefined;
  return onPath('mosquitto');
};
const mosquittoPasswdBin = (): string | undefined => onPath('mosquitto_passwd');
const opensslBin = (): string | undefined => onPath('openssl');

/** What is missing to run the Mosquitto tests here, or undefined when everything is installed. */
export function mosquittoMissing(): string | undefined {
  if (!mosquittoBin())
    return `mosquitto not installed${process.env.SAHA_MOSQUITTO_BIN ? ` at SAHA_MOSQUITTO_BIN=${process.env.SAHA_MOSQUITTO_BIN}` : ''} (apt-get install -y mosquitto mosquitto-clients)`;
  if (!opensslBin()) return 'openssl not installed (needed for the test CA)';
  return undefined;
}

/**
 * Registers the Mosquitto tests when Mosquitto is installed. Otherwise: on CI (CI=true) a failing
 * test, locally a skip with a message, so a CI image without Mosquitto cannot pass silently.
 */
export function whenMosquitto(what: string, register: () => void): void {
  const missing = mosquittoMissing();
  if (!missing) return register();
  if (process.env.CI === 'true') {
    uvuTest(`${what}: Mosquitto is installed (required on CI)`, () => {
      throw new Error(missing);
    });
  } else {
    // No uvu test.skip: uvu's Total leaves skipped tests out, and test/run.mjs subtracts them again.
    console.log(`${what}: skipped, ${missing} (set CI=true to make this fail)`);
    uvuTest(`${what}: skipped locally, ${missing}`, () => {});
  }
  uvuTest.run();
}

export interface TestPki {
  dir: string;
  caFile: string;
  ca: Buffer;
  serverCertFile: string;
  serverKeyFile: string;
  /** Client certificate and key for `cn`, signed by the test CA. */
  client(cn: string): { cert: Buffer; key: Buffer };
  /** A CA nobody trusts, and a client certificate it signed (CN = the first device). */
  rogueCa: Buffer;
  rogueClient: { cert: Buffer; key: Buffer };
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync(opensslBin()!, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

/** A test CA, a server certificate for 127.0.0.1/localhost, and client certificates. */
export function makeTestPki(dir: string, clientCns: string[]): TestPki {
  const key = (name: string) => openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`], dir);
  const ca = (name: string, cn: string) => {
    key(name);
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        `${name}.key`,
        '-out',
        `${name}.crt`,
        '-days',
        '3',
        '-subj',
        `/CN=${cn}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      dir,
    );
  };
  const leaf = (name: string, cn: string, caName: string, ext: string) => {
    key(name);
    openssl(['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl(
      [
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${caName}.crt`,
        '-CAkey',
        `${caName}.key`,
        '-CAcreateserial',
        '-out',
        `${name}.crt`,
        '-days',
        '3',
        '-extfile',
        `${name}.ext`,
      ],
      dir,
    );
  };
  ca('ca', 'Saha Test CA');
  leaf(
    'server',
    'localhost',
    'ca',
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  const clientExt = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=clientAuth\n';
  for (const cn of clientCns) leaf(`client-${cn}`, cn, 'ca', clientExt);
  ca('rogue-ca', 'Not The Saha CA');
  leaf('rogue-client', clientCns[0] ?? 'rogue', 'rogue-ca', clientExt);
  const read = (f: string) => readFileSync(join(dir, f));
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    ca: read('ca.crt'),
    serverCertFile: join(dir, 'server.crt'),
    serverKeyFile: join(dir, 'server.key'),
    client: (cn) => {
      if (!existsSync(join(dir, `client-${cn}.crt`))) leaf(`client-${cn}`, cn, 'ca', clientExt);
      return { cert: read(`client-${cn}.crt`), key: read(`client-${cn}.key`) };
    },
    rogueCa: read('rogue-ca.crt'),
    rogueClient: { cert: read('rogue-client.crt'), key: read('rogue-client.key') },
  };
}

/**
 * Mosquitto 2.0 password line: PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt ("$7$", what
 * mosquitto_passwd writes). Only used when mosquitto_passwd is not installed.
 */
export function mosquittoPasswordLine(user: string, password: string, salt = randomBytes(12)): string {
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512');
  return `${user}:$7$101$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function writePasswordFile(file: string, accounts: Record<string, string>): void {
  const bin = mosquittoPasswdBin();
  writeFileSync(file, '', { mode: 0o600 });
  for (const [user, pw] of Object.entries(accounts)) {
    if (bin) {
      const r = spawnSync(bin, ['-b', file, user, pw], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr}`);
    } else {
      appendFileSync(file, mosquittoPasswordLine(user, pw) + '\n');
    }
  }
}

/** Replaces every {{NAME}}; an unreplaced placeholder (template grew, helper did not) is an error. */
export function renderTemplate(text: string, values: Record<string, string | number | boolean>): string {
  const out = text.replace(/\{\{([A-Z_]+)\}\}/g, (m, name: string) => {
    if (!(name in values)) throw new Error(`template placeholder ${m} has no value`);
    return String(values[name]);
  });
  return out;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export interface MosquittoOptions {
  /** Device accounts (user name = device id). */
  devices?: string[];
  requireCertificate?: boolean;
  useIdentityAsUsername?: boolean;
  /**
   * Test-only variation of the shipped file: save the persistence file after every change
   * (`autosave_on_changes true`, `autosave_interval 1`) instead of every 60 s. The fault suite kills
   * the broker with it; see device/mosquitto/README.md §Durability for what it does and does not fix.
   */
  autosaveEveryChange?: boolean;
  /**
   * Test-only: the shipped conf WITHOUT its `use_username_as_clientid true` lines, i.e. a client picks
   * its own client id. Only the control case of mosquittoClientId.test.ts uses it, to show what the
   * setting prevents.
   */
  clientChoosesId?: boolean;
}

/** The shipped conf with use_username_as_clientid removed (see MosquittoOptions.clientChoosesId). */
function clientChoosesId(conf: string): string {
  const out = conf.replace(/^use_username_as_clientid true\n/gm, '');
  if (out === conf) throw new Error('mosquitto.conf.template no longer has use_username_as_clientid lines');
  return out;
}

/**
 * acl.template rendered for several back-office accounts: the part before the
 * `user {{BACKOFFICE_USER}}` line once, the block from that line to the end once per account, as
 * device/mosquitto/README.md tells a deployment to do.
 */
export function renderAcl(template: string, backOfficeUsers: readonly string[]): string {
  const at = template.search(/^user \{\{BACKOFFICE_USER\}\}$/m);
  if (at < 0) throw new Error('acl.template has no `user {{BACKOFFICE_USER}}` line');
  const head = renderTemplate(template.slice(0, at), {});
  const block = template.slice(at);
  return head + backOfficeUsers.map((u) => renderTemplate(block, { BACKOFFICE_USER: u })).join('\n');
}

/** The shipped conf with the persistence file saved after every change (see MosquittoOptions). */
function everyChange(conf: string): string {
  const out = conf
    .replace(/^autosave_interval .*$/m, 'autosave_interval 1')
    .replace(/^autosave_on_changes .*$/m, 'autosave_on_changes true');
  if (!/^autosave_interval 1$/m.test(out) || !/^autosave_on_changes true$/m.test(out))
    throw new Error('mosquitto.conf.template no longer has autosave_interval/autosave_on_changes lines');
  return out;
}

const live = new Set<PrivateMosquitto>();
process.on('exit', () => {
  for (const m of live) {
    m.proc?.kill('SIGKILL');
    rmSync(m.dir, { recursive: true, force: true });
  }
});

export class PrivateMosquitto {
  proc: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly passwords: Record<string, string> = {};
  readonly confFile: string;
  readonly logFile: string;
  pki!: TestPki;
  plainPort = 0;
  tlsPort = 0;

  private constructor(
    readonly dir: string,
    private readonly o: MosquittoOptions,
  ) {
    this.confFile = join(dir, 'mosquitto.conf');
    this.logFile = join(dir, 'mosquitto.log');
  }

  static async start(o: MosquittoOptions = {}): Promise<PrivateMosquitto> {
    const missing = mosquittoMissing();
    if (missing) throw new Error(missing);
    const m = new PrivateMosquitto(mkdtempSync(join(tmpdir(), 'saha-mosq-')), o);
    live.add(m);
    try {
      await m.configure();
      await m.spawn();
    } catch (e) {
      await m.cleanup();
      throw e;
    }
    return m;
  }

  get devices(): string[] {
    return this.o.devices ?? ['HT-0042', 'HT-0043'];
  }
  get plainUrl(): string {
    return `mqtt://127.0.0.1:${this.plainPort}`;
  }
  get tlsUrl(): string {
    return `mqtts://127.0.0.1:${this.tlsPort}`;
  }
  password(user: string): string {
    const pw = this.passwords[user];
    if (pw === undefined) throw new Error(`no account ${user}`);
    return pw;
  }
  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }

  private async configure(): Promise<void> {
    this.plainPort = await freePort();
    this.tlsPort = await freePort();
    for (const u of [...this.devices, ...BACKOFFICE_USERS]) this.passwords[u] = `pw-${u}-${randomBytes(6).toString('hex')}`;
    this.pki = makeTestPki(this.dir, this.devices);
    const passwordFile = join(this.dir, 'passwd');
    writePasswordFile(passwordFile, this.passwords);
    const aclFile = join(this.dir, 'acl');
    writeFileSync(aclFile, renderAcl(readFileSync(join(TEMPLATE_DIR, 'acl.template'), 'utf8'), BACKOFFICE_USERS));
    let conf = renderTemplate(readFileSync(join(TEMPLATE_DIR, 'mosquitto.conf.template'), 'utf8'), {
      RUN_AS_USER: userInfo().username,
      DATA_DIR: this.dir,
      PASSWORD_FILE: passwordFile,
      ACL_FILE: aclFile,
      LOG_DEST: `file ${this.logFile}`,
      PLAIN_PORT: this.plainPort,
      TLS_PORT: this.tlsPort,
      TLS_BIND: '127.0.0.1',
      CA_FILE: this.pki.caFile,
      CERT_FILE: this.pki.serverCertFile,
      KEY_FILE: this.pki.serverKeyFile,
      REQUIRE_CERTIFICATE: this.o.requireCertificate ?? false,
      USE_IDENTITY_AS_USERNAME: this.o.useIdentityAsUsername ?? false,
    });
    if (this.o.autosaveEveryChange) conf = everyChange(conf);
    if (this.o.clientChoosesId) conf = clientChoosesId(conf);
    writeFileSync(this.confFile, conf);
  }

  private async spawn(): Promise<void> {
    const proc = spawn(mosquittoBin()!, ['-c', this.confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc = proc;
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let gone = false;
    this.exited = new Promise((r) =>
      proc.once('exit', () => {
        gone = true;
        r();
      }),
    );
    const started = Date.now();
    // Both listeners up (Mosquitto binds them all before it serves anything, but check both).
    while (!((await accepts(this.plainPort)) && (await accepts(this.tlsPort)))) {
      if (gone) throw new Error(`mosquitto exited at start: ${stderr}\n${this.log()}`);
      if (Date.now() - started > 15_000)
        throw new Error(`mosquitto did not listen on ${this.plainPort}/${this.tlsPort} within 15 s:\n${this.log()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    p.kill(sig);
    await this.exited;
    this.proc = undefined;
  }

  /** SIGTERM: Mosquitto writes its persistence file and exits. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /**
   * SIGUSR1: Mosquitto writes its persistence file now (as its autosave would). Resolves once the
   * file has been rewritten, so a later kill() loses only what changed after this point.
   */
  async save(): Promise<void> {
    const file = join(this.dir, 'mosquitto.db');
    const stamp = () => (existsSync(file) ? `${statSync(file).ino}:${statSync(file).mtimeMs}` : '');
    const before = stamp();
    const since = Date.now();
    this.proc?.kill('SIGUSR1');
    while (stamp() === before || stamp() === '') {
      if (Date.now() - since > 10_000) throw new Error(`mosquitto did not write ${file} after SIGUSR1`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** SIGKILL: no save; what changed since the last autosave is lost, as in a crash. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** Starts again on the same ports with the same persistence dir (stops it first if running). */
  async restart(): Promise<void> {
    await this.stop();
    await this.spawn();
  }

  async cleanup(): Promise<void> {
    await this.kill();
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A plain, anonymous Mosquitto on a free loopback port, persistence off: NOT the fleet config, only
 * what `SAHA_MQTT_URL=mqtt://127.0.0.1:1883 npm start` meets on a developer's machine (a stock
 * `mosquitto` with a local listener). SIGKILLed and removed with the other brokers at exit.
 */
export async function startPlainMosquitto(): Promise<{ url: string; close(): Promise<void> }> {
  const missing = mosquittoMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'saha-mosq-plain-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest file ${join(dir, 'mosquitto.log')}\n`);
  const proc = spawn(mosquittoBin()!, ['-c', conf], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const entry = { proc, dir } as unknown as PrivateMosquitto;
  live.add(entry);
  const started = Date.now();
  while (!(await accepts(port))) {
    if (proc.exitCode !== null || Date.now() - started > 15_000) {
      proc.kill('SIGKILL');
      live.delete(entry);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`plain mosquitto did not listen on ${port}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async close() {
      proc.kill('SIGTERM');
      await exited;
      live.delete(entry);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
