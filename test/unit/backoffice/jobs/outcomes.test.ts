// What the device's answers and the office's own orders do to the ledger.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyEvent, planAssign, planCancel } from '../../../../src/backoffice/jobs/outcomes.js';
import type { LedgerEntry } from '../../../../src/backoffice/jobs/types.js';

const assign = (
  id: string,
  jobId: string,
  version: number,
  order: number,
  state: LedgerEntry['state'],
  lastSent: number | null = null,
): LedgerEntry => ({ messageId: id, kind: 'assign', jobId, version, order, state, lastSent, acceptedSeq: null });
const other = (
  id: string,
  kind: 'cancel' | 'message',
  jobId: string | null,
  order: number,
  state: LedgerEntry['state'],
  lastSent: number | null,
): LedgerEntry => ({ messageId: id, kind, jobId, version: null, order, state, lastSent, acceptedSeq: null });

test('job.accepted accepts that version and retires older ones', () => {
  const entries = [assign('v1', 'J-1', 1, 1, 'accepted', 1), assign('v2', 'J-1', 2, 2, 'sent', 2), assign('x', 'J-2', 1, 3, 'sent', 2)];
  assert.equal(applyEvent(entries, { type: 'job.accepted', seq: 7, jobId: 'J-1', data: { jobId: 'J-1', version: 2 } }), [
    { messageId: 'v1', state: 'cancelled', reason: 'superseded by version 2' },
    { messageId: 'v2', state: 'accepted', acceptedSeq: 7 },
  ]);
});

test('an answer to a message shows that cancels and crew messages published before it arrived', () => {
  const entries = [
    other('m-early', 'message', null, 1, 'sent', 1),
    other('c-same-run', 'cancel', 'J-0', 2, 'sent', 2),
    assign('a', 'J-1', 1, 3, 'sent', 2),
    other('m-after', 'message', null, 4, 'sent', 2),
    other('m-later', 'message', null, 5, 'sent', 3),
  ];
  assert.equal(applyEvent(entries, { type: 'job.accepted', seq: 1, jobId: 'J-1', data: { jobId: 'J-1', version: 1 } }), [
    { messageId: 'a', state: 'accepted', acceptedSeq: 1 },
    { messageId: 'm-early', state: 'accepted' },
    { messageId: 'c-same-run', state: 'accepted' },
  ]);
});

test('job.ignored is never a rejection: a redelivered assign already accepted stays accepted', () => {
  const entries = [assign('a', 'J-1', 1, 1, 'accepted', 1), other('m', 'message', null, 2, 'sent', 1), assign('b', 'J-2', 1, 3, 'sent', 2)];
  assert.equal(
    applyEvent(entries, { type: 'job.ignored', seq: 9, jobId: 'J-1', data: { messageId: 'a', jobId: 'J-1', reason: 'duplicate' } }),
    [],
  );
  assert.equal(
    applyEvent(entries, { type: 'job.ignored', seq: 9, jobId: 'J-2', data: { messageId: 'b', jobId: 'J-2', reason: 'duplicate' } }),
    [{ messageId: 'm', state: 'accepted' }],
    'b keeps waiting for its own answer; what was published before it has arrived',
  );
});

test('job.ignored retires an assign the device holds a newer version of, and settles a repeated cancel', () => {
  const entries = [assign('old', 'J-1', 1, 1, 'sent', 1), other('c', 'cancel', 'J-2', 2, 'sent', 1)];
  assert.equal(
    applyEvent(entries, {
      type: 'job.ignored',
      seq: 3,
      jobId: 'J-1',
      data: { messageId: 'old', jobId: 'J-1', reason: 'older-version', heldVersion: 2 },
    }),
    [{ messageId: 'old', state: 'cancelled', reason: 'the device holds version 2' }],
  );
  assert.equal(
    applyEvent(entries, { type: 'job.ignored', seq: 4, jobId: 'J-2', data: { messageId: 'c', jobId: 'J-2', reason: 'already-cancelled' } }),
    [{ messageId: 'c', state: 'accepted' }],
  );
});

test("job.rejected names the message and keeps the device's reasons", () => {
  const entries = [assign('a', 'J-1', 1, 1, 'sent', 1)];
  assert.equal(
    applyEvent(entries, {
      type: 'job.rejected',
      seq: 1,
      data: { messageId: 'a', jobId: 'J-1', errors: [{ path: '/job/version', message: 'work already recorded' }] },
    }),
    [{ messageId: 'a', state: 'rejected', reason: '/job/version work already recorded' }],
  );
  assert.equal(
    applyEvent(entries, { type: 'job.rejected', seq: 2, data: { messageId: null, errors: [{ path: '', message: 'not JSON' }] } }),
    [],
    'no id, nothing to attribute',
  );
});

test('completion events make the job done; a late cancel is rejected as too late', () => {
  const entries = [assign('a', 'J-1', 1, 1, 'cancelled', 1), other('c', 'cancel', 'J-1', 2, 'sent', 2)];
  for (const type of [
    'reading.recorded',
    'reading.skipped',
    'gas.cut',
    'gas.reconnected',
    'meter.removed',
    'meter.installed',
    'inspection.reported',
  ]) {
    assert.equal(applyEvent(entries, { type, seq: 3, jobId: 'J-1', data: {} }), [{ messageId: 'a', state: 'done', reason: type }], type);
  }
  assert.equal(applyEvent(entries, { type: 'job.cancel-too-late', seq: 4, jobId: 'J-1', data: { jobId: 'J-1', messageId: 'c' } }), [
    { messageId: 'c', state: 'rejected', reason: 'too late: work already recorded on the device' },
  ]);
  assert.equal(applyEvent(entries, { type: 'invoice.issued', seq: 5, jobId: 'J-1', data: {} }), []);
});

test('a new version stops older ones that are not accepted', () => {
  const entries = [assign('q', 'J-1', 1, 1, 'queued'), assign('s', 'J-1', 2, 2, 'sent', 1), assign('acc', 'J-1', 3, 3, 'accepted', 1)];
  assert.equal(
    planAssign(entries, 'J-1', 4).map((c) => c.messageId),
    ['q', 's'],
  );
});

test('a cancel of a job never sent sends nothing; otherwise it is sent and the assigns stop', () => {
  const queued = planCancel([assign('q', 'J-1', 1, 1, 'queued')], 'J-1', 'paid');
  assert.is(queued.send, false);
  assert.equal(queued.changes, [{ messageId: 'q', state: 'cancelled', reason: 'cancelled before it was sent: paid' }]);
  const sent = planCancel([assign('s', 'J-1', 1, 1, 'sent', 1)], 'J-1', 'paid');
  assert.is(sent.send, true);
  assert.equal(sent.changes, [{ messageId: 's', state: 'cancelled', reason: 'cancelled: paid' }]);
  assert.is(planCancel([], 'J-9', 'paid').send, true, 'a job the ledger does not know (sent without a database) is cancelled all the same');
});

test.run();
