// sync.requested: when the device sends it, what it lists, and that every page is valid contract v1.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SyncRequester } from '../../../src/app/SyncRequester.js';
import { topics, validateEvent, syncRequestPages, type SyncRequestedData } from '../../../src/core/contract/index.js';
import type { StoreEngine } from '../../../src/adapters/store/StoreEngine.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { FakeLink, memoryStore, queue } from './senderRig.js';
import { untyped } from '../../helpers/untypedTx.js';

async function holdJobs(store: StoreEngine, n: number): Promise<void> {
  await store.transact((tx) => {
    for (let i = 1; i <= n; i++)
      untyped(tx).put('jobs', `J-${i}`, { job: { jobId: `J-${i}`, version: 1 + (i % 3) }, state: 'open', workIds: [] });
  });
}
const syncEvents = (store: StoreEngine) => [...store.values('outbox')].filter((e) => e.envelope.type === 'sync.requested');
const tick = () => new Promise((r) => setImmediate(r));

test('450 jobs: three pages of 200, 200 and 50, each a valid event on its topic, every job once', async () => {
  const { store } = await memoryStore();
  await holdJobs(store, 450);
  const link = new FakeLink();
  const sync = new SyncRequester({ store, link });
  sync.start();
  link.connect(false);
  await tick();
  const events = syncEvents(store);
  assert.is(events.length, 3);
  for (const e of events)
    assert.equal(validateEvent(e.envelope, e.topic), { ok: true }, JSON.stringify(validateEvent(e.envelope, e.topic)));
  assert.is(events[0]!.topic, topics.event('HT-0042', 'sync.requested'));
  const data = events.map((e) => e.envelope.data as SyncRequestedData);
  assert.equal(
    data.map((d) => [d.reason, d.page, d.pages, d.jobs.length]),
    [
      ['start', 1, 3, 200],
      ['start', 2, 3, 200],
      ['start', 3, 3, 50],
    ],
  );
  const ids = data.flatMap((d) => d.jobs.map((j) => j.jobId));
  assert.is(new Set(ids).size, 450);
  assert.equal(data[0]!.jobs[1], { jobId: 'J-2', version: 3 });
});

test('heldFromSeq: the next seq when the outbox is empty, else the lowest seq still held', async () => {
  const { store } = await memoryStore();
  await queue(store, 4);
  await store.transact((tx) => {
    tx.del('outbox', '000000000001');
    tx.del('outbox', '000000000002');
    tx.del('outbox', '000000000003');
    tx.del('outbox', '000000000004');
  });
  const sync = new SyncRequester({ store, link: new FakeLink() });
  await sync.request('start');
  const first = syncEvents(store)[0]!;
  assert.is((first.envelope.data as SyncRequestedData).heldFromSeq, 5);
  assert.is(first.seq, 5);
  await sync.request('session-lost');
  assert.is((syncEvents(store)[1]!.envelope.data as SyncRequestedData).heldFromSeq, 5, 'the first request is still held');
});

test('no jobs held: one page with an empty list', async () => {
  const { store } = await memoryStore();
  await new SyncRequester({ store, link: new FakeLink() }).request('start');
  assert.equal(syncEvents(store)[0]!.envelope.data as SyncRequestedData, { reason: 'start', heldFromSeq: 1, page: 1, pages: 1, jobs: [] });
});

test('sent at the first connection after start and when the broker lost the session, not when it kept it', async () => {
  const { store } = await memoryStore();
  const link = new FakeLink();
  const sync = new SyncRequester({ store, link });
  sync.start();
  link.connect(true); // even with a session: the app may have missed jobs while it was not running
  await tick();
  link.drop();
  link.connect(true);
  await tick();
  link.drop();
  link.connect(false);
  await tick();
  assert.equal(
    syncEvents(store).map((e) => (e.envelope.data as SyncRequestedData).reason),
    ['start', 'session-lost'],
  );
  sync.stop();
  link.drop();
  link.connect(false);
  await tick();
  assert.is(syncEvents(store).length, 2);
});

test('released: announced once per heldFrom, never below what was already announced, after a request in progress', async () => {
  const { store } = await memoryStore();
  await queue(store, 3); // seqs 1..3 held
  const sync = new SyncRequester({ store, link: new FakeLink() });
  void sync.request('start');
  await sync.released(1); // the start request already said 1
  await sync.released(3);
  await sync.released(3);
  await sync.released(2);
  const data = syncEvents(store).map((e) => e.envelope.data as SyncRequestedData);
  assert.equal(
    data.map((d) => [d.reason, d.heldFromSeq]),
    [
      ['start', 1],
      ['released', 3],
    ],
  );
});

test('pages of any size are cut at 200', () => {
  const jobs = Array.from({ length: 401 }, (_, i) => ({ jobId: `J-${i}`, version: 1 }));
  assert.equal(
    syncRequestPages({ reason: 'start', heldFromSeq: 1, jobs }).map((p) => p.jobs.length),
    [200, 200, 1],
  );
  assert.equal(
    syncRequestPages({ reason: 'start', heldFromSeq: 1, jobs: jobs.slice(0, 200) }).map((p) => p.jobs.length),
    [200],
  );
});

test.run();
