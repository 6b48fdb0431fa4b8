/**
 * Broker reachability, credentials and ACL, checked in that order so that each failure is named
 * once: a TCP/TLS handshake first (which also yields the broker certificate's validity window for
 * the clock check), then an MQTT 5 CONNECT with the device's credentials, then the ACL probe.
 *
 * The probe asks for client id "<deviceId>.doctor" ('.' is outside the device-id alphabet), but the
 * shipped broker binds the client id to the user name (use_username_as_clientid in
 * device/mosquitto/mosquitto.conf.template), so there the probe IS the device's session. Hence it
 * treats that session as the device's: clean session off with the device's own session expiry (a
 * clean start would wipe the jobs and cancels waiting for the device), it never acknowledges what it
 * receives (a job queued for the device stays in flight and is sent again to the app), and it
 * unsubscribes its probe filters before leaving. Run with the app stopped: on such a broker the probe
 * takes the app's connection over. On a broker that lets clients choose ids it leaves an empty
 * "<deviceId>.doctor" session that expires like a device's. MQTT 5 is used because only its PUBACK
 * says "not authorized" (3.1.1 acknowledges a denied publish and drops it).
 *
 * ACL probe, against the shipped acl.template:
 *  - publish this device's status, retained, state "offline" (true: doctor runs with the app
 *    stopped; the app publishes "online" when it starts) → must be accepted;
 *  - subscribe to every device's status and to another device's jobs → with a correct ACL nothing
 *    is ever delivered (Mosquitto grants such a SUBACK and then filters each delivery), while an open
 *    broker hands back at least the status just published;
 *  - publish to another (made-up) device's jobs → must be refused with 0x87.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate } from 'node:tls';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Config } from '../../config/schema.js';
import { topics } from '../../core/contract/index.js';
import { isoInstant } from '../../core/time/calendar.js';
import { errText, notChecked, pass, problem, type CheckResult } from '../CheckResult.js';

export interface CertWindow {
  notBefore: number;
  notAfter: number;
}

export interface BrokerCheckOptions {
  now?: () => number;
  timeoutMs?: number;
  appVersion?: string;
  /** For the status the probe publishes. */
  outbox?: { depth: number; oldestPendingAt: string | null };
}

export interface BrokerCheck {
  results: CheckResult[];
  /** The broker certificate's validity (mqtts only): the clock check's outside view. */
  certWindow?: CertWindow;
  /** The TLS handshake failed because the certificate is not valid at this device's time. */
  certTimeError?: string;
}

const TIME_ERRORS = new Set(['CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED']);
const CA_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE',
]);
const AUTH_CODES = new Set([4, 5, 0x86, 0x87, 0x8c]);

interface Secrets {
  password?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

async function readSecrets(m: Config['mqtt']): Promise<Secrets | CheckResult> {
  const s: Secrets = {};
  const files: [keyof Secrets, string, string, string][] = [
    [
      'password',
      'mqtt.passwordFile',
      m.passwordFile,
      'write the broker password there (chmod 600) or re-run provision with --mqtt-password-file',
    ],
    [
      'ca',
      'mqtt.caFile',
      m.caFile,
      "copy the CA certificate that signed the broker's certificate there, or re-run provision with --ca FILE",
    ],
    ['cert', 'mqtt.certFile', m.certFile, 'copy the client certificate there, or re-run provision with --cert FILE'],
    ['key', 'mqtt.keyFile', m.keyFile, 'copy the client key there (chmod 600), or re-run provision with --key FILE'],
  ];
  for (const [field, key, file, fix] of files) {
    if (!file) continue;
    try {
      const b = await readFile(file);
      if (field === 'password') s.password = b.toString('utf8').trim();
      else s[field] = b;
    } catch (e) {
      return problem('broker', `${key} ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errText(e)}`, fix);
    }
  }
  return s;
}

function transportFailure(e: NodeJS.ErrnoException, host: string, port: number, timeoutMs: number): CheckResult {
  const where = `${host}:${port}`;
  if (e.code === 'ECONNREFUSED')
    return problem(
      'broker',
      `nothing listens on ${where} (connection refused)`,
      'check mqtt.url (host and port) and that the broker is running',
    );
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN')
    return problem('broker', `host ${host} not found (DNS)`, 'check mqtt.url and the network (GSM APN / Wi-Fi) and DNS');
  if (e.code === 'ETIMEDOUT' || e.code === 'TIMEOUT')
    return problem(
      'broker',
      `no answer from ${where} within ${timeoutMs} ms`,
      'check the network (GSM coverage, APN, firewall) and mqtt.url',
    );
  if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH')
    return problem('broker', `${where} unreachable (${e.code})`, 'no network route: check GSM/Wi-Fi');
  return problem('broker', `cannot reach ${where}: ${errText(e)}`, 'check mqtt.url and the network');
}

/** TCP or TLS handshake only; for TLS the certificate is checked by hand so the window is known. */
function handshake(
  url: URL,
  port: number,
  s: Secrets,
  servername: string,
  timeoutMs: number,
): Promise<{ cert?: PeerCertificate; authError?: string; identityError?: string }> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const tls = url.protocol === 'mqtts:' || url.protocol === 'ssl:' || url.protocol === 'tls:';
    const sock = tls
      ? tlsConnect({
          host,
          port,
          rejectUnauthorized: false,
          ...(s.ca ? { ca: s.ca } : {}),
          ...(s.cert ? { cert: s.cert } : {}),
          ...(s.key ? { key: s.key } : {}),
          ...(/^[\d.:]+$/.test(servername) ? {} : { servername }),
        })
      : netConnect({ host, port });
    const t = setTimeout(() => {
      sock.destroy();
      reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' }));
    }, timeoutMs);
    sock.once('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
    sock.once(tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(t);
      if (!tls) {
        sock.destroy();
        return resolve({});
      }
      const ts = sock as import('node:tls').TLSSocket;
      const cert = ts.getPeerCertificate();
      const authError = ts.authorized ? undefined : String(ts.authorizationError);
      const idErr = cert && Object.keys(cert).length ? checkServerIdentity(servername, cert) : undefined;
      ts.destroy();
      resolve({ cert, ...(authError ? { authError } : {}), ...(idErr ? { identityError: idErr.message } : {}) });
    });
  });
}

export async function checkBroker(config: Config, opts: BrokerCheckOptions = {}): Promise<BrokerCheck> {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 8000;
  const m = config.mqtt;
  const skipped = (because: string): CheckResult[] => [notChecked('credentials', because), notChecked('acl', because)];
  if (!m.url)
    return {
      results: [
        problem('broker', 'mqtt.url is empty', 'set mqtt.url (mqtts://host:8883) in the config or SAHA_MQTT_URL'),
        ...skipped('broker unreachable'),
      ],
    };
  let url: URL;
  try {
    url = new URL(m.url);
    if (!/^(mqtts?|ssl|tls|tcp):$/.test(url.protocol)) throw new Error(`scheme ${url.protocol}`);
  } catch (e) {
    return {
      results: [
        problem('broker', `mqtt.url ${m.url} is not an mqtt:// or mqtts:// URL (${errText(e)})`, 'set mqtt.url to mqtts://host:8883'),
        ...skipped('broker unreachable'),
      ],
    };
  }
  const secrets = await readSecrets(m);
  if ('name' in secrets) return { results: [secrets, ...skipped('broker files missing')] };
  const tls = url.protocol !== 'mqtt:' && url.protocol !== 'tcp:';
  const port = url.port ? Number(url.port) : tls ? 8883 : 1883;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const servername = m.servername || host;

  let hs;
  try {
    hs = await handshake(url, port, secrets, servername, timeoutMs);
  } catch (e) {
    return { results: [transportFailure(e as NodeJS.ErrnoException, host, port, timeoutMs), ...skipped('broker unreachable')] };
  }
  const out: BrokerCheck = { results: [] };
  if (hs.cert?.valid_from) out.certWindow = { notBefore: Date.parse(hs.cert.valid_from), notAfter: Date.parse(hs.cert.valid_to) };
  if (hs.authError) {
    if (TIME_ERRORS.has(hs.authError)) {
      out.certTimeError = hs.authError;
      const w = out.certWindow;
      out.results.push(
        problem(
          'broker',
          `TLS: broker certificate ${hs.authError === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'} at this device's time ${isoInstant(now())}${w ? ` (valid ${isoInstant(w.notBefore)} – ${isoInstant(w.notAfter)})` : ''}`,
          "set the device clock (see the clock check); if the clock is right, the broker's certificate must be renewed",
        ),
      );
    } else if (CA_ERRORS.has(hs.authError)) {
      out.results.push(
        problem(
          'broker',
          `TLS: broker certificate not trusted (${hs.authError})${m.caFile ? ` by mqtt.caFile ${m.caFile}` : ' by the system CAs (mqtt.caFile is empty)'}`,
          "set mqtt.caFile to the CA certificate that signed the broker's certificate (provision --ca FILE)",
        ),
      );
    } else {
      out.results.push(
        problem('broker', `TLS: broker certificate rejected (${hs.authError})`, 'check mqtt.caFile and the broker certificate'),
      );
    }
    out.results.push(...skipped('broker TLS failed'));
    return out;
  }
  if (hs.identityError) {
    out.results.push(
      problem(
        'broker',
        `TLS: ${hs.identityError}`,
        `set mqtt.servername to a name in the broker certificate, or use that name in mqtt.url`,
      ),
      ...skipped('broker TLS failed'),
    );
    return out;
  }
  out.results.push(
    pass(
      'broker',
      `${host}:${port} reachable${tls ? `, TLS certificate trusted${out.certWindow ? ` (valid until ${isoInstant(out.certWindow.notAfter).slice(0, 10)})` : ''}` : ' (no TLS: mqtt:// — use mqtts:// in the field)'}`,
    ),
  );

  const received: string[] = [];
  const clientOpts: IClientOptions = {
    protocolVersion: 5,
    clientId: `${config.deviceId}.doctor`,
    clean: false,
    reconnectPeriod: 0,
    connectTimeout: timeoutMs,
    keepalive: 30,
    properties: { sessionExpiryInterval: m.sessionExpirySec },
    // Never PUBACK: see the header, the device's queued jobs stay queued. mqtt.js handles one packet
    // at a time, so the callback must be called; with an error it sends no PUBACK, goes on to the
    // next packet and emits that error (NOT_ACKED, ignored below).
    customHandleAcks: (topic, _message, _packet, done) => {
      received.push(topic);
      done(NOT_ACKED);
    },
    ...(m.username ? { username: m.username } : {}),
    ...(secrets.password !== undefined ? { password: secrets.password } : {}),
    ...(secrets.ca ? { ca: secrets.ca } : {}),
    ...(secrets.cert ? { cert: secrets.cert } : {}),
    ...(secrets.key ? { key: secrets.key } : {}),
    ...(m.servername ? { servername: m.servername } : {}),
  };
  let client: MqttClient;
  try {
    client = await connectProbe(m.url, clientOpts);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && AUTH_CODES.has(code)) {
      out.results.push(
        problem(
          'credentials',
          `broker refused user "${m.username || '(none)'}": ${errText(e)}`,
          `the password in mqtt.passwordFile${m.passwordFile ? ` (${m.passwordFile})` : ''} or the client certificate must match the broker's account for ${config.deviceId} (mosquitto_passwd on the broker)`,
        ),
      );
    } else {
      out.results.push(
        problem('credentials', `MQTT connect failed: ${errText(e)}`, 'check that mqtt.url points at an MQTT broker (Mosquitto ≥ 2.0)'),
      );
    }
    out.results.push(notChecked('acl', 'credentials refused'));
    return out;
  }
  out.results.push(pass('credentials', `broker accepted user "${m.username || '(certificate)'}"`));
  try {
    out.results.push(await probeAcl(client, received, config, now, opts));
  } finally {
    await client.endAsync(true).catch(() => undefined);
  }
  return out;
}

const NOT_ACKED = new Error('not acknowledged by saha doctor');

/** mqtt.connectAsync, with an error listener in place before the CONNACK (see customHandleAcks). */
function connectProbe(url: string, opts: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, opts);
    let connected = false;
    c.on('error', (e) => {
      if (e === NOT_ACKED || connected) return;
      c.end(true);
      reject(e);
    });
    c.once('connect', () => {
      connected = true;
      resolve(c);
    });
    c.once('close', () => {
      if (!connected) reject(new Error('connection closed before CONNACK'));
    });
  });
}

/** `received`: every topic delivered to the probe (filled by the client's customHandleAcks). */
async function probeAcl(
  client: MqttClient,
  received: string[],
  config: Config,
  now: () => number,
  opts: BrokerCheckOptions,
): Promise<CheckResult> {
  const id = config.deviceId;
  const other = `ACLPROBE-${randomBytes(4).toString('hex')}`;
  // What the device may read (jobs, commands and acks waiting in its session, tariffs) is no leak.
  const own = new Set(topics.subscriptions(id));
  const tariff = /^saha\/v1\/tariffs\/[^/]+$/;
  const status = {
    state: 'offline',
    at: isoInstant(now()),
    appVersion: opts.appVersion ?? '0.0.0',
    outboxDepth: opts.outbox?.depth ?? 0,
    oldestPendingAt: opts.outbox?.oldestPendingAt ?? null,
    printer: 'unknown',
    operatorId: null,
  };
  const fixAcl = 'install device/mosquitto/acl.template on the broker (device user name = device id) and reload Mosquitto';
  try {
    await client.publishAsync(topics.status(id), JSON.stringify(status), { qos: 1, retain: true });
  } catch (e) {
    return problem(
      'acl',
      `broker refused this device's status on ${topics.status(id)}: ${errText(e)}`,
      `${fixAcl}; mqtt.username must equal deviceId ${id}`,
    );
  }
  const probes = ['saha/v1/devices/+/status', topics.jobs(other)];
  await client.subscribeAsync(Object.fromEntries(probes.map((f) => [f, { qos: 1 as const }])));
  let wroteOther = false;
  try {
    await client.publishAsync(topics.jobs(other), '{"saha":"acl probe from saha doctor; a device must not be able to send this"}', {
      qos: 1,
    });
    wroteOther = true;
  } catch {
    // 0x87 Not authorized: as it must be.
  }
  await new Promise((r) => setTimeout(r, 300));
  // Out of the session again (it may be the device's own, see the header).
  await client.unsubscribeAsync(probes).catch(() => undefined);
  const leaked = received.filter((t) => !own.has(t) && !tariff.test(t));
  const bad: string[] = [];
  if (leaked.length) bad.push(`can read ${[...new Set(leaked)].slice(0, 3).join(', ')}`);
  if (wroteOther) bad.push(`can publish to ${topics.jobs(other)}`);
  if (bad.length) return problem('acl', `broker ACL too open: this device ${bad.join(' and ')}`, fixAcl);
  return pass('acl', `publishes its own status; cannot read other devices' status or jobs, cannot write another device's jobs`);
}
