/** Sealing is pure and deterministic: the same record gives the same fingerprint, any change a different one. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeAccrual, sealReport, verifySealed, validateDraft, type ReportContext } from '../../../src/core/inspection/index.js';
import { esgaz } from '../../helpers/tariffs.js';
import { shippedConfig } from './fixtures.js';
import { kacakDraft } from './rig.js';

const c = shippedConfig();
const ctx: ReportContext = {
  reportNo: 'TT-HT-0042-2026-000007',
  at: '2026-11-25T10:00:00.000+03:00',
  deviceId: 'HT-0042',
  crew: [{ operatorId: '1001', name: 'Ali Kaya' }],
  site: {
    installationNo: '4000001',
    contractAccount: '9000001',
    address: 'İnönü Sok. No:2 Odunpazarı/Eskişehir',
    customerName: 'Mehmet Öztürk',
  },
  jobId: 'J-4001',
  expectedSerial: 'M10000001',
};
const accrual = computeAccrual(
  {
    finding: 'kacak',
    detectionDate: '2026-11-25',
    start: { date: '2026-10-26', basis: 'last-reading' },
    appliances: [{ type: 'kombi', kw: '24' }],
    tariff: esgaz(),
  },
  c,
);

test('the same record seals to the same hash; the stored print data verifies', () => {
  const a = sealReport(kacakDraft(), ctx, c, accrual);
  const b = sealReport(kacakDraft(), ctx, c, accrual);
  assert.is(a.evidenceSha256, b.evidenceSha256);
  assert.ok(verifySealed(a));
});

test('changing any recorded fact changes the fingerprint, including ones only the event carries', () => {
  const base = sealReport(kacakDraft(), ctx, c, accrual).evidenceSha256;
  const variants = [
    sealReport({ ...kacakDraft(), meter: { serial: 'M10000001', scanned: true, index: 1013 } }, ctx, c, accrual),
    sealReport({ ...kacakDraft(), meter: { serial: 'M10000001', scanned: false, index: 1012 } }, ctx, c, accrual),
    sealReport({ ...kacakDraft(), subtype: 'bypass' }, ctx, c, accrual),
    sealReport(kacakDraft(), { ...ctx, at: '2026-11-25T10:00:01.000+03:00' }, c, accrual),
    sealReport(kacakDraft(), ctx, c, { ...accrual, trace: accrual.trace.slice(1) }),
    sealReport(kacakDraft(), { ...ctx, corrects: 'TT-HT-0042-2026-000001' }, c, accrual),
  ];
  for (const v of variants) assert.is.not(v.evidenceSha256, base);
  const tampered = sealReport(kacakDraft(), ctx, c, accrual);
  tampered.printData.witnesses = [{ name: 'Başka Biri' }];
  assert.not.ok(verifySealed(tampered));
});

test("a meter on site that is not the job's, a hand-keyed serial and an unreadable index are said on the report", () => {
  const s = sealReport({ ...kacakDraft('X-999'), meter: { serial: 'X-999', scanned: false, index: null } }, ctx, c, accrual);
  assert.match(s.printData.description!, 'iş emrindeki M10000001 değil');
  assert.match(s.printData.description!, 'elle girildi');
  assert.match(s.printData.description!, 'Endeks okunamadı');
  assert.is(s.event.index, null);
});

test('an unmetered connection needs no meter; every other finding does', () => {
  const none = { ...kacakDraft(), meter: null };
  assert.equal(
    validateDraft(none, c).map((e) => e.field),
    ['meter'],
  );
  assert.equal(validateDraft({ ...none, subtype: 'unmetered-connection' }, c), []);
  const s = sealReport({ ...none, subtype: 'unmetered-connection' }, ctx, c, accrual);
  assert.equal([s.event.index, s.event.meterSerial, s.printData.meter.serial], [null, null, 'YOK']);
});

test.run();
