/**
 * One client id per identity, on a private Mosquitto from the shipped templates (issue 15, item 3):
 * device HT-0042 logging in with its own password but client id HT-0043 must not take over
 * HT-0043's persistent session. The shipped conf sets `use_username_as_clientid true` on every
 * listener, so the id a client sends is replaced by its user name (or certificate CN): the intruder
 * lands in its own session, the victim stays connected, and a job queued for the victim while it
 * is offline reaches the victim, never the intruder.
 *
 * A control case runs the same conf without that setting and shows the takeover it prevents; the
 * last case shows its price: two clients of one back-office account share one session, hence one
 * account per back-office process (device/mosquitto/README.md §Back-office accounts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { topics } from '../../../src/core/contract/index.js';
import { checkBroker } from '../../../src/doctor/checks/checkBroker.js';
import { BACKOFFICE_USER, PrivateMosquitto, TEMPLATE_DIR, whenMosquitto } from '../../helpers/mosquitto.js';
import { until } from './linkRig.js';

const A = 'HT-0042';
const B = 'HT-0043';
const WEEK = 7 * 24 * 3600;

interface Ctx {
  m?: PrivateMosquitto;
  /** The TLS listener with client certificates (use_identity_as_username: the CN is the user). */
  mtls?: PrivateMosquitto;
  open: MqttClient[];
}

type Watched = MqttClient & {
  got: { topic: string; payload: string }[];
  sessionPresent: boolean;
  /** Times the broker closed this connection (a takeover closes the old one). */
  closes: number;
};

/** A client with a device's session settings: clean session off, QoS 1, 7-day expiry on MQTT 5. */
async function connect(ctx: Ctx, url: string, o: IClientOptions & { protocolVersion: 4 | 5 }): Promise<Watched> {
  const c = mqtt.connect(url, {
    clean: false,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...(o.protocolVersion === 5 ? { properties: { sessionExpiryInterval: WEEK } } : {}),
    ...o,
  }) as Watched;
  c.got = [];
  c.closes = 0;
  c.sessionPresent = false;
  ctx.open.push(c);
  c.on('message', (topic, p) => c.got.push({ topic, payload: p.toString() }));
  // Listeners before the CONNACK: its session-present flag, and queued messages right behind it.
  await new Promise<void>((resolve, reject) => {
    c.once('connect', (ack) => {
      c.sessionPresent = ack.sessionPresent;
      resolve();
    });
    c.once('error', reject);
  });
  c.on('error', () => undefined);
  c.on('close', () => c.closes++);
  return c;
}

function registerTests(): void {
  const test = suite<Ctx>("Mosquitto from the shipped templates: a device cannot take over another device's session", { open: [] });

  test.before(async (ctx) => {
    ctx.m = await PrivateMosquitto.start();
    ctx.mtls = await PrivateMosquitto.start({ requireCertificate: true, useIdentityAsUsername: true });
  });
  test.after.each(async (ctx) => {
    for (const c of ctx.open) c.end(true);
    ctx.open = [];
  });
  test.after(async (ctx) => {
    await ctx.m?.cleanup();
    await ctx.mtls?.cleanup();
  });

  const as = (ctx: Ctx, m: PrivateMosquitto, user: string, clientId: string, pv: 4 | 5) =>
    connect(ctx, m.plainUrl, { clientId, username: user, password: m.password(user), protocolVersion: pv });
  const job = (id: string) => JSON.stringify({ messageId: id });
  /** Ends whatever session `user` has (clean session / expiry 0), so session-present means this test's. */
  const forget = async (m: PrivateMosquitto, user: string) => {
    const c = await mqtt.connectAsync(m.plainUrl, {
      clientId: user,
      username: user,
      password: m.password(user),
      clean: true,
      reconnectPeriod: 0,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 0 },
    });
    await c.endAsync();
  };
  test.before.each(async (ctx) => {
    for (const u of [A, B]) await forget(ctx.m!, u);
  });

  test('every listener of mosquitto.conf.template binds the client id to the user name', () => {
    const conf = readFileSync(join(TEMPLATE_DIR, 'mosquitto.conf.template'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#') && l.trim() !== '');
    const listeners = conf.flatMap((l, i) => (l.startsWith('listener ') ? [i] : []));
    assert.ok(listeners.length >= 2, 'a plain and a TLS listener');
    // Before the first listener it would configure Mosquitto's default listener (port 1883, every interface).
    assert.not.ok(conf.slice(0, listeners[0]).some((l) => l.startsWith('use_username_as_clientid')));
    listeners.forEach((start, k) => {
      const block = conf.slice(start, listeners[k + 1] ?? conf.length);
      assert.ok(block.includes('use_username_as_clientid true'), `${conf[start]} sets use_username_as_clientid true`);
    });
  });

  for (const pv of [4, 5] as const) {
    const v = pv === 5 ? 'MQTT 5' : 'MQTT 3.1.1';

    test(`${v}: A logging in with client id ${B} leaves B connected and gets none of B's jobs`, async (ctx) => {
      const m = ctx.m!;
      const bo = await as(ctx, m, BACKOFFICE_USER, 'bo-clientid', pv);
      const b = await as(ctx, m, B, B, pv);
      await b.subscribeAsync(topics.jobs(B), { qos: 1 });
      const a = await as(ctx, m, A, B, pv);
      assert.is(a.sessionPresent, false, "A did not get B's session");
      await a.subscribeAsync({ [topics.jobs(A)]: { qos: 1 }, [topics.jobs(B)]: { qos: 1 } });
      await bo.publishAsync(topics.jobs(B), job('for-B'), { qos: 1 });
      await bo.publishAsync(topics.jobs(A), job('for-A'), { qos: 1 });
      await until(() => b.got.some((g) => g.payload === job('for-B')), 'B gets its job on the connection it had');
      // A's own job, published after B's, is the barrier: anything of B's would have reached A by now.
      await until(() => a.got.some((g) => g.payload === job('for-A')), 'A gets its own job');
      assert.equal(
        a.got.map((g) => g.topic),
        [topics.jobs(A)],
      );
      assert.is(b.closes, 0, 'B was never disconnected');
      assert.ok(b.connected);
    });

    test(`${v}: a job queued for B while B is offline survives A logging in as ${B}, and reaches B`, async (ctx) => {
      const m = ctx.m!;
      const bo = await as(ctx, m, BACKOFFICE_USER, 'bo-clientid', pv);
      const b1 = await as(ctx, m, B, B, pv);
      await b1.subscribeAsync({ [topics.jobs(B)]: { qos: 1 }, [topics.commands(B)]: { qos: 1 } });
      await b1.endAsync(); // out of coverage: the session and its subscription stay at the broker
      await bo.publishAsync(topics.jobs(B), job('queued-for-B'), { qos: 1 });
      await bo.publishAsync(topics.commands(B), job('cancel-for-B'), { qos: 1 });
      const a = await as(ctx, m, A, B, pv);
      assert.is(a.sessionPresent, false, "A did not resume B's session");
      await a.subscribeAsync({ [topics.jobs(A)]: { qos: 1 } });
      await bo.publishAsync(topics.jobs(A), job('for-A'), { qos: 1 });
      await until(() => a.got.some((g) => g.payload === job('for-A')), 'A gets its own job');
      await a.endAsync();
      const b2 = await as(ctx, m, B, B, pv);
      assert.is(b2.sessionPresent, true, "B's session is still there");
      await until(() => b2.got.length === 2, 'B gets what was queued for it');
      assert.equal(
        b2.got.map((g) => g.payload),
        [job('queued-for-B'), job('cancel-for-B')],
      );
      assert.equal(
        a.got.map((g) => g.payload),
        [job('for-A')],
        "A never saw B's job or cancel",
      );
    });
  }

  test("client certificates: A's certificate with client id B lands in A's session; B stays connected", async (ctx) => {
    const m = ctx.mtls!;
    const bo = await connect(ctx, m.plainUrl, {
      clientId: 'bo-mtls',
      username: BACKOFFICE_USER,
      password: m.password(BACKOFFICE_USER),
      protocolVersion: 5,
    });
    const tls = (cn: string) => ({ protocolVersion: 5 as const, clientId: B, ca: m.pki.ca, ...m.pki.client(cn) });
    const b = await connect(ctx, m.tlsUrl, tls(B));
    await b.subscribeAsync(topics.jobs(B), { qos: 1 });
    const a = await connect(ctx, m.tlsUrl, tls(A));
    assert.is(a.sessionPresent, false);
    await a.subscribeAsync({ [topics.jobs(A)]: { qos: 1 }, [topics.jobs(B)]: { qos: 1 } });
    await bo.publishAsync(topics.jobs(B), job('for-B'), { qos: 1 });
    await bo.publishAsync(topics.jobs(A), job('for-A'), { qos: 1 });
    await until(() => b.got.length === 1 && a.got.length === 1, 'each gets its own job');
    assert.equal(
      b.got.map((g) => g.payload),
      [job('for-B')],
    );
    assert.equal(
      a.got.map((g) => g.payload),
      [job('for-A')],
    );
    assert.is(b.closes, 0, 'B was never disconnected');
  });

  // With the client id bound to the account, saha doctor's broker probe (client id "<id>.doctor")
  // IS the device's session: it must neither wipe it nor consume what waits in it.
  test("saha doctor's broker probe on B's account leaves the job and cancel waiting for B in B's session", async (ctx) => {
    const m = ctx.m!;
    const bo = await as(ctx, m, BACKOFFICE_USER, 'bo-clientid', 5);
    const b1 = await as(ctx, m, B, B, 5);
    await b1.subscribeAsync({ [topics.jobs(B)]: { qos: 1 }, [topics.commands(B)]: { qos: 1 } });
    await b1.endAsync();
    await bo.publishAsync(topics.jobs(B), job('queued-for-B'), { qos: 1 });
    await bo.publishAsync(topics.commands(B), job('cancel-for-B'), { qos: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'saha-clientid-'));
    try {
      const passwordFile = join(dir, 'b.pass');
      writeFileSync(passwordFile, m.password(B), { mode: 0o600 });
      const cfg = loadConfig({
        env: {
          SAHA_DATA_DIR: join(dir, 'data'),
          SAHA_DEVICE_ID: B,
          SAHA_MQTT_URL: m.plainUrl,
          SAHA_MQTT_USERNAME: B,
          SAHA_MQTT_PASSWORD_FILE: passwordFile,
        },
      });
      if (!cfg.ok) throw new Error(JSON.stringify(cfg.errors));
      const check = await checkBroker(cfg.config, { timeoutMs: 5000 });
      assert.equal(
        check.results.map((r) => [r.name, r.ok]),
        [
          ['broker', true],
          ['credentials', true],
          ['acl', true],
        ],
        JSON.stringify(check.results),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const b2 = await as(ctx, m, B, B, 5);
    assert.is(b2.sessionPresent, true, "the probe did not wipe B's session");
    await until(() => b2.got.length === 2, 'B gets what was queued for it');
    assert.equal(
      b2.got.map((g) => g.payload),
      [job('queued-for-B'), job('cancel-for-B')],
    );
  });

  test('the price: two clients of one back-office account share one session whatever ids they send', async (ctx) => {
    const m = ctx.m!;
    const first = await as(ctx, m, BACKOFFICE_USER, 'ingest-a', 5);
    const second = await as(ctx, m, BACKOFFICE_USER, 'ingest-b', 5);
    // Mosquitto 2.0.11 closes the older connection without sending DISCONNECT 0x8E (Session taken over).
    await until(() => first.closes > 0, 'the first connection is closed by the second');
    assert.is(second.sessionPresent, true, "the second resumed the first one's session");
  });

  // Control: the shipped conf minus use_username_as_clientid is what issue 15 found. If this case
  // ever stops showing the takeover, the cases above no longer prove that the setting prevents it.
  test("control, without use_username_as_clientid: A takes over B's session and B's queued job is lost", async (ctx) => {
    const m = await PrivateMosquitto.start({ clientChoosesId: true });
    try {
      const bo = await as(ctx, m, BACKOFFICE_USER, 'bo-control', 5);
      const b1 = await as(ctx, m, B, B, 5);
      await b1.subscribeAsync(topics.jobs(B), { qos: 1 });
      await b1.endAsync();
      await bo.publishAsync(topics.jobs(B), job('queued-for-B'), { qos: 1 });
      const b2online = await as(ctx, m, B, B, 5);
      await until(() => b2online.got.length === 1, 'B online again gets its queued job');
      const a = await as(ctx, m, A, B, 5);
      assert.is(a.sessionPresent, true, "A resumed B's session");
      await until(() => b2online.closes > 0, 'B is kicked off');
      // While A holds the session, a job for B is queued there, goes out to A's connection, and the
      // ACL withholds it from A: once A leaves, B comes back to a session without it.
      await a.subscribeAsync(topics.jobs(A), { qos: 1 });
      await bo.publishAsync(topics.jobs(B), job('lost-for-B'), { qos: 1 });
      await bo.publishAsync(topics.jobs(A), job('for-A'), { qos: 1 });
      await until(() => a.got.length > 0, "A gets its own job, behind B's");
      assert.equal(
        a.got.map((g) => g.payload),
        [job('for-A')],
        "the ACL keeps B's job from A",
      );
      await a.endAsync();
      const b3 = await as(ctx, m, B, B, 5);
      await bo.publishAsync(topics.jobs(B), job('after'), { qos: 1 });
      await until(() => b3.got.some((g) => g.payload === job('after')), 'B gets a job sent after it came back');
      assert.equal(
        b3.got.map((g) => g.payload),
        [job('after')],
        "the job sent while A held B's session is gone",
      );
    } finally {
      for (const c of ctx.open) c.end(true);
      ctx.open = [];
      await m.cleanup();
    }
  });

  test.run();
}

whenMosquitto('Mosquitto client id binding', registerTests);
