/**
 * Inspection parameters (device/reference/inspection.json): accrual methods and their factors, the
 * duration cap, how many officials sign, appliance power bounds, surcharge rates (capped by law),
 * VAT per line, the usulsüz fee multiple and fees with validity dates, the DMHY 53 exemption,
 * rounding, and the code lists the crew picks from (rules and sources: device/reference/README.md
 * "Inspection rules"). All of it is data (docs/domain.md: figures change every year and differ
 * per distributor); `parseInspectionConfig` checks a whole file against InspectionConfigSchema with
 * the shared helper (src/core/validation) and reports every error at once, each with its path. Values the distributor has not confirmed are listed
 * under `assumed` (path → why), and every calculation step that used one says so in its trace.
 */
import { Type, type TLiteral, type TUnion, type TUnsafe } from '@sinclair/typebox';
import { dec, type Dec } from '../billing/decimal.js';
import { parseDate } from '../time/calendar.js';
import { check, DATE_PATTERN, decimal, isRecord, oneOf, text, wholeNumber, type Report } from '../validation/index.js';

/**
 * The legal ceilings of the kaçak surcharge (device/reference/README.md "Inspection rules"): 200 %,
 * 300 % on a repeat. The file may set lower rates, never higher ones.
 */
export const SURCHARGE_CAP = { rate: '2', repeatRate: '3' } as const;

export const ESTIMATION_METHODS = ['own-history', 'similar-units', 'appliance-capacity'] as const;
export type EstimationMethod = (typeof ESTIMATION_METHODS)[number];

export const ACCRUAL_LINE_CODES = ['kacak-consumption', 'kacak-surcharge', 'usulsuz-charge'] as const;
export type AccrualLineCode = (typeof ACCRUAL_LINE_CODES)[number];

export interface CodeLabel {
  code: string;
  label: string;
}

export interface ApplianceType {
  type: string;
  label: string;
  /** Nominal power pre-filled for the crew (they key the plate value when they can read it). */
  kw: string;
  /** Per-type usage; without them the method's defaults apply. */
  hoursPerDay?: string;
  loadFactor?: string;
}

export interface InspectionConfig {
  version: string;
  estimation: {
    defaultMethod: EstimationMethod;
    /** kWh per m³ that turns appliance energy into volume. */
    kwhPerM3: string;
    applianceCapacity: { hoursPerDay: string; loadFactor: string };
    /** Average daily m³ of similar units, January … December. */
    similarUnits: { dailyM3ByMonth: string[] };
  };
  duration: { maxDays: number };
  /** How many officials must sign (the login's crew member plus those entered on the form). */
  officials: { min: number };
  /** Bounds of one appliance's power as keyed by the crew (a typo of 99,999 kW must not price). */
  appliancePower: { minKw: string; maxKw: string };
  /** kWh per m³ that turns the tariff's TL/kWh into TL/m³, or "tariff" for the tariff's own calorific value. */
  pricing: { kwhPerM3: string };
  /** Surcharge = rate × the consumption amount, as its own line (2.00 = 200 %). */
  surcharge: { rate: string; repeatRate: string; repeatWithinYears: number };
  /** VAT rate per line code, or "tariff" for the tariff's rate. */
  vat: Record<AccrualLineCode, string>;
  usulsuz: {
    multiple: string;
    /** Each fee holds from validFrom to validTo inclusive; outside every period there is no fee. */
    cutReopenFee: Array<{ validFrom: string; validTo: string; amount: string }>;
    /** Subtypes for which a prior application exempts the charge (DMHY art. 53, device/reference/README.md). */
    exemptIfApplied: string[];
  };
  rounding: { volume: number; unitPrice: number; money: number };
  subtypes: { kacak: CodeLabel[]; usulsuz: CodeLabel[] };
  applianceTypes: ApplianceType[];
  actions: CodeLabel[];
  /** Path of a value (e.g. "estimation.kwhPerM3") → why it is assumed. */
  assumed: Record<string, string>;
}

export interface ConfigError {
  path: string;
  message: string;
}

export type ParsedConfig = { ok: true; config: InspectionConfig } | { ok: false; errors: ConfigError[] };

const positive = (max?: string) => decimal({ positive: true, ...(max ? { max } : {}) });
const decimalOrTariff = (d: TUnsafe<string>) =>
  Type.Union([Type.Literal('tariff'), d], { errorMessage: `${d.errorMessage as string}, or "tariff"` });
const CodeList = Type.Array(
  Type.Object({
    code: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[a-z0-9-]+$',
      errorMessage: 'must be lower-case letters, digits and - (at most 64)',
    }),
    label: text(64),
  }),
  { minItems: 1 },
);

/** The file's shape and bounds; the unit and meaning of each value is on InspectionConfig above. */
export const InspectionConfigSchema = Type.Object({
  version: text(32),
  estimation: Type.Object({
    defaultMethod: oneOf(ESTIMATION_METHODS),
    kwhPerM3: positive(),
    applianceCapacity: Type.Object({ hoursPerDay: positive('24'), loadFactor: positive('1') }),
    similarUnits: Type.Object({
      dailyM3ByMonth: Type.Array(decimal({ min: '0' }), {
        minItems: 12,
        maxItems: 12,
        errorMessage: 'must be a list of 12 values, January to December',
      }),
    }),
  }),
  duration: Type.Object({ maxDays: wholeNumber(1, 3660) }),
  officials: Type.Object({ min: wholeNumber(1, 5) }),
  appliancePower: Type.Object({ minKw: positive('10000'), maxKw: positive('10000') }),
  pricing: Type.Object({ kwhPerM3: decimalOrTariff(positive()) }),
  surcharge: Type.Object({
    rate: decimal({ min: '0', max: SURCHARGE_CAP.rate }),
    repeatRate: decimal({ min: '0', max: SURCHARGE_CAP.repeatRate }),
    repeatWithinYears: wholeNumber(0, 20),
  }),
  vat: Type.Object(
    Object.fromEntries(ACCRUAL_LINE_CODES.map((c) => [c, decimalOrTariff(decimal({ min: '0', max: '1' }))])) as Record<
      AccrualLineCode,
      TUnion<[TLiteral<'tariff'>, TUnsafe<string>]>
    >,
    { additionalProperties: false },
  ),
  usulsuz: Type.Object({
    multiple: positive('3'),
    cutReopenFee: Type.Array(
      Type.Object({
        validFrom: Type.String({ pattern: DATE_PATTERN, errorMessage: 'must be a date YYYY-MM-DD' }),
        validTo: Type.String({ pattern: DATE_PATTERN, errorMessage: 'must be a date YYYY-MM-DD' }),
        amount: positive(),
      }),
      { minItems: 1 },
    ),
    exemptIfApplied: Type.Array(text(64)),
  }),
  rounding: Type.Object({ volume: wholeNumber(0, 6), unitPrice: wholeNumber(0, 12), money: wholeNumber(0, 4) }),
  subtypes: Type.Object({ kacak: CodeList, usulsuz: CodeList }),
  applianceTypes: Type.Array(
    Type.Object({
      type: text(64),
      label: text(64),
      kw: positive('10000'),
      hoursPerDay: Type.Optional(positive('24')),
      loadFactor: Type.Optional(positive('1')),
    }),
    { minItems: 1 },
  ),
  actions: CodeList,
  assumed: Type.Optional(Type.Record(Type.String(), Type.String({ errorMessage: 'must say why the value is assumed' }))),
});

/** What the schema cannot say: real calendar days, codes and types listed once, `assumed` naming real values. */
function rules(root: unknown, report: Report): void {
  const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (isRecord(o) ? o[k] : undefined), v);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const fees = list(at(root, 'usulsuz', 'cutReopenFee'));
  fees.forEach((f, i) => {
    for (const k of ['validFrom', 'validTo']) {
      const d = at(f, k);
      if (typeof d === 'string' && !parseDate(d)) report(`usulsuz.cutReopenFee[${i}].${k}`, `${d} is not a day of the calendar`);
    }
    const [a, b] = [at(f, 'validFrom'), at(f, 'validTo')];
    if (typeof a === 'string' && typeof b === 'string' && parseDate(a) && parseDate(b) && b < a)
      report(`usulsuz.cutReopenFee[${i}].validTo`, `ends before it starts (${a})`);
    // Two fees in force on the same day would make the charge depend on the order of the file.
    fees.forEach((g, j) => {
      const [c, d] = [at(g, 'validFrom'), at(g, 'validTo')];
      if (j > i && typeof a === 'string' && typeof b === 'string' && typeof c === 'string' && typeof d === 'string' && a <= d && c <= b)
        report(`usulsuz.cutReopenFee[${j}]`, `overlaps usulsuz.cutReopenFee[${i}] (${a} – ${b})`);
    });
  });
  const rate = at(root, 'surcharge', 'rate');
  const repeatRate = at(root, 'surcharge', 'repeatRate');
  if (typeof rate === 'string' && typeof repeatRate === 'string' && Number(repeatRate) < Number(rate))
    report('surcharge.repeatRate', `must not be below surcharge.rate (${rate})`);
  const [minKw, maxKw] = [at(root, 'appliancePower', 'minKw'), at(root, 'appliancePower', 'maxKw')];
  const inBounds = typeof minKw === 'string' && typeof maxKw === 'string' && Number(minKw) <= Number(maxKw);
  if (typeof minKw === 'string' && typeof maxKw === 'string' && !inBounds)
    report('appliancePower.maxKw', `must not be below minKw (${minKw})`);
  list(at(root, 'applianceTypes')).forEach((t, i) => {
    const kw = at(t, 'kw');
    if (inBounds && typeof kw === 'string' && (Number(kw) < Number(minKw) || Number(kw) > Number(maxKw)))
      report(`applianceTypes[${i}].kw`, `outside appliancePower (${minKw} – ${maxKw} kW)`);
  });
  const usulsuzCodes = new Set(list(at(root, 'subtypes', 'usulsuz')).map((x) => at(x, 'code')));
  list(at(root, 'usulsuz', 'exemptIfApplied')).forEach((code, i) => {
    if (typeof code === 'string' && !usulsuzCodes.has(code)) report(`usulsuz.exemptIfApplied[${i}]`, `"${code}" is no usulsüz subtype`);
  });
  const once = (items: unknown[], field: string, path: string) => {
    const seen = new Set<unknown>();
    items.forEach((x, i) => {
      const v = at(x, field);
      if (typeof v !== 'string') return;
      if (seen.has(v)) report(`${path}[${i}].${field}`, `"${v}" appears twice`, 'duplicate');
      seen.add(v);
    });
  };
  once(list(at(root, 'subtypes', 'kacak')), 'code', 'subtypes.kacak');
  once(list(at(root, 'subtypes', 'usulsuz')), 'code', 'subtypes.usulsuz');
  once(list(at(root, 'actions')), 'code', 'actions');
  once(list(at(root, 'applianceTypes')), 'type', 'applianceTypes');
  const assumed = at(root, 'assumed');
  for (const path of Object.keys(isRecord(assumed) ? assumed : {})) {
    if (at(root, ...path.split('.')) === undefined) report(`assumed.${path}`, 'names no value of this file');
  }
}

/** Parses and validates the whole file; every problem is reported, none stops the others. */
export function parseInspectionConfig(raw: unknown): ParsedConfig {
  const r = check(InspectionConfigSchema, raw, { rules, clean: true });
  if (!r.ok) return { ok: false, errors: r.errors.map((e) => ({ path: e.key, message: e.message })) };
  return { ok: true, config: { ...r.value, assumed: r.value.assumed ?? {} } };
}

/** The cut/reopen fee in force on `day` (validFrom ≤ day ≤ validTo; periods never overlap), or undefined. */
export function feeOn(c: InspectionConfig, day: string): { validFrom: string; validTo: string; amount: Dec } | undefined {
  const f = c.usulsuz.cutReopenFee.find((x) => x.validFrom <= day && day <= x.validTo);
  return f ? { validFrom: f.validFrom, validTo: f.validTo, amount: dec(f.amount) } : undefined;
}

/** The appliance power keyed is within the configured bounds (a positive decimal). */
export function kwInBounds(c: InspectionConfig, kw: string): boolean {
  if (!/^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(kw)) return false;
  const v = dec(kw);
  return v.gt(0) && v.gte(c.appliancePower.minKw) && v.lte(c.appliancePower.maxKw);
}

/** DMHY art. 53: a prior application exempts this usulsüz subtype from the charge. */
export function exemptionApplies(c: InspectionConfig, finding: string | null, subtype: string | null): boolean {
  return finding === 'usulsuz' && subtype !== null && c.usulsuz.exemptIfApplied.includes(subtype);
}

/** True when the value at `path` (or a parent of it) is marked assumed. */
export function isAssumed(c: InspectionConfig, path: string): boolean {
  return Object.keys(c.assumed).some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

export function subtypeLabel(c: InspectionConfig, finding: 'kacak' | 'usulsuz', code: string): string | undefined {
  return c.subtypes[finding].find((s) => s.code === code)?.label;
}
