/**
 * The cut's preconditions, each failing alone against the shipped reference data: the crew sees
 * exactly which rule blocks the cut and why, and only the payment-race guard is a supervisor's
 * to override.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { loadFieldWorkReference } from '../../../src/app/loadFieldWorkReference.js';
import { checkCutPreconditions, cutDecision, fieldWorkText, type CutCheck } from '../../../src/core/fieldwork/index.js';
import type { Job } from '../../../src/core/contract/job.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';

const ref = loadFieldWorkReference({ dir: join(process.cwd(), 'device/reference') });
const demoRef = loadFieldWorkReference({ dir: join(process.cwd(), 'device/reference'), demo: true });

/** Istanbul local time → epoch ms (UTC+3 all year since 2016). */
const ist = (date: string, time: string) => Date.parse(`${date}T${time}:00+03:00`);
const WED_10 = ist('2026-11-25', '10:00');

function cutRecord(
  over: { debt?: Partial<NonNullable<Job['debt']>>; state?: JobRecord['state']; cancel?: JobRecord['cancel'] } = {},
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
    },
    meter: { serial: 'M10000001', digits: 5, lastIndex: 1000, lastReadDate: '2026-10-26' },
    // Wednesday notice a week earlier over two channels, one written; 55 days past due.
    debt: {
      amount: '3842.15',
      oldestDueDate: '2026-10-01',
      noticeSentAt: '2026-11-18T10:00:00.000+03:00',
      noticeChannels: ['written', 'sms'],
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
      'working-day',
      'not-holiday',
      'working-hours',
      'sync-fresh',
    ],
  );
  assert.is(c.items.find((i) => i.id === 'unpaid-volume')!.status, 'unknown', 'contract v1 debt carries no m³: shown, not blocking');
  assert.match(fieldWorkText(c.items.find((i) => i.id === 'notice-days')!.message), '2026-11-18: 5 iş günü önce');
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

test('a notice sent 2 working days ago over a weekend is too recent', () => {
  // Thursday notice, Monday cut: Friday and Monday are 2 working days (the weekend does not count).
  const c = check(ist('2026-11-23', '10:00'), cutRecord({ debt: { noticeSentAt: '2026-11-19T16:00:00+03:00' } }));
  assert.equal(c.failed, ['notice-days']);
  assert.equal(failedText(c), ['Bildirim 2026-11-19: 2 iş günü önce, en az 3 gerekli.']);
  // Wednesday notice: Thursday, Friday, Monday = 3.
  assert.equal(check(ist('2026-11-23', '10:00'), cutRecord({ debt: { noticeSentAt: '2026-11-18T16:00:00+03:00' } })).failed, []);
});

test('a notice over one channel only is not enough; two channels without a written one neither', () => {
  const one = check(WED_10, cutRecord({ debt: { noticeChannels: ['written'] } }));
  assert.equal(one.failed, ['notice-channels']);
  assert.equal(failedText(one), ['Bildirim kanalları: written. En az 2 kanal, biri yazılı (written/yazili/letter) gerekli.']);
  assert.equal(check(WED_10, cutRecord({ debt: { noticeChannels: ['sms', 'email'] } })).failed, ['notice-channels']);
  assert.equal(
    check(WED_10, cutRecord({ debt: { noticeChannels: ['sms', 'SMS'] } })).failed,
    ['notice-channels'],
    'the same channel twice is one channel',
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

test('a bill less than 15 days past due, and unpaid use of 50 m³ or less, block the cut', () => {
  assert.equal(check(WED_10, cutRecord({ debt: { oldestDueDate: '2026-11-11' } })).failed, ['past-due']);
  assert.equal(check(WED_10, cutRecord({ debt: { oldestDueDate: '2026-11-10' } })).failed, []);
  const m3 = (v: string) => cutRecord({ debt: { unpaidConsumptionM3: v } as never });
  assert.equal(check(WED_10, m3('50')).failed, ['unpaid-volume']);
  assert.equal(check(WED_10, m3('50.01')).failed, []);
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
