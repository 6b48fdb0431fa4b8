// A payload that starts with a UTF-8 byte order mark (EF BB BF; some back-office tools write one) is
// the same message without it: accepted, not rejected as bad JSON (issue 15, item 6). Only one
// leading mark is dropped; one anywhere else is a character of the JSON and refused as such.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAck } from '../../../src/core/contract/acks.js';
import { parseInbound } from '../../../src/core/contract/index.js';
import { bytes, COMMANDS, fixture, JOBS, LIMITS, TARIFF } from './fixtures.js';

const BOM = [0xef, 0xbb, 0xbf];
const withBom = (v: unknown) => new Uint8Array([...BOM, ...bytes(v)]);

test('a job.assign, a command and a tariff with a leading BOM come out typed', () => {
  const job = parseInbound(JOBS, withBom(fixture('jobs/job.assign.reading.json')), LIMITS);
  assert.is(job.kind, 'job');
  if (job.kind === 'job' && job.message.type === 'job.assign') assert.is(job.message.job.meter.lastIndex, 12345);
  assert.is(parseInbound(COMMANDS, withBom(fixture('commands/message.json')), LIMITS).kind, 'command');
  assert.is(parseInbound(TARIFF, withBom(fixture('tariffs/ESGAZ-K1-2025-08.json')), LIMITS).kind, 'tariff');
});

test('an end-to-end ack with a leading BOM is read', () => {
  const r = parseAck(withBom(fixture('acks/ack.json')));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
});

test('a second BOM, or one after the first byte, is not JSON', () => {
  const twice = parseInbound(JOBS, new Uint8Array([...BOM, ...withBom(fixture('jobs/job.cancel.json'))]), LIMITS);
  assert.is(twice.kind, 'rejected');
  const inside = bytes(fixture('jobs/job.cancel.json'));
  const mid = parseInbound(JOBS, new Uint8Array([inside[0]!, ...BOM, ...inside.subarray(1)]), LIMITS);
  assert.is(mid.kind, 'rejected');
});

test.run();
