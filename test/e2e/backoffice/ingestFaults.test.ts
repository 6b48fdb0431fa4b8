/**
 * Issue 14 "Faults", second case: `saha ingest` (a real child process on Mosquitto and PostgreSQL)
 * SIGKILLed in the middle of a batch (a transaction that has written and not committed) and started
 * again, and PostgreSQL's connections cut with pg_terminate_backend while the devices drain. Nothing
 * is lost and nothing stored twice (every seq 1..N of every device exactly once, with the eventId
 * the device committed); while ingest is down the devices keep every event above their last ack
 * (with end-to-end acks the broker's PUBACK does not let them forget one), even after sending them
 * again on the ack timeout, and they drain once it is back.
 *
 * Seeded (SAHA_FAULT_SEED, printed); no wall-clock assertions: time only paces the faults, and every
 * wait is on a condition with a generous cap.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { PrivateMosquitto } from '../../helpers/mosquitto.js';
import { prng } from '../../helpers/prng.js';
import { waitFor } from '../../helpers/waitFor.js';
import {
  diagnose,
  IngestProcess,
  LedgerDevice,
  ledgerDiff,
  q,
  sleep,
  storedCount,
  terminateConnections,
  whenMosquittoAndPostgres,
  writingTransactions,
} from './fixtures/ingestRig.js';

const SEED = Number(process.env.SAHA_FAULT_SEED ?? 20261215);
const IDS = ['HT-0201', 'HT-0202'];
const BACKLOG = 400;

whenMosquittoAndPostgres('ingest SIGKILLed and its database connections cut', (openDb) => {
  test(`ingest SIGKILLed mid-batch and restarted, PostgreSQL connections terminated during the drain: every seq of ${IDS.length} devices stored once (seed ${SEED})`, async () => {
    const rnd = prng(SEED);
    const m = await PrivateMosquitto.start({ devices: IDS });
    const db = await openDb();
    const url = db.url!;
    const ingest = new IngestProcess({ databaseUrl: url, mosquitto: m, countPattern: /storing a batch of \d+ failed/ });
    const watcher = new pg.Client({ connectionString: url });
    watcher.on('error', () => undefined);
    const devices: LedgerDevice[] = [];
    let recording = true;
    let live: Promise<void> = Promise.resolve();
    const log: string[] = [];

    /** SIGKILLs ingest as soon as it is inside a batch that has written (polled; capped). */
    const killMidBatch = async () => {
      let seen = false;
      for (let i = 0; i < 2000 && !seen; i++) {
        seen = (await writingTransactions(url, watcher)) > 0;
        if (!seen) await sleep(5);
      }
      await ingest.kill();
      log.push(
        `ingest SIGKILLed ${seen ? 'inside a writing transaction' : '(no batch caught in flight)'} at ${await storedCount(db)} stored`,
      );
      return seen;
    };

    try {
      await watcher.connect();
      await ingest.start();
      for (const id of IDS) {
        const d = await LedgerDevice.create({ url: m.plainUrl, username: id, password: m.password(id) }, id, { ackTimeoutMs: 1500 });
        devices.push(d);
        await d.record(BACKLOG);
      }
      for (const d of devices) d.device.start();
      live = (async () => {
        while (recording) {
          for (const d of devices) await d.record(1);
          await sleep(rnd.int(10, 60));
        }
      })();

      // 1. Ingest dies in the middle of a batch.
      await waitFor(async () => (await storedCount(db)) >= 50, 'ingest storing', 60_000, 10);
      const caught = [await killMidBatch()];

      // 2. While it is down the devices keep recording and sending; the broker PUBACKs (it queues for
      // ingest's session) and then the ack timeout sends everything unacknowledged again. At every
      // look each device still holds every seq above its last ack.
      const missing: string[] = [];
      const resendsBefore = devices.map((d) => d.device.sender.timeoutResends);
      const down = async (what: string) => {
        for (const d of devices) for (const s of d.unackedMissing()) missing.push(`${what}: ${d.id} seq ${s}`);
      };
      await waitFor(
        async () => {
          await down('ingest down');
          return devices.every((d, i) => d.device.sender.timeoutResends > resendsBefore[i]!);
        },
        'every device sent its unacknowledged events again on the ack timeout',
        120_000,
        50,
      );
      await down('ingest down, after the resend');
      const storedWhileDown = await storedCount(db);
      assert.equal(missing, [], 'the devices kept every event above their last ack while ingest was down');
      const heldAbove = devices.map((d) => `${d.id} holds ${d.outbox().length} (ack ${d.device.sender.ackedSeq()}, issued ${d.issued})`);

      // 3. Back, and its database connections cut while it drains; then killed mid-batch once more.
      await ingest.start();
      let terminated = 0;
      // A cut can land between two batches (the connection is then only idle); cut again until one
      // has failed a batch, at least 4 times and at most 40, so the case cannot pass without the fault.
      const failedBatches = () => ingest.counted;
      for (let k = 0; k < 40 && (k < 4 || failedBatches() === 0); k++) {
        // Ingest must be storing again (the devices record all along), or it is stuck.
        await waitFor(
          async () => {
            if (ingest.crashes.length) throw new Error(`saha ingest exited by itself: ${ingest.crashes.join('\n')}`);
            return (await writingTransactions(url, watcher)) > 0;
          },
          `ingest inside a batch before cut ${k + 1}`,
          90_000,
          5,
        );
        await sleep(rnd.int(0, 5));
        terminated += await terminateConnections(url, watcher);
        log.push(`pg_terminate_backend at ${await storedCount(db)} stored`);
        await sleep(rnd.int(200, 800));
      }
      caught.push(await killMidBatch());
      await down('ingest down again');
      await sleep(rnd.int(200, 1000));
      await ingest.start();
      await sleep(rnd.int(300, 1000));
      recording = false;
      await live;

      await waitFor(
        () => devices.every((d) => d.outbox().length === 0),
        'every device outbox empty (all acknowledged end to end)',
        180_000,
        100,
      );

      assert.equal(missing, [], 'the devices never dropped an unacknowledged event');
      for (const d of devices) assert.equal(await ledgerDiff(db, d), [], `${d.id}: every seq 1..${d.issued} stored once, as committed`);
      const acked = await q<{ device_id: string; acked: number }>(
        db,
        'select device_id, acked_seq::int as acked from devices order by device_id',
      );
      assert.equal(
        acked,
        devices.map((d) => ({ device_id: d.id, acked: d.issued })),
        "acked_seq is every device's last seq",
      );
      assert.equal(await q(db, 'select reason, detail from quarantine'), [], 'nothing quarantined');
      assert.ok(storedWhileDown > 0 && terminated > 0, 'the faults happened');
      assert.ok(caught.some(Boolean), 'at least one SIGKILL landed inside a writing transaction');
      const refused = failedBatches();
      assert.ok(refused >= 1, 'a cut connection failed at least one batch, which ingest retried');
      assert.equal(ingest.crashes, [], 'saha ingest never exited by itself');
      await ingest.stop();
      const stats = /stopped: (\{.*\})/.exec(ingest.log)?.[1] ?? '(no stats line)';
      console.log(
        `ingest faults: seed ${SEED}; ${log.join('; ')}; ${terminated} connections terminated, ${refused} batch attempts failed and retried; while down: ${heldAbove.join(', ')}; ` +
          `seqs ${devices.map((d) => `${d.id} 1..${d.issued}`).join(', ')}; last ingest run ${stats}`,
      );
    } catch (e) {
      console.error(`${log.join('\n')}\n${await diagnose(db, devices, ingest, m)}`);
      throw e;
    } finally {
      recording = false;
      await live.catch(() => undefined);
      for (const d of devices) await d.device.stop().catch(() => undefined);
      await watcher.end().catch(() => undefined);
      await ingest.cleanup();
      await m.cleanup();
      await db.close();
    }
  });
  test.run();
});
