/**
 * `SAHA_MQTT_URL=mqtt://… npm start`: the demo composition (compose() with loadConfig from the
 * environment) uses the broker the URL names instead of starting its in-process one, and the
 * built-in demo back office dispatches the sample route over that broker. A subscriber on the
 * external broker, listening before the app starts, sees every job.assign go to the device and the
 * device's job.accepted for each. Run against an InProcessBroker the test owns and, when installed,
 * a stock anonymous Mosquitto (what a developer's `mosquitto` on 1883 is).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { MemoryLogger } from '../../../src/adapters/log/FileLogger.js';
import { compose } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { topics, validateEvent } from '../../../src/core/contract/index.js';
import { startPlainMosquitto, whenMosquitto } from '../../helpers/mosquitto.js';
import { waitFor } from '../../helpers/waitFor.js';

const DEV = 'HT-DEMO';

function demoOverExternal(name: string, start: () => Promise<{ url: string; close(): Promise<void> }>) {
  const test = suite(`demo over SAHA_MQTT_URL: ${name}`);
  test('the demo app connects to the broker SAHA_MQTT_URL names, and the demo back office dispatches the route over it', async () => {
    const broker = await start();
    const dir = mkdtempSync(join(tmpdir(), 'saha-demo-ext-'));
    const sub = await mqtt.connectAsync(broker.url, { clientId: 'test-backoffice-ext', clean: true, reconnectPeriod: 0 });
    let c: Awaited<ReturnType<typeof compose>> | undefined;
    try {
      const jobs: { messageId: string; type: string; job: { jobId: string } }[] = [];
      const events: { topic: string; body: Record<string, unknown> }[] = [];
      sub.on('message', (topic, payload) => {
        if (topic === topics.jobs(DEV)) jobs.push(JSON.parse(payload.toString()));
        else if (topic.includes('/events/')) events.push({ topic, body: JSON.parse(payload.toString()) });
      });
      await sub.subscribeAsync({ [topics.jobs(DEV)]: { qos: 1 }, 'saha/v1/devices/+/events/+': { qos: 1 } });

      const r = loadConfig({ env: { SAHA_MQTT_URL: broker.url, SAHA_DATA_DIR: dir, SAHA_DEVICE_ID: DEV } });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const logger = new MemoryLogger();
      c = await compose(r.config, { logger });
      assert.is(c.brokerUrl, broker.url, 'the app uses the external broker');
      await c.start();
      assert.ok(
        logger.lines.some((l) => l.includes('"broker":"external"')),
        'no in-process broker was started',
      );
      const routeSize = r.config.demo.routeSize;

      await waitFor(() => c!.app.jobs().length === routeSize, `the ${routeSize}-job route stored on the device`);
      await waitFor(
        () => events.filter((e) => e.body.type === 'job.accepted').length >= routeSize,
        'a job.accepted per job at the subscriber',
      );
      assert.is(jobs.length, routeSize, 'every job.assign went over the external broker');
      assert.ok(jobs.every((m) => m.type === 'job.assign'));
      const accepted = new Set(events.filter((e) => e.body.type === 'job.accepted').map((e) => e.body.jobId as string));
      assert.equal([...accepted].sort(), jobs.map((m) => m.job.jobId).sort(), 'the device accepted exactly the jobs dispatched');
      for (const e of events) {
        const v = validateEvent(e.body, e.topic);
        assert.ok(v.ok, `${String(e.body.type)}: ${JSON.stringify(!v.ok && v.errors)}`);
        assert.is(e.body.deviceId, DEV);
      }
    } finally {
      await sub.endAsync().catch(() => undefined);
      await c?.stop().catch(() => undefined);
      await broker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test.run();
}

demoOverExternal('InProcessBroker started by the test', async () => {
  const b = await new InProcessBroker().start();
  return { url: b.url, close: () => b.close() };
});
whenMosquitto('demo over a plain Mosquitto', () => demoOverExternal('plain anonymous Mosquitto', startPlainMosquitto));
