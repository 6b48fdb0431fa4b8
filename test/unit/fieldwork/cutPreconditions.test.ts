/**
 * The cut's preconditions, each failing alone against the shipped reference data: the crew sees
 * exactly which rule blocks the cut and why, and only the payment-race guard is a supervisor's
 * to override.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { loadFieldWorkReference } from '../../../src/app/loadFieldWorkReference.js';
import { checkCutPreconditions, cutDecision, type CutCheck } from '../../../src/core/fieldwork/index.js';
import { fieldWorkText } from '../../../src/catalogues/fieldWorkMessages.js';
import type { Job } from '../../../src/core/contract/job.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { addDays } from '../../../src/core/time/calendar.js';

const ref = loadFieldWorkReference({ dir: join(process.cwd(), 'device/reference') });
const demoRef = loadFieldWorkReference({ dir: join(process.cwd(), 'device/reference'), demo: true });

/** Istanbul local time → epoch ms (UTC+3 all year since 2016). */
const ist = (date: string, time: string) => Date.parse(`${date}T${time}:00+03:00`);
const WED_10 = ist('2026-11-25', '10:00');

function cutRecord(
  over: {
    debt?: Partial<NonNullable<Job['debt']>>;
    customer?: Partial<Job['customer']>;
    state?: JobRecord['state'];
    cancel?: JobRecord['cancel'];
  } = {},
): JobRecord {
  const job: Job = {
    jobId: 'J-CUT',
    version: 1,
    kind: 'cut',
    priority: 'normal',
    routeSeq: 1,
    dueDate: '2026-11-25',
    customer: {
      installationNo: '4000001',
      contractAccount: '9000001',
      name: 'Ayşe Yılmaz',
      address: 'Atatürk Cad. No:1 Odunpazarı/Eskişehir',
      protectedCategory: 'none',
      ...over.customer,
    },
    meter: { serial: 'M10000001', digits: 5, lastIndex: 1000, lastReadDate: '2026-10-26' },
    // Wednesday notice a week earlier over two channels, one written; 55 days past due.
    debt: {
      amount: '3842.15',
      oldestDueDate: '2026-10-01',
      noticeSentAt: '2026-11-18T10:00:00.000+03:00',
      noticeChannels: ['written', 'sms'],
      unpaidPeriods: 2,
      unpaidConsumptionM3: '212.40',
      ...over.debt,
    },
  };
  return { job, state: over.state ?? 'open', receivedAt: '', updatedAt: '', workIds: [], ...(over.cancel ? { cancel: over.cancel } : {}) };
}

const check = (now: number, rec = cutRecord(), lastSyncAt: number | null = now - 60_000, r = ref) =>
  checkCutPreconditions({ record: rec, now, lastSyncAt, reference: r });
const failedText = (c: CutCheck) => c.items.filter((i) => i.status === 'failed').map((i) => fieldWorkText(i.message));

test('a cut on a Wednesday morning with everything in order is allowed, every line satisfied', () => {
  const c = check(WED_10);
  assert.equal(c.failed, []);
  assert.ok(c.allowed);
  assert.equal(
    c.items.map((i) => i.id),
    [
      'not-cancelled',
      'debt-known',
      'past-due',
      'unpaid-volume',
      'notice-days',
      'notice-channels',
      'protected-category',
      'calendar-covered',
      'working-day',
      'not-holiday',
      'working-hours',
      'sync-fresh',
    ],
  );
  const text = (id: string) => fieldWorkText(c.items.find((i) => i.id === id)!.message);
  assert.is(text('unpaid-volume'), 'Ödenmemiş tüketim 212.40 m³ (>50).');
  assert.is(text('notice-days'), 'Bildirim 2026-11-18: 4 iş günü önce (en az 3).', 'neither the notice day nor the cut day counts');
  assert.is(text('notice-channels'), 'Bildirim kanalları: yazılı, SMS.', 'channels in Turkish on the Turkish screen');
  assert.is(text('calendar-covered'), 'Tatil takvimi 2026-11-25 tarihini kapsıyor.');
  assert.is(text('protected-category'), 'Korunan abone değil.');
});

test('Saturday blocks the cut: not a working day, and no supervisor may override it on a device', () => {
  const c = check(ist('2026-11-28', '10:00'));
  assert.equal(c.failed, ['working-day']);
  assert.equal(failedText(c), ['Bugün iş günü değil (Cumartesi): kesme yapılamaz.']);
  assert.not.ok(c.overridable);
  const d = cutDecision(c, { supervisorId: '9001', reason: 'abone ısrar etti, acil' }, ref);
  assert.not.ok(d.ok);
  assert.ok(!d.ok && d.message?.key === 'override.notAllowed');
});

test('an official holiday blocks the cut (Cumhuriyet Bayramı on a Thursday)', () => {
  const c = check(ist('2026-10-29', '10:00'), cutRecord({ debt: { noticeSentAt: '2026-10-20T10:00:00+03:00' } }));
  assert.equal(c.failed, ['not-holiday']);
  assert.equal(failedText(c), ['Resmi tatil: Cumhuriyet Bayramı. Kesme yapılamaz.']);
});

test('the afternoon of a half-day eve is a holiday; its morning is not', () => {
  const rec = cutRecord({ debt: { noticeSentAt: '2026-10-20T10:00:00+03:00' } });
  assert.equal(check(ist('2026-10-28', '12:59'), rec).failed, []);
  const c = check(ist('2026-10-28', '13:00'), rec);
  assert.equal(c.failed, ['not-holiday']);
  assert.match(failedText(c)[0]!, "Cumhuriyet Bayramı arifesi (13:00'den itibaren)");
});

test('17:31 is outside working hours; 17:29 is inside; 08:29 is outside', () => {
  const c = check(ist('2026-11-25', '17:31'));
  assert.equal(c.failed, ['working-hours']);
  assert.equal(failedText(c), ['Saat 17:31: mesai 08:30–17:30 dışında.']);
  assert.equal(check(ist('2026-11-25', '17:29')).failed, []);
  assert.equal(check(ist('2026-11-25', '08:29')).failed, ['working-hours']);
});

test('a notice counts whole working days: Thursday notice, Monday cut is 1 (Friday; the weekend and the cut day do not count)', () => {
  const c = check(ist('2026-11-23', '10:00'), cutRecord({ debt: { noticeSentAt: '2026-11-19T16:00:00+03:00' } }));
  assert.equal(c.failed, ['notice-days']);
  assert.equal(failedText(c), ['Bildirim 2026-11-19: 1 iş günü önce, en az 3 gerekli.']);
});

test('boundary: a notice sent Wednesday 23:59 does not allow a cut Monday 08:30; Tuesday 08:30 it does', () => {
  const rec = cutRecord({ debt: { noticeSentAt: '2026-11-18T23:59:00+03:00' } });
  const mon = check(ist('2026-11-23', '08:30'), rec);
  assert.equal(mon.failed, ['notice-days']);
  assert.equal(failedText(mon), ['Bildirim 2026-11-18: 2 iş günü önce, en az 3 gerekli.']);
  assert.equal(check(ist('2026-11-24', '08:30'), rec).failed, []);
  // Configurable: counting the cut day (the old, lenient reading) allows Monday.
  const lenient = { ...ref, cut: { ...ref.cut, noticeCountsCutDay: true } };
  assert.equal(check(ist('2026-11-23', '08:30'), rec, ist('2026-11-23', '08:29'), lenient).failed, []);
});

test('a notice over one channel only is not enough; two channels without a written one neither', () => {
  const one = check(WED_10, cutRecord({ debt: { noticeChannels: ['written'] } }));
  assert.equal(one.failed, ['notice-channels']);
  assert.equal(failedText(one), ['Bildirim kanalları: yazılı. En az 2 kanal, biri yazılı (yazılı) gerekli.']);
  assert.is(
    fieldWorkText(one.items.find((i) => i.id === 'notice-channels')!.message, 'en'),
    'Notice channels: written. At least 2, one written (written).',
  );
  assert.equal(check(WED_10, cutRecord({ debt: { noticeChannels: ['sms', 'email'] } })).failed, ['notice-channels']);
  assert.equal(
    check(WED_10, cutRecord({ debt: { noticeChannels: ['sms', 'SMS'] } })).failed,
    ['notice-channels'],
    'the same channel twice is one channel',
  );
  const alias = check(WED_10, cutRecord({ debt: { noticeChannels: ['written-notice', 'sms'] } }));
  assert.equal(alias.failed, [], '"written-notice", as the contract example spelled it, is the written channel');
  assert.equal(
    check(WED_10, cutRecord({ debt: { noticeChannels: ['written', 'written-notice'] } })).failed,
    ['notice-channels'],
    'an alias and its channel are one channel',
  );
});

test('a stale sync blocks with "get coverage first"; a supervisor may override it only with a reason', () => {
  const c = check(WED_10, cutRecord(), WED_10 - 16 * 60_000);
  assert.equal(c.failed, ['sync-fresh']);
  assert.match(failedText(c)[0]!, 'Merkezle son bağlantı 16 dk önce (en çok 15 dk)');
  assert.match(failedText(c)[0]!, 'kapsama alanına girip bağlanın');
  assert.ok(c.overridable);
  assert.equal(cutDecision(c, undefined, ref), { ok: false });
  const short = cutDecision(c, { supervisorId: '9001', reason: 'acil' }, ref);
  assert.ok(!short.ok && short.message?.key === 'override.reasonShort');
  assert.equal(cutDecision(c, { supervisorId: '9001', reason: 'merkez telefonla teyit etti' }, ref), {
    ok: true,
    overridden: ['sync-fresh'],
  });
  assert.equal(check(WED_10, cutRecord(), WED_10 - 15 * 60_000).failed, [], 'exactly 15 minutes is still fresh');
  assert.equal(check(WED_10, cutRecord(), null).failed, ['sync-fresh'], 'never synced since start is stale');
});

test('a cancelled job can never be cut, not even by a supervisor', () => {
  const c = check(WED_10, cutRecord({ state: 'cancelled', cancel: { reason: 'paid', at: '', messageId: 'm' } }));
  assert.equal(c.failed, ['not-cancelled']);
  assert.equal(failedText(c), ['İŞ İPTAL EDİLDİ (paid): kesme yapılamaz.']);
  assert.not.ok(c.overridable);
  const demo = checkCutPreconditions({
    record: cutRecord({ state: 'cancelled', cancel: { reason: 'paid', at: '', messageId: 'm' } }),
    now: WED_10,
    lastSyncAt: WED_10,
    reference: demoRef,
  });
  assert.not.ok(demo.overridable);
});

test('boundary: 15 whole days past due (the due date and the cut day not counted), unpaid use over 50 m³', () => {
  // Due 2026-11-10: 11–24 November is 14 whole days on the 25th; due the 9th: 15.
  const c = check(WED_10, cutRecord({ debt: { oldestDueDate: '2026-11-10' } }));
  assert.equal(c.failed, ['past-due']);
  assert.equal(failedText(c), ['Son ödeme 2026-11-10: 14 gün geçti, en az 15 gün gerekli.']);
  assert.equal(check(WED_10, cutRecord({ debt: { oldestDueDate: '2026-11-09' } })).failed, []);
  const lenient = { ...ref, cut: { ...ref.cut, pastDueCountsCutDay: true } };
  assert.equal(check(WED_10, cutRecord({ debt: { oldestDueDate: '2026-11-10' } }), WED_10, lenient).failed, [], 'configurable');
  const m3 = (v: string) => cutRecord({ debt: { unpaidConsumptionM3: v } });
  assert.equal(check(WED_10, m3('50')).failed, ['unpaid-volume']);
  assert.equal(check(WED_10, m3('50.01')).failed, []);
});

test('a cut job without unpaid m³ is blocked with a reason, never "unknown, allowed"', () => {
  const rec = cutRecord();
  delete (rec.job.debt as { unpaidConsumptionM3?: string }).unpaidConsumptionM3;
  const c = check(WED_10, rec);
  assert.equal(c.failed, ['unpaid-volume']);
  assert.equal(failedText(c), ['Ödenmemiş tüketim (m³) merkezden gelmedi: kesme yapılamaz.']);
  assert.not.ok(c.overridable);
});

test('protected customer (DMHY 44(3)): cut only after 3 unpaid periods; a missing category or period count blocks', () => {
  const prot = (category: 'martyr-family' | 'veteran' | undefined, unpaidPeriods?: number) => {
    const rec = cutRecord({ customer: { protectedCategory: category }, debt: { unpaidPeriods } });
    if (category === undefined) delete (rec.job.customer as { protectedCategory?: string }).protectedCategory;
    if (unpaidPeriods === undefined) delete (rec.job.debt as { unpaidPeriods?: number }).unpaidPeriods;
    return check(WED_10, rec);
  };
  const two = prot('martyr-family', 2);
  assert.equal(two.failed, ['protected-category']);
  assert.equal(failedText(two), ['Korunan abone (şehit yakını): 2 dönem ödenmemiş, en az 3 gerekli.']);
  assert.not.ok(two.overridable, "a legal rule is not the crew supervisor's to waive");
  assert.equal(prot('veteran', 3).failed, []);
  assert.equal(failedText(prot('veteran', undefined)), ['Korunan abone (gazi): ödenmemiş dönem sayısı gelmedi, kesme yapılamaz.']);
  assert.equal(failedText(prot(undefined, 5)), ['Korunan abone bilgisi merkezden gelmedi: kesme yapılamaz.']);
});

/** A cut job whose debt and notice are well in order for `date`, so only the calendar can block it. */
const inOrderFor = (date: string) =>
  cutRecord({ debt: { oldestDueDate: addDays(date, -60), noticeSentAt: `${addDays(date, -14)}T10:00:00+03:00` } });

test('2027: 1 January and 23 April (Fridays) are holidays; a computed bayram day says it is computed', () => {
  for (const [date, name] of [
    ['2027-01-01', 'Yılbaşı'],
    ['2027-04-23', 'Ulusal Egemenlik ve Çocuk Bayramı'],
  ] as const) {
    const c = check(ist(date, '10:00'), inOrderFor(date));
    assert.equal(c.failed, ['not-holiday'], date);
    assert.equal(failedText(c), [`Resmi tatil: ${name}. Kesme yapılamaz.`]);
  }
  const bayram = check(ist('2027-03-09', '10:00'), inOrderFor('2027-03-09'));
  assert.equal(failedText(bayram), ['Resmi tatil (hesaplanan tarih): Ramazan Bayramı 1. gün. Kesme yapılamaz.']);
  const arife = inOrderFor('2027-03-08');
  assert.equal(check(ist('2027-03-08', '12:59'), arife).failed, []);
  assert.equal(check(ist('2027-03-08', '13:00'), arife).failed, ['not-holiday']);
  const computed = check(ist('2027-03-03', '10:00'), inOrderFor('2027-03-03'));
  assert.is(
    fieldWorkText(computed.items.find((i) => i.id === 'calendar-covered')!.message),
    'Tatil takvimi 2027-03-03: dini bayramlar hesaplandı, resmî takvimle teyit edilmeli.',
  );
  assert.equal(computed.failed, []);
});

test('a date the holiday data does not cover is blocked, and no supervisor may override it', () => {
  const c = check(ist('2031-03-04', '10:00'), inOrderFor('2031-03-04'));
  assert.equal(c.failed, ['notice-days', 'calendar-covered']);
  assert.equal(failedText(c), [
    'Bildirim 2031-02-18: tatil takvimi bu tarihi kapsamıyor, iş günü sayılamaz.',
    'Tatil takvimi 2031-03-04 tarihini kapsamıyor (veri 2026–2030): kesme yapılamaz.',
  ]);
  assert.not.ok(c.overridable);
  // A notice from before the data begins (2025): only the covered days count. On 5 January 2026
  // that is 2 January alone (1 January a holiday): not enough, and the reason says why.
  const late = cutRecord({ debt: { oldestDueDate: '2025-11-01', noticeSentAt: '2025-12-30T10:00:00+03:00' } });
  const jan5 = check(ist('2026-01-05', '10:00'), late);
  assert.equal(jan5.failed, ['notice-days']);
  assert.equal(failedText(jan5), ['Bildirim 2025-12-30: tatil takvimi bu tarihi kapsamıyor, iş günü sayılamaz.']);
  // On 7 January, 2, 5 and 6 January are 3 covered working days: the notice stands, whatever 2025 held.
  const jan7 = check(ist('2026-01-07', '10:00'), late);
  assert.equal(jan7.failed, []);
  assert.is(fieldWorkText(jan7.items.find((i) => i.id === 'notice-days')!.message), 'Bildirim 2025-12-30: 3+ iş günü önce (en az 3).');
});

test('demo reference data lets a supervisor override the working-time rules, with a reason', () => {
  const c = checkCutPreconditions({
    record: cutRecord(),
    now: ist('2026-11-28', '22:00'),
    lastSyncAt: ist('2026-11-28', '22:00'),
    reference: demoRef,
  });
  assert.equal(c.failed, ['working-day', 'working-hours']);
  assert.ok(c.overridable);
});

test.run();
