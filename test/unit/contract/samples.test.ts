// Every sample in test/fixtures/contract is valid contract v1, so other suites can build on them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Value } from '@sinclair/typebox/value';
import {
  AckSchema,
  COMMAND_SCHEMAS,
  EVENT_TYPES,
  eventSchema,
  JOB_MESSAGE_SCHEMAS,
  parseInbound,
  StatusSchema,
  TariffSchema,
  topics,
  validateAck,
  validateEvent,
  validateStatus,
} from '../../../src/core/contract/index.js';
import { bytes, COMMANDS, DEVICE, fixture, fixtureNames, JOBS, LIMITS, TARIFF } from './fixtures.js';

const KINDS = ['reading', 'cut', 'reconnect', 'meter-removal', 'meter-installation', 'inspection'];

test('there is a job.assign sample for every job kind', () => {
  for (const kind of KINDS) assert.is(fixture(`jobs/job.assign.${kind}.json`).job.kind, kind);
});

test('every job sample is accepted on the jobs topic', () => {
  for (const name of fixtureNames('jobs')) {
    const r = parseInbound(JOBS, bytes(fixture(name)), { ...LIMITS, deviceId: DEVICE });
    assert.is(r.kind, 'job', `${name}: ${JSON.stringify(r)}`);
  }
});

test('every command sample is accepted on the commands topic', () => {
  for (const name of fixtureNames('commands')) {
    const r = parseInbound(COMMANDS, bytes(fixture(name)), LIMITS);
    assert.is(r.kind, 'command', `${name}: ${JSON.stringify(r)}`);
  }
});

test('the tariff sample is accepted on its retained topic', () => {
  const r = parseInbound(TARIFF, bytes(fixture('tariffs/ESGAZ-K1-2025-08.json')), LIMITS);
  assert.is(r.kind, 'tariff', JSON.stringify(r));
  if (r.kind === 'tariff') assert.is(r.tariff.unitPricePerKwh, '0.96489117');
});

test('signed samples are still valid messages', () => {
  for (const name of fixtureNames('signed')) {
    const topic = name.includes('job.') ? JOBS : COMMANDS;
    assert.ok(['job', 'command'].includes(parseInbound(topic, bytes(fixture(name)), LIMITS).kind), name);
  }
});

test('there is a valid event sample for every event type, and it fits its topic', () => {
  for (const type of EVENT_TYPES) {
    const e = fixture(`events/${type}.json`);
    assert.is(e.type, type);
    const r = validateEvent(e, topics.event(DEVICE, type));
    assert.ok(r.ok, `${type}: ${JSON.stringify(r)}`);
  }
});

test('both status samples, online and the offline last will, are valid', () => {
  for (const name of fixtureNames('status')) assert.equal(validateStatus(fixture(name)), { ok: true }, name);
});

test('the ack sample is valid; an ack needs a whole ackedSeq ≥ 0 and a timestamp', () => {
  const ack = fixture('acks/ack.json');
  assert.equal(validateAck(ack), { ok: true });
  for (const bad of [
    { ...ack, ackedSeq: -1 },
    { ...ack, ackedSeq: 1.5 },
    { ...ack, ackedSeq: '3' },
    { ackedSeq: 3 },
    { ...ack, at: 'yesterday' },
  ]) {
    assert.is(validateAck(bad).ok, false, JSON.stringify(bad));
  }
});

test('a status without the end-to-end fields (an older device) is still valid; with them they are checked', () => {
  const s = fixture('status/online.json');
  const { unackedDepth: _u, oldestUnackedAt: _o, ...older } = s;
  assert.equal(validateStatus(older), { ok: true });
  assert.equal(validateStatus({ ...s, oldestUnackedAt: null, unackedDepth: 0 }), { ok: true });
  assert.is(validateStatus({ ...s, unackedDepth: -1 }).ok, false);
});

test('sync.requested lists at most 200 jobs a page', () => {
  const e = fixture('events/sync.requested.json');
  const jobs = Array.from({ length: 201 }, (_, i) => ({ jobId: `J-${i}`, version: 1 }));
  assert.is(validateEvent({ ...e, data: { ...e.data, jobs: jobs.slice(0, 200) } }).ok, true);
  assert.is(validateEvent({ ...e, data: { ...e.data, jobs } }).ok, false);
  assert.is(validateEvent({ ...e, data: { ...e.data, reason: 'boredom' } }).ok, false);
  assert.is(validateEvent({ ...e, data: { ...e.data, heldFromSeq: 0 } }).ok, false);
});

test('TypeBox Value.Check agrees with Ajv on every sample (the schemas use only standard keywords)', () => {
  for (const n of fixtureNames('jobs')) assert.ok(Value.Check(JOB_MESSAGE_SCHEMAS[fixture(n).type as 'job.assign'], fixture(n)), n);
  for (const n of fixtureNames('commands')) assert.ok(Value.Check(COMMAND_SCHEMAS[fixture(n).type as 'message'], fixture(n)), n);
  assert.ok(Value.Check(TariffSchema, fixture('tariffs/ESGAZ-K1-2025-08.json')));
  for (const n of fixtureNames('status')) assert.ok(Value.Check(StatusSchema, fixture(n)), n);
  assert.ok(Value.Check(AckSchema, fixture('acks/ack.json')));
  for (const t of EVENT_TYPES) assert.ok(Value.Check(eventSchema(t), fixture(`events/${t}.json`)), t);
});

test.run();
