/**
 * The fleet broker's security as shipped (device/mosquitto/*.template on a private Mosquitto): one
 * device cannot read or write another's topics, the back office can, bad credentials and untrusted
 * certificates are refused, and MqttLink reports each refusal as Mqtt_Auth with a message a
 * technician can act on. Mosquitto only: aedes has no ACL file. On CI a missing Mosquitto fails.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MqttLink, type MqttLinkOptions } from '../../../src/adapters/mqtt/MqttLink.js';
import { topics } from '../../../src/core/contract/index.js';
import { ErrorCode } from '../../../src/core/errors/AppError.js';
import type { LinkState } from '../../../src/ports/BrokerLink.js';
import { BACKOFFICE_USER, BACKOFFICE_USERS, PrivateMosquitto, whenMosquitto } from '../../helpers/mosquitto.js';
import { fixture, until } from './linkRig.js';

const A = 'HT-0042';
const B = 'HT-0043';

interface Ctx {
  m?: PrivateMosquitto;
  /** require_certificate true, use_identity_as_username true: the certificate CN is the user. */
  mtls?: PrivateMosquitto;
  open: { end(force?: boolean): unknown }[];
  links: MqttLink[];
}

type Got = { topic: string; payload: string; retain: boolean }[];

async function client(ctx: Ctx, url: string, o: IClientOptions): Promise<MqttClient & { got: Got }> {
  const c = (await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...o })) as MqttClient & { got: Got };
  c.got = [];
  c.on('message', (topic, p, packet) => c.got.push({ topic, payload: p.toString(), retain: packet.retain }));
  ctx.open.push(c);
  return c;
}

function registerAclTests(): void {
  const test = suite<Ctx>('Mosquitto ACL and authentication from the shipped templates', { open: [], links: [] });

  test.before(async (ctx) => {
    ctx.m = await PrivateMosquitto.start();
    ctx.mtls = await PrivateMosquitto.start({ requireCertificate: true, useIdentityAsUsername: true });
  });
  test.after.each(async (ctx) => {
    for (const l of ctx.links) await l.stop();
    for (const c of ctx.open) c.end(true);
    ctx.links = [];
    ctx.open = [];
  });
  test.after(async (ctx) => {
    await ctx.m?.cleanup();
    await ctx.mtls?.cleanup();
  });

  const as = (ctx: Ctx, user: string, pv: 4 | 5, clientId = `${user}-${pv}-${Math.random().toString(16).slice(2, 8)}`) =>
    client(ctx, ctx.m!.plainUrl, { clientId, username: user, password: ctx.m!.password(user), protocolVersion: pv });

  const link = (ctx: Ctx, o: Partial<MqttLinkOptions>): { link: MqttLink; states: LinkState[] } => {
    const l = new MqttLink({
      url: ctx.m!.plainUrl,
      clientId: A,
      protocolVersion: 4,
      keepaliveSec: 10,
      sessionExpirySec: 604800,
      reconnectMinMs: 50,
      reconnectMaxMs: 30_000,
      subscriptions: topics.subscriptions(A),
      connectTimeoutMs: 5000,
      will: () => ({ topic: topics.status(A), payload: JSON.stringify(fixture('status/offline-will.json')) }),
      ...o,
    });
    const states: LinkState[] = [];
    l.onState((s) => states.push(s));
    ctx.links.push(l);
    l.start();
    return { link: l, states };
  };
  const offlineWithError = async (l: MqttLink) => {
    await until(() => l.state.state === 'offline' && l.state.error !== undefined, 'link offline with an error');
    return l.state as Extract<LinkState, { state: 'offline' }>;
  };

  for (const pv of [4, 5] as const) {
    const v = pv === 5 ? 'MQTT 5' : 'MQTT 3.1.1';

    test(`${v}: device A may subscribe to B's jobs (Mosquitto grants it) but never receives one`, async (ctx) => {
      const bo = await as(ctx, BACKOFFICE_USER, pv);
      const a = await as(ctx, A, pv);
      const b = await as(ctx, B, pv);
      // Real Mosquitto 2.0 behaviour: the SUBACK grants QoS 1; the ACL is applied to each delivery.
      const granted = await a.subscribeAsync({
        [topics.jobs(B)]: { qos: 1 },
        'saha/v1/devices/+/jobs': { qos: 1 },
        [topics.jobs(A)]: { qos: 1 },
      });
      assert.equal(
        granted.map((g) => g.qos),
        [1, 1, 1],
      );
      await b.subscribeAsync(topics.jobs(B), { qos: 1 });
      await bo.publishAsync(topics.jobs(B), 'job for B', { qos: 1 });
      await bo.publishAsync(topics.jobs(A), 'job for A', { qos: 1 });
      // A's own job, published after B's, is the barrier: Mosquitto delivers to A in order.
      await until(() => a.got.some((g) => g.payload === 'job for A'), 'A gets its own job');
      await until(() => b.got.some((g) => g.payload === 'job for B'), 'B gets its job');
      assert.equal(
        a.got.filter((g) => g.payload === 'job for B'),
        [],
        "A must never see B's job",
      );
    });

    test(`${v}: device A cannot publish under B's topics or write jobs; the back office never receives it`, async (ctx) => {
      const bo = await as(ctx, BACKOFFICE_USER, pv);
      await bo.subscribeAsync({ 'saha/v1/devices/+/events/+': { qos: 1 }, 'saha/v1/devices/+/status': { qos: 1 } });
      const b = await as(ctx, B, pv);
      await b.subscribeAsync(topics.jobs(B), { qos: 1 });
      const a = await as(ctx, A, pv);
      const forged = { ...fixture('events/job.accepted.json'), deviceId: B };
      const attempts: [string, string][] = [
        [topics.event(B, 'job.accepted'), JSON.stringify(forged)],
        [topics.status(B), JSON.stringify({ ...fixture('status/online.json') })],
        [topics.jobs(B), JSON.stringify(fixture('jobs/job.assign.reading.json'))],
        [topics.jobs(A), 'a device may not write its own jobs'],
        [topics.tariff('ESGAZ-K1-2025-08'), 'a device may not write tariffs'],
      ];
      for (const [topic, payload] of attempts) {
        if (pv === 4) {
          // 3.1.1 has no way to say no: Mosquitto acknowledges and drops.
          await a.publishAsync(topic, payload, { qos: 1 });
        } else {
          const err = await a.publishAsync(topic, payload, { qos: 1 }).then(
            () => undefined,
            (e: Error & { code?: number }) => e,
          );
          assert.is(err?.code, 0x87, `PUBACK 0x87 Not authorized for ${topic}`);
        }
      }
      // Then something A may publish: once it arrives, anything forged before it would have too.
      await a.publishAsync(topics.event(A, 'job.accepted'), JSON.stringify(fixture('events/job.accepted.json')), { qos: 1 });
      await until(() => bo.got.some((g) => g.topic === topics.event(A, 'job.accepted')), "back office gets A's own event");
      assert.equal(
        bo.got.filter((g) => g.topic.includes(`/${B}/`)),
        [],
      );
      assert.equal(b.got, []);
    });

    test(`${v}: the back office writes retained acks; a device reads its own, never another's, and cannot forge one`, async (ctx) => {
      const bo = await as(ctx, BACKOFFICE_USER, pv);
      await bo.publishAsync(topics.acks(B), JSON.stringify({ ackedSeq: 9, at: '2026-11-25T09:14:03.120+03:00' }), { qos: 1, retain: true });
      await bo.publishAsync(topics.acks(A), JSON.stringify({ ackedSeq: 7, at: '2026-11-25T09:14:03.120+03:00' }), { qos: 1, retain: true });
      const a = await as(ctx, A, pv);
      // A forged ack for B (would make B forget events the office never stored).
      if (pv === 4)
        await a.publishAsync(topics.acks(B), JSON.stringify({ ackedSeq: 999, at: '2026-11-25T09:14:03.120+03:00' }), {
          qos: 1,
          retain: true,
        });
      else {
        const err = await a.publishAsync(topics.acks(B), '{}', { qos: 1, retain: true }).then(
          () => undefined,
          (e: Error & { code?: number }) => e,
        );
        assert.is(err?.code, 0x87);
      }
      await a.subscribeAsync({ [topics.acks(B)]: { qos: 1 }, 'saha/v1/devices/+/acks': { qos: 1 }, [topics.acks(A)]: { qos: 1 } });
      await until(() => a.got.some((g) => g.topic === topics.acks(A)), 'A gets its own retained ack');
      const b = await as(ctx, B, pv);
      await b.subscribeAsync(topics.acks(B), { qos: 1 });
      await until(() => b.got.some((g) => g.topic === topics.acks(B)), 'B gets its retained ack');
      assert.equal(
        a.got.filter((g) => g.topic === topics.acks(B)),
        [],
        "A must never see B's ack",
      );
      assert.equal(
        b.got.map((g) => JSON.parse(g.payload).ackedSeq),
        [9],
        "the forged ack never replaced B's",
      );
    });

    test(`${v}: device A publishes its own status (retained) and reads every tariff`, async (ctx) => {
      const bo = await as(ctx, BACKOFFICE_USER, pv);
      await bo.subscribeAsync(topics.status(A), { qos: 1 });
      await bo.publishAsync(topics.tariff('ESGAZ-K1-2025-08'), JSON.stringify(fixture('tariffs/ESGAZ-K1-2025-08.json')), {
        qos: 1,
        retain: true,
      });
      const a = await as(ctx, A, pv);
      await a.publishAsync(topics.status(A), JSON.stringify(fixture('status/online.json')), { qos: 1, retain: true });
      await until(() => bo.got.some((g) => g.topic === topics.status(A)), "back office gets A's status");
      await a.subscribeAsync(topics.allTariffs(), { qos: 1 });
      await until(() => a.got.some((g) => g.topic === topics.tariff('ESGAZ-K1-2025-08') && g.retain), 'retained tariff at A');
      assert.is(JSON.parse(a.got[0]!.payload).tariffId, 'ESGAZ-K1-2025-08');
    });

    test(`${v}: a wrong password is refused; MqttLink is offline with Mqtt_Auth and says what to check`, async (ctx) => {
      const { link: l, states } = link(ctx, { protocolVersion: pv, username: A, password: 'not-the-password' });
      const s = await offlineWithError(l);
      assert.is(s.error!.code, ErrorCode.Mqtt_Auth);
      assert.match(s.error!.message, /refused/);
      assert.match(s.error!.message, /password/);
      assert.is(s.retryInMs, 30_000, 'a refused login is retried at the slow end');
      assert.not.ok(states.some((x) => x.state === 'online'));
    });
  }

  test('a device without user name (anonymous) is refused with Mqtt_Auth', async (ctx) => {
    const { link: l } = link(ctx, {});
    assert.is((await offlineWithError(l)).error!.code, ErrorCode.Mqtt_Auth);
  });

  test('the back office can split the event stream with a shared subscription ($share/…)', async (ctx) => {
    // Two workers, two accounts: the shipped conf makes the account the client id (one session each).
    const w1 = await as(ctx, BACKOFFICE_USERS[0], 5);
    const w2 = await as(ctx, BACKOFFICE_USERS[1], 5);
    for (const w of [w1, w2]) await w.subscribeAsync('$share/billing/saha/v1/devices/+/events/+', { qos: 1 });
    const a = await as(ctx, A, 5);
    for (let i = 0; i < 10; i++)
      await a.publishAsync(topics.event(A, 'job.accepted'), JSON.stringify({ ...fixture('events/job.accepted.json'), seq: i + 1 }), {
        qos: 1,
      });
    await until(() => w1.got.length + w2.got.length === 10, 'ten events across the group');
    assert.ok(w1.got.length > 0 && w2.got.length > 0, `both workers got some (${w1.got.length}/${w2.got.length})`);
  });

  test('TLS with the right CA and user name/password: the link goes online', async (ctx) => {
    const { link: l } = link(ctx, { url: ctx.m!.tlsUrl, ca: ctx.m!.pki.ca, username: A, password: ctx.m!.password(A), protocolVersion: 5 });
    await until(() => l.state.state === 'online', 'online over TLS');
  });

  test("TLS: a broker certificate the device's CA did not sign is refused with Mqtt_Auth naming TLS", async (ctx) => {
    const { link: l } = link(ctx, { url: ctx.m!.tlsUrl, ca: ctx.mtls!.pki.rogueCa, username: A, password: ctx.m!.password(A) });
    const s = await offlineWithError(l);
    assert.is(s.error!.code, ErrorCode.Mqtt_Auth, s.error!.message);
    assert.match(s.error!.message, /TLS/);
  });

  test('TLS: the host name must match the broker certificate (localhost and 127.0.0.1 do, another name does not)', async (ctx) => {
    const { link: l } = link(ctx, {
      url: `mqtts://localhost:${ctx.m!.tlsPort}`,
      ca: ctx.m!.pki.ca,
      username: A,
      password: ctx.m!.password(A),
    });
    await until(() => l.state.state === 'online', 'online over TLS by name');
    const { link: l2 } = link(ctx, {
      url: ctx.m!.tlsUrl,
      servername: 'broker.example.com',
      ca: ctx.m!.pki.ca,
      username: A,
      password: ctx.m!.password(A),
    });
    const s = await offlineWithError(l2);
    assert.is(s.error!.code, ErrorCode.Mqtt_Auth, s.error!.message);
    assert.match(s.error!.message, /TLS/);
  });

  test('client certificates: a certificate from our CA is the identity (CN = device id) and the ACL applies to it', async (ctx) => {
    const m = ctx.mtls!;
    const bo = await client(ctx, m.plainUrl, { clientId: 'bo-mtls', username: BACKOFFICE_USER, password: m.password(BACKOFFICE_USER) });
    await bo.subscribeAsync('saha/v1/devices/+/status', { qos: 1 });
    const { link: l } = link(ctx, { url: m.tlsUrl, ca: m.pki.ca, ...m.pki.client(A) });
    await until(() => l.state.state === 'online', 'online with a client certificate');
    await l.publish(topics.status(A), JSON.stringify(fixture('status/online.json')), { retain: true });
    await l.publish(topics.status(B), JSON.stringify(fixture('status/online.json')), { retain: true }); // dropped: CN is A
    await until(() => bo.got.some((g) => g.topic === topics.status(A)), 'status of A at the back office');
    assert.equal(
      bo.got.filter((g) => g.topic === topics.status(B)),
      [],
    );
  });

  test('client certificates: one signed by an unknown CA is refused with Mqtt_Auth naming TLS', async (ctx) => {
    const m = ctx.mtls!;
    const { link: l } = link(ctx, { url: m.tlsUrl, ca: m.pki.ca, ...m.pki.rogueClient });
    const s = await offlineWithError(l);
    assert.is(s.error!.code, ErrorCode.Mqtt_Auth, s.error!.message);
    assert.match(s.error!.message, /TLS/);
  });

  test('client certificates: a device without one is refused with Mqtt_Auth naming TLS', async (ctx) => {
    const m = ctx.mtls!;
    const { link: l } = link(ctx, { url: m.tlsUrl, ca: m.pki.ca, username: A, password: m.password(A) });
    const s = await offlineWithError(l);
    assert.is(s.error!.code, ErrorCode.Mqtt_Auth, s.error!.message);
    assert.match(s.error!.message, /TLS/);
  });

  test.run();
}

whenMosquitto('Mosquitto ACL', registerAclTests);
