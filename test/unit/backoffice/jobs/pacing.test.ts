// Pacing a route to one device: a window of unaccepted assigns, route order, cancels after their
// assign, and what goes again when the device comes back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyChanges, inFlight, nextToSend, planSync, resendOnOnline } from '../../../../src/backoffice/jobs/pacing.js';
import { applyEvent } from '../../../../src/backoffice/jobs/outcomes.js';
import type { LedgerEntry } from '../../../../src/backoffice/jobs/types.js';

function route(n: number, from = 1): LedgerEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    messageId: `a-${from + i}`,
    kind: 'assign' as const,
    jobId: `J-${from + i}`,
    version: 1,
    order: from + i,
    state: 'queued' as const,
    lastSent: null,
    acceptedSeq: null,
  }));
}
function markSent(entries: LedgerEntry[], ids: string[], at: number): LedgerEntry[] {
  const s = new Set(ids);
  return entries.map((e) => (s.has(e.messageId) ? { ...e, state: 'sent' as const, lastSent: at } : e));
}

test('a fresh route goes out one window at a time, in routeSeq order', () => {
  const entries = route(500).reverse(); // the ledger may list them in any order
  const first = nextToSend(entries, 200);
  assert.is(first.length, 200);
  assert.equal(first.slice(0, 3), ['a-1', 'a-2', 'a-3']);
  assert.is(first[199], 'a-200');
  assert.equal(nextToSend(markSent(entries, first, 1), 200), [], 'nothing more until acceptances come back');
});

test('a 3,002-job route is paced in windows: never more than W unaccepted, every job once, in order', () => {
  const W = 200;
  let entries = route(3002);
  const sentOrder: string[] = [];
  let seq = 0;
  let clock = 0;
  let maxInFlight = 0;
  for (let round = 0; round < 1000; round++) {
    const now = nextToSend(entries, W);
    entries = markSent(entries, now, ++clock);
    sentOrder.push(...now);
    maxInFlight = Math.max(maxInFlight, inFlight(entries));
    const sent = entries.filter((e) => e.state === 'sent');
    if (!sent.length) break;
    // The device accepts some of what it got (not all: acceptances trickle back).
    for (const e of sent.slice(0, 37))
      entries = applyChanges(
        entries,
        applyEvent(entries, { type: 'job.accepted', seq: ++seq, jobId: e.jobId, data: { jobId: e.jobId, version: 1 } }),
      );
  }
  assert.is(maxInFlight, W);
  assert.is(sentOrder.length, 3002);
  assert.equal(
    sentOrder,
    route(3002).map((e) => e.messageId),
    'each job sent once, in route order',
  );
  assert.ok(entries.every((e) => e.state === 'accepted'));
});

test('a rejection frees its slot like an acceptance', () => {
  let entries = markSent(route(3), ['a-1', 'a-2'], 1);
  assert.equal(nextToSend(entries, 2), []);
  entries = applyChanges(
    entries,
    applyEvent(entries, { type: 'job.rejected', seq: 1, data: { messageId: 'a-1', errors: [{ path: '/job', message: 'bad' }] } }),
  );
  assert.equal(nextToSend(entries, 2), ['a-3']);
});

test('a cancel waits behind its queued assign; crew messages and other cancels do not wait for the window', () => {
  const entries: LedgerEntry[] = [
    ...markSent(route(2), ['a-1', 'a-2'], 1),
    ...route(2, 3),
    { messageId: 'c-4', kind: 'cancel', jobId: 'J-4', version: null, order: 10, state: 'queued', lastSent: null, acceptedSeq: null },
    { messageId: 'c-1', kind: 'cancel', jobId: 'J-1', version: null, order: 11, state: 'queued', lastSent: null, acceptedSeq: null },
    { messageId: 'm-1', kind: 'message', jobId: null, version: null, order: 12, state: 'queued', lastSent: null, acceptedSeq: null },
  ];
  assert.equal(nextToSend(entries, 2), ['c-1', 'm-1']);
  assert.equal(nextToSend(entries, 3), ['a-3', 'c-1', 'm-1'], 'J-4 still waits, so does its cancel');
  assert.equal(nextToSend(entries, 4), ['a-3', 'a-4', 'c-4', 'c-1', 'm-1'], 'the cancel goes after its assign, in the same publish run');
});

test('coming online re-sends everything sent and not known to have arrived, and nothing else', () => {
  let entries = markSent(route(5), ['a-1', 'a-2', 'a-3'], 1);
  entries = applyChanges(entries, applyEvent(entries, { type: 'job.accepted', seq: 1, jobId: 'J-2', data: { jobId: 'J-2', version: 1 } }));
  assert.equal(resendOnOnline(entries), ['a-1', 'a-3']);
});

test('sync.requested: held ones are accepted, sent ones go again, accepted ones the device lost are queued again', () => {
  let entries = markSent(route(6), ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'], 1);
  entries = applyChanges(entries, applyEvent(entries, { type: 'job.accepted', seq: 3, jobId: 'J-4', data: { jobId: 'J-4', version: 1 } }));
  entries = applyChanges(entries, applyEvent(entries, { type: 'job.accepted', seq: 4, jobId: 'J-5', data: { jobId: 'J-5', version: 1 } }));
  entries = applyChanges(entries, applyEvent(entries, { type: 'reading.recorded', seq: 5, jobId: 'J-5', data: {} }));
  // The device holds J-1 (its job.accepted is still on the way), not J-2, J-3 nor J-4.
  const plan = planSync(entries, [{ jobId: 'J-1', version: 1 }], 10);
  assert.equal(plan.resend, ['a-2', 'a-3']);
  assert.equal(
    plan.changes,
    [
      { messageId: 'a-1', state: 'accepted', acceptedSeq: 10 },
      { messageId: 'a-4', state: 'queued', reason: 'the device no longer held it (sync.requested)' },
    ],
    'J-5 is done: not sent again',
  );
  const after = applyChanges(entries, plan.changes);
  assert.equal(nextToSend(after, 3), ['a-4'], 'a re-queued job is paced like a new one (2 in flight + 1)');
});

test('sync.requested does not re-queue what the device accepted after it listed its jobs', () => {
  let entries = markSent(route(1), ['a-1'], 1);
  entries = applyChanges(entries, applyEvent(entries, { type: 'job.accepted', seq: 12, jobId: 'J-1', data: { jobId: 'J-1', version: 1 } }));
  assert.equal(planSync(entries, [], 10).changes, []);
});

test('a device holding an older version gets the newer one again', () => {
  const entries: LedgerEntry[] = [
    { messageId: 'a-1v2', kind: 'assign', jobId: 'J-1', version: 2, order: 1, state: 'sent', lastSent: 1, acceptedSeq: null },
  ];
  assert.equal(planSync(entries, [{ jobId: 'J-1', version: 1 }], 5).resend, ['a-1v2']);
  assert.equal(planSync(entries, [{ jobId: 'J-1', version: 3 }], 5).changes, [{ messageId: 'a-1v2', state: 'accepted', acceptedSeq: 5 }]);
});

test.run();
