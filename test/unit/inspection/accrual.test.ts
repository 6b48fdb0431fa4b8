/**
 * Accrual golden tests (docs/domain.md §4): each estimate method, the 24 kW combi example, the repeat
 * surcharge, the duration cap and the usulsüz fee multiple, to the kuruş.
 *
 * The combi example: 24 kW × 6 h × 0.5 × 30 days = 2160 kWh; 2160 ÷ 10.64 kWh/m³ = 203.0 m³.
 * 10.64 kWh/m³ is the reference calorific value 9155 kcal/m³ ÷ 860.42 (docs/domain.md §1), the same
 * factor that turns the published 0.96489117 TL/kWh into 10.266442 TL/m³. (With Eskişehir's own
 * 9438.77 kcal/m³ = 10.97 kWh/m³ it would be 197 m³.)
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AccrualUnavailableError, computeAccrual, type AccrualInput } from '../../../src/core/inspection/index.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { esgaz } from '../../helpers/tariffs.js';
import { shippedConfig } from './fixtures.js';

const c = shippedConfig();
const combi: AccrualInput = {
  finding: 'kacak',
  detectionDate: '2026-11-25',
  start: { date: '2026-10-26', basis: 'last-reading' },
  method: 'appliance-capacity',
  appliances: [{ type: 'kombi', kw: '24' }],
  tariff: esgaz(),
};

test('the 24 kW combi example: 30 days → 2160 kWh ÷ 10.64 = 203 m³, priced per m³, surcharge 200 % as its own line', () => {
  const a = computeAccrual(combi, c);
  assert.is(a.period?.days, 30);
  assert.is(a.estimatedM3, '203');
  assert.is(a.repeat, false);
  assert.equal(
    a.lines.map((l) => [l.code, l.quantity, l.unit, l.unitPrice, l.amount, l.vatRate, l.vat]),
    [
      ['kacak-consumption', '203', 'm3', '10.26644205', '2084.09', '0.20', '416.82'],
      ['kacak-surcharge', '2.00', 'kat', '2084.09', '4168.18', '0.20', '833.64'],
    ],
  );
  assert.is(a.total, '7502.73');
  const step = (s: string) => a.trace.find((t) => t.step === s)!;
  assert.is(step('appliance[0].kwhPerDay').value, '72');
  assert.is(step('energyKwh').value, '2160');
  assert.is(step('estimatedM3').formula, '2160 kWh ÷ 10.64 kWh/m³');
  assert.ok(step('estimatedM3').assumed, 'the kWh/m³ factor is marked assumed in the trace');
  assert.ok(a.assumed.includes('estimation.kwhPerM3'));
  assert.match(a.lines[0]!.description, 'cihaz kapasitesi: 24 kW × 6 sa × 0,5 × 30 gün');
});

test("pricing from the tariff's own calorific value (10.97 kWh/m³) when configured so", () => {
  const t = shippedConfig((r) => {
    r.estimation.kwhPerM3 = '10.97';
    r.pricing.kwhPerM3 = 'tariff';
  });
  const a = computeAccrual(combi, t);
  assert.is(a.estimatedM3, '197'); // 2160 / 10.97 = 196.9
  assert.is(a.lines[0]!.unitPrice, '10.58485613'); // 0.96489117 × 10.97
  assert.is(a.lines[0]!.amount, '2085.22');
});

test('a repeat within 2 years: surcharge 300 %; just outside the window: 200 %', () => {
  const a = computeAccrual({ ...combi, previousKacak: [{ date: '2024-11-25', reportNo: 'TT-HT-0042-2024-000003' }] }, c);
  assert.is(a.repeat, true);
  assert.equal([a.lines[1]!.quantity, a.lines[1]!.amount, a.lines[1]!.vat], ['3.00', '6252.27', '1250.45']);
  assert.is(a.total, '10003.63');
  assert.match(a.lines[1]!.description, '%300, 2 yıl içinde tekrar');
  const b = computeAccrual({ ...combi, previousKacak: [{ date: '2024-11-24' }] }, c);
  assert.is(b.repeat, false);
  assert.is(b.lines[1]!.quantity, '2.00');
});

test('the repeat rate and window are data', () => {
  const t = shippedConfig((r) => {
    r.surcharge = { rate: '1.50', repeatRate: '2.50', repeatWithinYears: 3 };
  });
  const a = computeAccrual({ ...combi, previousKacak: [{ date: '2024-01-10' }] }, t);
  assert.equal([a.repeat, a.lines[1]!.quantity, a.lines[1]!.amount], [true, '2.50', '5210.23']);
});

test('duration runs from the last valid reading or seal check, capped at the configured maximum', () => {
  const long = computeAccrual({ ...combi, start: { date: '2024-01-01', basis: 'seal-check' } }, c);
  assert.equal(long.period, { from: '2025-11-25', to: '2026-11-25', days: 365, capped: true, basis: 'seal-check', start: '2024-01-01' });
  assert.is(long.estimatedM3, '2470'); // 72 kWh × 365 = 26280 ÷ 10.64 = 2469.9
  assert.ok(long.trace.find((s) => s.step === 'daysCapped')?.assumed);
  const unknown = computeAccrual({ ...combi, start: null }, c);
  assert.is(unknown.period?.days, 365);
  const tight = computeAccrual(
    { ...combi, start: { date: '2026-01-01', basis: 'seal-check' } },
    shippedConfig((r) => {
      r.duration.maxDays = 90;
    }),
  );
  assert.is(tight.period?.days, 90);
  assert.is(tight.estimatedM3, '609'); // 72 × 90 = 6480 ÷ 10.64 = 609.02
});

test("own history: the same period of earlier years, as periods or as the back office's daily figure", () => {
  const periods = computeAccrual(
    {
      ...combi,
      method: 'own-history',
      methodReason: 'cihaz plakası okunamadı',
      ownHistory: {
        periods: [
          { from: '2024-10-26', to: '2024-11-25', m3: '99' },
          { from: '2025-10-26', to: '2025-11-25', m3: '111' },
        ],
      },
    },
    c,
  );
  assert.is(periods.estimatedM3, '105'); // 210 m³ / 60 days = 3.5/day × 30
  assert.is(periods.lines[0]!.amount, '1077.98'); // 105 × 10.26644205 = 1077.976
  const daily = computeAccrual({ ...combi, method: 'own-history', methodReason: 'x', ownHistory: { dailyM3: '3.5' } }, c);
  assert.equal(
    daily.lines,
    periods.lines.map((l) => (l.code === 'kacak-consumption' ? { ...l, description: daily.lines[0]!.description } : l)),
  );
  try {
    computeAccrual({ ...combi, method: 'own-history', methodReason: 'x' }, c);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, AccrualUnavailableError);
    assert.is((e as AccrualUnavailableError).reason, 'no-history');
  }
});

test('similar units: day by day through the months, from the configured monthly profile', () => {
  const a = computeAccrual({ ...combi, method: 'similar-units', methodReason: 'x' }, c);
  // 26–31 October: 6 days × 2.0; 1–24 November: 24 days × 4.5 → 12 + 108 = 120 m³
  assert.is(a.estimatedM3, '120');
  assert.match(a.trace.find((s) => s.step === 'estimatedM3')!.formula, '6×2.0 + 24×4.5');
  assert.ok(a.assumed.includes('estimation.similarUnits.dailyM3ByMonth'));
  const sent = computeAccrual({ ...combi, method: 'similar-units', methodReason: 'x', similarUnitsDailyM3: '2.75' }, c);
  assert.is(sent.estimatedM3, '83'); // 82.5 half-up
});

test('usulsüz: 3 × the cut/reopen fee (206 TL in 2026) = 618 TL, with its VAT', () => {
  const a = computeAccrual({ finding: 'usulsuz', detectionDate: '2026-11-25' }, c);
  assert.equal(
    a.lines.map((l) => [l.code, l.quantity, l.unitPrice, l.amount, l.vatRate, l.vat]),
    [['usulsuz-charge', '3', '206.00', '618.00', '0.20', '123.60']],
  );
  assert.is(a.total, '741.60');
  assert.is(a.method, undefined);
  const two = computeAccrual(
    { finding: 'usulsuz', detectionDate: '2027-02-01' },
    shippedConfig((r) => {
      r.usulsuz = {
        multiple: '2',
        cutReopenFee: [
          { validFrom: '2026-01-01', validTo: '2026-12-31', amount: '206.00' },
          { validFrom: '2027-01-01', validTo: '2027-12-31', amount: '240.00' },
        ],
        exemptIfApplied: [],
      };
    }),
  );
  assert.is(two.lines[0]!.amount, '480.00');
  try {
    computeAccrual({ finding: 'usulsuz', detectionDate: '2025-12-31' }, c);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, AccrualUnavailableError, 'no fee in force before 2026');
    assert.is((e as AccrualUnavailableError).reason, 'no-fee');
  }
});

test('kaçak without a tariff in force is refused with Billing_NoTariff', () => {
  const { tariff: _t, ...noTariff } = combi;
  try {
    computeAccrual(noTariff, c);
    assert.unreachable();
  } catch (e) {
    assert.ok(isAppError(e, 'Billing_NoTariff'));
  }
});

test('several appliances add up; a type with its own hours uses them', () => {
  const a = computeAccrual(
    {
      ...combi,
      appliances: [
        { type: 'kombi', kw: '24' },
        { type: 'ocak', kw: '8' },
      ],
    },
    c,
  );
  // 72 + 8 × 1.5 × 0.5 = 78 kWh/day × 30 = 2340 ÷ 10.64 = 219.92
  assert.is(a.estimatedM3, '220');
});

test.run();
