/**
 * Bilgi fişi numbering (docs/invoice.md "Bilgi fişi"): an e-Fatura buyer's bill takes its number
 * from the info-slip series and its own counter; the e-Arşiv series never moves for it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { validateEvent } from '../../../src/core/contract/index.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loadTariff } from '../../helpers/tariffs.js';

const now = Date.parse('2026-02-04T10:00:00+03:00');
const meter = (i: number) => ({ ...readingJob(i).meter, lastIndex: 4100, lastReadDate: '2026-01-05' });
const eFatura = (i: number) =>
  readingJob(i, { meter: meter(i), customer: { ...readingJob(i).customer, taxId: '9876543217', company: true, eInvoiceRegistered: true } });
const eArsiv = (i: number) => readingJob(i, { meter: meter(i) });

async function rig(jobs: ReturnType<typeof readingJob>[], infoSlipSeries: string | null = 'HTB') {
  const store = await memoryTarget().open({ clock: () => now });
  await store.transact((tx) => {
    const t = loadTariff('esgaz-k1-2026-01');
    tx.put('tariffs', t.tariffId, t);
    for (const job of jobs)
      tx.put('jobs', job.jobId, {
        job,
        state: 'open',
        receivedAt: '2026-02-01T08:00:00.000+03:00',
        updatedAt: '2026-02-01T08:00:00.000+03:00',
        workIds: [],
      });
  });
  const readings = new ReadingService({
    store,
    deviceId: 'HT-0042',
    invoiceSeries: 'HTA',
    ...(infoSlipSeries ? { infoSlipSeries } : {}),
    clock: () => now,
    newId: randomUUID,
  });
  const read = async (jobId: string) => (await readings.confirmReading({ jobId, operatorId: 'op-17', index: 4250 })).invoice!;
  return { store, read };
}

test('e-Fatura buyers are numbered in the info-slip series, e-Arşiv buyers in the invoice series, each sequence unbroken', async () => {
  const { store, read } = await rig([eFatura(1), eArsiv(2), eFatura(3), eArsiv(4)]);
  const nos = [];
  for (const id of ['J-00001', 'J-00002', 'J-00003', 'J-00004']) nos.push((await read(id)).invoiceNo);
  assert.equal(nos, ['HTB2026000000001', 'HTA2026000000001', 'HTB2026000000002', 'HTA2026000000002']);
  const issued = [...store.values('outbox')].map((e) => e.envelope).filter((e) => e.type === 'invoice.issued');
  assert.equal(
    issued.map((e) => [(e.data as { invoiceNo: string }).invoiceNo, (e.data as { documentKind?: string }).documentKind]),
    [
      ['HTB2026000000001', 'bilgi-fisi'],
      ['HTA2026000000001', undefined],
      ['HTB2026000000002', 'bilgi-fisi'],
      ['HTA2026000000002', undefined],
    ],
  );
  for (const e of issued) assert.ok(validateEvent(e).ok, JSON.stringify(validateEvent(e)));
  assert.equal(
    [...store.values('invoiceNos')].map((r) => r.state),
    ['issued', 'issued', 'issued', 'issued'],
  );
});

test('without an info-slip series an e-Fatura buyer is refused before any number is reserved', async () => {
  const { store, read } = await rig([eFatura(1)], null);
  const e = await read('J-00001').catch((x: unknown) => x);
  assert.ok(isAppError(e) && e.code === 'Config_Invalid', String(e));
  assert.is([...store.values('invoiceNos')].length, 0);
  assert.is(store.get('jobs', 'J-00001')!.state, 'open');
});

test.run();
