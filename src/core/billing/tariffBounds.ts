/**
 * Tariff sanity: the values a tariff may carry before a device prices a single reading with it
 * (issue 15, item 4: a tariff at 9.999 TL/kWh, VAT "5" and K "0" were all stored and used). The
 * schema (contract/tariff.ts) only says "a non-negative decimal"; these bounds say "a plausible one".
 * Pure; `saha bill` and the device's inbound tariffs both use it, so the office's tools refuse what
 * a device would refuse.
 *
 * The bounds are data: a deployment with other physical conditions passes its own TariffBounds.
 */
import type { Tariff } from '../contract/tariff.js';
import type { ContractError } from '../contract/contractError.js';
import { dec } from './decimal.js';

/** Inclusive decimal range; decimals as strings so the bounds are exact like the values they check. */
export interface DecimalRange {
  min: string;
  max: string;
}

export interface TariffBounds {
  /** VAT as a fraction ("0.20" for 20 %), never a percentage: "5" or "20" is a unit mistake. */
  vatRate: DecimalRange;
  /** Correction factor K (volume at line pressure and temperature → reference conditions). */
  correctionFactor: DecimalRange;
  /** Upper calorific value in kcal/m³. */
  calorificValueKcalPerM3: DecimalRange;
  /** TL per kWh, before VAT. */
  unitPricePerKwh: DecimalRange;
  /** Fewest days between the bill and its due date. */
  minDueDays: number;
}

/**
 * Defaults, and why:
 * - VAT 0–1: a fraction by definition (the fixtures carry "0.20"); anything above 1 is a percentage
 *   typed as a fraction.
 * - K 0.8–1.3: K scales metered volume by line pressure and temperature; K "0" would bill nothing
 *   and K above ~1.3 only arises at service pressures a household meter is not fitted on. The
 *   fixtures' tariffs use 0.94845 and 1.03083 (test/fixtures/tariffs/).
 * - Calorific value 8000–11000 kcal/m³: the range of pipeline natural gas; the fixtures use
 *   9400–9438.77. A value outside it is a unit mistake (kJ, MJ, kWh) rather than a different gas.
 * - Unit price up to 5 TL/kWh: several times the fixtures' 0.96–1.02 TL/kWh, so an ordinary price
 *   rise passes while a slipped decimal point (9.999) does not; raise it by configuration.
 * - dueDays ≥ 10: the legal minimum between notification and due date this project bills under;
 *   the fixtures use 10 and 12.
 */
export const DEFAULT_TARIFF_BOUNDS: Readonly<TariffBounds> = Object.freeze({
  vatRate: { min: '0', max: '1' },
  correctionFactor: { min: '0.8', max: '1.3' },
  calorificValueKcalPerM3: { min: '8000', max: '11000' },
  unitPricePerKwh: { min: '0.0001', max: '5' },
  minDueDays: 10,
});

const RANGED = ['vatRate', 'correctionFactor', 'calorificValueKcalPerM3', 'unitPricePerKwh'] as const;

/**
 * Every out-of-bounds value of a tariff that already passed the schema (decimal strings), each
 * named by its path. Empty when the tariff is plausible.
 */
export function tariffSanityErrors(t: Tariff, bounds: TariffBounds = DEFAULT_TARIFF_BOUNDS): ContractError[] {
  const errors: ContractError[] = [];
  for (const k of RANGED) {
    const { min, max } = bounds[k];
    let v;
    try {
      v = dec(t[k]);
    } catch {
      errors.push({ path: `/${k}`, message: 'not a decimal' });
      continue;
    }
    if (v.lt(min) || v.gt(max)) errors.push({ path: `/${k}`, message: `${t[k]} is outside ${min}–${max}` });
  }
  if (t.dueDays < bounds.minDueDays)
    errors.push({ path: '/dueDays', message: `${t.dueDays} is below the minimum of ${bounds.minDueDays} days` });
  return errors;
}

/**
 * The tariff of the same group whose validity overlaps `t`'s, if any (a re-publish of the same
 * tariffId replaces it and is not an overlap). An open-ended tariff (validTo null) is "taken over"
 * by a later one (selectTariffs.ts), so two open-ended tariffs with different starts do not
 * overlap; an explicit range that contains another's start does, and so do equal starts: that is
 * where the later validFrom silently won before.
 */
export function overlappingTariff(t: Tariff, others: Iterable<Tariff>): Tariff | undefined {
  for (const o of others) {
    if (o.group !== t.group || o.tariffId === t.tariffId) continue;
    if (o.validFrom === t.validFrom) return o;
    const [first, second] = o.validFrom < t.validFrom ? [o, t] : [t, o];
    if (first.validTo !== null && first.validTo >= second.validFrom) return o;
  }
  return undefined;
}
