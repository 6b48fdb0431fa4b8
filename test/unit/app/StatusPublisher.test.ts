// The retained status carries both depths (unsent; sent but not acknowledged end to end) and is
// published again when either changes; a device without the end-to-end source sends the v1 fields only.
// Free space (the store's file system) is reported too, in bytes, republished per megabyte of change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StatusPublisher, type StatusSource } from '../../../src/app/StatusPublisher.js';
import { topics, validateStatus, type Status } from '../../../src/core/contract/index.js';
import { FakeLink } from './senderRig.js';

const CLOCK = Date.UTC(2026, 10, 25, 7, 0);
const tick = () => new Promise((r) => setTimeout(r, 0));

function rig(extra: Partial<StatusSource>) {
  const link = new FakeLink();
  const source: StatusSource = {
    outboxDepth: () => 2,
    oldestPendingAt: () => null,
    printer: () => 'ready',
    operatorId: () => null,
    ...extra,
  };
  const pub = new StatusPublisher({ link, deviceId: 'HT-0042', appVersion: '0.1.0', clock: () => CLOCK, source, minIntervalMs: 0 });
  pub.start();
  const statuses = () => link.other.filter((m) => m.topic === topics.status('HT-0042')).map((m) => JSON.parse(m.payload) as Status);
  return { link, pub, statuses };
}

test('the status reports unackedDepth and oldestUnackedAt, and is valid contract v1', async () => {
  let unacked = 7;
  const { link, pub, statuses } = rig({
    unackedDepth: () => unacked,
    oldestUnackedAt: () => (unacked ? '2026-11-25T09:50:00.000+03:00' : null),
  });
  link.connect();
  await tick();
  assert.equal(
    statuses().map((s) => [s.outboxDepth, s.unackedDepth, s.oldestUnackedAt]),
    [[2, 7, '2026-11-25T09:50:00.000+03:00']],
  );
  assert.equal(validateStatus(statuses()[0]), { ok: true });
  unacked = 0;
  pub.changed();
  await tick();
  assert.equal(
    statuses().map((s) => [s.unackedDepth, s.oldestUnackedAt]),
    [
      [7, '2026-11-25T09:50:00.000+03:00'],
      [0, null],
    ],
    'a change of the unacknowledged depth alone is published',
  );
  assert.equal(validateStatus(pub.build('offline')), { ok: true });
});

test('the status reports free space; it is published again when it changes by a megabyte, not by every byte', async () => {
  const MB = 1048576;
  let free: number | undefined = 850 * MB + 10;
  const { link, pub, statuses } = rig({ freeBytes: () => free });
  link.connect();
  await tick();
  assert.is(statuses()[0]!.freeBytes, 850 * MB + 10);
  assert.equal(validateStatus(statuses()[0]), { ok: true });
  free = 850 * MB + 4000; // a journal append
  pub.changed();
  await tick();
  assert.is(statuses().length, 1, 'the same megabyte: nothing new to tell');
  free = 849 * MB;
  pub.changed();
  await tick();
  assert.equal(
    statuses().map((s) => s.freeBytes),
    [850 * MB + 10, 849 * MB],
  );
  free = undefined; // a store that could not measure: the field is left out
  assert.is('freeBytes' in pub.build('online'), false);
});

test('without an end-to-end source the status has the first v1 fields only', async () => {
  const { link, statuses } = rig({});
  link.connect();
  await tick();
  assert.is('unackedDepth' in statuses()[0]!, false);
  assert.is('oldestUnackedAt' in statuses()[0]!, false);
  assert.is('freeBytes' in statuses()[0]!, false);
});

test.run();
