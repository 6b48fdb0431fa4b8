import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { isValidDeviceId, parseTopic, topics } from '../../../src/core/contract/index.js';

test('builds every topic of the contract', () => {
  assert.is(topics.jobs('HT-0042'), 'saha/v1/devices/HT-0042/jobs');
  assert.is(topics.commands('HT-0042'), 'saha/v1/devices/HT-0042/commands');
  assert.is(topics.status('HT-0042'), 'saha/v1/devices/HT-0042/status');
  assert.is(topics.event('HT-0042', 'reading.recorded'), 'saha/v1/devices/HT-0042/events/reading.recorded');
  assert.is(topics.tariff('ESGAZ-K1-2025-08'), 'saha/v1/tariffs/ESGAZ-K1-2025-08');
  assert.is(topics.acks('HT-0042'), 'saha/v1/devices/HT-0042/acks');
  assert.equal(topics.subscriptions('HT-0042'), [
    'saha/v1/devices/HT-0042/jobs',
    'saha/v1/devices/HT-0042/commands',
    'saha/v1/tariffs/+',
    'saha/v1/devices/HT-0042/acks',
  ]);
});

test('device ids are 1–32 of letters, digits and dashes', () => {
  for (const ok of ['HT-0042', 'a', 'A'.repeat(32)]) assert.ok(isValidDeviceId(ok), ok);
  for (const bad of ['', 'A'.repeat(33), 'HT/42', 'HT+', 'HT#', 'HT 42', 'HT_42', 'Hİ', 7])
    assert.not.ok(isValidDeviceId(bad), String(bad));
});

test('a bad device id cannot build a topic', () => {
  for (const bad of ['HT/42', '+', '#', '']) {
    try {
      topics.jobs(bad);
      assert.unreachable(bad);
    } catch (e) {
      assert.ok(isAppError(e, 'Contract_Invalid'), String(e));
    }
  }
  assert.throws(
    () => topics.event('HT-1', 'job.exploded' as never),
    (e: unknown) => isAppError(e, 'Contract_Invalid'),
  );
  assert.throws(
    () => topics.tariff('a/b'),
    (e: unknown) => isAppError(e, 'Contract_Invalid'),
  );
});

test('parses what it builds', () => {
  assert.equal(parseTopic('saha/v1/devices/HT-0042/jobs'), { kind: 'jobs', deviceId: 'HT-0042' });
  assert.equal(parseTopic('saha/v1/devices/HT-0042/commands'), { kind: 'commands', deviceId: 'HT-0042' });
  assert.equal(parseTopic('saha/v1/devices/HT-0042/status'), { kind: 'status', deviceId: 'HT-0042' });
  assert.equal(parseTopic('saha/v1/devices/HT-0042/acks'), { kind: 'acks', deviceId: 'HT-0042' });
  assert.equal(parseTopic('saha/v1/devices/HT-0042/events/job.cancel-too-late'), {
    kind: 'event',
    deviceId: 'HT-0042',
    type: 'job.cancel-too-late',
  });
  assert.equal(parseTopic('saha/v1/tariffs/ESGAZ-K1-2025-08'), { kind: 'tariff', tariffId: 'ESGAZ-K1-2025-08' });
});

test('anything else parses to null', () => {
  for (const t of [
    'saha/v2/devices/HT-1/jobs',
    'saha/v1/devices/HT-1/jobs/x',
    'saha/v1/devices/HT 1/jobs',
    'saha/v1/devices/HT-1/events/nope',
    'saha/v1/devices/HT-1/events',
    'saha/v1/devices/HT-1/acks/x',
    'saha/v1/devices/+/acks',
    'saha/v1/tariffs/',
    'saha/v1/tariffs/a/b',
    'other',
    '',
  ]) {
    assert.is(parseTopic(t), null, t);
  }
});

test.run();
