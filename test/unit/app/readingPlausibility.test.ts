/**
 * ReadingService refuses to bill more than the meter can pass, whatever the screen did, and the
 * audit log names the supervisor who confirmed a high consumption (docs/invoice.md "Plausibility").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MeterClass } from '../../../src/core/billing/meterClass.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { readingRig } from '../../helpers/readingRig.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loadTariff } from '../../helpers/tariffs.js';

async function rig(meterClass?: MeterClass, defaultMeterClass?: MeterClass) {
  const base = readingJob(1);
  const job = readingJob(1, {
    meter: { ...base.meter, lastIndex: 4100, lastReadDate: '2026-01-05', ...(meterClass ? { class: meterClass } : {}) },
  });
  const { store, readings } = await readingRig([job], {
    tariffs: [loadTariff('esgaz-k1-2026-01')],
    deps: defaultMeterClass ? { defaultMeterClass } : {},
  });
  return { store, readings, jobId: job.jobId };
}

test('8,000 m³ in a month on a household meter is refused: no invoice, no number reserved', async () => {
  const { store, readings, jobId } = await rig();
  try {
    await readings.confirmReading({ jobId, operatorId: 'op', index: 12100 });
    assert.unreachable('billed');
  } catch (e) {
    assert.ok(isAppError(e, 'Reading_Invalid'), String(e));
    assert.match((e as Error).message, /8000 m³ is more than a G4 meter can pass between 2026-01-05 and 2026-02-04 \(4464 m³\)/);
  }
  assert.is([...store.values('invoiceNos')].length, 0);
  assert.is(store.get('jobs', jobId)!.state, 'open');
  assert.throws(() => readings.preview(jobId, 12100), /more than a G4 meter/);
});

test("the job's class, or the configured default, raises the ceiling", async () => {
  const a = await rig('G10');
  assert.ok((await a.readings.confirmReading({ jobId: a.jobId, operatorId: 'op', index: 12100 })).invoice);
  const b = await rig(undefined, 'G10');
  assert.ok((await b.readings.confirmReading({ jobId: b.jobId, operatorId: 'op', index: 12100 })).invoice);
});

test('a supervisor-confirmed high reading is billed and the audit entry names the supervisor', async () => {
  const { store, readings, jobId } = await rig();
  const at = '2026-02-04T10:00:00.000+03:00';
  await readings.confirmReading({
    jobId,
    operatorId: 'op',
    index: 5100,
    outlierConfirmed: true,
    overrides: [
      { kind: 'outlier-confirmed', flags: ['high'], operatorId: 'op', at },
      { kind: 'supervisor', operatorId: '9001', at, reason: 'high 1000 m³ keyed by op' },
    ],
  });
  const audit = [...store.values('audit')].find((a) => a.action === 'reading.recorded');
  assert.ok(audit, 'audit entry');
  assert.equal((audit as { details: Record<string, unknown> }).details.supervisorId, '9001');
  assert.equal((audit as { details: Record<string, unknown> }).details.overrides, ['outlier-confirmed', 'supervisor']);
});

test.run();
