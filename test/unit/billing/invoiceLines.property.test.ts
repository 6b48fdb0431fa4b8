/**
 * Property tests of the account on the bill (docs/invoice.md): for random valid tariffs, charges
 * and carries, checked in BigInt fixed-point arithmetic so decimal.js does not check itself:
 * lines sum to the totals, VAT per rate sums to the VAT, payable − (total − carry) = new carry,
 * |new carry| ≤ half a step, and the payable is a whole number of steps. SAHA_SEED changes the seed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeInvoice } from '../../../src/core/billing/computeInvoice.js';
import type { ChargeInput } from '../../../src/core/billing/types.js';
import type { Tariff } from '../../../src/core/contract/tariff.js';
import { prng } from '../../helpers/prng.js';

/** Decimal string → integer count of 10^-scale units (scale ≥ its places). */
const units = (s: string, scale: number): bigint => {
  const neg = s.startsWith('-');
  const [i = '0', f = ''] = s.replace('-', '').split('.');
  const v = BigInt(i + f.padEnd(scale, '0').slice(0, scale));
  if (f.length > scale) throw new Error(`${s} has more than ${scale} places`);
  return neg ? -v : v;
};
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
const abs = (x: bigint) => (x < 0n ? -x : x);

test('2,000 random bills with charges and carries keep the invariants', () => {
  const seed = Number(process.env.SAHA_SEED ?? 20260104);
  const rnd = prng(seed);
  for (let i = 0; i < 2000; i++) {
    const money = rnd.pick([2, 2, 2, 3]);
    const step = rnd.pick(['1.00', '0.50', '0.01', '5', '0.25', '0']);
    const t: Tariff = {
      tariffId: 'T',
      group: 'G',
      validFrom: '2026-01-01',
      validTo: null,
      unitPricePerKwh: rnd.decimal(3, 8),
      correctionFactor: `${rnd.pick(['0', '1'])}.${String(rnd.int(80000, 99999)).padStart(5, '0')}`,
      calorificValueKcalPerM3: rnd.decimal(10000, 2),
      vatRate: rnd.pick(['0.20', '0.10', '0.01', '0']),
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
        payableStep: step,
      },
    };
    const charges: ChargeInput[] = Array.from({ length: rnd.int(0, 4) }, (_, k) => ({
      code: `c${k}`,
      description: `charge ${k}`,
      amount: rnd.decimal(2000, rnd.int(0, money)).replace(/\.$/, ''),
      vatRate: rnd.pick(['0.20', '0.2', '0.10', '0.01', '0', '0.18']),
    }));
    const carry = `${rnd.pick(['', '-'])}${rnd.decimal(rnd.pick([0, 0, 2]), money)}`;
    const prev = rnd.int(0, 99999);
    const cur = prev + rnd.int(0, 5000);
    const c = computeInvoice(
      { previousIndex: prev, currentIndex: cur, previousDate: '2026-03-01', currentDate: '2026-04-01', previousCarry: carry, charges },
      [t],
    );
    const ctx = `seed ${seed} case ${i}: ${JSON.stringify({ prev, cur, charges, carry, step, money })}`;
    const u = (s: string) => units(s, money);

    assert.is(c.lines.length, charges.length + 1, ctx);
    for (const l of c.lines) assert.is(u(l.gross!), u(l.amount) + u(l.vat), ctx);
    assert.is(u(c.total), sum(c.lines.map((l) => u(l.gross!))), `lines sum to the total: ${ctx}`);
    const totals = c.vatTotals!;
    assert.is(u(c.vat), sum(totals.map((x) => u(x.vat))), `VAT per rate sums to the VAT: ${ctx}`);
    assert.is(sum(totals.map((x) => u(x.net) + u(x.vat))), u(c.total), `rates sum to the total: ${ctx}`);
    assert.is(new Set(totals.map((x) => Number(x.vatRate))).size, totals.length, `one entry per rate: ${ctx}`);
    assert.is(u(c.previousCarry!), units(carry, money), ctx);
    assert.is(u(c.payable) - (u(c.total) - u(carry)), u(c.roundingCarry), `payable − (total − carry) = new carry: ${ctx}`);
    const s = units(step, money);
    if (s > 0n) {
      assert.ok(2n * abs(u(c.roundingCarry)) <= s, `|carry| ≤ half a step: ${ctx}`);
      assert.is(u(c.payable) % s, 0n, `payable is whole steps: ${ctx}`);
    } else assert.is(u(c.roundingCarry), 0n, ctx);
  }
});

test.run();
