/**
 * consumptionHistory (contract v1 addition, issue 17): job.assign may carry the last periods' m³,
 * at most 24, optional; invoice.issued carries them on for the e-mailed invoice's chart; the route
 * CSV column `consumptionHistory` writes them as PERIOD:M3|…. Bounded: too many entries, a bad
 * period or m³ and absurd nesting are refused with a path, never a crash.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { parseRouteCsv } from '../../../src/backoffice/routeFile.js';
import { MAX_HISTORY_PERIODS } from '../../../src/core/contract/consumptionHistory.js';
import { parseInbound, validateEvent, type InboundRejection } from '../../../src/core/contract/index.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loadTariff } from '../../helpers/tariffs.js';
import { bytes, clone, fixture, JOBS, LIMITS } from './fixtures.js';

const reading = fixture('jobs/job.assign.reading.json');
const invoiceEvent = fixture('events/invoice.issued.json');
const withJob = (f: (job: any) => void) => {
  const m = clone(reading);
  f(m.job);
  return parseInbound(JOBS, bytes(m), LIMITS);
};
const errors = (r: ReturnType<typeof parseInbound>) => (r.kind === 'rejected' ? (r as InboundRejection).errors : []);
const months = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    period: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    m3: `${100 + i}`,
  }));

test('a job with up to 24 periods of history is accepted and typed; without it, as before', () => {
  assert.is(parseInbound(JOBS, bytes(reading), LIMITS).kind, 'job');
  const r = withJob((j) => (j.consumptionHistory = months(MAX_HISTORY_PERIODS)));
  assert.is(r.kind, 'job', JSON.stringify(errors(r)));
  if (r.kind === 'job' && r.message.type === 'job.assign') {
    assert.is(r.message.job.consumptionHistory?.length, 24);
    assert.equal(r.message.job.consumptionHistory?.[0], { period: '2024-01', m3: '100' });
  }
  assert.is(withJob((j) => (j.consumptionHistory = [{ period: '2025-11', m3: '98.5' }])).kind, 'job');
});

test('too many periods, a bad period, an m³ as a number or negative are refused with their paths', () => {
  const cases: [(j: any) => void, string][] = [
    [(j) => (j.consumptionHistory = months(MAX_HISTORY_PERIODS + 1)), '/job/consumptionHistory'],
    [(j) => (j.consumptionHistory = [{ period: '2025-13', m3: '1' }]), '/job/consumptionHistory/0/period'],
    [(j) => (j.consumptionHistory = [{ period: '2025-11-01', m3: '1' }]), '/job/consumptionHistory/0/period'],
    [(j) => (j.consumptionHistory = [{ period: '2025-11', m3: 12 }]), '/job/consumptionHistory/0/m3'],
    [(j) => (j.consumptionHistory = [{ period: '2025-11', m3: '-3' }]), '/job/consumptionHistory/0/m3'],
    [(j) => (j.consumptionHistory = [{ period: '2025-11' }]), '/job/consumptionHistory/0'],
    [(j) => (j.consumptionHistory = { period: '2025-11', m3: '1' }), '/job/consumptionHistory'],
  ];
  for (const [f, path] of cases) {
    const e = errors(withJob(f));
    assert.ok(
      e.some((x) => x.path === path || x.path.startsWith(`${path}/`)),
      `${path}: ${JSON.stringify(e)}`,
    );
  }
});

test('deep nesting inside the history is refused before parsing (payload depth limit), not a stack overflow', () => {
  const deep = JSON.stringify(reading).replace('"job":{', `"job":{"consumptionHistory":${'['.repeat(5000)}${']'.repeat(5000)},`);
  const r = parseInbound(JOBS, bytes(deep), LIMITS);
  assert.is(r.kind, 'rejected');
  assert.match(JSON.stringify(errors(r)), /nest|deep|depth/i);
});

test('invoice.issued: consumptionHistory optional; a deep or oversized one is invalid, not a crash', () => {
  const topic = 'saha/v1/devices/HT-0042/events/invoice.issued';
  const ev = (h: unknown) => ({ ...clone(invoiceEvent), data: { ...clone(invoiceEvent.data), consumptionHistory: h } });
  assert.ok(validateEvent(invoiceEvent, topic).ok);
  assert.ok(validateEvent(ev(months(12)), topic).ok);
  assert.not.ok(validateEvent(ev(months(25)), topic).ok);
  // The relay parses before validating (it has no depth scan): ajv fails at the first level.
  const deep = JSON.stringify(ev('X')).replace('"X"', `${'['.repeat(5000)}${']'.repeat(5000)}`);
  const r = validateEvent(JSON.parse(deep), topic);
  assert.not.ok(r.ok);
  assert.ok(!r.ok && r.errors.some((e) => e.path.startsWith('/data/consumptionHistory')), JSON.stringify(r));
});

async function issue(consumptionHistory?: { period: string; m3: string }[]) {
  const now = Date.parse('2026-02-04T10:00:00+03:00');
  const store = await memoryTarget().open({ clock: () => now });
  const job = readingJob(1, {
    meter: { ...readingJob(1).meter, lastIndex: 4100, lastReadDate: '2026-01-05' },
    ...(consumptionHistory ? { consumptionHistory } : {}),
  });
  await store.transact((tx) => {
    const t = loadTariff('esgaz-k1-2026-01');
    tx.put('tariffs', t.tariffId, t);
    tx.put('jobs', job.jobId, {
      job,
      state: 'open',
      receivedAt: '2026-02-01T08:00:00.000+03:00',
      updatedAt: '2026-02-01T08:00:00.000+03:00',
      workIds: [],
    });
  });
  const readings = new ReadingService({ store, deviceId: 'HT-0042', invoiceSeries: 'HTA', clock: () => now, newId: randomUUID });
  await readings.confirmReading({ jobId: job.jobId, operatorId: 'op-17', index: 4250 });
  return [...store.values('outbox')].map((e) => e.envelope).find((e) => e.type === 'invoice.issued')!;
}

test("the device carries the job's history into invoice.issued unchanged; without it the field is absent", async () => {
  const h = months(13);
  const issued = await issue(h);
  assert.ok(validateEvent(issued).ok, JSON.stringify(validateEvent(issued)));
  assert.equal((issued.data as { consumptionHistory?: unknown }).consumptionHistory, h);
  const plain = await issue();
  assert.not.ok('consumptionHistory' in (plain.data as object));
});

const HEADER =
  'jobId,kind,dueDate,customer.installationNo,customer.contractAccount,customer.name,customer.address,meter.serial,meter.digits,meter.lastIndex,meter.lastReadDate,tariffGroup,consumptionHistory';
const csvRow = (h: string) => `J-1,reading,2026-02-01,4000123456,CA-1,Ayşe Yılmaz,İnönü Cad. No 1,G4-1,5,12345,2026-01-01,ESGAZ-K1,${h}`;

test('route CSV: consumptionHistory as PERIOD:M3|… (decimal comma accepted); an empty cell gives none', () => {
  const r = parseRouteCsv(`${HEADER}\n${csvRow('"2025-12:123|2025-11:98,5 | 2025-10:0"')}\n${csvRow('').replace('J-1', 'J-2')}\n`);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.jobs[0]!.consumptionHistory, [
    { period: '2025-12', m3: '123' },
    { period: '2025-11', m3: '98.5' },
    { period: '2025-10', m3: '0' },
  ]);
  assert.is(r.jobs[1]!.consumptionHistory, undefined);
});

test('route CSV: a malformed entry, a bad month or too many periods are named by row and column', () => {
  const too = months(25)
    .map((m) => `${m.period}:${m.m3}`)
    .join('|');
  for (const [cell, re] of [
    ['2025-12=123', /must be PERIOD:M3/],
    ['2025-13:5', /YYYY-MM/],
    [too, /must NOT have more than 24 items/],
  ] as const) {
    const r = parseRouteCsv(`${HEADER}\n${csvRow(cell)}\n`);
    assert.not.ok(r.ok, cell);
    if (r.ok) continue;
    const p = r.problems.find((x) => x.column === 'consumptionHistory');
    assert.ok(p, JSON.stringify(r.problems));
    assert.match(p!.message, re);
  }
});

test.run();
