/**
 * MqttLink's flow control and lifecycle (ports/BrokerLink.ts, adapters/mqtt/MqttLink.ts):
 * - over MQTT 5 the link takes the broker's Receive Maximum from CONNACK (Mosquitto announces its
 *   max_inflight_messages, 20 in the shipped template) and never has more QoS 1 publishes
 *   unacknowledged on the wire than that, whatever the outbox window or other callers ask;
 * - the reconnect schedule after a drop from online is the cold-start one: base delay, then doubling;
 * - start() after stop() connects again with the same persistent session; start() while stop() runs
 *   throws.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { MqttClient } from 'mqtt';
import { topics } from '../../../src/core/contract/index.js';
import { ErrorCode } from '../../../src/core/errors/AppError.js';
import { whenMosquitto } from '../../helpers/mosquitto.js';
import { aedesTarget, BackOffice, Device, mosquittoTarget, queueEvents, until, type Broker } from './linkRig.js';

const DEV = 'HT-0042';

/** The most QoS 1 publishes a client ever had sent and not yet acknowledged (mqtt.js `outgoing`). */
function watchUnacked(client: MqttClient): { max: number } {
  const seen = { max: 0 };
  const outgoing = client as unknown as { outgoing: Record<string, unknown> };
  client.on('packetsend', (p) => {
    if (p.cmd === 'publish') seen.max = Math.max(seen.max, Object.keys(outgoing.outgoing).length);
  });
  return seen;
}

interface Ctx {
  broker?: Broker;
  devices: Device[];
  bo?: BackOffice;
}

function cleanup(test: ReturnType<typeof suite<Ctx>>): void {
  test.after.each(async (ctx) => {
    for (const d of ctx.devices) await d.stop().catch(() => undefined);
    await ctx.bo?.close().catch(() => undefined);
    await ctx.broker?.close();
    Object.assign(ctx, { broker: undefined, devices: [], bo: undefined });
  });
}

// --- aedes (MQTT 3.1.1): no Receive Maximum; backoff schedule; restart after stop -----------------
const local = suite<Ctx>('MqttLink flow and lifecycle: aedes, MQTT 3.1.1', { devices: [] });
local.before.each(async (ctx) => {
  ctx.devices = [];
  ctx.broker = await aedesTarget.start();
});
cleanup(local);

local('MQTT 3.1.1 announces no Receive Maximum: the outbox window is the configured maxInFlight', async (ctx) => {
  const d = (await Device.create(ctx.broker!.device(DEV), 4, { maxInFlight: 7 })).start();
  ctx.devices.push(d);
  await until(() => d.link.state.state === 'online', 'online');
  assert.is(d.link.receiveMaximum, undefined);
  assert.is(d.sender.window(), 7);
});

local('after a drop from online the first retry waits the base delay, then the delay doubles while the broker stays away', async (ctx) => {
  // random() = 1 pins the jitter to the top of its range: delay = min(max, base × 2^n).
  const d = (
    await Device.create(ctx.broker!.device(DEV), 4, { random: () => 1, link: { reconnectMinMs: 150, reconnectMaxMs: 5000 } })
  ).start();
  ctx.devices.push(d);
  await until(() => d.link.state.state === 'online', 'online');
  const from = d.states.length;
  await ctx.broker!.crash(); // connections dropped, nothing listening
  await until(() => d.states.slice(from).filter((s) => s.state === 'offline').length >= 3, 'three failed tries');
  const delays = d.states.slice(from).flatMap((s) => (s.state === 'offline' ? [s.retryInMs] : []));
  assert.equal(delays.slice(0, 3), [150, 300, 600]);
  await ctx.broker!.recover();
  await until(() => d.link.state.state === 'online', 'online again');
  // Once online again, the schedule starts over.
  const again = d.states.length;
  d.client.stream.destroy();
  await until(() => d.states.slice(again).some((s) => s.state === 'offline'), 'dropped again');
  assert.is((d.states.slice(again).find((s) => s.state === 'offline') as { retryInMs: number }).retryInMs, 150);
});

local('start() after stop() connects again with the same persistent session, and the outbox drains over it', async (ctx) => {
  const bo = (ctx.bo = await BackOffice.connect(ctx.broker!.backOffice(), 4));
  const d = (await Device.create(ctx.broker!.device(DEV), 4)).start();
  ctx.devices.push(d);
  await until(() => d.link.state.state === 'online', 'online');
  await d.link.stop();
  assert.equal(d.link.state, { state: 'offline', reason: 'stopped' });
  await queueEvents(d.store, 12);
  d.link.start();
  await until(() => d.link.state.state === 'online', 'online after restart');
  assert.equal(d.link.state, { state: 'online', sessionPresent: true });
  await d.sender.whenDrained();
  await until(() => bo.events().length === 12, 'the 12 events at the back office');
  assert.equal(
    bo.events().map((e) => e.env.seq),
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
});

local('start() while stop() is still running throws Mqtt_Closed instead of guessing which should win', async (ctx) => {
  const d = (await Device.create(ctx.broker!.device(DEV), 4)).start();
  ctx.devices.push(d);
  await until(() => d.link.state.state === 'online', 'online');
  const stopping = d.link.stop();
  assert.throws(
    () => d.link.start(),
    (e: { code?: string }) => e.code === ErrorCode.Mqtt_Closed,
  );
  await stopping;
  assert.is(d.link.state.state, 'offline');
});

local.run();

// --- Mosquitto, MQTT 5: Receive Maximum from CONNACK ----------------------------------------------
whenMosquitto('MqttLink Receive Maximum on Mosquitto', () => {
  const test = suite<Ctx>('MqttLink flow: Mosquitto, MQTT 5 over TLS', { devices: [] });
  test.before.each(async (ctx) => {
    ctx.devices = [];
    ctx.broker = await mosquittoTarget(5, true).start();
  });
  cleanup(test);

  test('the broker announces Receive Maximum 20 (max_inflight_messages): a 64-event window is clamped to it on the wire, and every event arrives in order', async (ctx) => {
    const bo = (ctx.bo = await BackOffice.connect(ctx.broker!.backOffice(), 5));
    const d = await Device.create(ctx.broker!.device(DEV), 5, { maxInFlight: 64 });
    ctx.devices.push(d);
    await queueEvents(d.store, 300, 50);
    let watched: { max: number } | undefined;
    d.link.onState((s) => {
      if (s.state === 'connecting') queueMicrotask(() => (watched = watchUnacked(d.client)));
    });
    d.start();
    await until(() => d.link.state.state === 'online', 'online');
    assert.is(d.link.receiveMaximum, 20);
    assert.is(d.sender.window(), 20);
    await d.sender.whenDrained();
    await until(() => bo.events().length >= 300, 'all 300 at the back office');
    assert.ok(watched && watched.max > 1 && watched.max <= 20, `at most 20 unacknowledged on the wire (saw ${watched?.max})`);
    assert.equal(
      bo.events().map((e) => e.env.seq),
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
  });

  test('publishes beyond the Receive Maximum from any caller wait for a PUBACK instead of going on the wire', async (ctx) => {
    const d = (await Device.create(ctx.broker!.device(DEV), 5)).start();
    ctx.devices.push(d);
    await until(() => d.link.state.state === 'online', 'online');
    const seen = watchUnacked(d.client);
    const body = JSON.stringify({ state: 'online' });
    await Promise.all(Array.from({ length: 60 }, () => d.link.publish(topics.status(DEV), body, { retain: true })));
    assert.ok(seen.max > 1 && seen.max <= 20, `at most 20 unacknowledged (saw ${seen.max})`);
  });

  test.run();
});
