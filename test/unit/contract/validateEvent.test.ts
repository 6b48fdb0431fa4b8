// What the device sends must be contract v1: envelope plus the data of its type.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeInvoice } from '../../../src/core/billing/computeInvoice.js';
import type { Invoice } from '../../../src/core/billing/types.js';
import { topics, validateEvent, validateStatus, type EventEnvelope } from '../../../src/core/contract/index.js';
import { COMPLETION_EVENTS } from '../../../src/backoffice/jobs/outcomes.js';
import { clone, DEVICE, fixture } from './fixtures.js';

const errorsOf = (r: ReturnType<typeof validateEvent>) => (r.ok ? [] : r.errors);

test('the docs/domain.md worked example, computed now, validates as an invoice.issued event', () => {
  const tariff = fixture('tariffs/ESGAZ-K1-2025-08.json');
  const calc = computeInvoice(
    { previousIndex: 12345, currentIndex: 12533, previousDate: '2025-08-01', currentDate: '2025-09-01', digits: 5 },
    [tariff],
  );
  const invoice: Invoice = {
    ...calc,
    invoiceNo: 'HTA2025000001207',
    ettn: '3f0d5c1e-8a2b-4c7d-9e1f-0a1b2c3d4e5f',
    issuedAt: '2025-09-01T09:14:03.120+03:00',
    jobId: 'J-1001',
    deviceId: DEVICE,
    operatorId: 'op-17',
    tariffGroup: 'ESGAZ-K1',
    customer: { installationNo: '4000123456', contractAccount: 'CA-77001234', name: 'Ayşe Yılmaz', address: 'Tepebaşı / Eskişehir' },
    meter: { serial: 'G4-2019-004711' },
  };
  const event = { ...fixture('events/invoice.issued.json'), data: invoice };
  assert.equal(validateEvent(event, topics.event(DEVICE, 'invoice.issued')), { ok: true });
  // The figures of docs/domain.md's table, as they travel.
  assert.equal(
    [
      invoice.consumptionM3,
      invoice.correctedM3,
      invoice.kwhFactor,
      invoice.energyKwh,
      invoice.consumptionAmount,
      invoice.vat,
      invoice.total,
      invoice.payable,
      invoice.roundingCarry,
    ],
    ['188', '193.80', '10.97', '2126', '2051.36', '410.27', '2461.63', '2462.00', '0.37'],
  );
});

test('the invoice sample matches the worked example', () => {
  const d = fixture('events/invoice.issued.json').data;
  assert.equal([d.total, d.payable, d.roundingCarry, d.period.days], ['2461.63', '2462.00', '0.37', 31]);
});

test('money as a JSON number in an invoice is rejected, field by field', () => {
  const e = clone(fixture('events/invoice.issued.json'));
  e.data.total = 2461.63;
  e.data.lines[0].amount = 2051.36;
  assert.equal(errorsOf(validateEvent(e)), [
    { path: '/data/total', message: 'must be a decimal string such as "772.23", not a JSON number' },
    { path: '/data/lines/0/amount', message: 'must be a decimal string such as "772.23", not a JSON number' },
  ]);
});

test('envelope and data errors are reported together', () => {
  const e = clone(fixture('events/reading.recorded.json'));
  e.seq = 0;
  delete e.eventId;
  e.data.consumptionM3 = '-5';
  delete e.data.readAt;
  const paths = errorsOf(validateEvent(e))
    .map((x) => x.path)
    .sort();
  assert.equal(paths, ['/data/consumptionM3', '/data/readAt', '/eventId', '/seq']);
});

test('an unknown event type is rejected and the envelope still checked', () => {
  const e = { ...fixture('events/job.accepted.json'), type: 'job.exploded', deviceId: 'HT 42' };
  const errs = errorsOf(validateEvent(e));
  assert.equal(errs.map((x) => x.path).sort(), ['/deviceId', '/type']);
  assert.match(errs.find((x) => x.path === '/type')!.message, /must be one of "job\.accepted"/);
});

test('an event on the wrong topic is caught', () => {
  const e = fixture('events/gas.cut.json');
  assert.equal(errorsOf(validateEvent(e, topics.event(DEVICE, 'gas.reconnected'))), [
    { path: '/type', message: 'must equal the topic\'s event type "gas.reconnected"' },
  ]);
  assert.equal(errorsOf(validateEvent(e, topics.event('HT-0099', 'gas.cut'))), [
    { path: '/deviceId', message: 'must equal the topic\'s device id "HT-0099"' },
  ]);
});

test('inspection.requested (issue 18): job, reason code and evidence; a free-text reason or an unnamed item is refused; not a completion', () => {
  const e = fixture('events/inspection.requested.json');
  assert.equal(validateEvent(e, topics.event(DEVICE, 'inspection.requested')), { ok: true });
  const bad = clone(e);
  bad.data.reason = 'Seal does not match';
  bad.data.evidence[1] = { value: 'KM7654321' };
  delete bad.data.jobId;
  assert.equal(
    errorsOf(validateEvent(bad))
      .map((x) => x.path)
      .sort(),
    ['/data/evidence/1/kind', '/data/jobId', '/data/reason'],
  );
  // Asking for an inspection does not finish the job it was found on.
  assert.not.ok(COMPLETION_EVENTS.has('inspection.requested'));
});

test('an event with no operator logged in carries operatorId null', () => {
  assert.equal(validateEvent({ ...fixture('events/job.accepted.json'), operatorId: null }), { ok: true });
});

test('job.rejected for unparseable JSON carries messageId null', () => {
  const e = clone(fixture('events/job.rejected.json'));
  e.data.messageId = null;
  delete e.data.jobId;
  assert.equal(validateEvent(e), { ok: true });
  e.data.errors = [];
  assert.equal(
    errorsOf(validateEvent(e)).map((x) => x.path),
    ['/data/errors'],
  );
});

test('inspection findings are limited to none, kacak, usulsuz', () => {
  const e = clone(fixture('events/inspection.reported.json'));
  e.data.finding = 'kaçak';
  assert.equal(errorsOf(validateEvent(e)), [{ path: '/data/finding', message: 'must be one of "none", "kacak", "usulsuz"' }]);
});

test('invoice.voided needs the number, the reason and when it was reserved', () => {
  const e = clone(fixture('events/invoice.voided.json'));
  e.data = { invoiceNo: 'HTA25-1' };
  assert.equal(
    errorsOf(validateEvent(e))
      .map((x) => x.path)
      .sort(),
    ['/data/invoiceNo', '/data/reason', '/data/reservedAt'],
  );
});

test('non-objects are not events', () => {
  for (const v of [null, 'x', 3, []]) assert.not.ok(validateEvent(v).ok, JSON.stringify(v));
});

test('status: printer state and nullable fields are checked', () => {
  const s = { ...fixture('status/online.json'), printer: 'jammed', outboxDepth: -1, oldestPendingAt: 'never' };
  const r = validateStatus(s);
  assert.equal(r.ok ? [] : r.errors.map((e) => e.path).sort(), ['/oldestPendingAt', '/outboxDepth', '/printer']);
  assert.match(r.ok ? '' : r.errors.find((e) => e.path === '/oldestPendingAt')!.message, /or null$/);
});

test('an event built with the EventEnvelope type validates', () => {
  const e: EventEnvelope<'gas.cut'> = {
    eventId: '0b8f2c8e-4f7a-4c1e-9a51-3d3c2a1f0e77',
    type: 'gas.cut',
    deviceId: DEVICE,
    seq: 1,
    occurredAt: '2026-11-25T09:14:03.120+03:00',
    operatorId: 'op-17',
    jobId: 'J-2001',
    data: { index: 30214, sealNo: 'KM-1', checklist: [{ id: 'notice-left', ok: true }] },
  };
  assert.equal(validateEvent(e, topics.event(DEVICE, e.type)), { ok: true });
});

test.run();
