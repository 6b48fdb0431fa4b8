// Tariff sanity (issue 15, item 4): the values a device will price readings with are plausible,
// and two tariffs of one group never claim the same day.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTariff } from '../../../src/core/billing/parseTariff.js';
import { DEFAULT_TARIFF_BOUNDS, overlappingTariff, tariffSanityErrors } from '../../../src/core/billing/tariffBounds.js';
import type { Tariff } from '../../../src/core/contract/tariff.js';

const base: Tariff = JSON.parse(readFileSync(new URL('../../fixtures/contract/tariffs/ESGAZ-K1-2025-08.json', import.meta.url), 'utf8'));
const paths = (t: Partial<Tariff>) => tariffSanityErrors({ ...base, ...t }).map((e) => e.path);

test('the published fixture tariff is plausible', () => {
  assert.equal(tariffSanityErrors(base), []);
  assert.ok(checkTariff(base).ok);
});

test('VAT is a fraction: "0.20" passes, "5" and "20" are refused', () => {
  assert.equal(paths({ vatRate: '0.20' }), []);
  assert.equal(paths({ vatRate: '0' }), []);
  assert.equal(paths({ vatRate: '5' }), ['/vatRate']);
  assert.equal(paths({ vatRate: '20' }), ['/vatRate']);
});

test('K "0" and a calorific value in the wrong unit are refused', () => {
  assert.equal(paths({ correctionFactor: '0' }), ['/correctionFactor']);
  assert.equal(paths({ correctionFactor: '1.4' }), ['/correctionFactor']);
  assert.equal(paths({ calorificValueKcalPerM3: '39.5' }), ['/calorificValueKcalPerM3']);
  assert.equal(paths({ calorificValueKcalPerM3: '11000' }), []);
});

test('a unit price of 9.999 TL/kWh is refused by the default bound, accepted by a raised one', () => {
  assert.equal(paths({ unitPricePerKwh: '9.999' }), ['/unitPricePerKwh']);
  const raised = { ...DEFAULT_TARIFF_BOUNDS, unitPricePerKwh: { min: '0.0001', max: '20' } };
  assert.equal(tariffSanityErrors({ ...base, unitPricePerKwh: '9.999' }, raised), []);
});

test('dueDays below the legal minimum (10 by default) is refused', () => {
  assert.equal(paths({ dueDays: 9 }), ['/dueDays']);
  assert.equal(paths({ dueDays: 10 }), []);
  assert.equal(
    tariffSanityErrors({ ...base, dueDays: 12 }, { ...DEFAULT_TARIFF_BOUNDS, minDueDays: 15 }).map((e) => e.path),
    ['/dueDays'],
  );
});

test('checkTariff (saha bill, saha dispatch) lists every out-of-bounds value at once', () => {
  const r = checkTariff({ ...base, vatRate: '5', correctionFactor: '0', unitPricePerKwh: '9.999' });
  assert.is(r.ok, false);
  if (!r.ok)
    assert.equal(
      r.errors.map((e) => e.path),
      ['/vatRate', '/correctionFactor', '/unitPricePerKwh'],
    );
});

const t = (tariffId: string, validFrom: string, validTo: string | null, group = base.group): Tariff => ({
  ...base,
  tariffId,
  group,
  validFrom,
  validTo,
});

test('overlapping validity in one group is found; open-ended takeover, other groups and a re-publish are not overlaps', () => {
  const year = t('Y', '2026-01-01', '2026-12-31');
  assert.is(overlappingTariff(t('M', '2026-03-01', null), [year])?.tariffId, 'Y');
  assert.is(overlappingTariff(t('M', '2025-12-01', '2026-01-01'), [year])?.tariffId, 'Y');
  assert.is(overlappingTariff(t('S', '2026-01-01', null), [t('O', '2026-01-01', null)])?.tariffId, 'O');
  assert.is(overlappingTariff(t('N', '2027-01-01', null), [year]), undefined);
  assert.is(overlappingTariff(t('B', '2026-03-01', null), [t('A', '2026-01-01', null)]), undefined);
  assert.is(overlappingTariff(t('M', '2026-03-01', null, 'OTHER'), [year]), undefined);
  assert.is(overlappingTariff(t('Y', '2026-02-01', null), [year]), undefined);
});

test.run();
