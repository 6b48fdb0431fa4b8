/**
 * Seals and the reconnection against its cut, on the real SahaApp (test/helpers/testApp.ts): a
 * seal is fitted once and never after it was recorded as removed; a reconnection job carrying the
 * cut's data (job.cut) compares the removed seal and the index with it, and a mismatch is a
 * finding in gas.reconnected and on the decoded receipt; a not-done record cannot leave the gas
 * open. Events are validated against the contract.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateEvent } from '../../../src/core/contract/index.js';
import type { Job } from '../../../src/core/contract/job.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import {
  answerItem,
  checklistItems,
  valveReclosed,
  type ChecklistKind,
  type FieldWorkReference,
} from '../../../src/core/fieldwork/index.js';
import { READER, TEST_NOW, TestApp } from '../../helpers/testApp.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const cutJob = (i: number): Job => {
  const base = readingJob(i);
  // Every value a cut gate needs is sent, as the office must (issue 18: a missing one blocks the cut).
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
const reconnectJob = (i: number, cut?: Job['cut']): Job =>
  readingJob(i, { jobId: `J-AC${i}`, kind: 'reconnect', routeSeq: i, ...(cut ? { cut } : {}) });
const meterJob = (i: number): Job => readingJob(i, { jobId: `J-SOK${i}`, kind: 'meter-removal', routeSeq: i });

const safe = (ref: FieldWorkReference, kind: ChecklistKind) =>
  [...checklistItems(ref, kind, 'before'), ...checklistItems(ref, kind, 'after')].map((i) => answerItem(i, true));

async function rig(jobs: Job[]): Promise<TestApp> {
  const r = await TestApp.create({ count: 1, jobs, syncedAt: TEST_NOW });
  await r.app.login(READER.operatorId, READER.pin);
  return r;
}

async function refused(p: Promise<unknown>, field: string): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(isAppError(e, 'Input_Invalid'), String(e));
    assert.match(String((e as unknown as { context: { field: string } }).context.field), field);
    return (e as Error).message;
  }
  return assert.unreachable('accepted') as never;
}

test('a seal recorded as removed is never fitted again; a seal is fitted once; removed and fitted in one visit differ', async () => {
  const r = await rig([reconnectJob(301), cutJob(302), meterJob(303), meterJob(304)]);
  try {
    const ref = r.app.fieldReference;
    await r.app.confirmReconnect({
      jobId: 'J-AC301',
      scannedCode: 'M10000301',
      checklist: safe(ref, 'reconnect'),
      index: 3107,
      removedSealNo: 'KM1111111',
    });
    const cut = { jobId: 'J-CUT302', scannedCode: 'M10000302', checklist: safe(ref, 'cut'), index: 3200 };
    assert.match(await refused(r.app.confirmCut({ ...cut, sealNo: 'km 1111111' }), 'sealNo'), 'recorded as removed');
    assert.is(r.app.job('J-CUT302')!.state, 'open');
    await r.app.confirmCut({ ...cut, sealNo: 'KM2222222' });

    const visit = (installed: string[], removed: string[] = ['AB3333333']) =>
      r.app.confirmMeterExchange({
        jobId: 'J-SOK303',
        checklist: safe(ref, 'meter'),
        removed: { scannedCode: 'M10000303', finalIndex: 3150, sealNos: removed },
        installed: { serial: 'NEW0001', initialIndex: 0, sealNos: installed },
      });
    assert.match(await refused(visit(['AB3333333']), 'installed.sealNos'), 'recorded as removed');
    assert.match(await refused(visit(['KM2222222']), 'installed.sealNos'), 'already fitted');
    assert.match(await refused(visit(['CD4444444', 'CD4444444']), 'installed.sealNos'), 'twice');
    assert.match(await refused(visit(['CD4444444'], ['AB3333333', 'AB3333333']), 'removed.sealNos'), 'twice');
    await visit(['CD4444444']);
    assert.equal(r.events('gas.cut').length, 1);
    assert.equal(r.events('meter.installed')[0]!.data.sealNos, ['CD4444444']);
  } finally {
    await r.close();
  }
});

test('a reconnection whose removed seal or index differ from the cut records findings and prints them; a matching one none', async () => {
  const cut = { sealNo: 'KM1234567', index: 3100, cutAt: '2026-11-20T10:00:00+03:00' };
  const r = await rig([reconnectJob(301, cut), reconnectJob(302, { ...cut, index: 3107 }), reconnectJob(303)]);
  try {
    const ref = r.app.fieldReference;
    const rc = (jobId: string, meter: string, removedSealNo: string, index: number) =>
      r.app.confirmReconnect({ jobId, scannedCode: meter, checklist: safe(ref, 'reconnect'), index, removedSealNo });
    const w1 = await rc('J-AC301', 'M10000301', 'KM7654321', 3150);
    assert.equal(w1.findings, [
      { code: 'seal-mismatch', atCut: 'KM1234567', found: 'KM7654321' },
      { code: 'index-advanced', atCut: '3100', found: '3150' },
    ]);
    // Within the tolerance (1 by default), with the same seal keyed differently: nothing to report.
    const w2 = await rc('J-AC302', 'M10000302', 'km-1234567', 3108);
    assert.is(w2.findings, undefined);
    // No cut data from the office: nothing compared (v1 jobs).
    const w3 = await rc('J-AC303', 'M10000303', 'KM9999999', 9000);
    assert.is(w3.findings, undefined);

    const [e1, e2, e3] = r.events('gas.reconnected');
    assert.equal(e1!.data.findings, w1.findings);
    assert.is(e2!.data.findings, undefined);
    assert.is(e3!.data.findings, undefined);
    // Findings ask the office for an inspection on the spot, once, in the same commit; none otherwise.
    const asked = r.events('inspection.requested');
    assert.equal(
      asked.map((e) => [e.jobId, e.data.reason, e.data.evidence]),
      [
        [
          'J-AC301',
          'seal-mismatch',
          [
            { kind: 'seal-mismatch-at-cut', value: 'KM1234567' },
            { kind: 'seal-mismatch-found', value: 'KM7654321' },
            { kind: 'index-advanced-at-cut', value: '3100' },
            { kind: 'index-advanced-found', value: '3150' },
          ],
        ],
      ],
    );
    assert.is(asked[0]!.seq, e1!.seq + 1, 'queued right behind its gas.reconnected');
    for (const e of r.outbox()) assert.ok(validateEvent(e.envelope, e.topic).ok, e.envelope.type);

    await r.app.printFieldWork(w1.id);
    await r.app.printFieldWork(w2.id);
    const [slip1, slip2] = r.slips().map((s) => s.replace(/\s+/g, ' '));
    for (const s of [
      'TESPİT:',
      'Sökülen mühür kesmedekinden farklı: kesmede KM1234567, bulunan KM7654321',
      'Endeks kesmeden beri ilerlemiş: kesmede 3100, şimdi 3150',
      'denetim önerildi',
    ])
      assert.match(slip1!, s);
    assert.not.match(slip2!, 'TESPİT');
  } finally {
    await r.close();
  }
});

test('a not-done record after the valve was opened must say it was closed again', async () => {
  const r = await rig([reconnectJob(301)]);
  try {
    const ref = r.app.fieldReference;
    const opened = safe(ref, 'reconnect').slice(0, 4);
    assert.is(opened.at(-1)!.id, 'valve-opened');
    assert.match(
      await refused(r.app.recordNotDone({ jobId: 'J-AC301', reasonCode: '21', checklist: opened }), 'checklist'),
      'close it again',
    );
    assert.is(r.app.job('J-AC301')!.state, 'open');
    await r.app.recordNotDone({ jobId: 'J-AC301', reasonCode: '21', checklist: [...opened, valveReclosed()] });
    const [sk] = r.events('reading.skipped');
    assert.equal(
      (sk!.data.checklist as { id: string }[]).slice(-2).map((a) => a.id),
      ['valve-opened', 'valve-reclosed'],
    );
  } finally {
    await r.close();
  }
});

test('the service refuses a checklist answered out of order (tightness before the valve was opened)', async () => {
  const r = await rig([reconnectJob(301)]);
  try {
    const ref = r.app.fieldReference;
    const answers = safe(ref, 'reconnect');
    const swapped = [...answers];
    const v = swapped.findIndex((a) => a.id === 'valve-opened');
    const t = swapped.findIndex((a) => a.id === 'tightness-ok');
    [swapped[v], swapped[t]] = [swapped[t]!, swapped[v]!];
    const msg = await refused(
      r.app.confirmReconnect({ jobId: 'J-AC301', scannedCode: 'M10000301', checklist: swapped, index: 3107, removedSealNo: 'KM1234567' }),
      'checklist',
    );
    assert.match(msg, 'out of order');
    assert.equal(r.events('gas.reconnected'), []);
  } finally {
    await r.close();
  }
});

test('a meter removed for the lab with none fitted: only the checks before, no "valve opened" on record', async () => {
  const r = await rig([meterJob(303)]);
  try {
    const ref = r.app.fieldReference;
    const removal = (checklist: ReturnType<typeof safe>) =>
      r.app.confirmMeterExchange({
        jobId: 'J-SOK303',
        reason: 'lab',
        checklist,
        removed: { scannedCode: 'M10000303', finalIndex: 3150, sealNos: [] },
      });
    assert.match(await refused(removal(safe(ref, 'meter')), 'checklist'), 'valve-opened: not in the meter checklist');
    await removal(checklistItems(ref, 'meter', 'before').map((i) => answerItem(i, true)));
    const [ev] = r.events('meter.removed');
    assert.equal(
      (ev!.data.checklist ?? []).map((c) => c.id),
      ['no-gas-smell', 'inlet-valve-closed'],
    );
  } finally {
    await r.close();
  }
});

test.run();
