// Signatures that cover what matters (issue 15, item 4): with signatures required, tariffs are
// signed too, a signed order is carried out only by the device it names and only before its
// notAfter, and a JSON object with a key twice is refused before anything reads it.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InboundService } from '../../../src/app/InboundService.js';
import { assignOrder, tariffOrder } from '../../../src/backoffice/orders.js';
import { parseInbound, signMessage, topics, validateEvent, type Tariff } from '../../../src/core/contract/index.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const keys = new URL('../../fixtures/contract/keys/', import.meta.url).pathname;
const A = {
  kid: 'test-2026-01',
  privateKey: readFileSync(`${keys}test-2026-01.key.pem`, 'utf8'),
  publicKey: readFileSync(`${keys}test-2026-01.pub.pem`, 'utf8'),
};
const tariffFixture: Tariff = JSON.parse(
  readFileSync(new URL('../../fixtures/contract/tariffs/ESGAZ-K1-2025-08.json', import.meta.url), 'utf8'),
);
const NOW = Date.parse('2026-11-25T08:00:00.000+03:00');
const sentAt = '2026-11-25T08:00:00.000+03:00';

async function device(deviceId: string, clock = () => NOW) {
  const store = await memoryTarget().open();
  const inbound = new InboundService({
    store,
    deviceId,
    maxBytes: 100_000,
    keys: new Map([[A.kid, A.publicKey]]),
    requireSignatures: true,
    notify: () => undefined,
    clock,
  });
  const deliver = (topic: string, payload: string) => inbound.handle(topic, Buffer.from(payload));
  const answers = () =>
    [...store.values('outbox')].map((e) => {
      const v = validateEvent(e.envelope, e.topic);
      assert.ok(v.ok, JSON.stringify(v));
      return {
        type: e.envelope.type,
        ...(e.envelope.data as { messageId?: string | null; tariffId?: string; errors?: { path: string; message: string }[] }),
      };
    });
  return { store, deliver, answers };
}

const assign = (jobNo = 1, over: object = {}) => ({
  messageId: `m-${jobNo}`,
  sentAt,
  type: 'job.assign',
  job: readingJob(jobNo),
  deviceId: 'HT-SIG',
  notAfter: '2026-11-28T08:00:00.000+03:00',
  ...over,
});

test('an order signed for HT-SIG is carried out by HT-SIG and refused by HT-SIG2, naming the device', async () => {
  const order = assignOrder(readingJob(1), { deviceId: 'HT-SIG', sentAt, newId: () => 'x', signer: A });
  const mine = await device('HT-SIG');
  await mine.deliver(topics.jobs('HT-SIG'), order.payload);
  assert.equal(
    mine.answers().map((a) => a.type),
    ['job.accepted'],
  );
  // The same bytes replayed on the other device's topic (a broker account that may publish there).
  const other = await device('HT-SIG2');
  await other.deliver(topics.jobs('HT-SIG2'), order.payload);
  const [a] = other.answers();
  assert.is(a?.type, 'job.rejected');
  assert.equal(
    a?.errors?.map((e) => e.path),
    ['/deviceId'],
  );
  assert.match(a!.errors![0]!.message, /for device "HT-SIG", not "HT-SIG2"/);
  assert.is(other.store.size('jobs'), 0);
});

test('a signed order past its notAfter is refused; one without deviceId or notAfter too', async () => {
  const d = await device('HT-SIG', () => Date.parse('2026-11-28T08:00:00.001+03:00'));
  await d.deliver(topics.jobs('HT-SIG'), JSON.stringify(signMessage(assign(1), A)));
  const { deviceId: _d, ...noDevice } = assign(2);
  const { notAfter: _n, ...noExpiry } = assign(3);
  await d.deliver(topics.jobs('HT-SIG'), JSON.stringify(signMessage({ ...noDevice, notAfter: '2026-12-01T00:00:00Z' }, A)));
  await d.deliver(topics.jobs('HT-SIG'), JSON.stringify(signMessage(noExpiry, A)));
  assert.equal(
    d.answers().map((a) => [a.type, a.messageId, a.errors?.[0]?.path]),
    [
      ['job.rejected', 'm-1', '/notAfter'],
      ['job.rejected', 'm-2', '/deviceId'],
      ['job.rejected', 'm-3', '/notAfter'],
    ],
  );
  assert.match(d.answers()[0]!.errors![0]!.message, /expired at 2026-11-28T08:00:00.000\+03:00/);
  assert.is(d.store.size('jobs'), 0);
});

test('deviceId and notAfter are signed: changing them after signing breaks the signature', async () => {
  const d = await device('HT-SIG2');
  const signed = { ...signMessage(assign(1), A), deviceId: 'HT-SIG2' };
  await d.deliver(topics.jobs('HT-SIG2'), JSON.stringify(signed));
  assert.equal(
    d.answers().map((a) => [a.type, a.errors?.[0]?.path]),
    [['job.rejected', '/sig']],
  );
});

test('tariffs must be signed for "*"; an unsigned tariff at 9.999 TL/kWh is never stored', async () => {
  const d = await device('HT-SIG');
  const topic = topics.tariff(tariffFixture.tariffId);
  await d.deliver(topic, JSON.stringify({ ...tariffFixture, unitPricePerKwh: '9.999' }));
  await d.deliver(topic, JSON.stringify(signMessage({ ...tariffFixture, deviceId: 'HT-SIG', notAfter: '2027-01-01T00:00:00Z' }, A)));
  assert.equal(
    d.answers().map((a) => [a.type, a.tariffId, a.errors?.[0]?.path]),
    [
      ['job.rejected', tariffFixture.tariffId, '/sig'],
      ['job.rejected', tariffFixture.tariffId, '/deviceId'],
    ],
  );
  assert.is(d.store.size('tariffs'), 0);
  const good = tariffOrder(tariffFixture, { signer: A, sentAt });
  await d.deliver(good.topic, good.payload);
  assert.is(d.answers().length, 2, 'a good signed tariff is stored without an answer');
  assert.is(d.store.get('tariffs', tariffFixture.tariffId)?.unitPricePerKwh, tariffFixture.unitPricePerKwh);
});

test('the retained tariff a device holds, re-sent by the broker after its notAfter, changes nothing and is not answered', async () => {
  let now = NOW;
  const d = await device('HT-SIG', () => now);
  const t = tariffOrder(tariffFixture, { signer: A, sentAt, validHours: 1 });
  await d.deliver(t.topic, t.payload);
  now += 2 * 3_600_000;
  await d.deliver(t.topic, t.payload);
  assert.equal(d.answers(), []);
  assert.ok(d.store.get('tariffs', tariffFixture.tariffId));
});

test('a key twice in one object is refused before parsing, naming the key; the same key in two objects is fine', () => {
  const topic = topics.jobs('HT-SIG');
  const base = JSON.stringify(assign(1));
  const twiceTop = base.replace('"type":"job.assign"', '"type":"job.assign","messageId":"m-evil"');
  const twiceInJob = base.replace('"jobId":', '"jobId":"J-EVIL","jobId":');
  const escaped = base.replace('"type":"job.assign"', '"type":"job.assign","\\u0074ype":"job.cancel"');
  const paths = (s: string) => {
    const r = parseInbound(topic, Buffer.from(s), { maxBytes: 100_000 });
    return r.kind === 'rejected' ? [r.messageId, ...r.errors.map((e) => e.path)] : r.kind;
  };
  assert.equal(paths(twiceTop), ['m-1', '/messageId']);
  assert.equal(paths(twiceInJob), ['m-1', '/job/jobId']);
  assert.equal(paths(escaped), ['m-1', '/type']);
  assert.is(paths(base), 'job', 'jobId at the top of a cancel and inside job of an assign are different objects');
  assert.is(
    paths('{"a":[{"k":1},{"k":2}],"messageId":"x","type":"nope"}')[1],
    '/type',
    'keys repeated across array elements are not duplicates',
  );
});

test('a signed order from saha dispatch names the device and expires 72 hours after sending by default', () => {
  const o = JSON.parse(assignOrder(readingJob(1), { deviceId: 'HT-SIG', sentAt, newId: () => 'x', signer: A }).payload);
  assert.equal([o.deviceId, o.notAfter], ['HT-SIG', '2026-11-28T08:00:00.000+03:00']);
  const short = JSON.parse(assignOrder(readingJob(1), { deviceId: 'HT-SIG', sentAt, newId: () => 'x', signer: A, validHours: 6 }).payload);
  assert.is(short.notAfter, '2026-11-25T14:00:00.000+03:00');
  const t = JSON.parse(tariffOrder(tariffFixture, { signer: A, sentAt }).payload);
  assert.equal([t.deviceId, t.notAfter, t.kid], ['*', '2027-11-25T08:00:00.000+03:00', A.kid]);
  const unsigned = JSON.parse(assignOrder(readingJob(1), { deviceId: 'HT-SIG', sentAt, newId: () => 'x' }).payload);
  assert.equal([unsigned.deviceId, unsigned.notAfter], [undefined, undefined], 'unsigned orders are as before');
});

test.run();
