// JobDelivery plugged into the event store: what the broker is handed as the device answers,
// comes online and lists what it holds. The broker is a recording fake here; the e2e suite uses a real one.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { migrate } from '../../../../src/backoffice/db/migrate.js';
import { EventStore } from '../../../../src/backoffice/ingest/EventStore.js';
import { JobDelivery } from '../../../../src/backoffice/jobs/JobDelivery.js';
import { JobLedger } from '../../../../src/backoffice/jobs/JobLedger.js';
import { toLedgerOrder } from '../../../../src/backoffice/jobs/ledgerOrder.js';
import { assignOrder } from '../../../../src/backoffice/orders.js';
import { topics } from '../../../../src/core/contract/index.js';
import { databaseTargets, type TestDatabase } from '../../../helpers/databases.js';
import { readingJob } from '../../../helpers/sampleJobs.js';

const DEV = 'HT-0042';
const ctx = { deviceId: DEV, sentAt: '2026-11-20T08:00:00.000+03:00', newId: randomUUID };
const route = (n: number) => Array.from({ length: n }, (_, i) => toLedgerOrder(assignOrder(readingJob(i + 1), ctx))!);
const jobOf = (payload: string) => (JSON.parse(payload) as { job: { jobId: string; version: number } }).job;

/** A device's event as it would publish it. */
function event(seq: number, type: string, data: Record<string, unknown>, jobId?: string) {
  const env = {
    eventId: randomUUID(),
    deviceId: DEV,
    seq,
    type,
    occurredAt: '2026-11-20T09:00:00.000+03:00',
    operatorId: null,
    ...(jobId ? { jobId } : {}),
    data,
  };
  return { topic: topics.event(DEV, type as 'job.accepted'), payload: Buffer.from(JSON.stringify(env)) };
}
function status(state: 'online' | 'offline') {
  const s = {
    state,
    at: '2026-11-20T09:00:00.000+03:00',
    appVersion: '0.1.0',
    outboxDepth: 0,
    oldestPendingAt: null,
    printer: 'ready',
    operatorId: null,
  };
  return { topic: topics.status(DEV), payload: Buffer.from(JSON.stringify(s)) };
}

for (const target of databaseTargets()) {
  const s = suite(`job delivery in ingest (${target.name})`);
  let db: TestDatabase;
  let store: EventStore;
  let ledger: JobLedger;
  let delivery: JobDelivery;
  let published: { topic: string; payload: string }[];
  let seq: number;
  const ingest = async (...messages: { topic: string; payload: Buffer }[]) => {
    const outcome = await store.storeBatch(messages, delivery.hook);
    await delivery.afterBatch(outcome);
    await delivery.idle();
  };
  const accept = (...payloads: string[]) =>
    ingest(
      ...payloads.map((p) => {
        const j = jobOf(p);
        return event(++seq, 'job.accepted', { jobId: j.jobId, version: j.version }, j.jobId);
      }),
    );

  s.before.each(async () => {
    db = await target.open();
    await migrate(db);
    store = new EventStore(db);
    ledger = new JobLedger(db, { window: 4 });
    published = [];
    seq = 0;
    delivery = new JobDelivery({
      ledger,
      pollMs: 0,
      publish: async (topic, payload) => {
        published.push({ topic, payload });
      },
    });
  });
  s.after.each(async () => {
    await delivery.stop();
    await db.close();
  });

  s("ingest's start sends the first window; each acceptance lets the next one go, in route order", async () => {
    await ledger.record(DEV, route(10));
    await delivery.start();
    await delivery.idle();
    assert.equal(
      published.map((p) => jobOf(p.payload).jobId),
      ['J-00001', 'J-00002', 'J-00003', 'J-00004'],
    );
    await accept(published[0]!.payload, published[1]!.payload);
    assert.equal(
      published.slice(4).map((p) => jobOf(p.payload).jobId),
      ['J-00005', 'J-00006'],
    );
    for (let answered = 2; answered < published.length;) {
      const next = published.slice(answered).map((p) => p.payload);
      answered = published.length;
      await accept(...next);
    }
    assert.is(published.length, 10, 'each job handed to the broker once');
    assert.is((await ledger.counts(DEV)).accepted, 10);
  });

  s('a device coming online gets again what it has not answered; a sync.requested decides by what it holds', async () => {
    await ledger.record(DEV, route(3));
    await delivery.start();
    await delivery.idle();
    published.length = 0;
    await ingest(status('offline'));
    await ingest(status('online'));
    assert.equal(
      published.map((p) => jobOf(p.payload).jobId),
      ['J-00001', 'J-00002', 'J-00003'],
    );
    published.length = 0;
    await ingest(
      event(++seq, 'sync.requested', {
        reason: 'session-lost',
        heldFromSeq: 1,
        page: 1,
        pages: 1,
        jobs: [{ jobId: 'J-00002', version: 1 }],
      }),
    );
    assert.equal(
      published.map((p) => jobOf(p.payload).jobId),
      ['J-00001', 'J-00003'],
    );
    assert.is((await ledger.counts(DEV)).accepted, 1);
  });

  s('a publish that fails goes back to the queue and is taken at the next trigger', async () => {
    let fail = true;
    delivery = new JobDelivery({
      ledger,
      pollMs: 0,
      publish: async (topic, payload) => {
        if (fail) throw new Error('broker gone');
        published.push({ topic, payload });
      },
    });
    await ledger.record(DEV, route(2));
    await delivery.start();
    await delivery.idle();
    assert.is((await ledger.counts(DEV)).queued, 2);
    fail = false;
    await ingest(status('online'));
    assert.is(published.length, 2);
  });

  s('a route recorded while ingest runs (by dispatch, another process) is found and sent', async () => {
    delivery = new JobDelivery({
      ledger,
      pollMs: 10,
      publish: async (topic, payload) => {
        published.push({ topic, payload });
      },
    });
    await delivery.start();
    await ledger.record(DEV, route(6));
    const until = async (n: number) => {
      while (published.length < n) await new Promise((r) => setTimeout(r, 10));
    };
    await until(4);
    await accept(published[0]!.payload);
    await until(5);
    assert.equal(
      published.map((p) => jobOf(p.payload).jobId),
      ['J-00001', 'J-00002', 'J-00003', 'J-00004', 'J-00005'],
    );
  });

  s.run();
}
