/**
 * saha ingest end to end on the in-process broker (aedes), on PGlite and on PostgreSQL: a device
 * publishes its events, ingest stores each once and answers on the retained acks topic; a duplicate
 * changes nothing; a quarantined event is never acknowledged as good; a batch the database refuses
 * is not PUBACKed, so it comes back after a restart and is stored then. Then on Mosquitto with
 * MQTT 5: two instances in one shared-subscription group split the load and store everything once.
 */
import { suite, test } from 'uvu';
import * as assert from 'uvu/assert';
import mqtt from 'mqtt';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { IngestService } from '../../../src/backoffice/ingest/IngestService.js';
import type { IngestPlugin } from '../../../src/backoffice/ingest/plugins.js';
import { AppError, ErrorCode } from '../../../src/core/errors/AppError.js';
import { databaseTargets, type TestDatabase } from '../../helpers/databases.js';
import { startPlainMosquitto, whenMosquitto } from '../../helpers/mosquitto.js';
import { waitFor } from '../../helpers/waitFor.js';
import { eventMessage, raw } from '../../unit/backoffice/ingest/deviceMessages.js';

const DEVICE = 'HT-0042';

for (const target of databaseTargets()) {
  const s = suite(`ingest end to end (aedes, ${target.name})`);
  let broker: InProcessBroker;
  let db: TestDatabase;
  let device: mqtt.MqttClient;
  let running: IngestService[] = [];

  const ingest = async (plugins: IngestPlugin[] = [], clientId = 'saha-ingest-1') => {
    const svc = new IngestService({
      db,
      plugins,
      share: false,
      retry: { firstMs: 10, maxMs: 50 },
      mqtt: { url: broker.url, clientId, protocolVersion: 4 },
    });
    await svc.start();
    running.push(svc);
    return svc;
  };
  const stop = async (svc: IngestService) => {
    running = running.filter((x) => x !== svc);
    await svc.stop();
  };

  /** The ack a device subscribing now sees first: the retained one (or a live one, if it was still on its way). */
  const retainedAck = async (deviceId: string): Promise<{ ackedSeq: number; at: string }> => {
    const c = await mqtt.connectAsync(broker.url, { clientId: `probe-${Math.random()}`, protocolVersion: 4 });
    try {
      const first = new Promise<{ ackedSeq: number; at: string }>((resolve) =>
        c.on('message', (_t, p) => resolve(JSON.parse(p.toString()))),
      );
      await c.subscribeAsync(`saha/v1/devices/${deviceId}/acks`, { qos: 1 });
      return await first;
    } finally {
      await c.endAsync();
    }
  };
  const send = async (...msgs: { topic: string; payload: Buffer }[]) => {
    for (const m of msgs) await device.publishAsync(m.topic, m.payload, { qos: 1 });
  };
  const count = async (sql: string) => (await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`)).rows[0]!.n;
  const publishedAck = async () =>
    (await db.query<{ p: number }>('select published_ack::int as p from devices where device_id = $1', [DEVICE])).rows[0]?.p;
  const acked = async () =>
    (await db.query<{ a: number }>('select acked_seq::int as a from devices where device_id = $1', [DEVICE])).rows[0]?.a;

  s.before.each(async () => {
    broker = await new InProcessBroker().start();
    db = await target.open();
    device = await mqtt.connectAsync(broker.url, { clientId: DEVICE, protocolVersion: 4 });
  });
  s.after.each(async () => {
    for (const svc of running) await svc.stop();
    running = [];
    await device.endAsync();
    await broker.close();
    await db.close();
  });

  s('events are stored once each and the retained ack covers them', async () => {
    const svc = await ingest();
    const msgs = Array.from({ length: 50 }, (_, i) => eventMessage(DEVICE, i + 1));
    await send(...msgs);
    await waitFor(async () => (await acked()) === 50, 'acked_seq 50');
    assert.is(await count('select * from events'), 50);
    await waitFor(async () => (await publishedAck()) === 50, 'the broker took the ack (published_ack recorded)');
    assert.is((await retainedAck(DEVICE)).ackedSeq, 50);
  });

  s('messages that arrive while a batch commits are stored together in the next transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let first = true;
    const gate: IngestPlugin = {
      name: 'gate',
      async onBatch() {
        if (first) {
          first = false;
          await held;
        }
      },
    };
    const svc = await ingest([gate]);
    await send(eventMessage(DEVICE, 1));
    await waitFor(() => !first, 'first batch in its transaction');
    await send(...Array.from({ length: 49 }, (_, i) => eventMessage(DEVICE, i + 2)));
    await waitFor(() => svc.backlog === 49, 'the rest delivered before any PUBACK');
    release();
    await waitFor(async () => (await acked()) === 50, 'acked_seq 50');
    assert.is(svc.stats.batches, 2);
  });

  s('a duplicate is a no-op and the device is told its ack again', async () => {
    const svc = await ingest();
    const m = eventMessage(DEVICE, 1);
    await send(m);
    await waitFor(async () => (await acked()) === 1, 'acked_seq 1');
    await send(m);
    await waitFor(() => svc.stats.duplicates === 1, 'duplicate seen');
    assert.is(await count('select * from events'), 1);
    await waitFor(() => svc.stats.acksPublished === 2, 'ack published again');
  });

  s('a quarantined event is PUBACKed (kept in quarantine) but never acknowledged as good', async () => {
    const svc = await ingest();
    await send(
      eventMessage(DEVICE, 1),
      raw(`saha/v1/devices/${DEVICE}/events/job.accepted`, '{"seq": 2'),
      eventMessage(DEVICE, 3, { data: { jobId: 'J-1' } }),
    );
    await waitFor(() => svc.stats.quarantined === 2, 'two quarantined');
    assert.is(await acked(), 1);
    await waitFor(async () => (await publishedAck()) === 1, 'ack 1 published');
    assert.is((await retainedAck(DEVICE)).ackedSeq, 1);
    // Restart with the same persistent session: nothing comes back, so the broker had the PUBACKs.
    await stop(svc);
    const again = await ingest();
    await send(eventMessage(DEVICE, 2));
    await waitFor(async () => (await acked()) === 2, 'acked_seq 2');
    assert.is(again.stats.quarantined, 0);
    assert.equal((await db.query('select sum(attempts)::int as n from quarantine')).rows, [{ n: 2 }]);
  });

  s('while the database refuses a batch nothing is PUBACKed: after a restart the broker delivers it again', async () => {
    let failing = true;
    const outage: IngestPlugin = {
      name: 'outage',
      async onBatch() {
        if (failing) throw new AppError('database away', ErrorCode.Db_Unavailable);
      },
    };
    const svc = await ingest([outage]);
    await send(eventMessage(DEVICE, 1), eventMessage(DEVICE, 2));
    await waitFor(() => svc.stats.failedAttempts >= 2, 'retried with backoff');
    assert.is(await count('select * from events'), 0);
    await stop(svc);
    failing = false;
    const again = await ingest([outage]);
    await waitFor(async () => (await acked()) === 2, 'stored after restart');
    assert.is(again.stats.stored, 2);
  });

  s('a database that comes back is retried until the batch commits', async () => {
    let failures = 3;
    const flaky: IngestPlugin = {
      name: 'flaky',
      async onBatch() {
        if (failures-- > 0) throw new AppError('database away', ErrorCode.Db_Unavailable);
      },
    };
    const svc = await ingest([flaky]);
    await send(eventMessage(DEVICE, 1));
    await waitFor(async () => (await acked()) === 1, 'stored after retries');
    assert.is(svc.stats.failedAttempts, 3);
    assert.is(await count('select * from events'), 1);
  });

  s('plug-ins see the committed batch and statuses, after commit', async () => {
    const seen: string[] = [];
    const plugin: IngestPlugin = {
      name: 'recorder',
      async onBatch(tx, b) {
        const r = await tx.query<{ n: number }>('select count(*)::int as n from events');
        seen.push(`in-tx ${b.stored.length}/${r.rows[0]!.n}`);
      },
      async afterCommit(b) {
        for (const st of b.statuses) seen.push(`status ${st.deviceId} ${st.cameOnline}`);
      },
    };
    await ingest([plugin]);
    await send(eventMessage(DEVICE, 1));
    await device.publishAsync(
      `saha/v1/devices/${DEVICE}/status`,
      JSON.stringify({
        state: 'online',
        at: '2025-09-01T09:00:00+03:00',
        appVersion: '0.1.0',
        outboxDepth: 0,
        oldestPendingAt: null,
        printer: 'ready',
        operatorId: null,
      }),
      { qos: 1, retain: true },
    );
    await waitFor(() => seen.includes(`status ${DEVICE} true`), 'status seen');
    assert.ok(seen.includes('in-tx 1/1'), seen.join(', '));
  });

  s.run();
}

whenMosquitto('ingest on Mosquitto (MQTT 5, $share)', () => {
  const target = databaseTargets().at(-1)!;
  test(`two instances in one group split the devices' events and store each once (${target.name})`, async () => {
    const broker = await startPlainMosquitto();
    const db = await target.open();
    const devices = await Promise.all(['HT-1', 'HT-2'].map((id) => mqtt.connectAsync(broker.url, { clientId: id, protocolVersion: 5 })));
    const services = ['a', 'b'].map(
      (n) =>
        new IngestService({
          db,
          group: 'ingest-test',
          retry: { firstMs: 10, maxMs: 50 },
          mqtt: { url: broker.url, clientId: `saha-ingest-${n}`, protocolVersion: 5 },
        }),
    );
    try {
      for (const svc of services) await svc.start();
      await Promise.all(
        devices.map(async (d, i) => {
          const id = `HT-${i + 1}`;
          for (let seq = 1; seq <= 100; seq++) {
            const m = eventMessage(id, seq);
            await d.publishAsync(m.topic, m.payload, { qos: 1 });
          }
        }),
      );
      const acked = async () =>
        (await db.query<{ a: number }>('select acked_seq::int as a from devices order by device_id')).rows.map((r) => r.a);
      await waitFor(async () => (await acked()).join() === '100,100', 'both devices acknowledged to 100');
      assert.equal((await db.query('select count(*)::int as n, count(distinct (device_id, seq))::int as d from events')).rows, [
        { n: 200, d: 200 },
      ]);
      assert.ok(
        services.every((svc) => svc.stats.stored > 0),
        `load split: ${services.map((x) => x.stats.stored).join(' + ')}`,
      );
    } finally {
      for (const svc of services) await svc.stop();
      for (const d of devices) await d.endAsync();
      await broker.close();
      await db.close();
    }
  });
  test.run();
});
