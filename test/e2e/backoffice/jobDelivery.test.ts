/**
 * Jobs that reach the device, end to end on the in-process broker (aedes), on PGlite and on
 * PostgreSQL: `saha dispatch` with a database records the route, ingest (with the job-delivery
 * plug-in) sends it paced and re-sends it, a real device (store, InboundService, outbox with
 * end-to-end acks, sync.requested) takes it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { IngestService } from '../../../src/backoffice/ingest/IngestService.js';
import type { IngestPlugin } from '../../../src/backoffice/ingest/plugins.js';
import { jobDeliveryPlugin } from '../../../src/backoffice/jobs/jobDeliveryPlugin.js';
import { recordOrders } from '../../../src/backoffice/jobs/recordDispatch.js';
import { JobLedger } from '../../../src/backoffice/jobs/JobLedger.js';
import { assignOrder } from '../../../src/backoffice/orders.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { Device, fixtureDir } from '../../contract/mqtt/linkRig.js';
import { databaseTargets, type TestDatabase } from '../../helpers/databases.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { waitFor } from '../../helpers/waitFor.js';

const DEV = 'HT-0042';
const signer = { kid: 'test-2026-01', privateKey: readFileSync(fixtureDir + 'keys/test-2026-01.key.pem', 'utf8') };
// Sent now: a signed order expires DEFAULT_VALID_HOURS after sentAt, and the device checks that.
const ctx = { deviceId: DEV, sentAt: new Date().toISOString(), newId: randomUUID, signer };
const route = (n: number, from = 1) => Array.from({ length: n }, (_, i) => assignOrder(readingJob(from + i), ctx));

for (const target of databaseTargets()) {
  const s = suite(`job delivery end to end (aedes, ${target.name})`);
  let broker: InProcessBroker;
  let db: TestDatabase;
  let ingest: IngestService | undefined;
  let device: Device | undefined;

  const startIngest = async (window: number, plugin: IngestPlugin = jobDeliveryPlugin({ window, pollMs: 50 })) => {
    ingest = new IngestService({
      db,
      plugins: [plugin],
      share: false,
      retry: { firstMs: 10, maxMs: 50 },
      mqtt: { url: broker.url, clientId: 'saha-ingest-1', protocolVersion: 4, reconnectMs: 50 },
    });
    await ingest.start();
  };
  const startDevice = async (store?: Device['store']) => {
    device = await Device.create({ url: broker.url }, 4, { deviceId: DEV, sync: true, ackTimeoutMs: 300, ...(store ? { store } : {}) });
    device.start();
    return device;
  };
  const jobsOnDevice = () => [...device!.store.values('jobs')].length;
  const counts = () => new JobLedger(db).counts(DEV);

  s.before.each(async () => {
    broker = await new InProcessBroker().start();
    db = await target.open();
  });
  s.after.each(async () => {
    await device?.stop();
    device = undefined;
    await ingest?.stop();
    ingest = undefined;
    await broker.close();
    await db.close();
  });

  s('a route dispatched before the device ever connected arrives when it connects', async () => {
    await startIngest(20);
    const r = await recordOrders(db, DEV, route(30));
    assert.equal([r.recorded, r.everSeen], [30, false], 'dispatch says it has never connected');
    // Ingest hands the first window to the broker, which has no session for the device and drops it.
    await waitFor(async () => (await counts()).sent === 20, 'first window handed to the broker');
    await startDevice();
    await waitFor(() => jobsOnDevice() === 30, 'all 30 jobs on the device');
    await waitFor(async () => (await counts()).accepted === 30, 'all 30 accepted in the ledger');
  });

  s('a route queued in a session the broker then lost is sent again when the device comes back', async () => {
    await startIngest(50);
    await startDevice();
    await waitFor(
      async () => (await db.query('select 1 from devices where device_id = $1 and online', [DEV])).rowCount === 1,
      'ingest saw the device online',
    );
    const store = device!.store;
    await device!.stop();
    device = undefined;
    await waitFor(
      async () => (await db.query('select 1 from devices where device_id = $1 and not online', [DEV])).rowCount === 1,
      'ingest saw it offline',
    );
    await recordOrders(db, DEV, route(40));
    await waitFor(async () => (await counts()).sent === 40, 'the route is in the broker, queued for the offline device');
    // The broker restarts without persistence: the device's session and its queued jobs are gone.
    const port = broker.port;
    await broker.close();
    broker = await new InProcessBroker().start(port);
    await startDevice(store);
    await waitFor(() => jobsOnDevice() === 40, 'all 40 jobs on the device after the session was lost', 30_000);
    await waitFor(async () => (await counts()).accepted === 40, 'all 40 accepted in the ledger', 30_000);
  });

  s("when ingest's own broker connection comes back, what the broker may have lost is sent again", async () => {
    await startIngest(10, jobDeliveryPlugin({ window: 10, pollMs: 0 }));
    await startDevice();
    await waitFor(
      async () => (await db.query('select 1 from devices where device_id = $1 and online', [DEV])).rowCount === 1,
      'ingest saw the device online',
    );
    // Five jobs the broker acknowledged to ingest and then lost in a restart from an older
    // persistence file: the ledger says sent, the device never got them, its session looks intact.
    await recordOrders(db, DEV, route(5));
    await db.query(`update job_messages set state = 'sent', sent_at = clock_timestamp(), send_count = 1`);
    await broker.stopListening({ keepClients: [DEV] });
    await broker.listen();
    await waitFor(() => jobsOnDevice() === 5, 'the five jobs on the device');
  });

  s('a 1,020-job route never has more than the window unanswered between office and device', async () => {
    const W = 100;
    const published = new Set<string>();
    let maxInFlight = 0;
    const inner = jobDeliveryPlugin({ window: W, pollMs: 50 });
    // Measured at each publish, in this process: what the office has published minus what the
    // device has already stored. The office knows of fewer acceptances than the device has
    // made, so this is at most what the ledger counted as in flight when it chose to send.
    const spied: IngestPlugin = {
      ...inner,
      start: (c) =>
        inner.start!({
          ...c,
          publish: (topic, payload, o) => {
            const m = JSON.parse(String(payload)) as { type: string; messageId: string };
            if (m.type === 'job.assign') {
              published.add(m.messageId);
              maxInFlight = Math.max(maxInFlight, published.size - (device ? jobsOnDevice() : 0));
            }
            return c.publish(topic, payload, o);
          },
        }),
    };
    await startDevice();
    await startIngest(W, spied);
    await recordOrders(db, DEV, route(1020));
    await waitFor(() => jobsOnDevice() === 1020, 'all 1,020 jobs on the device', 120_000);
    await waitFor(async () => (await counts()).accepted === 1020, 'all accepted in the ledger', 60_000);
    assert.ok(maxInFlight <= W, `at most ${W} in flight, saw ${maxInFlight}`);
    assert.ok(maxInFlight >= W / 2, `the window was used (${maxInFlight})`);
    assert.is(published.size, 1020);
  });

  s.run();
}
