/**
 * Tariffs you can trust (docs/invoice.md "Tariff staleness"): an open-ended tariff refuses a
 * period ending more than maxTariffAgeDays after its validFrom, in the core, on the device
 * (ReadingService) and in `saha bill` (exit 2), which also applies the value-range checks.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { computeInvoice } from '../../../src/core/billing/computeInvoice.js';
import type { Tariff } from '../../../src/core/contract/tariff.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { esgaz, fixturePath } from '../../helpers/tariffs.js';
import { sahaBin } from '../../helpers/sahaBin.js';

const BRS: Tariff = esgaz({ tariffId: 'BRS-K1-2025-08', group: 'BRS-K1', validFrom: '2025-08-01', validTo: null });
const bill = (to: string, tariffs: Tariff[] = [BRS], maxTariffAgeDays: number | null = 62) =>
  computeInvoice(
    {
      previousIndex: 100,
      currentIndex: 200,
      previousDate: '2025-08-01',
      currentDate: to,
      ...(maxTariffAgeDays !== null ? { maxTariffAgeDays } : {}),
    },
    tariffs,
  );
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.ok(isAppError(e, 'Billing_StaleTariff'), String(e));
    return (e as Error).message;
  }
  return assert.unreachable('billed') as never;
};

test('62 days after validFrom is still priced; 63 is refused with the tariff named', () => {
  assert.is(bill('2025-10-02').tariffIds[0], 'BRS-K1-2025-08'); // 62 days
  assert.is(
    refusal(() => bill('2025-10-03')),
    'tariff BRS-K1-2025-08 is too old for this period (valid from 2025-08-01, open-ended; the period ends 63 days later, more than 62)',
  );
  assert.match(
    refusal(() => bill('2028-03-01')),
    /^tariff BRS-K1-2025-08 is too old for this period/,
  );
});

test('a closed tariff, a later tariff taking over, or no limit given are not refused', () => {
  assert.is(bill('2025-10-20', [{ ...BRS, validTo: '2025-12-31' }]).payable.length > 0, true);
  const next: Tariff = { ...BRS, tariffId: 'BRS-K1-2025-10', validFrom: '2025-10-01' };
  assert.equal(bill('2025-10-20', [BRS, next]).tariffIds, ['BRS-K1-2025-08', 'BRS-K1-2025-10']);
  assert.is(bill('2028-03-01', [BRS], null).tariffIds[0], 'BRS-K1-2025-08');
});

test('the device refuses to bill with the tariff named and reserves no invoice number', async () => {
  const now = Date.parse('2026-02-04T10:00:00+03:00');
  const store = await memoryTarget().open({ clock: () => now });
  const job = readingJob(1, { tariffGroup: 'BRS-K1', meter: { ...readingJob(1).meter, lastIndex: 4100, lastReadDate: '2026-01-05' } });
  await store.transact((tx) => {
    tx.put('tariffs', BRS.tariffId, BRS);
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
    clock: () => now,
    newId: randomUUID,
    maxTariffAgeDays: 62,
  });
  await readings.confirmReading({ jobId: job.jobId, operatorId: 'op', index: 4200 }).then(
    () => assert.unreachable('billed'),
    (e: unknown) => {
      assert.ok(isAppError(e, 'Billing_StaleTariff'));
      assert.match((e as Error).message, /tariff BRS-K1-2025-08 is too old for this period/);
    },
  );
  assert.is([...store.values('invoiceNos')].length, 0);
});

const saha = (...args: string[]) => spawnSync(process.execPath, [sahaBin(), 'bill', ...args], { encoding: 'utf8' });

test('saha bill: a stale open-ended tariff is exit 2 with the message', () => {
  const r = saha(
    '--tariff',
    fixturePath('esgaz-k1-2025-09'),
    '--previous',
    '100',
    '--current',
    '200',
    '--from',
    '2026-01-05',
    '--to',
    '2026-02-04',
  );
  assert.is(r.status, 2, r.stdout);
  assert.match(r.stderr, /saha bill: tariff ESGAZ-K1-2025-09 is too old for this period/);
});

test('saha bill: the value-range checks apply (VAT "5", K "0", dueDays 0 are each exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-tariff-'));
  for (const [over, re] of [
    [{ vatRate: '5' }, /\/vatRate 5 is outside 0–1/],
    [{ correctionFactor: '0' }, /\/correctionFactor 0 is outside 0.8–1.3/],
    [{ dueDays: 0 }, /\/dueDays 0 is below the minimum of 10 days/],
  ] as const) {
    const file = join(dir, `t-${Object.keys(over)[0]}.json`);
    writeFileSync(file, JSON.stringify(esgaz(over as Partial<Tariff>)));
    const r = saha('--tariff', file, '--previous', '100', '--current', '200', '--from', '2025-08-01', '--to', '2025-09-01');
    assert.is(r.status, 2, r.stdout);
    assert.match(r.stderr, re);
  }
});

test.run();
