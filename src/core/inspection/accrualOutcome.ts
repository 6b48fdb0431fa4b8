/**
 * What the report says about money, decided before sealing (device/reference/README.md "Inspection
 * rules"): nothing (no finding), the computed accrual, no charge under the DMHY art. 53 exemption,
 * or "tahakkuk merkezde hesaplanacak" when the device lacks the data (no tariff group or tariff, no
 * fee in force, no history). The last two still seal and print: the evidence is left on site.
 */
import type { Accrual } from './computeAccrual.js';
import { exemptionApplies, type InspectionConfig } from './config.js';
import { AccrualUnavailableError, type AccrualPendingReason } from './errors.js';
import type { InspectionDraft } from './report.js';

export type AccrualOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'computed'; readonly accrual: Accrual }
  | { readonly kind: 'exempt'; readonly rule: 'dmhy-53-applied' }
  | { readonly kind: 'pending'; readonly reason: AccrualPendingReason; readonly detail: string };

/**
 * `compute` runs computeAccrual with the inputs the caller gathered; it is not called when there is
 * nothing to compute. Errors other than AccrualUnavailableError (a draft the validation should have
 * refused) propagate.
 */
export function accrualOutcome(d: InspectionDraft, c: InspectionConfig, compute: () => Accrual): AccrualOutcome {
  if (d.finding !== 'kacak' && d.finding !== 'usulsuz') return { kind: 'none' };
  if (d.occupantApplied === true && exemptionApplies(c, d.finding, d.subtype)) return { kind: 'exempt', rule: 'dmhy-53-applied' };
  try {
    return { kind: 'computed', accrual: compute() };
  } catch (e) {
    if (e instanceof AccrualUnavailableError) return { kind: 'pending', reason: e.reason, detail: e.message };
    throw e;
  }
}
