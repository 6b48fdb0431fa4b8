/**
 * The account options of `saha bill` (docs/invoice.md): --carry, --charge (repeatable),
 * --meter-class, --tax-id, each refused with a message naming the option, and the --json shape
 * (today's fields unchanged, lines with net/vat/gross added).
 */
import { parseChargeSpec } from '../core/billing/chargeSpec.js';
import { isDecimalString } from '../core/billing/decimal.js';
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
