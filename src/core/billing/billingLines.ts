/**
 * The lines of a bill besides gas, VAT per rate and the previous carry (docs/invoice.md "Lines",
 * "VAT per rate", "Carry"). VAT is computed per line and rounded to the tariff's money places; the
 * per-rate totals are the sums of the line VATs, so lines always add up to the totals exactly.
 * Pure.
 */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { D, dec, fixed, isDecimalString, roundTo, type Dec } from './decimal.js';
import type { BilledLine, ChargeInput, InvoiceLine, VatTotal } from './types.js';

/** Charge codes: short, ASCII, no separators the CLI or CSV use (":" and "|"); "gas" is the consumption line's. */
export const CHARGE_CODE_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
/** A bill carries at most this many charges (the contract's maxItems). */
export const MAX_CHARGES = 20;

function fail(message: string, field: string): never {
  throw new AppError(message, ErrorCode.Billing_InvalidReading, { context: { field } });
}

function places(s: string): number {
  return s.split('.')[1]?.length ?? 0;
}

/** A VAT rate as a fraction 0–1 ("0.20"); "20" is a percentage typed where a fraction belongs. */
export function checkVatRate(rate: string, what: string): Dec {
  if (!isDecimalString(rate)) fail(`${what}: VAT rate "${rate}" is not a decimal such as 0.20`, 'vatRate');
  const v = dec(rate);
  if (v.lt(0) || v.gt(1)) fail(`${what}: VAT rate ${rate} must be a fraction from 0 to 1 (0.20 for 20 %)`, 'vatRate');
  return v;
}

export function chargeLines(charges: readonly ChargeInput[], moneyPlaces: number): BilledLine[] {
  if (charges.length > MAX_CHARGES) fail(`at most ${MAX_CHARGES} charges on one bill, got ${charges.length}`, 'charges');
  const seen = new Set<string>();
  return charges.map((c) => {
    if (!CHARGE_CODE_PATTERN.test(c.code) || c.code === 'gas')
      fail(`charge code "${c.code}" must be 1–32 of A–Z a–z 0–9 . _ - and not "gas"`, 'charges.code');
    if (seen.has(c.code)) fail(`charge ${c.code} appears twice`, 'charges.code');
    seen.add(c.code);
    if (!isDecimalString(c.amount) || c.amount.startsWith('-'))
      fail(`charge ${c.code}: amount "${c.amount}" must be a decimal ≥ 0 such as 150.00`, 'charges.amount');
    // An exact bill never rounds what the office sent: more places than the money has is a mistake.
    if (places(c.amount) > moneyPlaces)
      fail(`charge ${c.code}: amount ${c.amount} has more than ${moneyPlaces} decimal places`, 'charges.amount');
    const rate = checkVatRate(c.vatRate, `charge ${c.code}`);
    const net = dec(c.amount);
    const vat = roundTo(net.mul(rate), moneyPlaces);
    return {
      code: c.code,
      description: c.description,
      quantity: '1',
      unit: 'adet',
      unitPrice: fixed(net, moneyPlaces),
      amount: fixed(net, moneyPlaces),
      vatRate: c.vatRate,
      vat: fixed(vat, moneyPlaces),
      gross: fixed(net.add(vat), moneyPlaces),
    };
  });
}

/**
 * Net and VAT per rate, ascending by rate. Rates equal as numbers ("0.2", "0.20") are one rate,
 * named as the first line carrying it writes it (the gas line first).
 */
export function vatTotalsOf(lines: readonly InvoiceLine[], moneyPlaces: number): VatTotal[] {
  const byRate = new Map<string, { vatRate: string; rate: Dec; net: Dec; vat: Dec }>();
  for (const l of lines) {
    const key = dec(l.vatRate).toString();
    const t = byRate.get(key) ?? { vatRate: l.vatRate, rate: dec(l.vatRate), net: new D(0), vat: new D(0) };
    t.net = t.net.add(l.amount);
    t.vat = t.vat.add(l.vat);
    byRate.set(key, t);
  }
  return [...byRate.values()]
    .sort((a, b) => a.rate.comparedTo(b.rate))
    .map((t) => ({ vatRate: t.vatRate, net: fixed(t.net, moneyPlaces), vat: fixed(t.vat, moneyPlaces) }));
}

/** The previous invoice's carry: a signed decimal with at most the money's places; absent is 0. */
export function checkPreviousCarry(carry: string | undefined, moneyPlaces: number): Dec {
  if (carry === undefined) return new D(0);
  if (!isDecimalString(carry)) fail(`previous carry "${carry}" is not a decimal such as 0.37 or -0.12`, 'previousCarry');
  if (places(carry) > moneyPlaces) fail(`previous carry ${carry} has more than ${moneyPlaces} decimal places`, 'previousCarry');
  return dec(carry);
}

/** Descriptions of the charges the office commonly sends, for `saha bill --charge` (which gives only a code). */
export const KNOWN_CHARGE_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  reconnection: 'Açma-kapama bedeli',
  'late-fee': 'Gecikme zammı',
  deposit: 'Güvence bedeli taksiti',
});
