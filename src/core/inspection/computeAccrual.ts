/**
 * Accrual (tahakkuk) for a kaçak or usulsüz finding, docs/domain.md §4 / DMHY art. 52–53:
 *
 * kaçak
 *   days      = detection date − start (last valid reading or seal check), capped at duration.maxDays;
 *               an unknown start counts the cap
 *   m³        by the method:
 *     own-history         daily m³ of the same period of earlier years × days
 *     similar-units       Σ over the period's days of similar units' daily m³ for that month
 *     appliance-capacity  Σ (kW × hours/day × load factor) × days ÷ kWh per m³
 *               → rounding.volume places
 *   metered   the meter's own consumption in the period (on-site index − last reading's index; pro
 *             rata by days when the period starts after that reading) is deducted: the next routine
 *             reading bills it, so billing it here too would bill it twice. Never below 0 m³.
 *   price/m³  = tariff TL/kWh × pricing.kwhPerM3 (or the tariff's calorific value ÷ 860.42) → rounding.unitPrice
 *   line 1    kacak-consumption = m³ × price/m³
 *   line 2    kacak-surcharge   = line 1 × surcharge.rate (repeatRate when an earlier kaçak finding
 *             lies within repeatWithinYears before the detection date)
 *             (rates are capped by config.ts SURCHARGE_CAP: 200 %, 300 % on a repeat)
 * usulsüz
 *   line      usulsuz-charge = usulsuz.multiple × the cut/reopen fee in force on the detection date
 * VAT per line at vat[code] ("tariff" = the tariff's rate); money → rounding.money, half-up.
 * Data the device lacks (no tariff, no fee in force, no history) throws AccrualUnavailableError: the
 * report is then sealed with the accrual left to the office (accrualOutcome.ts).
 * total = Σ amount + Σ VAT. Every step goes into the trace (as an invoice's), marked when it used an
 * assumed parameter. Pure: the caller passes dates, tariff and history; floats are never used.
 */
import { KCAL_PER_KWH } from '../billing/computeInvoice.js';
import { D, dec, fixed, roundTo, type Dec } from '../billing/decimal.js';
import type { Tariff } from '../contract/tariff.js';
import { AppError, ErrorCode } from '../errors/AppError.js';
import { addDays, daysBetween, parseDate } from '../time/calendar.js';
import { AccrualUnavailableError } from './errors.js';
import { ACCRUAL_LINE_TEXT } from '../documents/inspectionReportText.js';
import { feeOn, isAssumed, kwInBounds, type AccrualLineCode, type EstimationMethod, type InspectionConfig } from './config.js';

export interface AccrualTraceStep {
  step: string;
  formula: string;
  value: string;
  /** The step used a parameter marked assumed in the configuration. */
  assumed?: true;
}

export interface AccrualLine {
  code: AccrualLineCode;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  vatRate: string;
  vat: string;
}

export interface Accrual {
  finding: 'kacak' | 'usulsuz';
  method?: EstimationMethod;
  /**
   * kaçak: the period the estimate covers, `from` – `to` (both dates printed), and its basis: the
   * last valid reading, the last seal check, or unknown (then the configured maximum). `start` is the
   * basis's own date (null when unknown); `from` differs from it when the period was capped.
   */
  period?: { from: string; to: string; days: number; capped: boolean; basis: StartBasis; start: string | null };
  estimatedM3?: string;
  /** kaçak: the metered consumption in the period, deducted from the estimate (m³). */
  meteredM3?: string;
  /** kaçak: what is billed, estimate − metered, never below 0. */
  billedM3?: string;
  /** kaçak: the method differs from the configured default; the crew's reason. */
  methodChange?: { from: EstimationMethod; reason: string };
  repeat: boolean;
  lines: AccrualLine[];
  total: string;
  trace: AccrualTraceStep[];
  /** Configuration paths of assumed values the result depends on. */
  assumed: string[];
}

export type StartBasis = 'last-reading' | 'seal-check' | 'unknown';

export interface AccrualInput {
  finding: 'kacak' | 'usulsuz';
  /** The inspection date (YYYY-MM-DD, Europe/Istanbul). */
  detectionDate: string;
  /** kaçak: the last valid reading or seal check; null when unknown. */
  start?: { date: string; basis: 'last-reading' | 'seal-check' } | null;
  /** kaçak: defaults to the configuration's method. */
  method?: EstimationMethod;
  /** Why the method differs from the configured default (required then). */
  methodReason?: string;
  /** The meter's indexes: the last reading (`start` for last-reading) and the one found on site. */
  metered?: { lastIndex: number; lastDate: string; siteIndex: number };
  /** appliance-capacity: what the crew found. Types not in the configuration use the method's defaults. */
  appliances?: ReadonlyArray<{ type: string; kw: string }>;
  /** own-history: daily m³ of the same period of earlier years (the back office's figure), or the periods themselves. */
  ownHistory?: { dailyM3?: string; periods?: ReadonlyArray<{ from: string; to: string; m3: string }> };
  /** similar-units: an average daily m³ the back office sent, instead of the monthly profile. */
  similarUnitsDailyM3?: string;
  /** kaçak: the tariff in force on the detection date. */
  tariff?: Tariff;
  /** Dates of earlier kaçak findings at this installation (repeat surcharge). */
  previousKacak?: ReadonlyArray<{ date: string; reportNo?: string }>;
}

function fail(message: string, field: string): never {
  throw new AppError(message, ErrorCode.Input_Invalid, { context: { field } });
}

/** Turkish number form for the printed descriptions: comma decimals. */
const tr = (s: string) => s.replace('.', ',');

export function computeAccrual(input: AccrualInput, c: InspectionConfig): Accrual {
  if (!parseDate(input.detectionDate)) fail(`detection date "${input.detectionDate}" is not a date`, 'detectionDate');
  const trace: AccrualTraceStep[] = [];
  const assumed = new Set<string>();
  const note = (step: string, formula: string, value: string, paths: string[] = []) => {
    const used = paths.filter((p) => isAssumed(c, p));
    for (const p of used) assumed.add(Object.keys(c.assumed).find((a) => p === a || p.startsWith(`${a}.`) || p.startsWith(`${a}[`))!);
    trace.push({ step, formula, value, ...(used.length ? { assumed: true as const } : {}) });
  };
  const r = c.rounding;
  const money = (v: Dec) => roundTo(v, r.money);
  const line = (
    code: AccrualLineCode,
    description: string,
    quantity: string,
    unit: string,
    unitPrice: string,
    amount: Dec,
    tariffVat?: string,
  ): AccrualLine => {
    const cfg = c.vat[code];
    let rate: string;
    if (cfg === 'tariff') {
      if (tariffVat === undefined) fail(`vat.${code} is "tariff" but no tariff prices this line`, `vat.${code}`);
      rate = tariffVat;
    } else rate = cfg;
    const vat = money(amount.mul(rate));
    note(`${code}.vat`, `${fixed(amount, r.money)} × ${rate}`, fixed(vat, r.money), [`vat.${code}`]);
    return { code, description, quantity, unit, unitPrice, amount: fixed(amount, r.money), vatRate: rate, vat: fixed(vat, r.money) };
  };
  const finish = (lines: AccrualLine[], extra: Partial<Accrual>): Accrual => {
    const total = lines.reduce((a, l) => a.add(l.amount).add(l.vat), new D(0));
    note('total', lines.map((l) => `${l.amount} + ${l.vat}`).join(' + '), fixed(total, r.money));
    return { finding: input.finding, repeat: false, ...extra, lines, total: fixed(total, r.money), trace, assumed: [...assumed].sort() };
  };

  if (input.finding === 'usulsuz') {
    const fee = feeOn(c, input.detectionDate);
    if (!fee) throw new AccrualUnavailableError('no-fee', `no cut/reopen fee in force on ${input.detectionDate}`);
    note('cutReopenFee', `fee valid ${fee.validFrom} – ${fee.validTo}`, fixed(fee.amount, r.money), ['usulsuz.cutReopenFee']);
    const amount = money(fee.amount.mul(c.usulsuz.multiple));
    note('usulsuz-charge', `${c.usulsuz.multiple} × ${fixed(fee.amount, r.money)}`, fixed(amount, r.money), ['usulsuz.multiple']);
    return finish(
      [
        line(
          'usulsuz-charge',
          ACCRUAL_LINE_TEXT.usulsuzCharge(tr(c.usulsuz.multiple)),
          c.usulsuz.multiple,
          'kat',
          fixed(fee.amount, r.money),
          amount,
        ),
      ],
      {},
    );
  }

  // ---- kaçak: duration
  const to = input.detectionDate;
  const start = input.start ?? null;
  let days: number;
  let capped = false;
  if (start) {
    if (!parseDate(start.date)) fail(`start date "${start.date}" is not a date`, 'start');
    if (start.date > to) fail(`start date ${start.date} is after the detection date ${to}`, 'start');
    days = daysBetween(start.date, to);
    note('days', `${to} − ${start.date} (${start.basis === 'seal-check' ? 'last seal check' : 'last valid reading'})`, String(days));
    if (days > c.duration.maxDays) {
      days = c.duration.maxDays;
      capped = true;
      note('daysCapped', `capped at duration.maxDays`, String(days), ['duration.maxDays']);
    }
  } else {
    days = c.duration.maxDays;
    capped = true;
    note('days', 'start unknown: duration.maxDays', String(days), ['duration.maxDays']);
  }
  const from = start ? (capped ? addDays(to, -days) : start.date) : addDays(to, -days);
  const basis: StartBasis = start ? start.basis : 'unknown';
  note('period', `${from} – ${to} (${basis}${capped ? ', capped' : ''})`, `${days} days`);

  // ---- kaçak: volume
  const def = c.estimation.defaultMethod;
  const method = input.method ?? def;
  const reason = input.methodReason?.trim() ?? '';
  if (method !== def && !reason) fail(`the method ${method} differs from the default ${def}: a reason is needed`, 'methodReason');
  if (method !== def) note('method', `changed from ${def}: ${reason}`, method);
  else note('method', 'estimation.defaultMethod', method, ['estimation.defaultMethod']);
  let m3: Dec;
  let detail: string;
  switch (method) {
    case 'appliance-capacity': {
      const apps = input.appliances ?? [];
      if (apps.length === 0) fail('appliance capacity needs at least one appliance', 'appliances');
      let perDay = new D(0);
      const parts: string[] = [];
      for (const [i, a] of apps.entries()) {
        if (!kwInBounds(c, a.kw))
          fail(
            `appliance ${i + 1}: kW "${a.kw}" must be within ${c.appliancePower.minKw} – ${c.appliancePower.maxKw}`,
            `appliances[${i}].kw`,
          );
        const t = c.applianceTypes.find((x) => x.type === a.type);
        const h = t?.hoursPerDay ?? c.estimation.applianceCapacity.hoursPerDay;
        const lf = t?.loadFactor ?? c.estimation.applianceCapacity.loadFactor;
        const kwhDay = dec(a.kw).mul(h).mul(lf);
        const src =
          t?.hoursPerDay !== undefined
            ? [`applianceTypes`]
            : ['estimation.applianceCapacity.hoursPerDay', 'estimation.applianceCapacity.loadFactor'];
        note(`appliance[${i}].kwhPerDay`, `${a.type}: ${a.kw} kW × ${h} h × ${lf}`, kwhDay.toString(), src);
        perDay = perDay.add(kwhDay);
        parts.push(ACCRUAL_LINE_TEXT.appliance(tr(a.kw), tr(h), tr(lf)));
      }
      const kwh = perDay.mul(days);
      note('energyKwh', `${perDay} kWh/day × ${days} days`, kwh.toString());
      m3 = roundTo(kwh.div(c.estimation.kwhPerM3), r.volume);
      note('estimatedM3', `${kwh} kWh ÷ ${c.estimation.kwhPerM3} kWh/m³`, fixed(m3, r.volume), ['estimation.kwhPerM3']);
      detail = ACCRUAL_LINE_TEXT.appliances(parts, days);
      break;
    }
    case 'own-history': {
      const h = input.ownHistory;
      let daily: Dec;
      if (h?.periods?.length) {
        let sum = new D(0);
        let n = 0;
        for (const [i, p] of h.periods.entries()) {
          if (!parseDate(p.from) || !parseDate(p.to) || p.to <= p.from)
            fail(`history period ${i + 1} has bad dates`, `ownHistory.periods[${i}]`);
          sum = sum.add(p.m3);
          n += daysBetween(p.from, p.to);
        }
        daily = sum.div(n);
        note('historyDailyM3', `${sum} m³ ÷ ${n} days of earlier years`, daily.toString());
      } else if (h?.dailyM3 !== undefined) {
        daily = dec(h.dailyM3);
        note('historyDailyM3', 'same period of earlier years (back office)', daily.toString());
      } else throw new AccrualUnavailableError('no-history', "own-history needs the customer's consumption of earlier years");
      m3 = roundTo(daily.mul(days), r.volume);
      note('estimatedM3', `${daily} m³/day × ${days} days`, fixed(m3, r.volume));
      detail = ACCRUAL_LINE_TEXT.dailyM3(tr(daily.toDecimalPlaces(3).toString()), days);
      break;
    }
    case 'similar-units': {
      if (input.similarUnitsDailyM3 !== undefined) {
        const daily = dec(input.similarUnitsDailyM3);
        m3 = roundTo(daily.mul(days), r.volume);
        note('estimatedM3', `${daily} m³/day (similar units, back office) × ${days} days`, fixed(m3, r.volume));
        detail = ACCRUAL_LINE_TEXT.dailyM3(tr(daily.toString()), days);
      } else {
        // Day by day through the months of the period: a winter period weighs more than a summer one.
        const byMonth = new Map<number, number>();
        for (let d = from; d < to; d = addDays(d, 1)) {
          const mo = Number(d.slice(5, 7)) - 1;
          byMonth.set(mo, (byMonth.get(mo) ?? 0) + 1);
        }
        let sum = new D(0);
        const parts: string[] = [];
        for (const [mo, n] of [...byMonth].sort((a, b) => a[0] - b[0])) {
          const rate = c.estimation.similarUnits.dailyM3ByMonth[mo]!;
          sum = sum.add(dec(rate).mul(n));
          parts.push(`${n}×${rate}`);
        }
        m3 = roundTo(sum, r.volume);
        note('estimatedM3', `Σ days × similar units' daily m³ of the month: ${parts.join(' + ') || '0'}`, fixed(m3, r.volume), [
          'estimation.similarUnits.dailyM3ByMonth',
        ]);
        detail = ACCRUAL_LINE_TEXT.similarUnits(days);
      }
      break;
    }
  }

  // ---- kaçak: the metered consumption of the period is deducted
  let metered = new D(0);
  const mi = input.metered;
  if (mi) {
    if (!parseDate(mi.lastDate) || mi.lastDate > to) fail(`last reading date "${mi.lastDate}" is not before ${to}`, 'metered');
    const raw = mi.siteIndex - mi.lastIndex;
    if (raw < 0) {
      // A meter exchanged or rolled over since the reading: the office knows, the device does not guess.
      note('meteredM3', `site index ${mi.siteIndex} below the last reading's ${mi.lastIndex}: not deducted`, '0');
    } else {
      const span = daysBetween(mi.lastDate, to);
      metered = span > days && span > 0 ? roundTo(dec(raw).mul(days).div(span), r.volume) : dec(raw);
      note(
        'meteredM3',
        span > days && span > 0
          ? `(${mi.siteIndex} − ${mi.lastIndex}) × ${days} / ${span} days (pro rata)`
          : `${mi.siteIndex} − ${mi.lastIndex} (index on site − last reading)`,
        fixed(metered, r.volume),
      );
    }
  }
  const estimated = m3;
  m3 = D.max(0, estimated.sub(metered));
  if (mi) note('billedM3', `${fixed(estimated, r.volume)} − ${fixed(metered, r.volume)}, not below 0`, fixed(m3, r.volume));

  // ---- kaçak: price and lines
  const t = input.tariff;
  if (!t) throw new AccrualUnavailableError('no-tariff', 'no tariff in force prices the kaçak consumption');
  let kwhPerM3: Dec;
  if (c.pricing.kwhPerM3 === 'tariff') {
    kwhPerM3 = roundTo(dec(t.calorificValueKcalPerM3).div(KCAL_PER_KWH), t.rounding.kwhFactor);
    note('priceKwhPerM3', `${t.calorificValueKcalPerM3} / ${KCAL_PER_KWH}`, kwhPerM3.toString());
  } else kwhPerM3 = dec(c.pricing.kwhPerM3);
  const price = roundTo(dec(t.unitPricePerKwh).mul(kwhPerM3), r.unitPrice);
  note(
    'unitPricePerM3',
    `${t.tariffId}: ${t.unitPricePerKwh} TL/kWh × ${kwhPerM3} kWh/m³`,
    fixed(price, r.unitPrice),
    c.pricing.kwhPerM3 === 'tariff' ? [] : ['pricing.kwhPerM3'],
  );
  const consumption = money(m3.mul(price));
  note('kacak-consumption', `${fixed(m3, r.volume)} m³ × ${fixed(price, r.unitPrice)}`, fixed(consumption, r.money));

  const window = c.surcharge.repeatWithinYears;
  const since = `${String(Number(to.slice(0, 4)) - window).padStart(4, '0')}${to.slice(4)}`;
  const earlier = (input.previousKacak ?? []).filter((p) => p.date >= since && p.date <= to).sort((a, b) => (a.date < b.date ? 1 : -1));
  const repeat = earlier.length > 0;
  const rate = repeat ? c.surcharge.repeatRate : c.surcharge.rate;
  note('repeat', `earlier kaçak since ${since}: ${earlier.map((e) => e.reportNo ?? e.date).join(', ') || 'none'}`, String(repeat), [
    'surcharge.repeatWithinYears',
  ]);
  const surcharge = money(consumption.mul(rate));
  note('kacak-surcharge', `${fixed(consumption, r.money)} × ${rate}`, fixed(surcharge, r.money), [
    repeat ? 'surcharge.repeatRate' : 'surcharge.rate',
  ]);
  const pct = dec(rate).mul(100).toString();

  const lines = [
    line(
      'kacak-consumption',
      ACCRUAL_LINE_TEXT.kacakConsumption(method, detail),
      fixed(m3, r.volume),
      'm3',
      fixed(price, r.unitPrice),
      consumption,
      t.vatRate,
    ),
    line(
      'kacak-surcharge',
      ACCRUAL_LINE_TEXT.kacakSurcharge(pct, repeat ? window : undefined),
      rate,
      'kat',
      fixed(consumption, r.money),
      surcharge,
      t.vatRate,
    ),
  ];
  return finish(lines, {
    method,
    period: { from, to, days, capped, basis, start: start ? start.date : null },
    estimatedM3: fixed(estimated, r.volume),
    ...(mi ? { meteredM3: fixed(metered, r.volume), billedM3: fixed(m3, r.volume) } : {}),
    ...(method !== def ? { methodChange: { from: def, reason } } : {}),
    repeat,
  });
}
