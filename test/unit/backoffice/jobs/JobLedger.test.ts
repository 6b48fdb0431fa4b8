// The job ledger on both database targets: a route recorded, paced, answered, re-sent.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate } from '../../../../src/backoffice/db/migrate.js';
import { JobLedger, type LedgerEvent } from '../../../../src/backoffice/jobs/JobLedger.js';
import { toLedgerOrder } from '../../../../src/backoffice/jobs/ledgerOrder.js';
import { assignOrder, cancelOrder, messageOrder } from '../../../../src/backoffice/orders.js';
import { databaseTargets, type TestDatabase } from '../../../helpers/databases.js';
import { readingJob } from '../../../helpers/sampleJobs.js';

const DEV = 'HT-0042';
let n = 0;
const ctx = {
  deviceId: DEV,
  sentAt: '2026-11-20T08:00:00.000+03:00',
  newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
};
const route = (count: number, from = 1) => Array.from({ length: count }, (_, i) => toLedgerOrder(assignOrder(readingJob(from + i), ctx))!);
const jobId = (i: number) => readingJob(i).jobId;
const accepted = (i: number, seq: number, version = 1): LedgerEvent => ({
  deviceId: DEV,
  type: 'job.accepted',
  seq,
  jobId: jobId(i),
  data: { jobId: jobId(i), version },
});
const jobIdOf = (payload: string) =>
  (JSON.parse(payload) as { job?: { jobId: string }; jobId?: string }).job?.jobId ?? (JSON.parse(payload) as { jobId?: string }).jobId;

for (const target of databaseTargets()) {
  const s = suite(`job ledger (${target.name})`);
  let db: TestDatabase;
  s.before.each(async () => {
    db = await target.open();
    await migrate(db);
  });
  s.after.each(async () => {
    await db.close();
  });

  s('a route is recorded once; dispatching it again adds nothing', async () => {
    const ledger = new JobLedger(db, { window: 3 });
    assert.equal(await ledger.record(DEV, route(5)), { recorded: 5, known: 0, settled: 0 });
    assert.equal(await ledger.record(DEV, route(5)), { recorded: 0, known: 5, settled: 0 });
    assert.is((await ledger.counts(DEV)).queued, 5);
    assert.equal(await ledger.devicesWithWork(), [{ deviceId: DEV, online: false }]);
    assert.equal(await ledger.devicesWithRoom(), [DEV]);
  });

  s('claims go one window at a time, in route order, with the exact recorded bytes', async () => {
    const ledger = new JobLedger(db, { window: 3 });
    const orders = route(5);
    await ledger.record(
      DEV,
      [...orders].reverse().sort((a, b) => a.routeSeq - b.routeSeq),
    );
    const first = await ledger.claim(DEV);
    assert.equal(
      first.map((o) => o.payload),
      orders.slice(0, 3).map((o) => o.payload),
    );
    assert.is(first[0]!.topic, `saha/v1/devices/${DEV}/jobs`);
    assert.equal(await ledger.claim(DEV), [], 'window full');
    assert.equal(await ledger.applyEvents([accepted(1, 1), accepted(2, 2)]), [DEV]);
    assert.equal(
      (await ledger.claim(DEV)).map((o) => jobIdOf(o.payload)),
      [jobId(4), jobId(5)],
    );
    assert.equal(await ledger.counts(DEV), { queued: 0, sent: 3, accepted: 2, rejected: 0, done: 0, cancelled: 0 });
  });

  s("accepted → done on completion; rejected with the device's reason; cancel-too-late", async () => {
    const ledger = new JobLedger(db, { window: 10 });
    const orders = route(3);
    await ledger.record(DEV, orders);
    await ledger.claim(DEV);
    const cancel = toLedgerOrder(cancelOrder(jobId(1), 'paid', ctx))!;
    await ledger.record(DEV, [cancel]);
    assert.equal(
      (await ledger.claim(DEV)).map((o) => o.messageId),
      [cancel.messageId],
      'the cancel goes once its assign has',
    );
    await ledger.applyEvents([
      accepted(2, 1),
      { deviceId: DEV, type: 'reading.recorded', seq: 2, jobId: jobId(2), data: {} },
      {
        deviceId: DEV,
        type: 'job.rejected',
        seq: 3,
        jobId: jobId(3),
        data: { messageId: orders[2]!.messageId, jobId: jobId(3), errors: [{ path: '/job/meter', message: 'bad meter' }] },
      },
      { deviceId: DEV, type: 'reading.recorded', seq: 4, jobId: jobId(1), data: {} },
      { deviceId: DEV, type: 'job.cancel-too-late', seq: 5, jobId: jobId(1), data: { jobId: jobId(1), messageId: cancel.messageId } },
    ]);
    const rows = (
      await db.query<{ message_id: string; state: string; reason: string | null; accepted_at: Date | null }>(
        'select message_id, state, reason, accepted_at from job_messages',
      )
    ).rows;
    const by = new Map(rows.map((r) => [r.message_id, r]));
    assert.is(by.get(orders[0]!.messageId)!.state, 'done', 'cancelled on record, done when the crew read it anyway');
    assert.is(by.get(orders[1]!.messageId)!.state, 'done');
    assert.ok(by.get(orders[1]!.messageId)!.accepted_at instanceof Date);
    assert.equal([by.get(orders[2]!.messageId)!.state, by.get(orders[2]!.messageId)!.reason], ['rejected', '/job/meter bad meter']);
    assert.equal(
      [by.get(cancel.messageId)!.state, by.get(cancel.messageId)!.reason],
      ['rejected', 'too late: work already recorded on the device'],
    );
  });

  s('a cancel of a job still queued sends nothing, and the job is never sent', async () => {
    const ledger = new JobLedger(db, { window: 1 });
    await ledger.record(DEV, route(2));
    assert.equal((await ledger.record(DEV, [toLedgerOrder(cancelOrder(jobId(2), 'paid', ctx))!])).settled, 1);
    assert.equal(
      (await ledger.claim(DEV)).map((o) => jobIdOf(o.payload)),
      [jobId(1)],
    );
    await ledger.applyEvents([accepted(1, 1)]);
    assert.equal(await ledger.claim(DEV), []);
  });

  s('online re-sends what is sent and unanswered; a crew message counts as delivered once a later assign is answered', async () => {
    const ledger = new JobLedger(db, { window: 10 });
    const msg = toLedgerOrder(messageOrder('Yarın 08:00 toplantı', ctx))!;
    await ledger.record(DEV, [msg, ...route(2)]);
    const sent = await ledger.claim(DEV);
    assert.equal(
      sent.map((o) => o.kind),
      ['message', 'assign', 'assign'],
    );
    assert.is(sent[0]!.topic, `saha/v1/devices/${DEV}/commands`);
    await ledger.applyEvents([accepted(1, 1)]);
    assert.equal(
      (await ledger.claim(DEV, { kind: 'online' })).map((o) => jobIdOf(o.payload) ?? o.kind),
      [jobId(2)],
    );
    const row = (await db.query<{ send_count: number }>('select send_count from job_messages where message_id = $1', [msg.messageId]))
      .rows[0]!;
    assert.is(row.send_count, 1);
  });

  s('a complete sync.requested (two pages) re-queues what the device lost and re-sends what it never got', async () => {
    const ledger = new JobLedger(db, { window: 10 });
    await ledger.record(DEV, route(3));
    await ledger.claim(DEV);
    await ledger.applyEvents([accepted(1, 1), accepted(2, 2)]);
    // The device lost J-1 (reinstalled), holds J-2, never got J-3.
    const page = async (seq: number, p: number, jobs: { jobId: string; version: number }[]) => {
      const data = { reason: 'session-lost', heldFromSeq: 3, page: p, pages: 2, jobs };
      await db.query(
        `insert into events (event_id, device_id, seq, type, occurred_at, local_date, envelope) values (gen_random_uuid(), $1, $2, 'sync.requested', now(), current_date, $3)`,
        [DEV, seq, JSON.stringify({ type: 'sync.requested', seq, data })],
      );
    };
    await page(3, 1, [{ jobId: jobId(2), version: 1 }]);
    assert.is(await ledger.completedSync(DEV, [3]), null, 'one page of two says nothing yet');
    await page(4, 2, []);
    const sync = await ledger.completedSync(DEV, [4]);
    assert.equal(sync, { syncSeq: 3, seqs: [3, 4], held: [{ jobId: jobId(2), version: 1 }] });
    assert.is(await ledger.completedSync(DEV, [2]), null, 'completed by another batch: not acted on twice');
    const out = await ledger.claim(DEV, { kind: 'sync', ...sync! });
    assert.equal(
      out.map((o) => jobIdOf(o.payload)),
      [jobId(1), jobId(3)],
    );
    assert.equal(await ledger.counts(DEV), { queued: 0, sent: 2, accepted: 1, rejected: 0, done: 0, cancelled: 0 });
  });

  s('a publish that failed goes back to the queue', async () => {
    const ledger = new JobLedger(db, { window: 2 });
    await ledger.record(DEV, route(2));
    const out = await ledger.claim(DEV);
    await ledger.release(out.map((o) => o.messageId));
    assert.equal(
      (await ledger.claim(DEV)).map((o) => o.messageId),
      out.map((o) => o.messageId),
    );
  });

  s('two claims at once never hand out more than the window', async () => {
    const ledger = new JobLedger(db, { window: 5 });
    await ledger.record(DEV, route(20));
    const [a, b] = await Promise.all([ledger.claim(DEV), new JobLedger(db, { window: 5 }).claim(DEV)]);
    assert.is(a.length + b.length, 5);
  });

  s.run();
}
