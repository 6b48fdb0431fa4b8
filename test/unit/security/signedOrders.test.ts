/** With signature checking on, only orders signed by a provisioned back-office key become work. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { InboundService } from '../../../src/app/InboundService.js';
import { generateSigningKeyPair, signMessage } from '../../../src/core/contract/index.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const keys = new URL('../../fixtures/contract/keys/', import.meta.url).pathname;
const A = {
  kid: 'test-2026-01',
  privateKey: readFileSync(`${keys}test-2026-01.key.pem`, 'utf8'),
  publicKey: readFileSync(`${keys}test-2026-01.pub.pem`, 'utf8'),
};
const B = {
  kid: 'test-2026-07',
  privateKey: readFileSync(`${keys}test-2026-07.key.pem`, 'utf8'),
  publicKey: readFileSync(`${keys}test-2026-07.pub.pem`, 'utf8'),
};
const JOBS = 'saha/v1/devices/HT-0042/jobs';

async function device(trusted: (typeof A)[]) {
  const store = await memoryTarget().open();
  const inbound = new InboundService({
    store,
    deviceId: 'HT-0042',
    maxBytes: 100_000,
    keys: new Map(trusted.map((k) => [k.kid, k.publicKey])),
    requireSignatures: true,
    notify: () => undefined,
    clock: Date.now,
  });
  const send = (m: object) => inbound.handle(JOBS, Buffer.from(JSON.stringify(m)));
  const rejections = () =>
    [...store.values('outbox')]
      .filter((e) => e.envelope.type === 'job.rejected')
      .map((e) => e.envelope.data as { errors: { message: string }[] });
  return { store, send, rejections };
}
// Every signed order names its device and expires (contract §Signed orders).
const scope = { deviceId: 'HT-0042', notAfter: new Date(Date.now() + 3_600_000).toISOString() };
const assign = (id: string, version = 1, jobNo = 1) => ({
  messageId: id,
  sentAt: '2026-11-25T08:00:00.000+03:00',
  type: 'job.assign',
  job: { ...readingJob(jobNo), version },
  ...scope,
});

test('a correctly signed job is accepted; with two valid keys (rotation) both work', async () => {
  const d = await device([A, B]);
  await d.send(signMessage(assign('m1', 1, 1), A));
  await d.send(signMessage(assign('m2', 1, 2), B));
  assert.ok(d.store.get('jobs', 'J-00001'));
  assert.ok(d.store.get('jobs', 'J-00002'));
  assert.is(d.rejections().length, 0);
});

test('unsigned, forged (tampered after signing), wrong-key and unknown-key orders are rejected and never become work', async () => {
  const d = await device([A]);
  const rogue = generateSigningKeyPair();
  const tampered = signMessage(assign('m3', 1, 3), A);
  (tampered.job as { customer: { address: string } }).customer.address = 'Başka adres';
  const cases = [
    assign('m1', 1, 1),
    tampered,
    signMessage(assign('m4', 1, 4), { kid: A.kid, privateKey: rogue.privateKeyPem }),
    signMessage(assign('m5', 1, 5), B),
  ];
  for (const m of cases) await d.send(m);
  assert.is(d.store.size('jobs'), 0);
  assert.is(d.rejections().length, cases.length, 'each one reported as job.rejected');
});

test('replays: the same signed message twice is one job; an old signed version cannot undo a newer one or revive a cancelled job', async () => {
  const d = await device([A]);
  const v1 = signMessage(assign('m1', 1, 1), A);
  await d.send(v1);
  await d.send(signMessage(assign('m2', 2, 1), A));
  await d.send(v1); // replayed by an attacker on the link
  assert.is(d.store.get('jobs', 'J-00001')!.job.version, 2);
  await d.send(
    signMessage(
      { messageId: 'c1', sentAt: '2026-11-25T09:00:00.000+03:00', type: 'job.cancel', jobId: 'J-00001', reason: 'paid', ...scope },
      A,
    ),
  );
  assert.is(d.store.get('jobs', 'J-00001')!.state, 'cancelled');
  await d.send(signMessage(assign('m9', 3, 1), A)); // even a newer, validly signed version
  assert.is(d.store.get('jobs', 'J-00001')!.state, 'cancelled', 'a cancelled job stays cancelled');
});

test.run();
