/**
 * Spot billing, exactly as docs/domain.md §1:
 *   ms = current − previous (rollover: 10^digits − previous + current)
 *   md = ms × K                     → rounding.correctedVolume
 *   d2 = calorificValue / 860.42    → rounding.kwhFactor
 *   mf = md × d2                    → rounding.energyKwh
 *   C  = mf × unit price            → rounding.money
 *   V  = C × VAT rate               → rounding.money
 *   each charge: net as sent, VAT = net × its rate → rounding.money (billingLines.ts)
 *   total = Σ (net + VAT) over the lines
 *   payable = (total − previousCarry) to rounding.payableStep; carry = payable − (total − previousCarry)
 * (docs/invoice.md: lines, VAT per rate, the carry deducted after VAT)
 * Unit price, K and calorific value are day-weighted averages over the period's tariffs, each
 * rounded to its own places. Rounding rules, VAT rate, due days and the minimum billable volume
 * come from the tariff in force on the period's last day. Pure: no clock, no I/O.
 */
import { shiftDueDate } from './dueDate.js';
import type { Tariff } from '../contract/tariff.js';
import { AppError, ErrorCode } from '../errors/AppError.js';
import { addDays, daysBetween, parseDate } from '../time/calendar.js';
import { D, dec, fixed, roundTo, roundToStep, type Dec } from './decimal.js';
import { chargeLines, checkPreviousCarry, vatTotalsOf } from './billingLines.js';
import { segmentPeriod } from './selectTariffs.js';
import type { BilledLine, BillingInput, InvoiceCalc, TraceStep } from './types.js';

/** kcal per kWh used by Turkish distributors (9155 kcal/m³ → 10.64 kWh/m³). */
export const KCAL_PER_KWH = '860.42';

function fail(message: string, context: Record<string, unknown> = {}): never {
  throw new AppError(message, ErrorCode.Billing_InvalidReading, { context });
}

export function meteredVolume(previousIndex: number, currentIndex: number, digits?: number): { m3: number; rollover: boolean } {
  for (const [name, v] of [
    ['previous index', previousIndex],
    ['current index', currentIndex],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) fail(`${name} must be a whole number ≥ 0`, { field: name });
  }
  if (digits !== undefined) {
    if (!Number.isInteger(digits) || digits < 1 || digits > 10) fail('digits must be 1–10', { field: 'digits' });
    const limit = 10 ** digits;
    if (previousIndex >= limit)
      fail(`previous index ${previousIndex} has more digits than the meter's ${digits}`, { field: 'previousIndex' });
    if (currentIndex >= limit) fail(`current index ${currentIndex} has more digits than the meter's ${digits}`, { field: 'currentIndex' });
    if (currentIndex < previousIndex) return { m3: limit - previousIndex + currentIndex, rollover: true };
  } else if (currentIndex < previousIndex) {
    fail(`current index ${currentIndex} is below the previous ${previousIndex} (give the meter's digits for a rollover)`, {
      field: 'currentIndex',
    });
  }
  return { m3: currentIndex - previousIndex, rollover: false };
}

/**
 * An open-ended tariff carries one month's price, K and calorific value until the office publishes
 * the next: a period ending long after its start would be priced with stale figures, so it is
 * refused rather than billed wrong (docs/invoice.md "Tariff staleness").
 */
export function checkTariffAge(t: Tariff, periodEnd: string, maxDays: number | undefined): void {
  if (maxDays === undefined || t.validTo !== null) return;
  const age = daysBetween(t.validFrom, periodEnd);
  if (age > maxDays)
    throw new AppError(
      `tariff ${t.tariffId} is too old for this period (valid from ${t.validFrom}, open-ended; the period ends ${age} days later, more than ${maxDays})`,
      ErrorCode.Billing_StaleTariff,
      { context: { tariffId: t.tariffId, age, maxDays } },
    );
}

export function computeInvoice(input: BillingInput, tariffs: readonly Tariff[]): InvoiceCalc {
  const { previousDate, currentDate } = input;
  if (!parseDate(previousDate)) fail(`previous reading date "${previousDate}" is not a date`, { field: 'previousDate' });
  if (!parseDate(currentDate)) fail(`reading date "${currentDate}" is not a date`, { field: 'currentDate' });
  if (currentDate < previousDate)
    fail(`reading date ${currentDate} is before the previous reading date ${previousDate}`, { field: 'currentDate' });

  const groups = new Set(tariffs.map((t) => t.group));
  const group = input.group ?? (groups.size === 1 ? [...groups][0] : undefined);
  if (group === undefined) {
    throw new AppError(
      groups.size === 0 ? 'no tariff given' : `tariffs of several groups given (${[...groups].join(', ')}): name the group`,
      ErrorCode.Billing_NoTariff,
    );
  }
  const ofGroup = tariffs.filter((t) => t.group === group);

  const { m3, rollover } = meteredVolume(input.previousIndex, input.currentIndex, input.digits);
  const days = daysBetween(previousDate, currentDate);
  const { segments, byId } = segmentPeriod(ofGroup, previousDate, currentDate);
  const last = byId.get(segments[segments.length - 1]!.tariffId)!;
  checkTariffAge(last, currentDate, input.maxTariffAgeDays);
  const r = last.rounding;
  const trace: TraceStep[] = [];
  const note = (step: string, formula: string, value: string) => trace.push({ step, formula, value });

  // Day-weighted averages. With a single tariff this is the tariff's own value.
  const weight = segments.reduce((a, s) => a + s.days, 0);
  const avg = (pick: (t: Tariff) => string): Dec =>
    segments.reduce((acc, s) => acc.add(dec(pick(byId.get(s.tariffId)!)).mul(s.days)), new D(0)).div(weight);
  const weights = segments.map((s) => `${s.tariffId}×${s.days}`).join(' + ');

  const K = roundTo(
    avg((t) => t.correctionFactor),
    r.correctionFactor,
  );
  const cv = roundTo(
    avg((t) => t.calorificValueKcalPerM3),
    r.calorificValue,
  );
  const unitPrice = roundTo(
    avg((t) => t.unitPricePerKwh),
    r.unitPrice,
  );
  note('period', `${previousDate} → ${currentDate}`, String(days));
  note('tariffs', weights, segments.map((s) => s.tariffId).join(','));

  const ms = dec(m3);
  note(
    'consumptionM3',
    rollover ? `10^${input.digits} − ${input.previousIndex} + ${input.currentIndex}` : `${input.currentIndex} − ${input.previousIndex}`,
    ms.toString(),
  );
  note('correctionFactor', `day-weighted K, ${r.correctionFactor} places`, fixed(K, r.correctionFactor));

  const md = roundTo(ms.mul(K), r.correctedVolume);
  note('correctedM3', `${ms} × ${fixed(K, r.correctionFactor)}`, fixed(md, r.correctedVolume));
  note('calorificValue', `day-weighted kcal/m³, ${r.calorificValue} places`, fixed(cv, r.calorificValue));

  const d2 = roundTo(cv.div(KCAL_PER_KWH), r.kwhFactor);
  note('kwhFactor', `${fixed(cv, r.calorificValue)} / ${KCAL_PER_KWH}`, fixed(d2, r.kwhFactor));

  const mf = roundTo(md.mul(d2), r.energyKwh);
  note('energyKwh', `${fixed(md, r.correctedVolume)} × ${fixed(d2, r.kwhFactor)}`, fixed(mf, r.energyKwh));
  note('unitPrice', `day-weighted TL/kWh, ${r.unitPrice} places`, fixed(unitPrice, r.unitPrice));

  const C = roundTo(mf.mul(unitPrice), r.money);
  note('consumptionAmount', `${fixed(mf, r.energyKwh)} × ${fixed(unitPrice, r.unitPrice)}`, fixed(C, r.money));

  const vatRate = dec(last.vatRate);
  const V = roundTo(C.mul(vatRate), r.money);
  note('vat', `${fixed(C, r.money)} × ${last.vatRate}`, fixed(V, r.money));

  const gasLine: BilledLine = {
    code: 'gas',
    description: 'Doğal gaz tüketim bedeli',
    quantity: fixed(mf, r.energyKwh),
    unit: 'kWh',
    unitPrice: fixed(unitPrice, r.unitPrice),
    amount: fixed(C, r.money),
    vatRate: last.vatRate,
    vat: fixed(V, r.money),
    gross: fixed(C.add(V), r.money),
  };
  const lines = [gasLine, ...chargeLines(input.charges ?? [], r.money)];
  for (const l of lines.slice(1)) note(`charge:${l.code}`, `${l.amount} + ${l.amount} × ${l.vatRate}`, l.gross);
  const vatTotals = vatTotalsOf(lines, r.money);
  for (const t of vatTotals) note(`vatTotal:${t.vatRate}`, `Σ VAT of the lines at ${t.vatRate} on ${t.net}`, t.vat);
  const vatAll = vatTotals.reduce((a, t) => a.add(t.vat), new D(0));

  const total = lines.reduce((a, l) => a.add(l.gross), new D(0));
  note('total', lines.map((l) => l.gross).join(' + '), fixed(total, r.money));

  const previousCarry = checkPreviousCarry(input.previousCarry, r.money);
  const due = total.sub(previousCarry);
  const payable = roundToStep(due, dec(r.payableStep));
  const carry = payable.sub(due);
  note('previousCarry', 'previous invoice roundingCarry, deducted after VAT', fixed(previousCarry, r.money));
  note('payable', `${fixed(total, r.money)} − ${fixed(previousCarry, r.money)} to a step of ${r.payableStep}`, fixed(payable, r.money));
  note('roundingCarry', `${fixed(payable, r.money)} − ${fixed(due, r.money)}`, fixed(carry, r.money));

  const minimum = dec(last.minimumBillableM3);
  const billable = ms.gte(minimum);
  if (!billable) note('minimumBillable', `${ms} m³ < ${last.minimumBillableM3} m³: no invoice, index carried forward`, 'false');

  const plainDue = addDays(currentDate, last.dueDays);
  const shifted = input.dueDateCalendar ? shiftDueDate(plainDue, input.dueDateCalendar) : undefined;
  const dueDate = shifted?.date ?? plainDue;
  note(
    'dueDate',
    `${currentDate} + ${last.dueDays} days${
      shifted?.movedFrom ? ` = ${plainDue}, a holiday (${shifted.reasons.join(', ')}): the next working day` : ''
    }${shifted?.uncovered ? ' (holiday data does not cover this date: not checked)' : ''}`,
    dueDate,
  );

  return {
    billable,
    period: { from: previousDate, to: currentDate, days },
    previousIndex: input.previousIndex,
    currentIndex: input.currentIndex,
    digits: input.digits ?? null,
    rollover,
    consumptionM3: ms.toString(),
    minimumBillableM3: last.minimumBillableM3,
    correctionFactor: fixed(K, r.correctionFactor),
    correctedM3: fixed(md, r.correctedVolume),
    calorificValue: fixed(cv, r.calorificValue),
    kwhFactor: fixed(d2, r.kwhFactor),
    energyKwh: fixed(mf, r.energyKwh),
    unitPrice: fixed(unitPrice, r.unitPrice),
    consumptionAmount: fixed(C, r.money),
    vatRate: last.vatRate,
    vat: fixed(vatAll, r.money),
    total: fixed(total, r.money),
    previousCarry: fixed(previousCarry, r.money),
    payable: fixed(payable, r.money),
    roundingCarry: fixed(carry, r.money),
    vatTotals,
    dueDate,
    ...(shifted?.movedFrom ? { dueDateMovedFrom: shifted.movedFrom } : {}),
    tariffIds: segments.map((s) => s.tariffId).filter((id, i, a) => a.indexOf(id) === i),
    segments,
    lines,
    trace,
  };
}
