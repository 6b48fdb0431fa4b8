/**
 * Golden invoices of the account on the bill (docs/invoice.md): a carry, charges at two VAT rates,
 * both; and the refusals of bad charges and carries. Every figure below was worked by hand from
 * the tariff test/fixtures/tariffs/esgaz-k1-2026-01.json (150 m³ over January 2026):
 *   md = 150 × 1.02500 = 153.75; d2 = 9400.00 / 860.42 = 10.92; mf = 153.75 × 10.92 = 1678.95 → 1679
 *   C = 1679 × 1.02 = 1712.58; V = 1712.58 × 0.20 = 342.516 → 342.52; gas gross 2055.10
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeInvoice } from '../../../src/core/billing/computeInvoice.js';
import type { BillingInput, ChargeInput } from '../../../src/core/billing/types.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { loadTariff } from '../../helpers/tariffs.js';

const tariff = loadTariff('esgaz-k1-2026-01');
const base: BillingInput = { previousIndex: 4100, currentIndex: 4250, previousDate: '2026-01-05', currentDate: '2026-02-04', digits: 5 };
const charges: ChargeInput[] = [
  { code: 'reconnection', description: 'Açma-kapama bedeli', amount: '206.00', vatRate: '0.20' },
  { code: 'late-fee', description: 'Gecikme zammı', amount: '12.37', vatRate: '0.20' },
  { code: 'deposit', description: 'Güvence bedeli taksiti', amount: '250.00', vatRate: '0' },
];
const bill = (over: Partial<BillingInput>) => computeInvoice({ ...base, ...over }, [tariff]);
const pick = (c: ReturnType<typeof bill>) => [c.total, c.previousCarry, c.payable, c.roundingCarry];

test('gas only, no carry: as before (the carry defaults to 0)', () => {
  const c = bill({});
  assert.equal([c.consumptionAmount, c.vat, ...pick(c)], ['1712.58', '342.52', '2055.10', '0.00', '2055.00', '-0.10']);
  assert.equal(c.vatTotals, [{ vatRate: '0.20', net: '1712.58', vat: '342.52' }]);
  assert.is(c.lines.length, 1);
  assert.is(c.lines[0]!.gross, '2055.10');
});

test('golden: a previous carry of 0.37 is deducted after VAT', () => {
  const c = bill({ previousCarry: '0.37' });
  // 2055.10 − 0.37 = 2054.73 → 2055.00; new carry 2055.00 − 2054.73 = 0.27
  assert.equal(pick(c), ['2055.10', '0.37', '2055.00', '0.27']);
  assert.is(c.vat, '342.52', 'the carry does not touch VAT');
  assert.ok(c.trace.some((s) => s.step === 'previousCarry' && s.value === '0.37'));
});

test('golden: a negative carry (the customer paid less last time) is added', () => {
  const c = bill({ previousCarry: '-0.45' });
  // 2055.10 + 0.45 = 2055.55 → 2056.00; carry 0.45
  assert.equal(pick(c), ['2055.10', '-0.45', '2056.00', '0.45']);
});

test('golden: charges at two VAT rates, each line with its own VAT, totals per rate', () => {
  const c = bill({ charges });
  assert.equal(
    c.lines.map((l) => [l.code, l.amount, l.vatRate, l.vat, l.gross]),
    [
      ['gas', '1712.58', '0.20', '342.52', '2055.10'],
      ['reconnection', '206.00', '0.20', '41.20', '247.20'],
      ['late-fee', '12.37', '0.20', '2.47', '14.84'], // 2.474 → 2.47
      ['deposit', '250.00', '0', '0.00', '250.00'],
    ],
  );
  assert.equal(c.vatTotals, [
    { vatRate: '0', net: '250.00', vat: '0.00' },
    { vatRate: '0.20', net: '1930.95', vat: '386.19' },
  ]);
  assert.is(c.vat, '386.19');
  assert.is(c.consumptionAmount, '1712.58', 'consumptionAmount stays the gas line');
  // 2055.10 + 247.20 + 14.84 + 250.00 = 2567.14 → 2567.00
  assert.equal(pick(c), ['2567.14', '0.00', '2567.00', '-0.14']);
  assert.equal(c.lines[1]!.unit, 'adet');
});

test('golden: charges and a carry together', () => {
  const c = bill({ charges, previousCarry: '0.45' });
  // 2567.14 − 0.45 = 2566.69 → 2567.00; carry 0.31
  assert.equal(pick(c), ['2567.14', '0.45', '2567.00', '0.31']);
  assert.is(c.vatTotals!.length, 2);
});

test('rates equal as numbers are one rate, named as the gas line writes it', () => {
  const c = bill({ charges: [{ code: 'x', description: 'x', amount: '10.00', vatRate: '0.2' }] });
  assert.equal(c.vatTotals, [{ vatRate: '0.20', net: '1722.58', vat: '344.52' }]);
});

const refused = (over: Partial<BillingInput>, re: RegExp) => {
  try {
    bill(over);
  } catch (e) {
    assert.ok(isAppError(e), String(e));
    assert.match((e as Error).message, re);
    return;
  }
  assert.unreachable(`accepted ${JSON.stringify(over)}`);
};
const one = (c: Partial<ChargeInput>): Partial<BillingInput> => ({
  charges: [{ code: 'reconnection', description: 'd', amount: '1.00', vatRate: '0.20', ...c }],
});

test('bad charges and carries are refused with a message naming them', () => {
  refused(one({ amount: '1.005' }), /reconnection: amount 1.005 has more than 2 decimal places/);
  refused(one({ amount: '-1' }), /amount "-1" must be a decimal ≥ 0/);
  refused(one({ vatRate: '20' }), /VAT rate 20 must be a fraction from 0 to 1/);
  refused(one({ vatRate: 'x' }), /VAT rate "x" is not a decimal/);
  refused(one({ code: 'gas' }), /and not "gas"/);
  refused(one({ code: 'a:b' }), /charge code "a:b"/);
  refused({ charges: [...charges, charges[0]!] }, /charge reconnection appears twice/);
  refused(
    { charges: Array.from({ length: 21 }, (_, i) => ({ code: `c${i}`, description: 'd', amount: '1', vatRate: '0' })) },
    /at most 20/,
  );
  refused({ previousCarry: '0.371' }, /previous carry 0.371 has more than 2 decimal places/);
  refused({ previousCarry: '1e2' }, /previous carry "1e2" is not a decimal/);
});

test.run();
