/**
 * Property tests: random valid readings and tariffs, checked against an independent oracle written
 * with BigInt fixed-point arithmetic (no decimal.js), plus the invariants the back office relies on.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeInvoice } from '../../../src/core/billing/computeInvoice.js';
import type { Tariff } from '../../../src/core/contract/tariff.js';
import { prng } from '../../helpers/prng.js';

// --- oracle: decimals as { n: bigint, s: scale } ---
type Fx = { n: bigint; s: number };
const P = (s: number) => 10n ** BigInt(s);
const parse = (x: string): Fx => {
  const [i, f = ''] = x.split('.');
  return { n: BigInt((i ?? '0') + f), s: f.length };
};
const fmt = (x: Fx): string => {
  const neg = x.n < 0n;
  const a = neg ? -x.n : x.n;
  const str = a.toString().padStart(x.s + 1, '0');
  return (neg ? '-' : '') + (x.s ? str.slice(0, -x.s) + '.' + str.slice(-x.s) : str);
};
const mul = (a: Fx, b: Fx): Fx => ({ n: a.n * b.n, s: a.s + b.s });
const add = (a: Fx, b: Fx): Fx => {
  const s = Math.max(a.s, b.s);
  return { n: a.n * P(s - a.s) + b.n * P(s - b.s), s };
};
/** half-up (away from zero) rounding of a / b to `places`, for a ≥ 0 and b > 0 */
const roundDiv = (a: Fx, b: Fx, places: number): Fx => {
  // a/b = (a.n / 10^a.s) / (b.n / 10^b.s); scaled by 10^places
  const num = a.n * P(b.s) * P(places) * 2n;
  const den = b.n * P(a.s);
  const q = (num / den + 1n) / 2n;
  return { n: q, s: places };
};
const round = (a: Fx, places: number): Fx => roundDiv(a, { n: 1n, s: 0 }, places);
const ONE = { n: 1n, s: 0 };

function oracle(prev: number, cur: number, t: Tariff) {
  const r = t.rounding;
  const ms = { n: BigInt(cur - prev), s: 0 };
  const K = round(parse(t.correctionFactor), r.correctionFactor);
  const md = round(mul(ms, K), r.correctedVolume);
  const cv = round(parse(t.calorificValueKcalPerM3), r.calorificValue);
  const d2 = roundDiv(cv, parse('860.42'), r.kwhFactor);
  const mf = round(mul(md, d2), r.energyKwh);
  const up = round(parse(t.unitPricePerKwh), r.unitPrice);
  const C = round(mul(mf, up), r.money);
  const V = round(mul(C, parse(t.vatRate)), r.money);
  const total = add(C, V);
  const step = parse(r.payableStep);
  const payable = mul(roundDiv(total, step, 0), step);
  return {
    md: fmt(md),
    d2: fmt(d2),
    mf: fmt(mf),
    C: fmt(C),
    V: fmt(V),
    total: fmt(round(total, r.money)),
    payable: fmt(round(payable, r.money)),
  };
}

test('2,000 random single-tariff bills agree with a BigInt oracle and keep the invariants', () => {
  const seed = 20261125;
  const rnd = prng(seed);
  for (let i = 0; i < 2000; i++) {
    const money = rnd.pick([2, 2, 2, 3]);
    const t: Tariff = {
      tariffId: 'T',
      group: 'G',
      validFrom: '2025-01-01',
      validTo: null,
      unitPricePerKwh: rnd.decimal(3, 8),
      correctionFactor: `${rnd.pick(['0', '1'])}.${String(rnd.int(80000, 99999)).padStart(5, '0')}`,
      calorificValueKcalPerM3: rnd.decimal(10000, 2),
      vatRate: rnd.pick(['0.20', '0.18', '0.10', '0.01', '0']),
      minimumBillableM3: '0',
      dueDays: rnd.int(10, 30),
      rounding: {
        correctedVolume: rnd.int(0, 4),
        kwhFactor: rnd.int(1, 4),
        energyKwh: rnd.int(0, 3),
        unitPrice: rnd.int(4, 8),
        correctionFactor: 5,
        calorificValue: rnd.int(0, 2),
        money,
        payableStep: rnd.pick(['1.00', '0.50', '0.01', '5', '0.25']),
      },
    };
    const prev = rnd.int(0, 99999);
    const cur = prev + rnd.int(0, 5000);
    const c = computeInvoice({ previousIndex: prev, currentIndex: cur, previousDate: '2025-03-01', currentDate: '2025-04-01' }, [t]);
    const o = oracle(prev, cur, t);
    const ctx = `seed ${seed} case ${i}: ${JSON.stringify({ prev, cur, t })}`;
    assert.is(c.correctedM3, o.md, ctx);
    assert.is(c.kwhFactor, o.d2, ctx);
    assert.is(c.energyKwh, o.mf, ctx);
    assert.is(c.consumptionAmount, o.C, ctx);
    assert.is(c.vat, o.V, ctx);
    assert.is(c.total, o.total, ctx);
    assert.is(c.payable, o.payable, ctx);
    // invariants, in the oracle's arithmetic so decimal.js is not checking itself
    assert.is(fmt(add(parse(c.consumptionAmount), parse(c.vat))), fmt(round(parse(c.total), money)), ctx);
    assert.is(
      fmt(round(add(parse(c.payable), { ...parse(c.total), n: -parse(c.total).n }), money)),
      fmt(round(parse(c.roundingCarry), money)),
      ctx,
    );
    for (const v of [
      c.correctedM3,
      c.kwhFactor,
      c.energyKwh,
      c.unitPrice,
      c.consumptionAmount,
      c.vat,
      c.total,
      c.payable,
      c.roundingCarry,
    ]) {
      assert.ok(/^-?\d+(\.\d+)?$/.test(v), `no float artefacts or exponents: ${v} (${ctx})`);
    }
    assert.is(c.total.split('.')[1]?.length ?? 0, money, ctx);
  }
  void ONE;
});

test('weighted average over random tariff changes stays within the min and max of the prices', () => {
  const rnd = prng(7);
  for (let i = 0; i < 300; i++) {
    const cut = rnd.int(2, 28);
    const a: Tariff = {
      tariffId: 'A',
      group: 'G',
      validFrom: '2025-01-01',
      validTo: `2025-03-${String(cut).padStart(2, '0')}`,
      unitPricePerKwh: rnd.decimal(2, 8),
      correctionFactor: '1.00000',
      calorificValueKcalPerM3: '9155.00',
      vatRate: '0.20',
      minimumBillableM3: '0',
      dueDays: 10,
      rounding: {
        correctedVolume: 2,
        kwhFactor: 2,
        energyKwh: 0,
        unitPrice: 8,
        correctionFactor: 5,
        calorificValue: 2,
        money: 2,
        payableStep: '1.00',
      },
    };
    const b: Tariff = { ...a, tariffId: 'B', validFrom: a.validTo!, validTo: null, unitPricePerKwh: rnd.decimal(2, 8) };
    // b starts on the same day a ends: the later validFrom wins that day
    const c = computeInvoice({ previousIndex: 0, currentIndex: 100, previousDate: '2025-03-01', currentDate: '2025-04-01' }, [a, b]);
    const lo = Math.min(Number(a.unitPricePerKwh), Number(b.unitPricePerKwh));
    const hi = Math.max(Number(a.unitPricePerKwh), Number(b.unitPricePerKwh));
    assert.ok(Number(c.unitPrice) >= lo - 1e-8 && Number(c.unitPrice) <= hi + 1e-8, `case ${i}`);
    assert.is(
      c.segments.reduce((s, x) => s + x.days, 0),
      31,
    );
    assert.is(c.segments[0]!.days, cut - 1, `case ${i}: days before B takes over`);
  }
});

test.run();
