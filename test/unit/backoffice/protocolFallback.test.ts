// The back-office tools against the demo (issue 19, "a newcomer's first hour"): the demo's
// in-process broker (aedes) speaks MQTT 3.1.1 only, so a tool that did not choose a version falls
// back to it instead of failing with "Unacceptable protocol version"; a tool that chose MQTT 5
// keeps its choice, and a broker that speaks 5 gets 5.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { BackOfficeClient } from '../../../src/backoffice/BackOfficeClient.js';
import { ErrorCode } from '../../../src/core/errors/AppError.js';
import { startPlainMosquitto, whenMosquitto } from '../../helpers/mosquitto.js';

const opts = (url: string) => ({ url, clientId: `bo-fallback-${process.pid}`, clean: true, reconnectMs: 0 });

test('no version chosen, aedes: connected over MQTT 3.1.1, and the fallback is logged', async () => {
  const broker = await new InProcessBroker().start();
  const logs: string[] = [];
  try {
    const c = await BackOfficeClient.connect(opts(broker.url), { log: (_l, m) => logs.push(m) });
    assert.ok(c.connected);
    assert.is(c.client.options.protocolVersion, 4);
    await c.subscribe(['saha/v1/devices/+/status']);
    await c.close();
    assert.ok(
      logs.some((l) => l.includes('does not speak MQTT 5')),
      logs.join('\n'),
    );
  } finally {
    await broker.close();
  }
});

test('MQTT 5 chosen, aedes: refused with Mqtt_Connect, no silent fallback', async () => {
  const broker = await new InProcessBroker().start();
  try {
    const err = await BackOfficeClient.connect({ ...opts(broker.url), protocolVersion: 5 }).then(
      () => undefined,
      (e: { code?: string; message: string }) => e,
    );
    assert.ok(err, 'connected over a version the broker does not speak');
    assert.is(err.code, ErrorCode.Mqtt_Connect);
  } finally {
    await broker.close();
  }
});

test('the demo broker port is taken: start() fails with EADDRINUSE and leaves nothing open', async () => {
  const first = await new InProcessBroker().start();
  try {
    const err = await new InProcessBroker().start(first.port).then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    assert.is(err?.code, 'EADDRINUSE');
  } finally {
    await first.close();
  }
});

test.run();

whenMosquitto('protocol fallback against Mosquitto', () => {
  test('no version chosen, Mosquitto: MQTT 5', async () => {
    const m = await startPlainMosquitto();
    try {
      const c = await BackOfficeClient.connect(opts(m.url));
      assert.is(c.client.options.protocolVersion, 5);
      await c.close();
    } finally {
      await m.close();
    }
  });
  test.run();
});
