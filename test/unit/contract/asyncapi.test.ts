// docs/asyncapi.yaml and docs/schemas/*.json are generated from the TypeBox schemas; this suite
// fails when they are stale (fix: npx tsx scripts/gen-contract.ts) and checks they describe all of
// contract v1.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { EVENT_TYPES } from '../../../src/core/contract/index.js';
import { contractFiles } from '../../../src/core/contract/document/index.js';
import { fixture, fixtureNames } from './fixtures.js';

const root = new URL('../../../', import.meta.url).pathname;
const files = contractFiles();
const doc = parse(readFileSync(root + 'docs/asyncapi.yaml', 'utf8'));

// The v1 contract's fixed names, written out by hand (not read from src/core/contract), so a rename in
// the code shows up here as a failure rather than silently in the generated documents.
const CONTRACT_TOPICS = [
  'saha/v1/devices/{deviceId}/jobs',
  'saha/v1/devices/{deviceId}/commands',
  'saha/v1/tariffs/{tariffId}',
  'saha/v1/devices/{deviceId}/events/{type}',
  'saha/v1/devices/{deviceId}/status',
];
/** Topics added within v1 after the first contract text. */
const TOPICS_ADDED_IN_V1 = ['saha/v1/devices/{deviceId}/acks'];
const CONTRACT_EVENT_TYPES = [
  'job.accepted',
  'job.rejected',
  'reading.recorded',
  'reading.skipped',
  'invoice.issued',
  'document.printed',
  'gas.cut',
  'gas.reconnected',
  'meter.removed',
  'meter.installed',
  'inspection.reported',
  'job.cancel-too-late',
];
test('docs/ is what the generator produces now (run npx tsx scripts/gen-contract.ts if not)', () => {
  for (const [path, text] of files) {
    const onDisk = existsSync(root + path) ? readFileSync(root + path, 'utf8') : '(missing)';
    assert.ok(onDisk === text, `${path} is stale: run npx tsx scripts/gen-contract.ts and commit docs/`);
  }
  const extra = readdirSync(root + 'docs/schemas')
    .map((f) => `docs/schemas/${f}`)
    .filter((p) => !files.has(p));
  assert.equal(extra, [], 'docs/schemas holds files the generator no longer makes');
});

test('it is an AsyncAPI 3 document with every contract topic as a channel', () => {
  assert.is(doc.asyncapi, '3.0.0');
  const addresses = Object.values(doc.channels as Record<string, { address: string }>).map((c) => c.address);
  assert.equal(addresses.sort(), [...CONTRACT_TOPICS, ...TOPICS_ADDED_IN_V1].sort());
  for (const c of Object.values(doc.channels as Record<string, { address: string; parameters: Record<string, unknown> }>)) {
    const params = [...c.address.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    assert.equal(Object.keys(c.parameters).sort(), params.sort(), c.address);
  }
});

test('every contract event type has a message, a topic parameter value and a schema', () => {
  assert.equal(doc.components.parameters.eventType.enum, EVENT_TYPES);
  for (const type of [...CONTRACT_EVENT_TYPES, 'invoice.voided', 'device.wiped', 'sync.requested']) {
    assert.ok(doc.channels.events.messages[`event.${type}`], type);
    assert.ok(doc.components.schemas[`event.${type}`], type);
    assert.ok(files.has(`docs/schemas/event.${type}.json`), type);
  }
  assert.match(doc.components.messages['event.invoice.voided'].description, /Addition within v1/);
  assert.match(doc.components.messages['event.sync.requested'].description, /Addition within v1/);
});

test("operations are from the device's side, QoS 1, retained exactly where the contract says", () => {
  const ops = doc.operations as Record<
    string,
    { action: string; channel: { $ref: string }; bindings: { mqtt: { qos: number; retain: boolean } } }
  >;
  const summary = Object.fromEntries(
    Object.values(ops).map((o) => [o.channel.$ref.split('/').pop(), [o.action, o.bindings.mqtt.qos, o.bindings.mqtt.retain]]),
  );
  assert.equal(summary, {
    jobs: ['receive', 1, false],
    commands: ['receive', 1, false],
    tariffs: ['receive', 1, true],
    events: ['send', 1, false],
    status: ['send', 1, true],
    acks: ['receive', 1, true],
  });
});

test('the server declares the persistent session and the retained offline last will', () => {
  const mqtt = doc.servers.broker.bindings.mqtt;
  assert.is(mqtt.cleanSession, false);
  assert.ok(mqtt.sessionExpiryInterval >= 7 * 24 * 3600);
  assert.equal([mqtt.lastWill.topic, mqtt.lastWill.qos, mqtt.lastWill.retain], ['saha/v1/devices/{deviceId}/status', 1, true]);
  assert.is(JSON.parse(mqtt.lastWill.message).state, 'offline');
});

test('signed orders are documented with the signing scheme', () => {
  for (const name of ['job.assign', 'job.cancel', 'command.message', 'command.wipe']) {
    assert.is(doc.components.messages[name]['x-signed'].algorithm, 'Ed25519', name);
    assert.ok(doc.components.schemas[name].properties.sig, name);
  }
  assert.match(doc.info.description, /RFC 8785/);
});

test('every $ref in the document resolves', () => {
  const refs: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$ref' ? refs.push(x as string) : walk(x);
  };
  walk(doc);
  assert.ok(refs.length > 20);
  for (const ref of refs) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<any>((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    assert.ok(target !== undefined, ref);
  }
});

test('a back office using only docs/schemas accepts the samples and refuses money as a number', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const load = (name: string) =>
    ajv.getSchema(`urn:saha:contract:v1:${name}`) ?? ajv.compile(JSON.parse(readFileSync(`${root}docs/schemas/${name}.json`, 'utf8')));
  const check = (schema: string, sample: unknown) => {
    const v = load(schema);
    assert.ok(v(sample), `${schema}: ${JSON.stringify(v.errors)}`);
  };
  for (const n of fixtureNames('jobs')) check(n.includes('cancel') ? 'job.cancel' : 'job.assign', fixture(n));
  check('command.message', fixture('commands/message.json'));
  check('command.wipe', fixture('commands/wipe.json'));
  check('tariff', fixture('tariffs/ESGAZ-K1-2025-08.json'));
  for (const n of fixtureNames('status')) check('status', fixture(n));
  check('ack', fixture('acks/ack.json'));
  for (const type of EVENT_TYPES) {
    check(`event.${type}`, fixture(`events/${type}.json`));
    check('event.envelope', fixture(`events/${type}.json`));
  }
  const invoice = fixture('events/invoice.issued.json');
  invoice.data.payable = 2462;
  assert.not.ok(load('event.invoice.issued')(invoice));
});

test.run();
