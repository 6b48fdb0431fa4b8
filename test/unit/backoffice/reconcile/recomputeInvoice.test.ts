// The office's own accrual: invoices billed by core/billing reconcile ok; any drift is named.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BillingInput } from '../../../../src/core/billing/types.js';
import type { InvoiceIssuedData } from '../../../../src/core/contract/events/invoiceEvents.js';
import type { Tariff } from '../../../../src/core/contract/tariff.js';
import { recomputeInvoice } from '../../../../src/backoffice/reconcile/recomputeInvoice.js';
import type { TariffVersion } from '../../../../src/backoffice/reconcile/types.js';
import { esgaz, loadTariff } from '../../../helpers/tariffs.js';
import { prng } from '../../../helpers/prng.js';
import { invoiceData } from '../../../helpers/officeEvents.js';

const AUG = loadTariff('esgaz-k1-2025-08');
const SEP = loadTariff('esgaz-k1-2025-09');
const received = (body: Tariff, receivedAt = '2025-07-01T00:00:00+03:00'): TariffVersion => ({ tariffId: body.tariffId, body, receivedAt });

const issue = (input: BillingInput, tariffs: Tariff[], issuedAt?: string) => invoiceData('HTA2025000000001', input, tariffs, issuedAt);

const example = { previousIndex: 12345, currentIndex: 12533, previousDate: '2025-08-01', currentDate: '2025-09-01', group: 'ESGAZ-K1' };

test('the docs/domain.md worked example, billed on the device, reconciles ok', () => {
  const inv = issue(example, [AUG]);
  assert.is(inv.payable, '2462.00');
  assert.equal(recomputeInvoice(inv, [received(AUG)]), { status: 'ok' });
});

test('a period across two tariffs, a rollover and a group-less job reconcile ok', () => {
  const twoTariffs = issue({ ...example, previousDate: '2025-09-01', currentDate: '2025-10-01' }, [AUG, SEP]);
  assert.equal(recomputeInvoice(twoTariffs, [received(AUG), received(SEP)]), { status: 'ok' });
  const rollover = issue({ previousIndex: 99990, currentIndex: 15, digits: 5, previousDate: '2025-08-01', currentDate: '2025-08-31' }, [
    AUG,
  ]);
  assert.ok(rollover.rollover);
  assert.equal(recomputeInvoice(rollover, [received(AUG)]), { status: 'ok' });
});

test('an invoice with charges at two VAT rates and a carry reconciles ok; a changed charge is a mismatch', () => {
  const account = {
    previousCarry: '0.45',
    charges: [
      { code: 'reconnection', description: 'Açma-kapama bedeli', amount: '206.00', vatRate: '0.20' },
      { code: 'deposit', description: 'Güvence bedeli taksiti', amount: '250.00', vatRate: '0' },
    ],
  };
  const inv = issue({ ...example, ...account }, [AUG]);
  assert.is(inv.lines.length, 3);
  assert.equal(recomputeInvoice(inv, [received(AUG)]), { status: 'ok' });
  const altered = { ...inv, lines: inv.lines.map((l) => (l.code === 'deposit' ? { ...l, amount: '260.00' } : l)) };
  const r = recomputeInvoice(altered, [received(AUG)]);
  assert.is(r.status, 'mismatch');
});

test('a payable off by one kuruş is a mismatch naming the field, the office figure and the printed one', () => {
  const inv = { ...issue(example, [AUG]), payable: '2462.01' };
  assert.equal(recomputeInvoice(inv, [received(AUG)]), {
    status: 'mismatch',
    differences: [{ field: 'payable', expected: '2462.00', actual: '2462.01' }],
  });
});

test('every differing field is listed, including line and segment fields', () => {
  const good = issue(example, [AUG]);
  const inv: InvoiceIssuedData = {
    ...good,
    vat: '410.28',
    lines: [{ ...good.lines[0]!, amount: '2051.35' }],
    segments: [{ ...good.segments[0]!, days: 30 }],
  };
  const r = recomputeInvoice(inv, [received(AUG)]);
  assert.is(r.status, 'mismatch');
  assert.equal(r.status === 'mismatch' && r.differences.map((d) => d.field), ['vat', 'segments[0].days', 'lines[0].amount']);
});

test('an invoice priced with a tariff the office corrected later is checked against the version then in force', () => {
  const corrected = esgaz({ unitPricePerKwh: '1.10000000' });
  const inv = issue(example, [AUG], '2025-09-01T10:00:00+03:00');
  const versions = [received(AUG, '2025-08-01T00:00:00+03:00'), received(corrected, '2025-09-05T00:00:00+03:00')];
  assert.equal(recomputeInvoice(inv, versions), { status: 'ok' });
  // Issued after the office had the correction: the device should have used it.
  const late = issue(example, [AUG], '2025-09-06T10:00:00+03:00');
  const r = recomputeInvoice(late, versions);
  assert.is(r.status, 'mismatch');
  assert.ok(r.status === 'mismatch' && r.differences.some((d) => d.field === 'unitPrice' && d.expected === '1.10000000'));
});

test('a tariff received only after the invoice (ingest started late) is still used', () => {
  const inv = issue(example, [AUG], '2025-09-01T10:00:00+03:00');
  assert.equal(recomputeInvoice(inv, [received(AUG, '2025-12-01T00:00:00Z')]), { status: 'ok' });
});

test('a tariff the office never received makes the invoice unverifiable, not ok', () => {
  const inv = issue({ ...example, previousDate: '2025-09-01', currentDate: '2025-10-01' }, [AUG, SEP]);
  const r = recomputeInvoice(inv, [received(AUG)]);
  assert.is(r.status, 'unverifiable');
  assert.match(r.status === 'unverifiable' ? r.reason : '', 'ESGAZ-K1-2025-09');
});

test('a stored tariff body that is not a tariff is unverifiable', () => {
  const inv = issue(example, [AUG]);
  const r = recomputeInvoice(inv, [{ tariffId: AUG.tariffId, body: { tariffId: AUG.tariffId }, receivedAt: '2025-07-01T00:00:00Z' }]);
  assert.is(r.status, 'unverifiable');
});

test("an invoice the office's tariffs cannot bill (a day no named tariff covers) is a mismatch", () => {
  const inv = issue(example, [AUG]);
  const shortAug = { ...AUG, validTo: '2025-08-15' };
  const r = recomputeInvoice(inv, [received(shortAug)]);
  assert.is(r.status, 'mismatch');
  assert.equal(r.status === 'mismatch' && r.differences.map((d) => d.field), ['computation']);
});

test('400 random bills (one or two tariffs, rollovers, odd roundings) all reconcile ok', () => {
  const seed = 20251014;
  const rnd = prng(seed);
  for (let i = 0; i < 400; i++) {
    const money = rnd.pick([2, 2, 3]);
    const rounding = {
      correctedVolume: rnd.int(0, 4),
      kwhFactor: rnd.int(1, 4),
      energyKwh: rnd.int(0, 3),
      unitPrice: rnd.int(4, 8),
      correctionFactor: 5,
      calorificValue: rnd.int(0, 2),
      money,
      payableStep: rnd.pick(['1.00', '0.50', '0.01', '5', '0.25']),
    };
    const tariff = (id: string, validFrom: string): Tariff => ({
      tariffId: id,
      group: 'G',
      validFrom,
      validTo: null,
      unitPricePerKwh: rnd.decimal(3, 8),
      correctionFactor: `${rnd.pick(['0', '1'])}.${String(rnd.int(80000, 99999)).padStart(5, '0')}`,
      calorificValueKcalPerM3: rnd.decimal(10000, 2),
      vatRate: rnd.pick(['0.20', '0.18', '0.10', '0']),
      minimumBillableM3: '0',
      dueDays: rnd.int(10, 30),
      rounding,
    });
    const tariffs = [
      tariff('T1', '2025-01-01'),
      ...(rnd.next() < 0.5 ? [tariff('T2', `2025-03-${String(rnd.int(2, 28)).padStart(2, '0')}`)] : []),
    ];
    const digits = rnd.pick([undefined, 5, 6]);
    const prev = rnd.int(0, digits ? 10 ** digits - 1 : 99999);
    const cur = digits && rnd.next() < 0.3 ? rnd.int(0, prev) : prev + rnd.int(1, 5000);
    if (digits && cur >= 10 ** digits) continue;
    const input: BillingInput = {
      previousIndex: prev,
      currentIndex: cur,
      previousDate: '2025-03-01',
      currentDate: `2025-04-${String(rnd.int(1, 20)).padStart(2, '0')}`,
      ...(digits ? { digits } : {}),
      ...(rnd.next() < 0.5 ? { group: 'G' } : {}),
    };
    const inv = issue(input, tariffs);
    const r = recomputeInvoice(
      inv,
      tariffs.map((t) => received(t)),
    );
    assert.equal(r, { status: 'ok' }, `seed ${seed} case ${i}: ${JSON.stringify({ input, tariffs })}`);
  }
});

test.run();
