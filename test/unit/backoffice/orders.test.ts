// Orders as the device will judge them: signed when a key is given, stable ids for re-dispatch, bad ones never sent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { assignOrder, cancelOrder, messageOrder, stableId, tariffOrder, withdrawTariffOrder } from '../../../src/backoffice/orders.js';
import { verifyMessage } from '../../../src/core/contract/index.js';
import { isAppError } from '../../../src/core/errors/AppError.js';

const fx = (p: string) => readFileSync(new URL(`../../fixtures/contract/${p}`, import.meta.url), 'utf8');
const job = JSON.parse(fx('jobs/job.assign.reading.json')).job;
const ctx = { deviceId: 'HT-0042', sentAt: '2025-08-31T18:00:00.000+03:00', newId: () => 'id-1' };

test("job.assign goes to the device's jobs topic with an id stable for (device, job, version)", () => {
  const a = assignOrder(job, ctx);
  assert.is(a.topic, 'saha/v1/devices/HT-0042/jobs');
  assert.is(a.retain, false);
  const m = JSON.parse(a.payload);
  assert.is(m.type, 'job.assign');
  assert.is(JSON.parse(assignOrder(job, ctx).payload).messageId, m.messageId, 'dispatching again sends the same message');
  assert.match(m.messageId, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is.not(stableId('HT-0042', job.jobId, '2'), m.messageId, 'a new version is a new message');
  assert.is.not(JSON.parse(assignOrder(job, { ...ctx, deviceId: 'HT-0043' }).payload).messageId, m.messageId);
});

test('with a key, every order is signed and verifies with the public key', () => {
  const signer = { kid: 'test-2026-01', privateKey: fx('keys/test-2026-01.key.pem') };
  const keys = new Map([['test-2026-01', fx('keys/test-2026-01.pub.pem')]]);
  for (const o of [
    assignOrder(job, { ...ctx, signer }),
    cancelOrder('J-1001', 'paid', { ...ctx, signer }),
    messageOrder('Yarın 08:00 toplantı', { ...ctx, signer }),
  ]) {
    const r = verifyMessage(JSON.parse(o.payload), keys);
    assert.ok(r.ok, o.label);
  }
  assert.is(messageOrder('x', ctx).topic, 'saha/v1/devices/HT-0042/commands');
});

test("an order the device would reject is refused here, with the device's reasons", () => {
  try {
    assignOrder({ ...job, meter: { ...job.meter, lastIndex: -1 } }, ctx);
    assert.unreachable();
  } catch (e) {
    assert.ok(isAppError(e, 'Contract_Invalid'));
    assert.match((e as Error).message, /\/job\/meter\/lastIndex/);
  }
  assert.throws(
    () => cancelOrder('J-1', '', ctx),
    (e: unknown) => isAppError(e, 'Contract_Invalid'),
  );
  assert.throws(
    () => assignOrder(job, { ...ctx, deviceId: 'HT/0042' }),
    (e: unknown) => isAppError(e, 'Contract_Invalid'),
  );
});

test('tariffs are retained on their own topic; bad ones name every problem; withdrawal is an empty retained payload', () => {
  const t = tariffOrder(JSON.parse(fx('tariffs/ESGAZ-K1-2025-08.json')));
  assert.equal([t.topic, t.retain], ['saha/v1/tariffs/ESGAZ-K1-2025-08', true]);
  try {
    tariffOrder({ ...JSON.parse(fx('tariffs/ESGAZ-K1-2025-08.json')), vatRate: 0.2, validTo: '2025-01-01' });
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /vatRate/);
    assert.match((e as Error).message, /validTo/);
  }
  assert.equal(withdrawTariffOrder('ESGAZ-K1-2025-08'), {
    topic: 'saha/v1/tariffs/ESGAZ-K1-2025-08',
    payload: '',
    retain: true,
    label: 'withdraw tariff ESGAZ-K1-2025-08',
  });
});

test.run();
