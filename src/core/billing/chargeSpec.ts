/**
 * A charge written as text, "CODE:AMOUNT:VATRATE[:description]", as `saha bill --charge` and the
 * route CSV's `account.charges` column take it (docs/invoice.md "Lines"). The description defaults
 * to the known one for the code (KNOWN_CHARGE_DESCRIPTIONS), else the code itself. Only the form
 * is checked here; computeInvoice checks the values against the tariff (money places, rate 0–1).
 * Pure.
 */
import { CHARGE_CODE_PATTERN, KNOWN_CHARGE_DESCRIPTIONS } from './billingLines.js';
import { isDecimalString } from './decimal.js';
import type { ChargeInput } from './types.js';

export type ChargeSpecResult = { ok: true; charge: ChargeInput } | { ok: false; message: string };

export function parseChargeSpec(spec: string): ChargeSpecResult {
  const [code = '', amount = '', vatRate = '', ...rest] = spec.split(':').map((s) => s.trim());
  const bad = (why: string): ChargeSpecResult => ({
    ok: false,
    message: `charge "${spec}": ${why} (CODE:AMOUNT:VATRATE, e.g. reconnection:150.00:0.20)`,
  });
  if (!CHARGE_CODE_PATTERN.test(code) || code === 'gas') return bad('the code must be 1–32 of A–Z a–z 0–9 . _ - and not "gas"');
  if (!isDecimalString(amount) || amount.startsWith('-')) return bad(`the amount "${amount}" must be a decimal ≥ 0`);
  if (!isDecimalString(vatRate)) return bad(`the VAT rate "${vatRate}" must be a fraction such as 0.20`);
  const description = rest.join(':') || KNOWN_CHARGE_DESCRIPTIONS[code] || code;
  return { ok: true, charge: { code, description, amount, vatRate } };
}
