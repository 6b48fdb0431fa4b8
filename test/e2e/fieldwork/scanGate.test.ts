/**
 * The scan gate of the field work on the real SahaApp (test/helpers/testApp.ts, issue 19): a cut,
 * reconnection or meter removal is recorded with the job's meter scanned or, instead, its barcode
 * declared unreadable with a reason of core/reading/scanGate.ts; the override is kept in the work
 * record (reason, operator, time) and sent as `scanOverride` in the event. A wrong scanned code is
 * refused whatever comes with it. A not-done code 11 keeps the serial of the other meter scanned.
 * Events are validated against the contract.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateEvent } from '../../../src/core/contract/index.js';
import type { Job } from '../../../src/core/contract/job.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { answerItem, checklistItems, type ChecklistKind, type FieldWorkReference } from '../../../src/core/fieldwork/index.js';
import { READER, TEST_NOW, TestApp } from '../../helpers/testApp.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const AT = '2026-11-25T09:58:00.000+03:00';
const cutJob = (i: number): Job => {
  const base = readingJob(i);
  return readingJob(i, {
    jobId: `J-CUT${i}`,
    kind: 'cut',
    routeSeq: i,
    tariffGroup: undefined as never,
    customer: { ...base.customer, protectedCategory: 'none' },
    debt: {
      amount: '100.00',
      oldestDueDate: '2026-09-30',
      noticeSentAt: '2026-11-18T10:00:00+03:00',
      noticeChannels: ['written', 'sms'],
      unpaidConsumptionM3: '120',
    },
  });
};
const reconnectJob = (i: number): Job => readingJob(i, { jobId: `J-AC${i}`, kind: 'reconnect', routeSeq: i });
const meterJob = (i: number): Job => readingJob(i, { jobId: `J-SOK${i}`, kind: 'meter-removal', routeSeq: i });

const safe = (ref: FieldWorkReference, kind: ChecklistKind) =>
  [...checklistItems(ref, kind, 'before'), ...checklistItems(ref, kind, 'after')].map((i) => answerItem(i, true));

async function rig(jobs: Job[]): Promise<TestApp> {
  const r = await TestApp.create({ count: 1, jobs, syncedAt: TEST_NOW });
  await r.app.login(READER.operatorId, READER.pin);
  return r;
}

async function refused(p: Promise<unknown>, field: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(isAppError(e, 'Input_Invalid'), String(e));
    assert.is((e as unknown as { context: { field: string } }).context.field, field);
    return;
  }
  assert.unreachable('accepted');
}

function assertValid(r: TestApp): void {
  for (const e of r.outbox()) {
    const v = validateEvent(e.envelope, e.topic);
    assert.ok(v.ok, `${e.envelope.type}: ${JSON.stringify(v)}`);
  }
}

test('a barcode declared unreadable instead of a scan: recorded with reason, operator and time, sent as scanOverride', async () => {
  const r = await rig([cutJob(301), reconnectJob(302), meterJob(303)]);
  try {
    const ref = r.app.fieldReference;
    const override = { reasonCode: '02', at: AT };
    const cut = await r.app.confirmCut({
      jobId: 'J-CUT301',
      scanOverride: override,
      checklist: safe(ref, 'cut'),
      index: 3200,
      sealNo: 'KM1111111',
    });
    assert.equal(cut.scanOverride, { reasonCode: '02', operatorId: READER.operatorId, at: AT });
    assert.is(cut.scannedCode, undefined);
    const rc = await r.app.confirmReconnect({
      jobId: 'J-AC302',
      scanOverride: { reasonCode: '01', at: AT },
      checklist: safe(ref, 'reconnect'),
      index: 3107,
      removedSealNo: 'KM2222222',
    });
    assert.equal(rc.scanOverride?.reasonCode, '01');
    const mx = await r.app.confirmMeterExchange({
      jobId: 'J-SOK303',
      checklist: safe(ref, 'meter'),
      removed: { scanOverride: { reasonCode: '04', at: AT }, finalIndex: 3150, sealNos: [] },
      installed: { serial: 'NEW0001', initialIndex: 0, sealNos: ['CD4444444'] },
    });
    assert.equal(mx.scanOverride, { reasonCode: '04', operatorId: READER.operatorId, at: AT });

    assert.equal(r.events('gas.cut')[0]!.data.scanOverride, { reasonCode: '02', reasonLabel: 'Etiket yıpranmış / okunmuyor', at: AT });
    assert.equal(r.events('gas.reconnected')[0]!.data.scanOverride, { reasonCode: '01', reasonLabel: 'Barkod etiketi yok', at: AT });
    assert.equal(r.events('meter.removed')[0]!.data.scanOverride, { reasonCode: '04', reasonLabel: 'Etikete ulaşılamıyor', at: AT });
    assert.not.ok('scanOverride' in r.events('meter.installed')[0]!.data, 'the new meter was scanned or keyed: no override');
    assertValid(r);
  } finally {
    await r.close();
  }
});

test('a scanned meter sends no override; a wrong code is refused even with an override; an unknown reason or no proof is refused', async () => {
  const r = await rig([cutJob(301), reconnectJob(302), meterJob(303)]);
  try {
    const ref = r.app.fieldReference;
    const cut = { jobId: 'J-CUT301', checklist: safe(ref, 'cut'), index: 3200, sealNo: 'KM1111111' };
    await refused(r.app.confirmCut({ ...cut, scannedCode: 'M99999999' }), 'scannedCode');
    await refused(r.app.confirmCut({ ...cut, scannedCode: 'M99999999', scanOverride: { reasonCode: '01', at: AT } }), 'scannedCode');
    await refused(r.app.confirmCut({ ...cut, scannedCode: 'M10000301', scanOverride: { reasonCode: '01', at: AT } }), 'scanOverride');
    await refused(r.app.confirmCut({ ...cut, scanOverride: { reasonCode: '77', at: AT } }), 'scanOverride.reasonCode');
    await refused(r.app.confirmCut({ ...cut, scanOverride: { reasonCode: '01', at: 'yesterday' } }), 'scanOverride.at');
    await refused(r.app.confirmCut(cut), 'scannedCode');
    const rc = { jobId: 'J-AC302', checklist: safe(ref, 'reconnect'), index: 3107, removedSealNo: 'KM2222222' };
    await refused(r.app.confirmReconnect({ ...rc, scannedCode: 'M99999999', scanOverride: { reasonCode: '01', at: AT } }), 'scannedCode');
    const removed = { scannedCode: 'M99999999', scanOverride: { reasonCode: '01', at: AT }, finalIndex: 3150, sealNos: [] };
    const installed = { serial: 'NEW0001', initialIndex: 0, sealNos: ['CD4444444'] };
    await refused(r.app.confirmMeterExchange({ jobId: 'J-SOK303', checklist: safe(ref, 'meter'), removed, installed }), 'scannedCode');
    await refused(
      r.app.confirmMeterExchange({
        jobId: 'J-SOK303',
        checklist: safe(ref, 'meter'),
        removed: { scanOverride: { reasonCode: 'x', at: AT }, finalIndex: 3150, sealNos: [] },
        installed,
      }),
      'removed.scanOverride.reasonCode',
    );
    assert.equal(r.events(), [], 'nothing recorded');
    const w = await r.app.confirmCut({ ...cut, scannedCode: ' M10000301 ' });
    assert.is(w.scannedCode, 'M10000301');
    assert.is(w.scanOverride, undefined);
    assert.not.ok('scanOverride' in r.events('gas.cut')[0]!.data);
  } finally {
    await r.close();
  }
});

test('not done with code 11 after another meter: the scanned serial is kept in the record and reading.skipped; other codes refuse it', async () => {
  const r = await rig([cutJob(301), reconnectJob(302)]);
  try {
    await refused(r.app.recordNotDone({ jobId: 'J-CUT301', reasonCode: '02', checklist: [], scannedSerial: 'M99999999' }), 'scannedSerial');
    await refused(r.app.recordNotDone({ jobId: 'J-CUT301', reasonCode: '11', checklist: [], scannedSerial: 'M10000301' }), 'scannedSerial');
    const w = await r.app.recordNotDone({ jobId: 'J-CUT301', reasonCode: '11', checklist: [], scannedSerial: ' M99999999 ' });
    assert.is(w.scannedSerial, 'M99999999');
    const [sk] = r.events('reading.skipped');
    assert.is(sk!.data.scannedSerial, 'M99999999');
    assert.is(sk!.data.reasonCode, '11');
    const plain = await r.app.recordNotDone({ jobId: 'J-AC302', reasonCode: '11', checklist: [] });
    assert.is(plain.scannedSerial, undefined, 'code 11 from the dials (meter changed): nothing scanned to keep');
    assert.not.ok('scannedSerial' in r.events('reading.skipped')[1]!.data);
    assertValid(r);
  } finally {
    await r.close();
  }
});

test.run();
