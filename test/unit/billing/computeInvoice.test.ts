import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeInvoice } from '../../../src/core/billing/computeInvoice.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { esgaz, loadTariff } from '../../helpers/tariffs.js';

const example = { previousIndex: 12345, currentIndex: 12533, previousDate: '2025-08-01', currentDate: '2025-09-01' };

test('docs/domain.md worked example (Eskişehir K1, 31 days) to the kuruş', () => {
  const c = computeInvoice(example, [esgaz()]);
  assert.is(c.period.days, 31);
  assert.is(c.consumptionM3, '188');
  assert.is(c.correctedM3, '193.80');
  assert.is(c.kwhFactor, '10.97');
  assert.is(c.energyKwh, '2126');
  assert.is(c.unitPrice, '0.96489117');
  assert.is(c.consumptionAmount, '2051.36');
  assert.is(c.vat, '410.27');
  assert.is(c.total, '2461.63');
  assert.is(c.payable, '2462.00');
  assert.is(c.roundingCarry, '0.37');
  assert.is(c.dueDate, '2025-09-11');
  assert.equal(c.tariffIds, ['ESGAZ-K1-2025-08']);
  assert.ok(c.billable);
});

test('docs/domain.md Ankara-like K 0.94845 example', () => {
  const c = computeInvoice(example, [loadTariff('ankara-like-2025-08')]);
  assert.is(c.correctedM3, '178.31');
  assert.is(c.energyKwh, '1956');
  assert.is(c.consumptionAmount, '1887.33');
  assert.is(c.vat, '377.47');
  assert.is(c.total, '2264.80');
  assert.is(c.payable, '2265.00');
  assert.is(c.roundingCarry, '0.20');
});

test('a period spanning two tariffs uses day-weighted price, K and calorific value', () => {
  const c = computeInvoice({ ...example, previousDate: '2025-09-01', currentDate: '2025-10-01' }, [
    loadTariff('esgaz-k1-2025-08'),
    loadTariff('esgaz-k1-2025-09'),
  ]);
  // 15 days at the August tariff (1–15 Sept), 15 at the September one (16–30 Sept).
  assert.equal(
    c.segments.map((s) => [s.tariffId, s.days]),
    [
      ['ESGAZ-K1-2025-08', 15],
      ['ESGAZ-K1-2025-09', 15],
    ],
  );
  assert.is(c.correctionFactor, '1.02792'); // (1.03083 + 1.025)/2 = 1.027915 → half-up
  assert.is(c.calorificValue, '9419.39'); // (9438.77 + 9400)/2 = 9419.385
  assert.is(c.unitPrice, '0.99244559'); // 0.992445585
  assert.is(c.correctedM3, '193.25');
  assert.is(c.kwhFactor, '10.95');
  assert.is(c.energyKwh, '2116');
  assert.is(c.consumptionAmount, '2100.01');
  assert.is(c.vat, '420.00');
  assert.is(c.total, '2520.01');
  assert.is(c.payable, '2520.00');
  assert.is(c.roundingCarry, '-0.01');
  assert.is(c.dueDate, '2025-10-13', 'due days of the tariff in force at the end of the period');
  assert.equal(c.tariffIds, ['ESGAZ-K1-2025-08', 'ESGAZ-K1-2025-09']);
});

test('uneven split: 10 days old price, 21 days new price', () => {
  const a = esgaz({ tariffId: 'A', validTo: '2025-08-10', unitPricePerKwh: '1.00000000' });
  const b = esgaz({ tariffId: 'B', validFrom: '2025-08-11', unitPricePerKwh: '2.00000000' });
  const c = computeInvoice(example, [a, b]);
  assert.is(c.unitPrice, '1.67741935'); // (10×1 + 21×2)/31 = 1.677419354…
});

test('validTo is inclusive and a gap in the tariffs is an error naming the day', () => {
  const a = esgaz({ tariffId: 'A', validTo: '2025-08-10' });
  const b = esgaz({ tariffId: 'B', validFrom: '2025-08-12' });
  try {
    computeInvoice(example, [a, b]);
    assert.unreachable();
  } catch (e) {
    assert.ok(isAppError(e, 'Billing_NoTariff'));
    assert.match((e as Error).message, '2025-08-11');
  }
});

test('tariffs of another group are ignored', () => {
  const other = esgaz({ tariffId: 'X', group: 'OTHER', unitPricePerKwh: '9.00000000' });
  const c = computeInvoice({ ...example, group: 'ESGAZ-K1' }, [esgaz(), other]);
  assert.is(c.total, '2461.63');
});

for (const [digits, prev, cur, m3] of [
  [4, 9990, 15, 25],
  [5, 99950, 100, 150],
  [6, 999999, 0, 1],
] as const) {
  test(`rollover on ${digits} dials: ${prev} → ${cur} is ${m3} m³`, () => {
    const c = computeInvoice({ ...example, previousIndex: prev, currentIndex: cur, digits }, [esgaz()]);
    assert.is(c.consumptionM3, String(m3));
    assert.ok(c.rollover);
  });
}

test('lower index without digits is an error, not a negative bill', () => {
  assert.throws(
    () => computeInvoice({ ...example, currentIndex: 100 }, [esgaz()]),
    (e: unknown) => isAppError(e, 'Billing_InvalidReading'),
  );
});

test('an index with more digits than the meter has is refused', () => {
  assert.throws(
    () => computeInvoice({ ...example, currentIndex: 123456, digits: 5 }, [esgaz()]),
    (e: unknown) => isAppError(e, 'Billing_InvalidReading'),
  );
});

test('reversed dates are refused', () => {
  assert.throws(
    () => computeInvoice({ ...example, previousDate: '2025-09-02' }, [esgaz()]),
    (e: unknown) => isAppError(e, 'Billing_InvalidReading'),
  );
});

test('below the minimum billable volume: not billable, trace says why', () => {
  const c = computeInvoice({ ...example, currentIndex: 12354 }, [esgaz({ minimumBillableM3: '10' })]);
  assert.is(c.consumptionM3, '9');
  assert.is(c.billable, false);
  assert.ok(c.trace.some((t) => t.step === 'minimumBillable'));
  const at = computeInvoice({ ...example, currentIndex: 12355 }, [esgaz({ minimumBillableM3: '10' })]);
  assert.is(at.billable, true, 'exactly the minimum is billable');
});

test('every precision comes from the tariff', () => {
  const c = computeInvoice(example, [
    esgaz({
      rounding: {
        correctedVolume: 3,
        kwhFactor: 3,
        energyKwh: 1,
        unitPrice: 4,
        correctionFactor: 5,
        calorificValue: 0,
        money: 2,
        payableStep: '0.50',
      },
    }),
  ]);
  assert.is(c.correctedM3, '193.796');
  assert.is(c.calorificValue, '9439');
  assert.is(c.kwhFactor, '10.970'); // 9439 / 860.42 = 10.97022…
  assert.is(c.unitPrice, '0.9649');
  assert.is(c.payable.endsWith('.00') || c.payable.endsWith('.50'), true);
});

test('the trace names every intermediate value', () => {
  const c = computeInvoice(example, [esgaz()]);
  const steps = c.trace.map((t) => t.step);
  for (const s of [
    'consumptionM3',
    'correctionFactor',
    'correctedM3',
    'calorificValue',
    'kwhFactor',
    'energyKwh',
    'unitPrice',
    'consumptionAmount',
    'vat',
    'total',
    'payable',
    'roundingCarry',
    'dueDate',
  ]) {
    assert.ok(steps.includes(s), s);
  }
  assert.is(c.trace.find((t) => t.step === 'energyKwh')?.value, '2126');
});

test.run();
