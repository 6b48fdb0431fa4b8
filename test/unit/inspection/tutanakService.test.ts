/**
 * Issue 18 through InspectionService on the memory store, printed on a FakePrinter and decoded:
 * repeats taken from the office's `customer.priorOffences`, a report sealed and printed with
 * "tahakkuk merkezde hesaplanacak" when no fee is in force (2027), the DMHY 53 exemption on paper,
 * and a second official who is the one logged in refused.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateEvent } from '../../../src/core/contract/index.js';
import { DraftInvalidError } from '../../../src/core/inspection/index.js';
import type { Store } from '../../../src/ports/Store.js';
import { CREW, inspectionJob, kacakDraft, rig } from './rig.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const flat = (t: string) => t.replace(/\n\s*/g, ' ');
const events = (store: Pick<Store, 'values'>) => [...store.values('outbox')];

test("a repeat offence from the office's customer.priorOffences: 300 %, the office's report named in the trace", async () => {
  const base = inspectionJob(1);
  const job = inspectionJob(1, {
    customer: {
      ...base.customer,
      priorOffences: [
        { date: '2025-03-02', finding: 'kacak', reportNo: 'TT-HT-0007-2025-000012' },
        { date: '2020-01-01', finding: 'kacak' },
        { date: '2026-01-05', finding: 'usulsuz' },
      ],
    },
  });
  const { svc, store } = await rig({ jobs: [job, readingJob(2)] });
  const { reportNo } = await svc.begin({ jobId: job.jobId, operatorId: '1001' });
  const s = await svc.confirm(reportNo, kacakDraft(), CREW);
  assert.is(s.accrual!.repeat, true);
  assert.is(s.accrual!.lines[1]!.quantity, '3.00');
  assert.match(s.accrual!.trace.find((t) => t.step === 'repeat')!.formula, 'TT-HT-0007-2025-000012');
  for (const e of events(store)) assert.ok(validateEvent(e.envelope, e.topic).ok);
  const { svc: plain } = await rig();
  const p = await plain.begin({ jobId: 'J-4001', operatorId: '1001' });
  assert.is((await plain.confirm(p.reportNo, kacakDraft(), CREW)).accrual!.repeat, false, 'without the field: no repeat');
});

test('2027, no fee in force: the usulsüz report still seals and prints, saying the office computes the accrual', async () => {
  const { svc, store, printer } = await rig({ now: Date.UTC(2027, 0, 4, 7, 0, 0) });
  const { reportNo } = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  const draft = { ...kacakDraft(), finding: 'usulsuz' as const, subtype: 'no-contract', actions: [], seals: [] };
  const p = svc.preview(reportNo, draft, ['1001']);
  assert.equal([p.errors, p.accrualPending, p.accrual, p.accrualProblem], [[], 'no-fee', undefined, undefined]);
  const sealed = await svc.confirm(reportNo, draft, CREW);
  assert.is(sealed.event.accrualStatus, 'pending');
  const [e] = events(store);
  assert.ok(validateEvent(e!.envelope, e!.topic).ok);
  await svc.print(reportNo, '1001');
  const text = flat(printer.device.decode({ width: 32 }).text);
  assert.ok(text.includes('TAHAKKUK: tahakkuk merkezde hesaplanacak (cihazda tespit gününde yürürlükte açma-kapama bedeli yok).'), text);
  assert.is(text.split('tahakkuk merkezde hesaplanacak').length - 1, 2, 'on both copies');
});

test('DMHY 53 exemption on paper; a second official who is the one logged in is refused', async () => {
  const { svc, printer } = await rig();
  const { reportNo } = await svc.begin({ jobId: 'J-4001', operatorId: '1001' });
  const draft = {
    ...kacakDraft(),
    finding: 'usulsuz' as const,
    subtype: 'previous-occupant',
    occupantApplied: true,
    actions: [],
    seals: [],
    witnesses: [],
    statement: { kind: 'absent' as const },
    noWitnessReason: 'bina boş',
  };
  const same = { ...draft, officer: { operatorId: '1001', name: 'Ali Kaya' } };
  assert.equal(
    svc.preview(reportNo, same, ['1001']).errors.map((e) => e.field),
    ['officer.operatorId'],
  );
  const refused = await svc.confirm(reportNo, same, CREW).catch((e: unknown) => e);
  assert.instance(refused, DraftInvalidError);
  assert.ok(svc.preview(reportNo, draft, ['1001']).exempt);
  await svc.confirm(reportNo, draft, CREW);
  await svc.print(reportNo, '1001');
  const text = flat(printer.device.decode({ width: 32 }).text);
  for (const s of [
    'usulsüz kullanım bedeli alınmaz; başvuru yapılmış (DMHY md. 53)',
    'GAZI KULLANAN YERİNDE YOK',
    '- yok; sebebi: bina boş',
    'Görevli: Veli Şahin (1002)',
  ])
    assert.ok(text.includes(s), `${s} printed`);
});

test.run();
