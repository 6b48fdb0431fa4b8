/**
 * Issue 14 "Faults", job delivery on Mosquitto (the shipped configuration) with `saha ingest` as a
 * real child process on PostgreSQL:
 *   - a route recorded with `saha dispatch --database-url` (a real child process too) before the
 *     device ever connected reaches it when it connects: the broker had no session to queue it in,
 *     the device's sync.requested at its first connection says what it holds;
 *   - a route ingest handed to the broker while the device was offline, lost when Mosquitto came
 *     back with no persistence (SIGKILL, persistence file removed: a fresh broker on the same port),
 *     reaches the device when it reconnects: the CONNACK says the session is gone, the device sends
 *     sync.requested, ingest sends what is missing again.
 * Devices have end-to-end acks on and verify the route's signatures. Every wait is on a condition
 * with a generous cap; no wall-clock assertions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobLedger } from '../../../src/backoffice/jobs/JobLedger.js';
import { recordOrders } from '../../../src/backoffice/jobs/recordDispatch.js';
import { assignOrder } from '../../../src/backoffice/orders.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { isoInstant } from '../../../src/core/time/calendar.js';
import { Device, fixtureDir } from '../../contract/mqtt/linkRig.js';
import { PrivateMosquitto } from '../../helpers/mosquitto.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { waitFor } from '../../helpers/waitFor.js';
import { IngestProcess, q, runSaha, whenMosquittoAndPostgres } from './fixtures/ingestRig.js';

const KEY_FILE = fixtureDir + 'keys/test-2026-01.key.pem';
const KID = 'test-2026-01';

whenMosquittoAndPostgres('job delivery through broker faults', (openDb) => {
  const device = (m: PrivateMosquitto, id: string, store?: Device['store']) =>
    Device.create({ url: m.plainUrl, username: id, password: m.password(id) }, 5, {
      deviceId: id,
      endToEndAck: 'on',
      sync: true,
      ackTimeoutMs: 2000,
      ...(store ? { store } : {}),
    });
  const jobsOn = (d: Device) => [...d.store.values('jobs')].map((j) => j.job.jobId).sort();
  /** Every job of the route on the device (exactly those) and accepted in the office's ledger. */
  async function routeArrived(
    db: ConstructorParameters<typeof JobLedger>[0],
    d: Device,
    id: string,
    jobs: { jobId: string }[],
    where: string,
  ): Promise<void> {
    const n = jobs.length;
    await waitFor(() => jobsOn(d).length === n, `all ${n} jobs ${where}`, 120_000, 100);
    assert.equal(jobsOn(d), jobs.map((j) => j.jobId).sort());
    await waitFor(async () => (await new JobLedger(db).counts(id)).accepted === n, `all ${n} accepted in the ledger`, 120_000, 100);
  }
  const online = async (db: Parameters<typeof q>[0], id: string) =>
    (await q<{ online: boolean }>(db, 'select online from devices where device_id = $1', [id]))[0]?.online;

  test('a route recorded by saha dispatch before the device ever connected arrives when it connects', async () => {
    const id = 'HT-0301';
    const m = await PrivateMosquitto.start({ devices: [id] });
    const db = await openDb();
    const ingest = new IngestProcess({ databaseUrl: db.url!, mosquitto: m });
    const dir = mkdtempSync(join(tmpdir(), 'saha-route-'));
    let d: Device | undefined;
    try {
      await ingest.start();
      const jobs = Array.from({ length: 30 }, (_, i) => readingJob(i + 1));
      writeFileSync(join(dir, 'route.json'), JSON.stringify(jobs));
      const r = await runSaha([
        'dispatch',
        '--device',
        id,
        '--route',
        join(dir, 'route.json'),
        '--key',
        KEY_FILE,
        '--kid',
        KID,
        '--database-url',
        db.url!,
      ]);
      assert.is(r.code, 0, r.stderr);
      assert.match(r.stdout, /30 job\(s\) recorded; device HT-0301 has never connected/);
      // Ingest picks the route up from the ledger and hands the first window to the broker, which
      // has no session for the device and drops it.
      await waitFor(async () => (await new JobLedger(db).counts(id)).sent === 30, 'ingest sent the route to the broker', 60_000, 100);
      d = await device(m, id);
      d.start();
      await routeArrived(db, d, id, jobs, 'on the device');
      assert.equal(ingest.crashes, []);
    } catch (e) {
      console.error(`${d?.logs.slice(-10).join('\n') ?? ''}\ningest log:\n${ingest.log.slice(-3000)}`);
      throw e;
    } finally {
      await d?.stop().catch(() => undefined);
      await ingest.cleanup();
      await m.cleanup();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a route queued for an offline device in a session the broker then lost (restarted without persistence) arrives when it reconnects', async () => {
    const id = 'HT-0302';
    const m = await PrivateMosquitto.start({ devices: [id] });
    const db = await openDb();
    const ingest = new IngestProcess({ databaseUrl: db.url!, mosquitto: m });
    let d: Device | undefined;
    try {
      await ingest.start();
      d = await device(m, id);
      d.start();
      await waitFor(async () => (await online(db, id)) === true, 'ingest saw the device online', 60_000, 100);
      const store = d.store;
      await d.stop();
      d = undefined;
      await waitFor(async () => (await online(db, id)) === false, 'ingest saw it go offline', 60_000, 100);

      const signer = { kid: KID, privateKey: readFileSync(KEY_FILE, 'utf8') };
      // Signed orders expire a few days after sentAt: sign them now, as saha dispatch does.
      const ctx = { deviceId: id, sentAt: isoInstant(Date.now()), newId: randomUUID, signer };
      const jobs = Array.from({ length: 40 }, (_, i) => readingJob(100 + i));
      const r = await recordOrders(
        db,
        id,
        jobs.map((j) => assignOrder(j, ctx)),
      );
      assert.equal([r.recorded, r.everSeen], [40, true]);
      await waitFor(
        async () => (await new JobLedger(db).counts(id)).sent === 40,
        'the route is in the broker, queued for the offline device',
        60_000,
        100,
      );

      // A fresh broker on the same port: SIGKILL, and no persistence file to come back from.
      await m.kill();
      rmSync(join(m.dir, 'mosquitto.db'), { force: true });
      await m.restart();

      d = await device(m, id, store);
      d.start();
      await routeArrived(db, d, id, jobs, 'on the device after the broker lost its session');
      assert.ok(
        d.states.some((s) => s.state === 'online' && !s.sessionPresent),
        'the device was told its session was gone',
      );
      assert.equal(ingest.crashes, []);
    } catch (e) {
      const types = await q(db, "select type, count(*)::int as n, min((envelope->'data')::text) as reason from events group by type").catch(
        (x: Error) => x.message,
      );
      console.error(
        `events stored: ${JSON.stringify(types)}\n${d?.logs.slice(-10).join('\n') ?? ''}\ningest log:\n${ingest.log.slice(-3000)}`,
      );
      throw e;
    } finally {
      await d?.stop().catch(() => undefined);
      await ingest.cleanup();
      await m.cleanup();
      await db.close();
    }
  });

  test.run();
});
