/**
 * The account options of `saha bill` (docs/invoice.md): --carry, --charge (repeatable),
 * --meter-class, --tax-id, each refused with a message naming the option, and the --json shape
 * (today's fields unchanged, lines with net/vat/gross added).
 */
import { parseChargeSpec } from '../core/billing/chargeSpec.js';
import { isDecimalString } from '../core/billing/decimal.js';
import { meteredVolume } from '../core/billing/computeInvoice.js';
import { aboveCeiling, consumptionCeilingM3, DEFAULT_METER_CLASS } from '../core/billing/plausibility.js';
import { isMeterClass, METER_CLASSES, type MeterClass } from '../core/billing/meterClass.js';
import { taxIdProblem } from '../core/billing/taxId.js';
import type { BillingInput, InvoiceCalc } from '../core/billing/types.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import { one, type ParsedArgs } from './args.js';

const invalid = (message: string) => new AppError(message, ErrorCode.Input_Invalid);

export interface AccountOptions {
  input: Pick<BillingInput, 'previousCarry' | 'charges'>;
  meterClass?: MeterClass;
  taxId?: string;
}

export function accountOptions(p: ParsedArgs): AccountOptions {
  const carry = one(p, 'carry');
  if (carry !== undefined && !isDecimalString(carry)) throw invalid(`--carry must be a decimal such as 0.37 or -0.12, got "${carry}"`);
  const charges = (p.values.charge ?? []).map((spec) => {
    const r = parseChargeSpec(spec);
    if (!r.ok) throw invalid(`--charge ${r.message}`);
    return r.charge;
  });
  const meterClass = one(p, 'meter-class');
  if (meterClass !== undefined && !isMeterClass(meterClass))
    throw invalid(`--meter-class must be one of ${METER_CLASSES.join(', ')}, got "${meterClass}"`);
  const taxId = one(p, 'tax-id');
  if (taxId !== undefined) {
    const problem = taxIdProblem(taxId, false);
    if (problem) throw invalid(`--tax-id: ${problem}`);
  }
  return {
    input: { ...(carry !== undefined ? { previousCarry: carry } : {}), ...(charges.length ? { charges } : {}) },
    ...(meterClass !== undefined ? { meterClass } : {}),
    ...(taxId !== undefined ? { taxId } : {}),
  };
}

/** The calculation as --json prints it: every field as before, lines with `net` and `gross` named. */
export function billJson(calc: InvoiceCalc, taxId: string | undefined): Record<string, unknown> {
  return {
    ...calc,
    lines: calc.lines.map((l) => ({ ...l, net: l.amount, gross: l.gross })),
    ...(taxId !== undefined ? { taxId } : {}),
  };
}

/**
 * Plausibility before anything is billed (docs/invoice.md): more than the meter class's maximum
 * flow over the period is refused, a rollover included; without --meter-class a household G4.
 */
export function refuseImplausible(
  previous: number,
  current: number,
  digits: number | undefined,
  from: string,
  to: string,
  meterClass: MeterClass = DEFAULT_METER_CLASS,
): void {
  if (current < previous && digits === undefined) return; // computeInvoice names that mistake
  const { m3, rollover } = meteredVolume(previous, current, digits);
  if (!aboveCeiling(m3, meterClass, from, to)) return;
  const ceiling = consumptionCeilingM3(meterClass, from, to);
  throw new AppError(
    `${rollover ? 'rollover to ' : ''}${m3} m³ is more than a ${meterClass} meter can pass from ${from} to ${to} (at most ${ceiling} m³): not billed`,
    ErrorCode.Billing_InvalidReading,
  );
}
