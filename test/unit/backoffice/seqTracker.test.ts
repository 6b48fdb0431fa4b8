// What the back office concludes from eventId and seq alone: redeliveries dropped, gaps seen and closed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { SeqTracker } from '../../../src/backoffice/SeqTracker.js';
import { FleetView } from '../../../src/backoffice/FleetView.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

test('events in order: one range, no gap; a redelivery (same eventId) is a duplicate', () => {
  const t = new SeqTracker();
  for (let s = 1; s <= 100; s++) assert.is(t.record('HT-1', s, id(s)), 'new');
  assert.is(t.record('HT-1', 57, id(57)), 'duplicate');
  assert.equal(t.gaps('HT-1'), []);
  assert.equal(t.state('HT-1'), { deviceId: 'HT-1', ranges: [[1, 100]], received: 100, duplicates: 1, conflicts: 0 });
  assert.ok(t.hasAll('HT-1', 1, 100));
});

test('a missing seq is a gap until it arrives; gaps are per device', () => {
  const t = new SeqTracker();
  for (const s of [1, 2, 5, 6, 9]) t.record('A', s, id(s));
  t.record('B', 1, id(1));
  assert.equal(t.gaps('A'), [
    { from: 3, to: 4 },
    { from: 7, to: 8 },
  ]);
  assert.is(t.missingCount('A'), 4);
  assert.equal(t.gaps('B'), []);
  for (const s of [4, 3, 8, 7]) assert.is(t.record('A', s, id(s)), 'new');
  assert.equal(t.gaps('A'), []);
  assert.equal(t.state('A')!.ranges, [[1, 9]]);
  assert.not.ok(t.hasAll('A', 1, 10));
});

test('a seq reused with another eventId is a conflict, not a duplicate', () => {
  const t = new SeqTracker();
  t.record('A', 1, id(1));
  assert.is(t.record('A', 1, id(999)), 'conflict');
  assert.is(t.state('A')!.conflicts, 1);
});

test('memory stays bounded: old eventIds are forgotten, old seqs still count as seen', () => {
  const t = new SeqTracker(100);
  for (let s = 1; s <= 5000; s++) t.record('A', s, id(s));
  assert.is(t.record('A', 3, id(3)), 'duplicate', 'older than the window: a redelivery');
  assert.is(t.record('A', 4990, id(1)), 'conflict', 'inside the window: eventId checked');
});

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/contract/${name}`, import.meta.url));
const ev = (seq: number) => {
  const e = JSON.parse(fixture('events/reading.recorded.json').toString());
  return Buffer.from(JSON.stringify({ ...e, seq, eventId: id(seq) }));
};
const T = 'saha/v1/devices/HT-0042/events/reading.recorded';

test('fleet view: events, duplicates, gaps and status as JSON observations and a table', () => {
  const v = new FleetView();
  const now = Date.parse('2025-09-01T09:15:00.000+03:00');
  assert.equal(
    v.handle('saha/v1/devices/HT-0042/status', fixture('status/online.json'), now).map((o) => o.kind),
    ['status'],
  );
  assert.equal(
    v.handle(T, ev(1), now).map((o) => o.kind),
    ['event'],
  );
  assert.equal(
    v.handle(T, ev(1), now).map((o) => o.kind),
    ['duplicate'],
  );
  const gap = v.handle(T, ev(4), now);
  assert.equal(gap[1], { kind: 'gaps', deviceId: 'HT-0042', missing: 2, gaps: [{ from: 2, to: 3 }] });
  v.handle(T, ev(2), now);
  const closed = v.handle(T, ev(3), now);
  assert.equal(closed[1], { kind: 'gaps', deviceId: 'HT-0042', missing: 0, gaps: [] });
  const bad = v.handle('saha/v1/devices/HT-0043/events/reading.recorded', ev(5), now);
  assert.is(bad[0]!.kind, 'invalid', 'the topic names another device than the envelope');
  const table = v.table(now + 5000);
  assert.match(table, /^1 devices, 1 online, backlog 3, 4 events \(1 duplicates dropped\), 0 missing\n/);
  assert.match(table, /HT-0042\s+online\s+3\s+4\s+1\s+0\s+reading\.recorded #4 5s ago/);
});

test('fleet view: only the devices asked for', () => {
  const v = new FleetView(new Set(['HT-0043']));
  assert.equal(v.handle(T, ev(1), 0), []);
});

test.run();
