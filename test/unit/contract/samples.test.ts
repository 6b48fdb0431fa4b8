// Every sample in test/fixtures/contract is valid contract v1, so other suites can build on them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Value } from '@sinclair/typebox/value';
import {
  COMMAND_SCHEMAS, EVENT_TYPES, eventSchema, JOB_MESSAGE_SCHEMAS, parseInbound, StatusSchema, TariffSchema, topics, validateEvent, validateStatus,
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

test('TypeBox Value.Check agrees with Ajv on every sample (the schemas use only standard keywords)', () => {
  for (const n of fixtureNames('jobs')) assert.ok(Value.Check(JOB_MESSAGE_SCHEMAS[fixture(n).type as 'job.assign'], fixture(n)), n);
  for (const n of fixtureNames('commands')) assert.ok(Value.Check(COMMAND_SCHEMAS[fixture(n).type as 'message'], fixture(n)), n);
  assert.ok(Value.Check(TariffSchema, fixture('tariffs/ESGAZ-K1-2025-08.json')));
  for (const n of fixtureNames('status')) assert.ok(Value.Check(StatusSchema, fixture(n)), n);
  for (const t of EVENT_TYPES) assert.ok(Value.Check(eventSchema(t), fixture(`events/${t}.json`)), t);
});

test.run();
