/**
 * Inspection parameters (device/reference/inspection.json): accrual methods and their factors, the
 * duration cap, surcharge rates, VAT per line, the usulsüz fee multiple, rounding, and the code
 * lists the crew picks from. All of it is data (domain.md: figures change every year and differ
 * per distributor); `parseInspectionConfig` checks a whole file and reports every error at once,
 * each with its path, like the app config. Values the distributor has not confirmed are listed
 * under `assumed` (path → why), and every calculation step that used one says so in its trace.
 */
import { dec, isDecimalString, type Dec } from '../billing/decimal.js';
import { parseDate } from '../time/calendar.js';

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
  /** kWh per m³ that turns the tariff's TL/kWh into TL/m³, or "tariff" for the tariff's own calorific value. */
  pricing: { kwhPerM3: string };
  /** Surcharge = rate × the consumption amount, as its own line (2.00 = 200 %). */
  surcharge: { rate: string; repeatRate: string; repeatWithinYears: number };
  /** VAT rate per line code, or "tariff" for the tariff's rate. */
  vat: Record<AccrualLineCode, string>;
  usulsuz: { multiple: string; cutReopenFee: Array<{ validFrom: string; amount: string }> };
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

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and validates the whole file; every problem is reported, none stops the others. */
export function parseInspectionConfig(raw: unknown): ParsedConfig {
  const errors: ConfigError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const root = isObj(raw) ? raw : (err('', 'must be an object'), {});

  const obj = (v: unknown, path: string): Json => {
    if (isObj(v)) return v;
    err(path, 'must be an object');
    return {};
  };
  const decimal = (v: unknown, path: string, o: { min?: string; max?: string; positive?: boolean } = {}): string => {
    if (typeof v !== 'string' || !isDecimalString(v)) {
      err(path, 'must be a decimal string, e.g. "0.5"');
      return '0';
    }
    const d = dec(v);
    if (o.positive && !d.gt(0)) err(path, 'must be greater than 0');
    if (o.min !== undefined && d.lt(o.min)) err(path, `must be at least ${o.min}`);
    if (o.max !== undefined && d.gt(o.max)) err(path, `must be at most ${o.max}`);
    return v;
  };
  const int = (v: unknown, path: string, min: number, max: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      err(path, `must be a whole number ${min}–${max}`);
      return min;
    }
    return v;
  };
  const str = (v: unknown, path: string, max = 200): string => {
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
      err(path, `must be a non-empty text of at most ${max} characters`);
      return '';
    }
    return v;
  };
  const arr = (v: unknown, path: string, minItems = 1): unknown[] => {
    if (!Array.isArray(v) || v.length < minItems) {
      err(path, `must be a list of at least ${minItems}`);
      return [];
    }
    return v;
  };
  const codeList = (v: unknown, path: string): CodeLabel[] => {
    const seen = new Set<string>();
    return arr(v, path).map((x, i) => {
      const o = obj(x, `${path}[${i}]`);
      const code = str(o.code, `${path}[${i}].code`, 64);
      if (code && !/^[a-z0-9-]+$/.test(code)) err(`${path}[${i}].code`, 'must be lower-case letters, digits and -');
      if (seen.has(code)) err(`${path}[${i}].code`, `"${code}" appears twice`);
      seen.add(code);
      return { code, label: str(o.label, `${path}[${i}].label`, 64) };
    });
  };

  const version = str(root.version, 'version', 32);

  const e = obj(root.estimation, 'estimation');
  const method = e.defaultMethod;
  if (!ESTIMATION_METHODS.includes(method as EstimationMethod)) err('estimation.defaultMethod', `must be one of ${ESTIMATION_METHODS.join(', ')}`);
  const ac = obj(e.applianceCapacity, 'estimation.applianceCapacity');
  const su = obj(e.similarUnits, 'estimation.similarUnits');
  const months = Array.isArray(su.dailyM3ByMonth) && su.dailyM3ByMonth.length === 12 ? (su.dailyM3ByMonth as unknown[]) : (err('estimation.similarUnits.dailyM3ByMonth', 'must be a list of 12 values, January to December'), []);
  const estimation: InspectionConfig['estimation'] = {
    defaultMethod: method as EstimationMethod,
    kwhPerM3: decimal(e.kwhPerM3, 'estimation.kwhPerM3', { positive: true }),
    applianceCapacity: {
      hoursPerDay: decimal(ac.hoursPerDay, 'estimation.applianceCapacity.hoursPerDay', { positive: true, max: '24' }),
      loadFactor: decimal(ac.loadFactor, 'estimation.applianceCapacity.loadFactor', { positive: true, max: '1' }),
    },
    similarUnits: { dailyM3ByMonth: months.map((m, i) => decimal(m, `estimation.similarUnits.dailyM3ByMonth[${i}]`, { min: '0' })) },
  };

  const du = obj(root.duration, 'duration');
  const duration = { maxDays: int(du.maxDays, 'duration.maxDays', 1, 3660) };

  const pr = obj(root.pricing, 'pricing');
  const pricing = { kwhPerM3: pr.kwhPerM3 === 'tariff' ? 'tariff' : decimal(pr.kwhPerM3, 'pricing.kwhPerM3', { positive: true }) };

  const sc = obj(root.surcharge, 'surcharge');
  const surcharge = {
    rate: decimal(sc.rate, 'surcharge.rate', { min: '0', max: '10' }),
    repeatRate: decimal(sc.repeatRate, 'surcharge.repeatRate', { min: '0', max: '10' }),
    repeatWithinYears: int(sc.repeatWithinYears, 'surcharge.repeatWithinYears', 0, 20),
  };

  const v = obj(root.vat, 'vat');
  const vat = {} as Record<AccrualLineCode, string>;
  for (const code of ACCRUAL_LINE_CODES) vat[code] = v[code] === 'tariff' ? 'tariff' : decimal(v[code], `vat.${code}`, { min: '0', max: '1' });
  for (const k of Object.keys(v)) if (!ACCRUAL_LINE_CODES.includes(k as AccrualLineCode)) err(`vat.${k}`, `unknown line code (known: ${ACCRUAL_LINE_CODES.join(', ')})`);

  const us = obj(root.usulsuz, 'usulsuz');
  const fees = arr(us.cutReopenFee, 'usulsuz.cutReopenFee').map((f, i) => {
    const o = obj(f, `usulsuz.cutReopenFee[${i}]`);
    const validFrom = typeof o.validFrom === 'string' && parseDate(o.validFrom) ? o.validFrom : (err(`usulsuz.cutReopenFee[${i}].validFrom`, 'must be a date YYYY-MM-DD'), '');
    return { validFrom, amount: decimal(o.amount, `usulsuz.cutReopenFee[${i}].amount`, { positive: true }) };
  });
  const usulsuz = { multiple: decimal(us.multiple, 'usulsuz.multiple', { positive: true, max: '3' }), cutReopenFee: fees };

  const ro = obj(root.rounding, 'rounding');
  const rounding = { volume: int(ro.volume, 'rounding.volume', 0, 6), unitPrice: int(ro.unitPrice, 'rounding.unitPrice', 0, 12), money: int(ro.money, 'rounding.money', 0, 4) };

  const st = obj(root.subtypes, 'subtypes');
  const subtypes = { kacak: codeList(st.kacak, 'subtypes.kacak'), usulsuz: codeList(st.usulsuz, 'subtypes.usulsuz') };

  const types = new Set<string>();
  const applianceTypes = arr(root.applianceTypes, 'applianceTypes').map((x, i) => {
    const p = `applianceTypes[${i}]`;
    const o = obj(x, p);
    const type = str(o.type, `${p}.type`, 64);
    if (types.has(type)) err(`${p}.type`, `"${type}" appears twice`);
    types.add(type);
    return {
      type,
      label: str(o.label, `${p}.label`, 64),
      kw: decimal(o.kw, `${p}.kw`, { positive: true, max: '10000' }),
      ...(o.hoursPerDay !== undefined ? { hoursPerDay: decimal(o.hoursPerDay, `${p}.hoursPerDay`, { positive: true, max: '24' }) } : {}),
      ...(o.loadFactor !== undefined ? { loadFactor: decimal(o.loadFactor, `${p}.loadFactor`, { positive: true, max: '1' }) } : {}),
    };
  });
  const actions = codeList(root.actions, 'actions');

  const assumedRaw = root.assumed === undefined ? {} : obj(root.assumed, 'assumed');
  const assumed: Record<string, string> = {};
  for (const [path, why] of Object.entries(assumedRaw)) {
    if (!hasPath(root, path)) err(`assumed.${path}`, 'names no value of this file');
    assumed[path] = typeof why === 'string' ? why : (err(`assumed.${path}`, 'must say why the value is assumed'), '');
  }

  if (errors.length) return { ok: false, errors };
  return { ok: true, config: { version, estimation, duration, pricing, surcharge, vat, usulsuz, rounding, subtypes, applianceTypes, actions, assumed } };
}

function hasPath(root: Json, path: string): boolean {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (!isObj(cur) || !(part in cur)) return false;
    cur = cur[part];
  }
  return true;
}

/** The cut/reopen fee in force on `day` (the latest validFrom ≤ day), or undefined. */
export function feeOn(c: InspectionConfig, day: string): { validFrom: string; amount: Dec } | undefined {
  let best: { validFrom: string; amount: string } | undefined;
  for (const f of c.usulsuz.cutReopenFee) if (f.validFrom <= day && (!best || f.validFrom > best.validFrom)) best = f;
  return best ? { validFrom: best.validFrom, amount: dec(best.amount) } : undefined;
}

/** True when the value at `path` (or a parent of it) is marked assumed. */
export function isAssumed(c: InspectionConfig, path: string): boolean {
  return Object.keys(c.assumed).some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

export function subtypeLabel(c: InspectionConfig, finding: 'kacak' | 'usulsuz', code: string): string | undefined {
  return c.subtypes[finding].find((s) => s.code === code)?.label;
}
