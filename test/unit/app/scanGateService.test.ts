/**
 * ReadingService holds the scan gate itself (issue 19), whatever the screen did: with requireScan
 * (set by src/composeApp.ts) a reading without scan evidence is refused before any number is
 * reserved, and a "matched" scan of a code that is not the job's meter is refused either way.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isAppError } from '../../../src/core/errors/AppError.js';
import type { ScanEvidence } from '../../../src/core/reading/scanGate.js';
import { readingRig } from '../../helpers/readingRig.js';
import { rejects } from '../../helpers/rejects.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loadTariff } from '../../helpers/tariffs.js';

const meter = { ...readingJob(1).meter, lastIndex: 4100, lastReadDate: '2026-01-05', serial: 'M-SERIAL-1', barcode: '8690000000017' };
const job = readingJob(1, { meter });
const AT = '2026-02-04T10:00:00.000+03:00';

async function rig(requireScan: boolean) {
  const r = await readingRig([job], { tariffs: [loadTariff('esgaz-k1-2026-01')], deps: requireScan ? { requireScan } : {} });
  const confirm = (scan?: ScanEvidence) =>
    r.readings.confirmReading({ jobId: job.jobId, operatorId: 'op', index: 4250, ...(scan ? { scan } : {}) });
  const untouched = () => {
    assert.is(r.store.get('jobs', job.jobId)!.state, 'open');
    assert.is([...r.store.values('invoiceNos')].length, 0, 'no number reserved');
    assert.equal(r.events(), []);
  };
  return { ...r, confirm, untouched };
}

const notScanned = (gate: string) => (e: unknown) => isAppError(e, 'Reading_NotScanned') && e.context.gate === gate;

test('requireScan: no scan evidence, no reading and no number', async () => {
  const r = await rig(true);
  await rejects(r.confirm(), notScanned('none'));
  r.untouched();
});

test('a "matched" scan of another code is refused, with or without requireScan', async () => {
  for (const requireScan of [true, false]) {
    const r = await rig(requireScan);
    await rejects(r.confirm({ kind: 'matched', code: 'M-OTHER-9' }), notScanned('mismatch'));
    r.untouched();
  }
});

test("the job's serial or its barcode passes; so does a known unreadable-barcode reason", async () => {
  for (const scan of [
    { kind: 'matched', code: 'M-SERIAL-1' },
    { kind: 'matched', code: '8690000000017' },
    { kind: 'override', reasonCode: '02', operatorId: 'op', at: AT },
  ] satisfies ScanEvidence[]) {
    const r = await rig(true);
    const { invoice } = await r.confirm(scan);
    assert.ok(invoice, JSON.stringify(scan));
  }
  const r = await rig(true);
  await rejects(r.confirm({ kind: 'override', reasonCode: '77', operatorId: 'op', at: AT }), notScanned('override'));
  r.untouched();
});

test('without requireScan (tools, replays) a reading without scan evidence is billed as before', async () => {
  const r = await rig(false);
  assert.ok((await r.confirm()).invoice);
});

test.run();
