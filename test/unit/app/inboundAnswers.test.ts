// Every message the back office sends is answered (issue 15, item 5): refusals with job.rejected,
// messages that change nothing with job.ignored and a reason, so the office can tell "ignored"
// from "lost". Every answer is a valid contract v1 event naming the message.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InboundService } from '../../../src/app/InboundService.js';
import { topics, validateEvent } from '../../../src/core/contract/index.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { memoryStore } from './senderRig.js';

const fixtureDir = new URL('../../fixtures/contract/', import.meta.url).pathname;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- samples are mutated freely
const fixture = (name: string): any => JSON.parse(readFileSync(fixtureDir + name, 'utf8'));
const JOBS = topics.jobs('HT-0042');
const body = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

async function rig() {
  const { store } = await memoryStore();
  const inbound = new InboundService({
    store,
    deviceId: 'HT-0042',
    maxBytes: 262144,
    keys: new Map(),
    requireSignatures: false,
    notify: () => undefined,
    clock: () => 0,
  });
  /** The answers so far, each checked against the contract. */
  const answers = () =>
    [...store.values('outbox')].map((e) => {
      const v = validateEvent(e.envelope, e.topic);
      assert.ok(v.ok, JSON.stringify(v));
      return { type: e.envelope.type, data: e.envelope.data as Record<string, unknown> };
    });
  return { store, inbound, answers };
}

const assign = (messageId: string, version: number, jobId = 'J-1001') => {
  const m = fixture('jobs/job.assign.reading.json');
  return { ...m, messageId, job: { ...m.job, jobId, version } };
};
const cancelOf = (messageId: string, jobId = 'J-1001') => ({ ...fixture('jobs/job.cancel.json'), messageId, jobId });

test('a job nested 5,000 deep in an unknown field is answered with job.rejected naming the message, not dropped', async () => {
  const { inbound, answers, store } = await rig();
  const text = JSON.stringify(assign('m-deep', 1)).replace('"job":{', `"job":{"x":${'['.repeat(5000)}${']'.repeat(5000)},`);
  await inbound.handle(JOBS, body(text));
  const [a] = answers();
  assert.is(a?.type, 'job.rejected');
  assert.is(a?.data.messageId, 'm-deep');
  assert.is(store.size('jobs'), 0);
});

test('a redelivered or reused messageId is answered job.ignored duplicate; the job is not touched', async () => {
  const { inbound, answers, store } = await rig();
  await inbound.handle(JOBS, body(assign('m-1', 1)));
  await inbound.handle(JOBS, body(assign('m-1', 1)));
  await inbound.handle(JOBS, body(assign('m-1', 2)));
  assert.equal(
    answers().map((a) => [a.type, a.data.reason]),
    [
      ['job.accepted', undefined],
      ['job.ignored', 'duplicate'],
      ['job.ignored', 'duplicate'],
    ],
  );
  assert.is(answers()[1]!.data.messageId, 'm-1');
  assert.is(store.get('jobs', 'J-1001')!.job.version, 1);
});

test('a lower or equal version is answered job.ignored older-version with the version held', async () => {
  const { inbound, answers } = await rig();
  await inbound.handle(JOBS, body(assign('m-1', 2)));
  await inbound.handle(JOBS, body(assign('m-2', 2)));
  await inbound.handle(JOBS, body(assign('m-3', 1)));
  assert.equal(
    answers()
      .slice(1)
      .map((a) => a.data),
    [
      { messageId: 'm-2', jobId: 'J-1001', reason: 'older-version', heldVersion: 2 },
      { messageId: 'm-3', jobId: 'J-1001', reason: 'older-version', heldVersion: 2 },
    ],
  );
});

test('repeated cancels and cancels of unknown jobs are answered; a later assign of a cancelled unknown job is refused', async () => {
  const { inbound, answers } = await rig();
  await inbound.handle(JOBS, body(assign('a-1', 1)));
  await inbound.handle(JOBS, body(cancelOf('c-1')));
  await inbound.handle(JOBS, body(cancelOf('c-2')));
  await inbound.handle(JOBS, body(cancelOf('c-3', 'J-9')));
  await inbound.handle(JOBS, body(cancelOf('c-4', 'J-9')));
  await inbound.handle(JOBS, body(assign('a-2', 1, 'J-9')));
  assert.equal(
    answers().map((a) => [a.type, a.data.messageId, a.data.reason]),
    [
      ['job.accepted', undefined, undefined],
      ['job.ignored', 'c-2', 'already-cancelled'],
      ['job.ignored', 'c-3', 'unknown-job'],
      ['job.ignored', 'c-4', 'already-cancelled'],
      ['job.rejected', 'a-2', undefined],
    ],
  );
});

test('a refused tariff is answered with job.rejected naming its tariffId', async () => {
  const { inbound, answers } = await rig();
  await inbound.handle(topics.tariff('ESGAZ-K1-2025-08'), body({ tariffId: 'ESGAZ-K1-2025-08' }));
  await inbound.handle(topics.tariff('ESGAZ-K1-2025-09'), body(`{"x":${'['.repeat(100)}${']'.repeat(100)}}`));
  assert.equal(
    answers().map((a) => [a.type, a.data.messageId, a.data.tariffId]),
    [
      ['job.rejected', null, 'ESGAZ-K1-2025-08'],
      ['job.rejected', null, 'ESGAZ-K1-2025-09'],
    ],
  );
});

test('a batch is committed in one transaction, each message answered as it would be alone', async () => {
  const { inbound, answers, store } = await rig();
  let commits = 0;
  store.onCommit(() => commits++);
  await inbound.handleBatch([
    { topic: JOBS, payload: body(assign('b-1', 1)) },
    { topic: JOBS, payload: body(assign('b-1', 1)) },
    { topic: JOBS, payload: body(assign('b-2', 1)) },
    { topic: JOBS, payload: body('{') },
    { topic: JOBS, payload: body(cancelOf('b-3')) },
  ]);
  assert.is(commits, 1);
  assert.equal(
    answers().map((a) => [a.type, a.data.reason]),
    [
      ['job.accepted', undefined],
      ['job.ignored', 'duplicate'],
      ['job.ignored', 'older-version'],
      ['job.rejected', undefined],
    ],
  );
  assert.is(store.get('jobs', 'J-1001')!.state, 'cancelled');
});

test.run();
