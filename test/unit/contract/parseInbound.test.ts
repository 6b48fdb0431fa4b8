// What the device does with everything the back office sends: typed message, or a rejection that
// lists every problem with a path (what job.rejected carries).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseInbound, validateEvent, type InboundRejection, type InboundResult } from '../../../src/core/contract/index.js';
import { bytes, clone, COMMANDS, DEVICE, fixture, JOBS, LIMITS, TARIFF } from './fixtures.js';

const reading = fixture('jobs/job.assign.reading.json');
const cancel = fixture('jobs/job.cancel.json');

function rejected(r: InboundResult): InboundRejection {
  assert.is(r.kind, 'rejected', `expected a rejection, got ${JSON.stringify(r).slice(0, 200)}`);
  return r as InboundRejection;
}
const paths = (r: InboundRejection) => r.errors.map((e) => e.path).sort();
const messageAt = (r: InboundRejection, path: string) => r.errors.find((e) => e.path === path)?.message ?? '';

test('a job.assign comes out typed, with its job', () => {
  const r = parseInbound(JOBS, bytes(reading), LIMITS);
  assert.is(r.kind, 'job');
  if (r.kind === 'job' && r.message.type === 'job.assign') assert.is(r.message.job.meter.lastIndex, 12345);
});

test('a job.cancel comes out typed', () => {
  const r = parseInbound(JOBS, bytes(cancel), LIMITS);
  assert.is(r.kind, 'job');
  if (r.kind === 'job' && r.message.type === 'job.cancel') assert.is(r.message.reason, 'paid');
});

test('fields added by a newer back office are accepted and kept', () => {
  const m = clone(reading);
  m.priorityReason = 'new field';
  m.job.meter.model = 'G4 Elster';
  const r = parseInbound(JOBS, bytes(m), LIMITS);
  assert.is(r.kind, 'job');
  if (r.kind === 'job') assert.is((r.message as any).priorityReason, 'new field');
});

test('bad JSON is rejected at the root, with no messageId', () => {
  const r = rejected(parseInbound(JOBS, bytes('{"messageId": "m1", "type": '), LIMITS));
  assert.equal(paths(r), ['/']);
  assert.match(r.errors[0]!.message, /not valid JSON/);
  assert.is(r.messageId, undefined);
  assert.is(r.channel, 'jobs');
});

test('bytes that are not UTF-8 are rejected', () => {
  const r = rejected(parseInbound(JOBS, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), LIMITS));
  assert.match(r.errors[0]!.message, /UTF-8/);
});

test('JSON that is not an object is rejected', () => {
  for (const text of ['[]', '"job"', '42', 'null']) {
    const r = rejected(parseInbound(JOBS, bytes(text), LIMITS));
    assert.equal(paths(r), ['/'], text);
    assert.match(r.errors[0]!.message, /must be a JSON object/);
  }
});

test('an oversized payload is rejected without being parsed', () => {
  const r = rejected(parseInbound(JOBS, bytes(reading), { maxBytes: 100 }));
  assert.match(r.errors[0]!.message, /exceeds the limit of 100/);
});

test('an unknown job message type is rejected, naming the known ones, with its messageId', () => {
  const r = rejected(parseInbound(JOBS, bytes({ ...cancel, type: 'job.pause' }), LIMITS));
  assert.equal(paths(r), ['/type']);
  assert.match(messageAt(r, '/type'), /unknown job message type "job\.pause"; known: job\.assign, job\.cancel/);
  assert.is(r.messageId, cancel.messageId);
  assert.is(r.jobId, 'J-2001');
});

test('an unknown command type is reported as an error, not ignored', () => {
  const r = rejected(parseInbound(COMMANDS, bytes({ messageId: 'c-1', sentAt: '2025-09-16T12:00:00+03:00', type: 'reboot' }), LIMITS));
  assert.is(r.channel, 'commands');
  assert.match(messageAt(r, '/type'), /unknown command type "reboot"; known: message, wipe/);
  assert.is(r.messageId, 'c-1');
});

test('a job message sent to the commands topic is an unknown command', () => {
  const r = rejected(parseInbound(COMMANDS, bytes(reading), LIMITS));
  assert.match(messageAt(r, '/type'), /unknown command type "job\.assign"/);
});

test('a message without type and messageId reports both', () => {
  const r = rejected(parseInbound(JOBS, bytes({ sentAt: '2025-09-16T12:00:00+03:00' }), LIMITS));
  assert.equal(paths(r), ['/messageId', '/type']);
});

test('two errors in one message are both reported, each with its path', () => {
  const m = clone(reading);
  delete m.job.meter.lastIndex;
  m.job.customer.name = 42;
  const r = rejected(parseInbound(JOBS, bytes(m), LIMITS));
  assert.equal(paths(r), ['/job/customer/name', '/job/meter/lastIndex']);
  assert.is(messageAt(r, '/job/meter/lastIndex'), 'is required');
  assert.is(messageAt(r, '/job/customer/name'), 'must be a string');
  assert.is(r.messageId, reading.messageId);
  assert.is(r.jobId, 'J-1001');
});

test('every kind of field error in one message is listed', () => {
  const m = clone(fixture('jobs/job.assign.cut.json'));
  m.sentAt = 'yesterday';
  m.job.kind = 'demolition';
  m.job.version = 0;
  m.job.dueDate = '2025-13-01';
  m.job.debt.amount = 3120.45;
  m.job.debt.noticeChannels = 'sms';
  delete m.job.customer;
  const r = rejected(parseInbound(JOBS, bytes(m), LIMITS));
  assert.equal(paths(r), [
    '/job/customer',
    '/job/debt/amount',
    '/job/debt/noticeChannels',
    '/job/dueDate',
    '/job/kind',
    '/job/version',
    '/sentAt',
  ]);
  assert.match(messageAt(r, '/job/kind'), /^must be one of "reading", "cut"/);
  assert.match(messageAt(r, '/job/dueDate'), /YYYY-MM-DD/);
  assert.match(messageAt(r, '/sentAt'), /ISO-8601/);
  assert.is(messageAt(r, '/job/debt/noticeChannels'), 'must be an array');
});

test('cut job fields of issue 18: notice channels are an enum ("written-notice" accepted), protected category an enum, periods and m³ checked', () => {
  const ok = parseInbound(JOBS, bytes(fixture('jobs/job.assign.cut.json')), LIMITS);
  assert.is(ok.kind, 'job');
  if (ok.kind === 'job' && ok.message.type === 'job.assign') {
    assert.equal(ok.message.job.debt!.noticeChannels, ['written-notice', 'sms']);
    assert.is(ok.message.job.customer.protectedCategory, 'none');
    assert.is(ok.message.job.debt!.unpaidConsumptionM3, '268.40');
  }
  const m = clone(fixture('jobs/job.assign.cut.json'));
  m.job.debt.noticeChannels = ['pigeon', 'sms'];
  m.job.customer.protectedCategory = 'mayor';
  m.job.debt.unpaidPeriods = -1;
  m.job.debt.unpaidConsumptionM3 = 212.4;
  const r = rejected(parseInbound(JOBS, bytes(m), LIMITS));
  assert.equal(paths(r), [
    '/job/customer/protectedCategory',
    '/job/debt/noticeChannels/0',
    '/job/debt/unpaidConsumptionM3',
    '/job/debt/unpaidPeriods',
  ]);
  assert.match(messageAt(r, '/job/debt/noticeChannels/0'), /"written", "sms", "email", "phone", "kep", "written-notice"/);
  assert.match(messageAt(r, '/job/customer/protectedCategory'), /"none", "martyr-family", "veteran"/);
});

test('money as a JSON number is rejected with a plain explanation', () => {
  const m = clone(fixture('jobs/job.assign.cut.json'));
  m.job.debt.amount = 3120.45;
  const r = rejected(parseInbound(JOBS, bytes(m), LIMITS));
  assert.equal(r.errors, [{ path: '/job/debt/amount', message: 'must be a decimal string such as "772.23", not a JSON number' }]);
});

test('a reading job without tariff group and a cut job without debt are rejected', () => {
  const r1 = rejected(parseInbound(JOBS, bytes({ ...reading, job: { ...reading.job, tariffGroup: undefined } }), LIMITS));
  assert.equal(r1.errors, [{ path: '/job/tariffGroup', message: 'is required for reading jobs' }]);
  const cut = fixture('jobs/job.assign.cut.json');
  delete cut.job.debt;
  const r2 = rejected(parseInbound(JOBS, bytes(cut), LIMITS));
  assert.equal(r2.errors, [{ path: '/job/debt', message: 'is required for cut jobs' }]);
});

test('a cancel without jobId is rejected with its messageId', () => {
  const m = clone(cancel);
  delete m.jobId;
  const r = rejected(parseInbound(JOBS, bytes(m), LIMITS));
  assert.equal(r.errors, [{ path: '/jobId', message: 'is required' }]);
  assert.is(r.messageId, cancel.messageId);
});

test('a wipe command needs afterDelivery as a boolean', () => {
  const r = rejected(parseInbound(COMMANDS, bytes({ ...fixture('commands/wipe.json'), afterDelivery: 'yes' }), LIMITS));
  assert.equal(r.errors, [{ path: '/afterDelivery', message: 'must be a boolean' }]);
});

test('a malformed signature field is a schema error', () => {
  const r = rejected(parseInbound(COMMANDS, bytes({ ...fixture('commands/message.json'), kid: 'k1', sig: 'not base64url!' }), LIMITS));
  assert.equal(paths(r), ['/sig']);
  assert.match(r.errors[0]!.message, /base64url/);
});

test('an empty retained payload withdraws the tariff', () => {
  assert.equal(parseInbound(TARIFF, new Uint8Array(0), LIMITS), { kind: 'tariff-withdrawn', topic: TARIFF, tariffId: 'ESGAZ-K1-2025-08' });
});

test('a tariff whose id differs from its topic, or ends before it starts, is rejected', () => {
  const t = { ...fixture('tariffs/ESGAZ-K1-2025-08.json'), tariffId: 'ESGAZ-K1-2025-09', validTo: '2025-07-31' };
  const r = rejected(parseInbound(TARIFF, bytes(t), LIMITS));
  assert.equal(paths(r), ['/tariffId', '/validTo']);
  assert.is(r.tariffId, 'ESGAZ-K1-2025-08');
});

test('a tariff with money as numbers lists each field', () => {
  const t = { ...fixture('tariffs/ESGAZ-K1-2025-08.json'), unitPricePerKwh: 0.96489117, vatRate: 0.2 };
  const r = rejected(parseInbound(TARIFF, bytes(t), LIMITS));
  assert.equal(paths(r), ['/unitPricePerKwh', '/vatRate']);
});

test("another device's topic and topics outside the contract are rejected", () => {
  const other = rejected(parseInbound('saha/v1/devices/HT-0043/jobs', bytes(reading), { ...LIMITS, deviceId: DEVICE }));
  assert.match(other.errors[0]!.message, /for device HT-0043/);
  const foreign = rejected(parseInbound('saha/v2/devices/HT-0042/jobs', bytes(reading), LIMITS));
  assert.is(foreign.channel, 'unknown');
});

test('the rejection fits a job.rejected event even when the sender sends huge values', () => {
  const r = rejected(
    parseInbound(COMMANDS, bytes({ messageId: 'c-2', sentAt: '2025-09-16T12:00:00+03:00', type: 'x'.repeat(5000) }), LIMITS),
  );
  const event = { ...fixture('events/job.rejected.json'), data: { messageId: r.messageId, errors: r.errors } };
  assert.equal(validateEvent(event), { ok: true });
});

test('a flood of errors is capped at 100', () => {
  const cut = fixture('jobs/job.assign.cut.json');
  cut.job.debt.noticeChannels = Array.from({ length: 300 }, (_, i) => i); // 300 wrong items
  const r = rejected(parseInbound(JOBS, bytes(cut), LIMITS));
  assert.is(r.errors.length, 100);
  assert.is(r.messageId, cut.messageId);
});

/** `reading` with a value nested `depth` arrays deep inside an unknown field of `job`. */
function nestedInJob(depth: number): string {
  return JSON.stringify(reading).replace('"job":{', `"job":{"x":${'['.repeat(depth)}${']'.repeat(depth)},`);
}

test('5,000 levels of nesting inside an unknown field of job are refused before parsing, naming the message', () => {
  const text = nestedInJob(5000);
  const r = rejected(parseInbound(JOBS, bytes(text), { maxBytes: 262144 }));
  assert.equal(paths(r), ['/']);
  assert.match(r.errors[0]!.message, /nested more than 32 levels/);
  assert.is(r.messageId, reading.messageId, 'read from the raw bytes');
});

test('nesting is counted outside strings only, and up to the limit is fine', () => {
  const inString = clone(reading);
  inString.job.notes = '[[[[{{{{'.repeat(20);
  assert.is(parseInbound(JOBS, bytes(inString), LIMITS).kind, 'job');
  assert.is(parseInbound(JOBS, bytes(nestedInJob(30)), LIMITS).kind, 'job', 'message 1 + job 1 + 30 = 32 levels');
  assert.is(parseInbound(JOBS, bytes(nestedInJob(31)), LIMITS).kind, 'rejected');
  assert.is(parseInbound(JOBS, bytes(nestedInJob(31)), { ...LIMITS, maxDepth: 40 }).kind, 'job');
});

test('a payload over the size limit still names its messageId and jobId when they are plain top-level strings', () => {
  const big = clone(cancel);
  big.reason = 'x'.repeat(200);
  const r = rejected(parseInbound(JOBS, bytes(big), { maxBytes: 100 + JSON.stringify(big).indexOf('"reason"') }));
  assert.match(r.errors[0]!.message, /exceeds the limit/);
  assert.is(r.messageId, cancel.messageId);
  assert.is(r.jobId, cancel.jobId);
});

test('the raw scan reads only plain top-level ids: nested, escaped or over-long ones are left out', () => {
  const deep = '['.repeat(40) + ']'.repeat(40);
  const cases: [string, string | undefined][] = [
    [`{"a":{"messageId":"inner"},"x":${deep}}`, undefined],
    [`{"messageId":"m\\u0031","x":${deep}}`, undefined],
    [`{"messageId":"${'m'.repeat(65)}","x":${deep}}`, undefined],
    [`{ "messageId" : "m-1" ,"x":${deep}}`, 'm-1'],
    [`{"note":"\\"messageId\\":\\"fake\\"","messageId":"m-2","x":${deep}}`, 'm-2'],
  ];
  for (const [text, id] of cases) assert.is(rejected(parseInbound(JOBS, bytes(text), LIMITS)).messageId, id, text.slice(0, 60));
});

test('a tariff refused before parsing names its tariffId', () => {
  const r = rejected(parseInbound(TARIFF, bytes(`{"x":${'['.repeat(100)}${']'.repeat(100)}}`), LIMITS));
  assert.is(r.tariffId, 'ESGAZ-K1-2025-08');
  assert.is(r.channel, 'tariff');
});

test.run();
