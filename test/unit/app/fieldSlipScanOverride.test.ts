/**
 * A field job whose meter barcode was declared unreadable (issue 19 scan gate, the reasons of
 * core/reading/scanGate.ts) says so on its paper: the cut notice, the reconnection receipt and the
 * meter report print "Barkod okunamadı: <reason>" under the meter, as the reading preview shows
 * it. Read back from the printer's bytes; with the meter scanned the paper is what it was before,
 * line for line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Job } from '../../../src/core/contract/job.js';
import { answerItem, checklistItems, type ChecklistKind, type FieldWorkReference } from '../../../src/core/fieldwork/index.js';
import { READER, TEST_NOW, TestApp } from '../../helpers/testApp.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const AT = '2026-11-25T09:58:00.000+03:00';
const cutJob = (): Job => {
  const base = readingJob(301);
  return readingJob(301, {
    jobId: 'J-CUT301',
    kind: 'cut',
    routeSeq: 1,
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
const jobs = (): Job[] => [
  cutJob(),
  readingJob(302, { jobId: 'J-AC302', kind: 'reconnect', routeSeq: 2 }),
  readingJob(303, { jobId: 'J-SOK303', kind: 'meter-removal', routeSeq: 3 }),
];
const safe = (ref: FieldWorkReference, kind: ChecklistKind) =>
  [...checklistItems(ref, kind, 'before'), ...checklistItems(ref, kind, 'after')].map((i) => answerItem(i, true));

/** The three jobs done and printed, each meter proven by `proof(serial, reasonCode)`; the slips as printed. */
async function printedSlips(override: boolean): Promise<string[]> {
  const r = await TestApp.create({ count: 1, jobs: jobs(), syncedAt: TEST_NOW });
  try {
    await r.app.login(READER.operatorId, READER.pin);
    const ref = r.app.fieldReference;
    const proof = (serial: string, reasonCode: string) => (override ? { scanOverride: { reasonCode, at: AT } } : { scannedCode: serial });
    const works = [
      await r.app.confirmCut({
        jobId: 'J-CUT301',
        ...proof('M10000301', '02'),
        checklist: safe(ref, 'cut'),
        index: 3200,
        sealNo: 'KM1111111',
      }),
      await r.app.confirmReconnect({
        jobId: 'J-AC302',
        ...proof('M10000302', '01'),
        checklist: safe(ref, 'reconnect'),
        index: 3107,
        removedSealNo: 'KM2222222',
      }),
      await r.app.confirmMeterExchange({
        jobId: 'J-SOK303',
        checklist: safe(ref, 'meter'),
        removed: { ...proof('M10000303', '04'), finalIndex: 3150, sealNos: [] },
        installed: { serial: 'NEW0001', initialIndex: 0, sealNos: ['CD4444444'] },
      }),
    ];
    for (const w of works) await r.app.printFieldWork(w.id);
    const slips = r.slips();
    assert.is(slips.length, 3);
    return slips;
  } finally {
    await r.close();
  }
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
/** The slip without the override's lines (the label and its wrapped, indented continuation). */
const withoutOverride = (s: string) => s.replace(/^Barkod okunamadı:.*\n(?: {2}\S.*\n)*/m, '');

test('declared unreadable: each slip prints "Barkod okunamadı:" and the reason, under the meter it concerns', async () => {
  const [cut, reconnect, meter] = await printedSlips(true);
  assert.match(flat(cut!), 'Sayaç Seri No: M10000301 Barkod okunamadı: Etiket yıpranmış / okunmuyor');
  assert.match(flat(reconnect!), 'Sayaç Seri No: M10000302 Barkod okunamadı: Barkod etiketi yok');
  // The removed meter's barcode: in its block, not the new meter's.
  assert.match(flat(meter!), /SÖKÜLEN SAYAÇ Seri No: M10000303 Barkod okunamadı: Etikete ulaşılamıyor Son endeks: 3150/);
  assert.is(flat(meter!).split('Barkod okunamadı').length - 1, 1);
});

test('scanned: no override line, and otherwise the same paper as with one', async () => {
  const scanned = await printedSlips(false);
  for (const s of scanned) assert.not.match(s, 'Barkod');
  const declared = await printedSlips(true);
  declared.forEach((d, i) => {
    assert.is.not(d, scanned[i]);
    assert.fixture(withoutOverride(d), scanned[i]!);
  });
});

test.run();
