/**
 * A private Mosquitto for the broker benches (fleet.ts, ingest.ts), rendered from the shipped
 * templates in device/mosquitto/: one account per device and one per back-office client, the shipped
 * ACL. Passwords are hashed here (no mosquitto_passwd or openssl per account), so thousands of device
 * accounts cost milliseconds. Connection and information logging are off: the chatter of hundreds of
 * clients would dominate the log and the broker's time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { makeTestPki, mosquittoBin, mosquittoPasswordLine, renderTemplate, TEMPLATE_DIR } from '../helpers/mosquitto.js';

export interface BenchBroker {
  url: string;
  password(user: string): string;
  /** Broker resident memory in MiB (from /proc), NaN when unreadable. */
  rss(): number;
  /** Lines Mosquitto logged at warning level and above (e.g. "Outgoing messages are being dropped"). */
  warnings(): string[];
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/**
 * acl.template with the block from `user {{BACKOFFICE_USER}}` to the end rendered once per
 * back-office account, as the template's own comments tell a deployment to do: the shipped conf
 * makes the user name the client id, so every concurrent back-office client needs its own account.
 */
function renderBackOfficeAcl(template: string, users: readonly string[]): string {
  const at = template.search(/^user \{\{BACKOFFICE_USER\}\}$/m);
  if (at < 0) throw new Error('acl.template has no `user {{BACKOFFICE_USER}}` line');
  return (
    renderTemplate(template.slice(0, at), {}) + users.map((u) => renderTemplate(template.slice(at), { BACKOFFICE_USER: u })).join('\n')
  );
}

export interface BenchBrokerOptions {
  /**
   * Replaces the shipped `max_queued_messages` (and lifts `max_queued_bytes`). Mosquitto drops QoS 1
   * messages beyond it for a client that is online but behind (device/mosquitto/README.md), so a
   * bench that bursts a fleet's backlog into one consumer raises it to measure throughput, not the
   * drops; without it the shipped limits apply.
   */
  maxQueuedMessages?: number;
}

export async function startBenchBroker(
  devices: readonly string[],
  backOffice: readonly string[],
  o: BenchBrokerOptions = {},
): Promise<BenchBroker> {
  const bin = mosquittoBin();
  if (!bin) throw new Error('mosquitto is not installed (apt-get install -y mosquitto)');
  const dir = mkdtempSync(join(tmpdir(), 'saha-bench-broker-'));
  const pki = makeTestPki(dir, []);
  const pw = (u: string) => `pw-${u}`;
  writeFileSync(join(dir, 'passwd'), [...devices, ...backOffice].map((u) => mosquittoPasswordLine(u, pw(u))).join('\n') + '\n', {
    mode: 0o600,
  });
  writeFileSync(join(dir, 'acl'), renderBackOfficeAcl(readFileSync(join(TEMPLATE_DIR, 'acl.template'), 'utf8'), backOffice));
  const plain = await freePort();
  const conf = renderTemplate(readFileSync(join(TEMPLATE_DIR, 'mosquitto.conf.template'), 'utf8'), {
    RUN_AS_USER: userInfo().username,
    DATA_DIR: dir,
    PASSWORD_FILE: join(dir, 'passwd'),
    ACL_FILE: join(dir, 'acl'),
    LOG_DEST: `file ${join(dir, 'mosquitto.log')}`,
    PLAIN_PORT: plain,
    TLS_PORT: await freePort(),
    TLS_BIND: '127.0.0.1',
    CA_FILE: pki.caFile,
    CERT_FILE: pki.serverCertFile,
    KEY_FILE: pki.serverKeyFile,
    REQUIRE_CERTIFICATE: false,
    USE_IDENTITY_AS_USERNAME: false,
  });
  let text = conf.replace(/^connection_messages true$/m, 'connection_messages false').replace(/^log_type information$/m, '');
  if (o.maxQueuedMessages !== undefined) {
    const before = text;
    text = text
      .replace(/^max_queued_messages .*$/m, `max_queued_messages ${o.maxQueuedMessages}`)
      .replace(/^max_queued_bytes .*$/m, 'max_queued_bytes 0');
    if (text === before) throw new Error('mosquitto.conf.template no longer has max_queued_messages / max_queued_bytes lines');
  }
  writeFileSync(join(dir, 'mosquitto.conf'), text);
  const proc = spawn(bin, ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  const exited = new Promise((r) => proc.once('exit', r));
  const up = () =>
    new Promise<boolean>((r) => {
      const s = netConnect(plain, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
  for (let i = 0; !(await up()); i++) {
    if (i > 500 || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      const logText = readFileSync(join(dir, 'mosquitto.log'), { encoding: 'utf8', flag: 'a+' });
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mosquitto did not start: ${logText.slice(-2000)}`);
    }
    await sleep(20);
  }
  return {
    url: `mqtt://127.0.0.1:${plain}`,
    password: pw,
    rss: () => {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
      } catch {
        return NaN;
      }
    },
    warnings: () =>
      readFileSync(join(dir, 'mosquitto.log'), { encoding: 'utf8', flag: 'a+' })
        .split('\n')
        .filter((l) => /Warning|Error|dropped/i.test(l) && !/ACL pattern/.test(l)),
    stop: async () => {
      proc.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Ends a back-office account's persistent session (MQTT 5 clean start, expiry 0). A stopped ingest's
 * session stays subscribed to its shared filter, and as a member of the group it would take its turn
 * of the next round's events while nobody reads them.
 */
export async function discardSession(broker: BenchBroker, user: string): Promise<void> {
  const c = await mqtt.connectAsync(broker.url, {
    clientId: user,
    username: user,
    password: broker.password(user),
    protocolVersion: 5,
    clean: true,
    properties: { sessionExpiryInterval: 0 },
    reconnectPeriod: 0,
  });
  await c.endAsync();
}
