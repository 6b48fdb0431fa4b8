// Issue 16, typed store and events: an event whose data does not match the contract
// (docs/asyncapi.yaml, generated from src/core/contract) does not compile, a record of the wrong
// shape cannot be put in a collection, and events nobody on the device caused carry operatorId null.
// The @ts-expect-error lines are checked by `tsc --noEmit -p .`: if the typing regresses, the
// directive is unused and the type check fails.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InboundService } from '../../../src/app/InboundService.js';
import { topics, validateEvent } from '../../../src/core/contract/index.js';
import type { Tx } from '../../../src/ports/Store.js';
import { memoryTarget } from '../../helpers/storeTargets.js';

/** Never called: these lines exist for the compiler. */
export function doesNotCompile(tx: Tx): void {
  // @ts-expect-error job.accepted data has no `index`, and lacks `version`
  tx.event({ type: 'job.accepted', operatorId: null, data: { jobId: 'J-1', index: 3 } });
  // @ts-expect-error `version` is an integer, not a string
  tx.event({ type: 'job.accepted', operatorId: null, data: { jobId: 'J-1', version: '1' } });
  const readingData = { index: 1, previousIndex: 0, consumptionM3: '1', rollover: false, outlierConfirmed: false, readAt: '' };
  // @ts-expect-error gas.cut data is not reading.recorded data
  tx.event({ type: 'gas.cut', operatorId: '1001', data: readingData });
  // @ts-expect-error not an event type of the contract
  tx.event({ type: 'job.exploded', operatorId: null, data: {} });
  // @ts-expect-error operatorId is required: every call site says who acted (null: nobody)
  tx.event({ type: 'sync.requested', data: { reason: 'start', heldFromSeq: 1, page: 1, pages: 1, jobs: [] } });
  // @ts-expect-error a job record is not a work record
  tx.put('work', 'W-1', { job: {}, state: 'open', receivedAt: '', updatedAt: '', workIds: [] });
  // @ts-expect-error `meta` keys are known: an unknown one has no type
  tx.get('meta', 'whatever');
  const w = tx.get('work', 'W-1');
  // @ts-expect-error a work record must be narrowed by kind before a kind's field is read
  void w?.invoiceNo;
  if (w?.kind === 'reading') void w.invoiceNo; // narrowed: compiles, no cast
  const auth = tx.get('meta', 'auth:1001');
  void auth?.lockedUntil; // the key's prefix gives the type
}

test('an event that matches the contract is queued with that type and data', async () => {
  const store = await memoryTarget().open();
  const env = await store.transact((tx) =>
    tx.event({ type: 'job.accepted', operatorId: null, jobId: 'J-1', data: { jobId: 'J-1', version: 2 } }),
  );
  assert.is(env.type, 'job.accepted');
  assert.is(env.data.version, 2);
  assert.is(env.operatorId, null);
  const [entry] = [...store.values('outbox')];
  assert.equal(validateEvent(entry!.envelope, entry!.topic), { ok: true });
  await store.close();
});

const fixtureDir = new URL('../../fixtures/contract/', import.meta.url).pathname;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- samples are mutated freely
const fixture = (name: string): any => JSON.parse(readFileSync(fixtureDir + name, 'utf8'));

test('job.accepted and job.rejected carry operatorId null: nobody on the device acted (contract, envelope operatorId)', async () => {
  const store = await memoryTarget().open();
  const inbound = new InboundService({
    store,
    deviceId: 'HT-0042',
    maxBytes: 262144,
    keys: new Map(),
    requireSignatures: false,
    notify: () => undefined,
    clock: () => 0,
  });
  const m = fixture('jobs/job.assign.reading.json');
  await inbound.handle(topics.jobs('HT-0042'), Buffer.from(JSON.stringify({ ...m, messageId: 'm-1' })));
  await inbound.handle(topics.jobs('HT-0042'), Buffer.from('{not json'));
  const events = [...store.values('outbox')].map((e) => e.envelope);
  assert.equal(
    events.map((e) => [e.type, e.operatorId]),
    [
      ['job.accepted', null],
      ['job.rejected', null],
    ],
  );
  for (const e of events) assert.equal(validateEvent(e), { ok: true });
  await store.close();
});

test.run();
