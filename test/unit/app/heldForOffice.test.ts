/**
 * "Held for the office" (issue 17, config reading.highConsumption 'hold-for-office'): a high
 * reading re-keyed identically is recorded without a bill. No invoice number is reserved or
 * issued, reading.recorded tells the office with `billingHeld`, the audit entry names the hold
 * (docs/invoice.md "Plausibility").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateEvent } from '../../../src/core/contract/index.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import type { Override } from '../../../src/core/jobs/types.js';
import { readingRig } from '../../helpers/readingRig.js';
import { rejects } from '../../helpers/rejects.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loadTariff } from '../../helpers/tariffs.js';

const AT = '2026-02-04T10:00:00.000+03:00';
const job = (i: number) => readingJob(i, { meter: { ...readingJob(i).meter, lastIndex: 4100, lastReadDate: '2026-01-05' } });
const jobs = [job(1), job(2)];
const held: Override[] = [
  { kind: 'outlier-confirmed', flags: ['high'], operatorId: 'op', at: AT },
  { kind: 'held-for-office', operatorId: 'op', at: AT, reason: 'high-consumption 1000 m³' },
];
const scan = (i: number) => ({ kind: 'matched' as const, code: readingJob(i).meter.serial });

test('a held reading is recorded, the job done, and no invoice number is reserved or issued', async () => {
  const { store, readings, events } = await readingRig(jobs, {
    tariffs: [loadTariff('esgaz-k1-2026-01')],
    deps: { highConsumption: 'hold-for-office', requireScan: true },
  });
  const r = await readings.confirmReading({
    jobId: 'J-00001',
    operatorId: 'op',
    index: 5100,
    outlierConfirmed: true,
    overrides: held,
    scan: scan(1),
  });
  assert.is(r.invoice, undefined);
  assert.is(r.work.invoiceNo, undefined);
  assert.equal(r.work.billingHeld, { reason: 'high-consumption' });
  assert.match(r.work.notBilledReason ?? '', 'held for the office');
  assert.is(r.work.consumptionM3, '1000');
  assert.is(store.get('jobs', 'J-00001')!.state, 'done');
  assert.is([...store.values('invoiceNos')].length, 0, 'no number reserved');
  assert.is([...store.values('invoices')].length, 0);

  const sent = events();
  assert.equal(
    sent.map((e) => e.type),
    ['reading.recorded'],
    'no invoice.issued',
  );
  const data = sent[0]!.data as Record<string, unknown>;
  assert.equal(data.billingHeld, { reason: 'high-consumption', consumptionM3: '1000' });
  assert.is(data.invoiceNo, undefined);
  assert.ok(validateEvent(sent[0]).ok, JSON.stringify(validateEvent(sent[0])));

  const audit = [...store.values('audit')].filter((a) => a.action.startsWith('reading.'));
  assert.equal(
    audit.map((a) => a.action),
    ['reading.held-for-office'],
  );
  const details = (audit[0] as { details: Record<string, unknown> }).details;
  assert.is(details.billingHeld, 'high-consumption');
  assert.is(details.invoiceNo, null);
  assert.equal(details.overrides, ['outlier-confirmed', 'held-for-office']);

  // The sequence was not touched: the next billed reading takes number 1.
  const next = await readings.confirmReading({ jobId: 'J-00002', operatorId: 'op', index: 4250, scan: scan(2) });
  assert.is(next.invoice?.invoiceNo, 'HTA2026000000001');
});

test('a held reading needs no tariff (the office prices it) but is still capped by the meter ceiling', async () => {
  const { store, readings } = await readingRig(jobs, { deps: { highConsumption: 'hold-for-office' } });
  await rejects(readings.confirmReading({ jobId: 'J-00001', operatorId: 'op', index: 12100, overrides: held }), (e) =>
    isAppError(e, 'Reading_Invalid'),
  );
  assert.is(store.get('jobs', 'J-00001')!.state, 'open');
  const r = await readings.confirmReading({ jobId: 'J-00001', operatorId: 'op', index: 5100, overrides: held });
  assert.ok(r.work.billingHeld, 'recorded without a tariff in the store');
});

test('with the default (supervisor) a held reading is refused before anything is recorded', async () => {
  const { store, readings, events } = await readingRig(jobs, { tariffs: [loadTariff('esgaz-k1-2026-01')] });
  await rejects(readings.confirmReading({ jobId: 'J-00001', operatorId: 'op', index: 5100, overrides: held }), (e) =>
    isAppError(e, 'Reading_Invalid'),
  );
  assert.is(store.get('jobs', 'J-00001')!.state, 'open');
  assert.is([...store.values('invoiceNos')].length, 0);
  assert.equal(events(), []);
});

test.run();
