/**
 * The office's own accrual of one issued invoice (issue 14, "Reconciliation"): rebuild the billing
 * input from what the invoice states (indexes, period, meter digits, tariff group), price it with
 * core/billing `computeInvoice` and the office's copies of the tariffs it names, and compare.
 *
 * Only the tariffs the invoice names are used. That gives the same result as the device's full set
 * of the group (core/billing/selectTariffs.ts picks, per day, among tariffs covering it; a tariff
 * that priced no day never wins), and the comparison of `segments` still catches a device that
 * named the wrong tariffs for the days.
 *
 * Pure: no clock (the instant that picks tariff versions is the invoice's issuedAt unless given).
 */
import { computeInvoice } from '../../core/billing/computeInvoice.js';
import type { BillingInput, InvoiceCalc } from '../../core/billing/types.js';
import type { InvoiceIssuedData } from '../../core/contract/events/invoiceEvents.js';
import { TariffSchema, type Tariff } from '../../core/contract/tariff.js';
import { validateAgainst } from '../../core/contract/validate.js';
import { isAppError } from '../../core/errors/AppError.js';
import { compareInvoice } from './compareInvoice.js';
import { tariffsInForce } from './tariffsInForce.js';
import type { ReconcileResult, TariffVersion } from './types.js';

export function billingInputOf(inv: InvoiceIssuedData): BillingInput {
  return {
    previousIndex: inv.previousIndex,
    currentIndex: inv.currentIndex,
    previousDate: inv.period.from,
    currentDate: inv.period.to,
    ...(inv.digits !== null ? { digits: inv.digits } : {}),
    // The device writes '' when the job carried no group (src/app/ReadingService.ts); billing then
    // requires the tariffs to share one group, which the named ones do when the device was right.
    ...(inv.tariffGroup ? { group: inv.tariffGroup } : {}),
    // The account as the invoice states it (docs/invoice.md): the carry deducted and the charge lines.
    ...(inv.previousCarry !== undefined ? { previousCarry: inv.previousCarry } : {}),
    ...(inv.lines.length > 1
      ? {
          charges: inv.lines
            .filter((l) => l.code !== 'gas')
            .map((l) => ({ code: l.code, description: l.description, amount: l.amount, vatRate: l.vatRate })),
        }
      : {}),
  };
}

/**
 * @param at instant that selects tariff versions; defaults to the invoice's issuedAt (the device
 *   stamps issuedAt and the event's occurredAt from the same clock reading).
 */
export function recomputeInvoice(inv: InvoiceIssuedData, versions: readonly TariffVersion[], at: string = inv.issuedAt): ReconcileResult {
  const choice = tariffsInForce(inv.tariffIds, versions, at);
  if (!choice.ok) return { status: 'unverifiable', reason: `tariff never received: ${choice.missing.join(', ')}` };

  const tariffs: Tariff[] = [];
  for (const [id, v] of choice.versions) {
    const valid = validateAgainst(TariffSchema, v.body);
    if (!valid.ok)
      return {
        status: 'unverifiable',
        reason: `stored tariff ${id} is not a valid tariff: ${valid.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      };
    const body = v.body as Tariff;
    if (body.tariffId !== id) return { status: 'unverifiable', reason: `stored tariff ${id} carries tariffId ${body.tariffId}` };
    tariffs.push(body);
  }

  let calc: InvoiceCalc;
  try {
    calc = computeInvoice(billingInputOf(inv), tariffs);
  } catch (e) {
    // The office's tariffs refuse this invoice (a day no named tariff covers, another group, an
    // index billing rejects): the device billed something the office cannot accrue — a mismatch,
    // not a reason to look away.
    if (!isAppError(e)) throw e;
    return {
      status: 'mismatch',
      differences: [{ field: 'computation', expected: `refused (${e.code}): ${e.message}`, actual: `issued, payable ${inv.payable}` }],
    };
  }
  const differences = compareInvoice(calc, inv);
  return differences.length ? { status: 'mismatch', differences } : { status: 'ok' };
}
