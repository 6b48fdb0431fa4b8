/**
 * Inspection use cases on the memory store: a report begins with a durably reserved number, seals
 * with its evidence hash in one transaction with its event, prints two copies that carry the hash,
 * and can never be changed afterwards, only corrected by a new report.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateEvent } from '../../../src/core/contract/index.js';
import { inspectionEvidenceSha256 } from '../../../src/core/documents/renderInspectionReport.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { DraftInvalidError, SealedReportError, emptyDraft, verifySealed } from '../../../src/core/inspection/index.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import type { OutboxEntry, Store } from '../../../src/ports/Store.js';
import type { InspectionRecord } from '../../../src/app/InspectionService.js';
import { CREW, kacakDraft, rig } from './rig.js';

const outbox = (store: Pick<Store, 'values'>) => [...store.values('outbox')];

test('begin reserves a device-numbered report number on disk; an open draft is resumed, not renumbered', async () => {
  const { svc, store } = await rig();
  const a = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  assert.is(a.reportNo, 'TT-HT-0042-2026-000001');
  assert.is(a.state, 'draft');
  assert.is(store.counter('inspection-report:2026'), 1);
  assert.equal(store.get('jobs', 'J-4001')!.workIds, ['inspection:TT-HT-0042-2026-000001']);
  const again = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  assert.is(again.reportNo, a.reportNo);
  const other = await svc.begin({ jobId: 'J-00002', operatorId: '1001' });
  assert.is(other.reportNo, 'TT-HT-0042-2026-000002', 'a crew-started inspection on a reading job');
  assert.is(outbox(store).length, 0, 'nothing is sent before the report is sealed');
});

test('confirm seals: evidence hash stored, job done, a valid inspection.reported with the accrual, in one commit', async () => {
  const { svc, store } = await rig();
  const { reportNo } = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  await svc.save(reportNo, kacakDraft(), '1001');
  const sealed = await svc.confirm(reportNo, kacakDraft(), CREW);
  assert.match(sealed.evidenceSha256, /^[0-9a-f]{64}$/);
  assert.is(sealed.evidenceSha256, inspectionEvidenceSha256(sealed.printData));
  const rec = svc.get(reportNo)!;
  assert.is(rec.state, 'sealed');
  assert.ok(verifySealed(rec.sealed!));
  assert.is(store.get('jobs', 'J-4001')!.state, 'done');
  const [entry] = outbox(store);
  assert.ok(entry);
  assert.is(entry.envelope.type, 'inspection.reported');
  const v = validateEvent(entry.envelope, entry.topic);
  assert.ok(v.ok, JSON.stringify(!v.ok && v.errors));
  const data = entry.envelope.data as Record<string, any>;
  assert.equal(
    [data.reportNo, data.finding, data.subtype, data.index, data.evidenceSha256],
    [reportNo, 'kacak', 'seal-broken', 1012, sealed.evidenceSha256],
  );
  assert.equal(data.seals, [
    { sealNo: 'SM-000777', status: 'broken' },
    { sealNo: 'SM-009002', status: 'fitted' },
  ]);
  assert.equal(data.actions, ['gas-cut', 'seal-fitted']);
  assert.equal(data.witnesses, ['Ayşe Demir']);
  assert.is(data.refusedToSign, true);
  assert.is(data.accrual.method, 'appliance-capacity');
  // 203 m³ estimated − 5 m³ the meter registered since the last reading (1007 → 1012) = 198 m³
  assert.is(data.accrual.total, '7317.93');
  assert.is(data.accrual.lines[0].quantity, '198');
  assert.equal([data.accrual.estimatedM3, data.accrual.meteredM3, data.accrual.billedM3], ['203', '5', '198']);
  assert.equal([data.accrual.period.from, data.accrual.period.basis], ['2026-10-26', 'last-reading']);
  assert.is(data.accrualStatus, 'computed');
  assert.equal(data.officials, [CREW[0], { operatorId: '1002', name: 'Veli Şahin' }]);
  assert.ok(data.accrual.trace.length > 5, 'the accrual carries its calculation trace');
  const audit = [...store.values('audit')].map((a) => a.action);
  assert.ok(audit.includes('inspection.sealed'));
});

test('an attempt to change a sealed report is refused with SealedReportError; the record and hash stay as sealed', async () => {
  const { svc, store } = await rig();
  const { reportNo } = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  const sealed = await svc.confirm(reportNo, kacakDraft(), CREW);
  const before = JSON.stringify(store.get('work', `inspection:${reportNo}`));
  const altered = { ...kacakDraft(), appliances: [{ type: 'kombi', kw: '12' }] };
  for (const attempt of [
    () => svc.save(reportNo, altered, '1001'),
    () => svc.confirm(reportNo, altered, CREW),
    () => svc.discard(reportNo, 'oops', '1001'),
  ]) {
    try {
      await attempt();
      assert.unreachable('a sealed report must not change');
    } catch (e) {
      assert.instance(e, SealedReportError);
      assert.ok(isAppError(e, 'Job_WrongState'));
      assert.is((e as SealedReportError).context.reason, 'sealed');
      assert.is((e as SealedReportError).context.evidenceSha256, sealed.evidenceSha256);
    }
  }
  assert.is(JSON.stringify(store.get('work', `inspection:${reportNo}`)), before);
  assert.is(outbox(store).length, 1, 'no second event');
});

test('a correction is a new report that references the sealed one; the original is untouched', async () => {
  const { svc, store } = await rig();
  const { reportNo } = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  const first = await svc.confirm(reportNo, kacakDraft(), CREW);
  const corr = await svc.beginCorrection(reportNo, '1001');
  assert.is(corr.reportNo, 'TT-HT-0042-2026-000002');
  assert.is(corr.corrects, reportNo);
  assert.equal(corr.draft, kacakDraft(), 'pre-filled with what was recorded');
  const fixed = { ...kacakDraft(), appliances: [{ type: 'kombi', kw: '28' }] };
  const second = await svc.confirm(corr.reportNo, fixed, CREW);
  assert.is.not(second.evidenceSha256, first.evidenceSha256);
  assert.match(second.printData.description!, `DÜZELTME: Bu tutanak ${reportNo} sayılı tutanağı düzeltir.`);
  assert.is(second.accrual!.repeat, false, 'the corrected report does not count as an earlier offence');
  assert.ok(verifySealed(svc.get(reportNo)!.sealed!));
  const events = outbox(store).map((e) => e.envelope.data as Record<string, unknown>);
  assert.equal(
    events.map((d) => [d.reportNo, d.corrects]),
    [
      [reportNo, undefined],
      [corr.reportNo, reportNo],
    ],
  );
  for (const e of outbox(store)) assert.ok(validateEvent(e.envelope, e.topic).ok);
  assert.equal(
    svc.ofJob('J-4001').map((r: InspectionRecord) => r.reportNo),
    [reportNo, corr.reportNo],
  );
});

test('a second kaçak at the same installation within 2 years takes the 300 % surcharge', async () => {
  const { svc, box } = await rig();
  const a = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  await svc.confirm(a.reportNo, kacakDraft(), CREW);
  box.now += 200 * 86_400_000;
  const b = await svc.begin({ jobId: 'J-4001', operatorId: '1001' }).catch((e: unknown) => e);
  assert.ok(isAppError(b, 'Job_AlreadyDone'), 'the inspection job itself is done');
  // The crew finds it again from the reading job at the same installation? Different installation: no repeat.
  const c = await svc.begin({ jobId: 'J-00002', operatorId: '1001' });
  const other = await svc.confirm(c.reportNo, kacakDraft('M10000002'), CREW);
  assert.is(other.accrual!.repeat, false);
});

test('an incomplete draft is refused with every problem at once; nothing is sealed', async () => {
  const { svc, store } = await rig();
  const { reportNo } = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  const draft = { ...emptyDraft(), finding: 'kacak' as const, actions: ['seal-fitted'] };
  const p = svc.preview(reportNo, draft);
  assert.equal(p.errors.map((e) => e.field).sort(), ['appliances', 'meter', 'officer', 'seals', 'statement', 'subtype', 'user.name']);
  try {
    await svc.confirm(reportNo, draft, CREW);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, DraftInvalidError);
    assert.ok(isAppError(e, 'Input_Invalid'));
  }
  assert.is(svc.get(reportNo)!.state, 'draft');
  assert.is(outbox(store).length, 0);
});

test('usulsüz: the charge is 3 × the cut/reopen fee; none: no accrual', async () => {
  const { svc, store } = await rig();
  const a = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  const s = await svc.confirm(
    a.reportNo,
    {
      ...kacakDraft(),
      finding: 'usulsuz',
      subtype: 'no-contract',
      actions: [],
      seals: [],
      statement: { kind: 'statement', text: 'Yeni taşındım, sözleşme yapacaktım.' },
    },
    CREW,
  );
  assert.equal(
    s.accrual!.lines.map((l) => [l.code, l.amount, l.vat]),
    [['usulsuz-charge', '618.00', '123.60']],
  );
  assert.is(s.event.customerStatement, 'Yeni taşındım, sözleşme yapacaktım.');
  const b = await svc.begin({ jobId: 'J-00002', operatorId: '1001' });
  const none = await svc.confirm(
    b.reportNo,
    { ...kacakDraft('M10000002'), finding: 'none', subtype: null, actions: [], seals: [{ sealNo: 'SM-1', status: 'found' }] },
    CREW,
  );
  assert.is(none.accrual, undefined);
  assert.is(store.get('jobs', 'J-00002')!.state, 'open', 'a crew-started inspection leaves the reading job open');
  for (const e of outbox(store)) assert.ok(validateEvent(e.envelope, e.topic).ok, JSON.stringify(e.envelope.data));
});

test('print: both copies in one job, each with the evidence hash; only a sealed report prints', async () => {
  const { svc, printer } = await rig();
  const { reportNo } = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  const draftPrint = await svc.print(reportNo, '1001').catch((e: unknown) => e);
  assert.ok(isAppError(draftPrint, 'Job_WrongState'));
  const sealed = await svc.confirm(reportNo, kacakDraft(), CREW);
  const doc = await svc.print(reportNo, '1001');
  assert.equal([doc.documentNo, doc.copy], [reportNo, 1]);
  const text = printer.device.decode({ width: 32 }).text;
  assert.is(text.split('MÜŞTERİ NÜSHASI').length - 1, 1);
  assert.is(text.split('ŞİRKET NÜSHASI').length - 1, 1);
  const flat = text.replace(/\n/g, '');
  assert.is(flat.split(sealed.evidenceSha256).length - 1, 2, 'the hash on both copies');
  assert.is(text.split(reportNo).length - 1 >= 2, true);
  for (const s of [
    'KAÇAK KULLANIM',
    'kopuk/sökülmüş',
    'SM-000777 (kopuk)',
    'SM-009002',
    'Kombi',
    'Gaz kesildi',
    'Ayşe Demir',
    'İMZADAN İMTİNA ETTİ',
    'Hasan Öz',
    'TAHAKKUK',
    'Dönem: 26.10.2026 - 25.11.2026 (30 gün); esas: son geçerli okuma 26.10.2026',
    'Tahmini 203 m³ - sayaçtan geçen 5 m³ = 198 m³',
    '7.317,93',
    'Görevli: Ali Kaya (1001)',
    'Görevli: Veli Şahin (1002)',
  ]) {
    assert.ok(text.replace(/\n\s*/g, ' ').includes(s), `${s} printed`);
  }
});

test('an abandoned draft is voided with a reason, its number never reused; stale drafts are voided at start-up', async () => {
  const { svc, box, store } = await rig();
  const a = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  await svc.discard(a.reportNo, 'vazgeçildi', '1001');
  assert.is(svc.get(a.reportNo)!.state, 'void');
  const voidSave = await svc.save(a.reportNo, kacakDraft(), '1001').catch((e: unknown) => e);
  assert.ok(isAppError(voidSave, 'Job_WrongState'));
  const b = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  assert.is(b.reportNo, 'TT-HT-0042-2026-000002');
  box.now += 86_400_000;
  assert.equal(await svc.voidStaleDrafts('2026-11-26'), [b.reportNo]);
  assert.ok([...store.values('audit')].filter((x) => x.action === 'inspection.voided').length === 2);
});

test.run();
