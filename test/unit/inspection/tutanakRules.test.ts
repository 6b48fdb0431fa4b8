/**
 * Each tutanak rule of issue 18 alone, in core (no store, no terminal): two officials, a witness or
 * a reason, the accrual's period and basis, metered consumption deducted, the pending accrual, the
 * DMHY 53 exemption, the surcharge caps, appliance power bounds, the method change with its reason,
 * fees with validity dates. Rules and sources: device/reference/README.md "Inspection rules".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AccrualUnavailableError,
  accrualOutcome,
  accrualText,
  computeAccrual,
  feeOn,
  parseInspectionConfig,
  sealReport,
  validateDraft,
  type AccrualInput,
  type ReportContext,
} from '../../../src/core/inspection/index.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { esgaz } from '../../helpers/tariffs.js';
import { rawConfig, shippedConfig } from './fixtures.js';
import { kacakDraft } from './rig.js';

const c = shippedConfig();
const fields = (d: Parameters<typeof validateDraft>[0], o: Parameters<typeof validateDraft>[2] = {}, cfg = c) =>
  validateDraft(d, cfg, o).map((e) => e.field);
const combi: AccrualInput = {
  finding: 'kacak',
  detectionDate: '2026-11-25',
  start: { date: '2026-10-26', basis: 'last-reading' },
  appliances: [{ type: 'kombi', kw: '24' }],
  tariff: esgaz(),
};
const ctx: ReportContext = {
  reportNo: 'TT-HT-0042-2026-000007',
  at: '2026-11-25T10:00:00.000+03:00',
  deviceId: 'HT-0042',
  crew: [{ operatorId: '1001', name: 'Ali Kaya' }],
  site: { installationNo: '4000001', address: 'İnönü Sok. No:2' },
};

test('two officials: the second must be entered, not the one logged in, with a sicil no and a name; officials.min is data', () => {
  const { officer: _o, ...noOfficer } = kacakDraft();
  assert.equal(fields(noOfficer), ['officer']);
  assert.equal(fields(kacakDraft(), { crewIds: ['1001'] }), []);
  assert.equal(fields({ ...kacakDraft(), officer: { operatorId: '1001', name: 'Ali' } }, { crewIds: ['1001'] }), ['officer.operatorId']);
  assert.equal(fields({ ...kacakDraft(), officer: { operatorId: '10 02', name: ' ' } }), ['officer.operatorId', 'officer.name']);
  const one = shippedConfig((r) => {
    r.officials.min = 1;
  });
  assert.equal(fields(noOfficer, {}, one), []);
  const sealed = sealReport(kacakDraft(), ctx, c, undefined);
  assert.equal(sealed.printData.crew, [
    { operatorId: '1001', name: 'Ali Kaya' },
    { operatorId: '1002', name: 'Veli Şahin' },
  ]);
  assert.equal(sealed.event.officials, sealed.printData.crew);
});

test('user refusing or absent: at least one witness or the documented reason; a statement needs neither', () => {
  const refused = { ...kacakDraft(), witnesses: [] };
  assert.equal(fields(refused), ['witnesses']);
  assert.equal(fields({ ...refused, statement: { kind: 'absent' as const } }), ['witnesses']);
  assert.equal(fields({ ...refused, noWitnessReason: 'gece, komşular evde yok' }), []);
  assert.equal(fields({ ...refused, noWitnessReason: '   ' }), ['witnesses']);
  assert.equal(fields({ ...refused, statement: { kind: 'statement' as const, text: 'Bilmiyordum.' } }), []);
  const s = sealReport({ ...refused, statement: { kind: 'absent' }, noWitnessReason: 'gece' }, ctx, c, undefined);
  assert.equal([s.event.userAbsent, s.event.refusedToSign, s.event.noWitnessReason], [true, false, 'gece']);
  assert.equal(s.printData.statement, { kind: 'absent' });
});

test('accrual period: from–to dates and basis, in the trace and in the printed words', () => {
  const a = computeAccrual(combi, c);
  assert.equal(a.period, { from: '2026-10-26', to: '2026-11-25', days: 30, capped: false, basis: 'last-reading', start: '2026-10-26' });
  assert.match(accrualText(a), 'Dönem: 26.10.2026 - 25.11.2026 (30 gün); esas: son geçerli okuma 26.10.2026');
  const unknown = computeAccrual({ ...combi, start: null }, c);
  assert.equal([unknown.period!.from, unknown.period!.basis, unknown.period!.start], ['2025-11-25', 'unknown', null]);
  assert.match(accrualText(unknown), 'Dönem: 25.11.2025 - 25.11.2026 (365 gün); esas: başlangıç bilinmiyor, en çok 365 gün');
  const capped = computeAccrual({ ...combi, start: { date: '2024-01-01', basis: 'seal-check' } }, c);
  assert.match(accrualText(capped), 'esas: son mühür kontrolü 01.01.2024, en çok 365 gün');
});

test('metered consumption in the period is deducted (pro rata when the period was capped), never below zero', () => {
  const a = computeAccrual({ ...combi, metered: { lastIndex: 1007, lastDate: '2026-10-26', siteIndex: 1012 } }, c);
  assert.equal([a.estimatedM3, a.meteredM3, a.billedM3, a.lines[0]!.quantity], ['203', '5', '198', '198']);
  assert.is(a.trace.find((t) => t.step === 'billedM3')!.formula, '203 − 5, not below 0');
  assert.match(accrualText(a), 'Tahmini 203 m³ - sayaçtan geçen 5 m³ = 198 m³');
  const all = computeAccrual({ ...combi, metered: { lastIndex: 1000, lastDate: '2026-10-26', siteIndex: 1500 } }, c);
  assert.equal([all.billedM3, all.lines[0]!.amount], ['0', '0.00']);
  // Last reading 730 days back, the period capped at 365: half of the 100 m³ registered falls in it.
  const long = computeAccrual(
    {
      ...combi,
      start: { date: '2024-11-25', basis: 'last-reading' },
      metered: { lastIndex: 1000, lastDate: '2024-11-25', siteIndex: 1100 },
    },
    c,
  );
  assert.is(long.meteredM3, '50');
  assert.match(long.trace.find((t) => t.step === 'meteredM3')!.formula, 'pro rata');
  const lower = computeAccrual({ ...combi, metered: { lastIndex: 1007, lastDate: '2026-10-26', siteIndex: 900 } }, c);
  assert.equal([lower.meteredM3, lower.billedM3], ['0', '203']);
  assert.match(lower.trace.find((t) => t.step === 'meteredM3')!.formula, 'not deducted');
});

test('the device cannot compute (no tariff, no fee, no history): pending, sealed and printed with "tahakkuk merkezde hesaplanacak"', () => {
  const { tariff: _t, ...noTariff } = combi;
  try {
    computeAccrual(noTariff, c);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, AccrualUnavailableError);
    assert.ok(isAppError(e, 'Billing_NoTariff'));
  }
  const o = accrualOutcome(kacakDraft(), c, () => computeAccrual(noTariff, c));
  assert.equal(o, { kind: 'pending', reason: 'no-tariff', detail: 'no tariff in force prices the kaçak consumption' });
  const s = sealReport(kacakDraft(), ctx, c, o);
  assert.match(s.printData.description!, 'TAHAKKUK: tahakkuk merkezde hesaplanacak (cihazda tarife grubu ya da yürürlükte tarife yok).');
  assert.equal([s.event.accrualStatus, s.event.accrualPending, s.event.accrual], ['pending', 'no-tariff', undefined]);
  assert.throws(() => accrualOutcome(kacakDraft(), c, () => computeAccrual({ ...combi, detectionDate: 'x' }, c)), 'not a date');
});

test('DMHY 53: an exempt subtype with the application made costs nothing; the answer on another subtype is refused', () => {
  const d = { ...kacakDraft(), finding: 'usulsuz' as const, subtype: 'previous-occupant', occupantApplied: true };
  let called = false;
  const o = accrualOutcome(d, c, () => {
    called = true;
    return computeAccrual({ finding: 'usulsuz', detectionDate: '2026-11-25' }, c);
  });
  assert.equal(o, { kind: 'exempt', rule: 'dmhy-53-applied' });
  assert.not.ok(called, 'nothing is computed');
  assert.equal(
    accrualOutcome({ ...d, occupantApplied: false }, c, () => computeAccrual({ finding: 'usulsuz', detectionDate: '2026-11-25' }, c)).kind,
    'computed',
  );
  const s = sealReport(d, ctx, c, o);
  assert.match(s.printData.description!, 'usulsüz kullanım bedeli alınmaz; başvuru yapılmış (DMHY md. 53)');
  assert.is(s.event.accrualStatus, 'exempt');
  assert.equal(fields({ ...d, subtype: 'no-contract' }), ['occupantApplied']);
  const bad = rawConfig() as Record<string, any>;
  bad.usulsuz.exemptIfApplied = ['bypass'];
  const r = parseInspectionConfig(bad);
  assert.equal(!r.ok && r.errors.map((e) => e.path), ['usulsuz.exemptIfApplied[0]']);
});

test('surcharge capped: 200 %, 300 % on a repeat; 1000 % and a repeat rate below the first are refused', () => {
  for (const [rate, repeatRate, paths] of [
    ['10', '3', ['surcharge.rate', 'surcharge.repeatRate']],
    ['2.01', '3', ['surcharge.rate']],
    ['2', '3.5', ['surcharge.repeatRate']],
    ['2', '1.5', ['surcharge.repeatRate']],
    ['1.5', '2.5', []],
  ] as const) {
    const raw = rawConfig() as Record<string, any>;
    raw.surcharge.rate = rate;
    raw.surcharge.repeatRate = repeatRate;
    const r = parseInspectionConfig(raw);
    assert.equal(r.ok ? [] : r.errors.map((e) => e.path), paths, `${rate} / ${repeatRate}`);
  }
  const repeat = computeAccrual({ ...combi, previousKacak: [{ date: '2025-06-01', reportNo: 'TT-OFIS-1' }] }, c);
  assert.equal([repeat.repeat, repeat.lines[1]!.quantity], [true, '3.00']);
  assert.match(repeat.trace.find((t) => t.step === 'repeat')!.formula, 'TT-OFIS-1');
});

test('appliance power within appliancePower bounds: the draft, the accrual and the file all refuse 99,999 kW', () => {
  assert.equal(fields({ ...kacakDraft(), appliances: [{ type: 'kombi', kw: '99999' }] }), ['appliances[0].kw']);
  assert.equal(fields({ ...kacakDraft(), appliances: [{ type: 'kombi', kw: '0.1' }] }), ['appliances[0].kw']);
  assert.throws(() => computeAccrual({ ...combi, appliances: [{ type: 'kombi', kw: '99999' }] }, c), /within 0.5 – 100/);
  const raw = rawConfig() as Record<string, any>;
  raw.applianceTypes[4].kw = '500';
  raw.appliancePower = { minKw: '5', maxKw: '1' };
  const r = parseInspectionConfig(raw);
  assert.equal(!r.ok && r.errors.map((e) => e.path), ['appliancePower.maxKw']);
  const raw2 = rawConfig() as Record<string, any>;
  raw2.applianceTypes[4].kw = '500';
  const r2 = parseInspectionConfig(raw2);
  assert.equal(!r2.ok && r2.errors.map((e) => e.path), ['applianceTypes[4].kw']);
});

test('a change of method needs a reason: refused without, in the trace and on paper with it', () => {
  assert.throws(() => computeAccrual({ ...combi, method: 'similar-units' }, c), /a reason is needed/);
  const a = computeAccrual({ ...combi, method: 'similar-units', methodReason: 'cihaz plakası okunamadı' }, c);
  const step = a.trace.find((t) => t.step === 'method')!;
  assert.equal([step.formula, step.value], ['changed from appliance-capacity: cihaz plakası okunamadı', 'similar-units']);
  assert.equal(a.methodChange, { from: 'appliance-capacity', reason: 'cihaz plakası okunamadı' });
  assert.match(accrualText(a), 'Yöntem değişti (varsayılan cihaz kapasitesi); sebep: cihaz plakası okunamadı');
  assert.equal(fields({ ...kacakDraft(), method: 'similar-units' }), ['methodReason']);
  assert.equal(fields({ ...kacakDraft(), method: 'similar-units', methodReason: 'x' }), []);
  assert.equal(fields({ ...kacakDraft(), method: 'appliance-capacity' }), [], 'the default needs no reason');
});

test('fees hold between validFrom and validTo: the 2026 fee does not apply in 2027; overlaps and reversed periods are refused', () => {
  assert.is(feeOn(c, '2026-12-31')!.amount.toString(), '206');
  assert.is(feeOn(c, '2027-01-01'), undefined);
  try {
    computeAccrual({ finding: 'usulsuz', detectionDate: '2027-01-04' }, c);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, AccrualUnavailableError);
    assert.is((e as AccrualUnavailableError).reason, 'no-fee');
  }
  const raw = rawConfig() as Record<string, any>;
  raw.usulsuz.cutReopenFee = [
    { validFrom: '2026-01-01', validTo: '2026-12-31', amount: '206.00' },
    { validFrom: '2026-12-01', validTo: '2027-12-31', amount: '240.00' },
    { validFrom: '2028-02-01', validTo: '2028-01-01', amount: '250.00' },
  ];
  const r = parseInspectionConfig(raw);
  assert.equal(!r.ok && r.errors.map((e) => e.path).sort(), ['usulsuz.cutReopenFee[1]', 'usulsuz.cutReopenFee[2].validTo']);
  const noTo = rawConfig() as Record<string, any>;
  delete noTo.usulsuz.cutReopenFee[0].validTo;
  const r2 = parseInspectionConfig(noTo);
  assert.equal(!r2.ok && r2.errors.map((e) => e.path), ['usulsuz.cutReopenFee[0].validTo']);
});

test.run();
