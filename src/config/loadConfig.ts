/**
 * loadConfig({ fileText, env }) → the whole config, or every error at once, each naming its key.
 * Pure: the caller reads the file. Order: schema defaults ← file ← SAHA_* environment.
 */
import { dec } from '../core/billing/decimal.js';
import { Value } from '@sinclair/typebox/value';
import { check } from '../core/validation/index.js';
import type { TSchema } from '@sinclair/typebox';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import { parseReadingRules } from '../core/reading/index.js';
import { taxIdProblem } from '../core/billing/taxId.js';
import { ConfigSchema, PLACEHOLDER_DISTRIBUTOR, type Config } from './schema.js';

export interface ConfigIssue {
  key: string;
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: ConfigIssue[] };

const envName = (path: string[]) => 'SAHA_' + path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');

/** Every leaf key of the schema with its env variable name and schema. */
export function configKeys(schema: TSchema = ConfigSchema, path: string[] = []): { path: string[]; env: string; schema: TSchema }[] {
  const props = (schema as { properties?: Record<string, TSchema> }).properties;
  if (props && (schema as { type?: string }).type === 'object') {
    return Object.entries(props).flatMap(([k, s]) => configKeys(s, [...path, k]));
  }
  return [{ path, env: envName(path), schema }];
}

function coerce(raw: string, s: TSchema): unknown {
  const t = (s as { type?: string }).type;
  const anyOf = (s as { anyOf?: { const?: unknown }[] }).anyOf;
  if (t === 'integer' || t === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (t === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (anyOf && anyOf.every((x) => typeof x.const === 'number')) return /^\d+$/.test(raw) ? Number(raw) : raw;
  if (t === 'object') {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

function setPath(obj: Record<string, unknown>, path: string[], v: unknown) {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[path[path.length - 1]!] = v;
}

export function loadConfig(input: { fileText?: string; fileName?: string; env?: Record<string, string | undefined> }): ConfigResult {
  const errors: ConfigIssue[] = [];
  let fromFile: Record<string, unknown> = {};
  // A byte order mark (Windows editors write one) is not JSON, but the file is fine without it.
  const text = input.fileText?.replace(/^\uFEFF/, '');
  if (text !== undefined && text.trim() === '') {
    // An empty file is a config that was lost or never written (a full disk, a copy cut short): the
    // defaults would start the app in demo mode on a device, with demo hardware and numbers.
    errors.push({
      key: '(file)',
      message: `${input.fileName ?? 'config'} is empty; a device config names at least mode, deviceId and mqtt.url (no config file at all means demo mode)`,
    });
  } else if (text !== undefined) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        errors.push({ key: '(file)', message: 'must be a JSON object' });
      else fromFile = parsed as Record<string, unknown>;
    } catch (e) {
      errors.push({ key: '(file)', message: `${input.fileName ?? 'config'} is not valid JSON: ${(e as Error).message}` });
    }
  }
  const merged = structuredClone(fromFile);
  for (const k of configKeys()) {
    const raw = input.env?.[k.env];
    if (raw !== undefined && raw !== '') setPath(merged, k.path, coerce(raw, k.schema));
  }
  // The one validation helper (src/core/validation/check.ts); each problem also names the
  // environment variable that sets the key, for the technician who fixes it.
  const withDefaults = Value.Default(ConfigSchema, merged) as Record<string, unknown>;
  const checked = check(ConfigSchema, withDefaults);
  if (!checked.ok)
    for (const e of checked.errors) {
      const env = configKeys().find((k) => k.path.join('.') === e.key)?.env;
      errors.push({ key: e.key, message: `${e.message}${env ? ` [env ${env}]` : ''}` });
    }
  const rules = parseReadingRules((withDefaults as { reading?: unknown }).reading ?? {}, { keyPrefix: 'reading' });
  if (!rules.ok) for (const r of rules.errors) errors.push({ key: r.key, message: r.message });
  if (!errors.length) errors.push(...tariffBoundsErrors((withDefaults as Config).tariffBounds));
  if (!errors.length) errors.push(...distributorErrors(withDefaults as Config));
  if (errors.length) return { ok: false, errors: dedupe(errors) };
  return { ok: true, config: withDefaults as Config };
}

function dedupe(errors: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true)));
}

export function configError(errors: ConfigIssue[], file?: string): AppError {
  return new AppError(
    `configuration${file ? ` ${file}` : ''} has ${errors.length} problem(s):\n${errors.map((e) => `  ${e.key}: ${e.message}`).join('\n')}`,
    ErrorCode.Config_Invalid,
    { context: { keys: errors.map((e) => e.key) } },
  );
}

/**
 * A device prints the visuals of real e-Arşiv invoices, seller identity included: it refuses to
 * start while the distributor is still the shipped sample (demo mode keeps it), and the tax
 * number must pass the VKN/TCKN check digits (src/core/billing/taxId.ts).
 */
function distributorErrors(c: Config): ConfigIssue[] {
  // Two series, two sequences: a bilgi fişi must never take a number the e-Arşiv series could issue.
  const out: ConfigIssue[] =
    c.infoSlipSeries === c.invoiceSeries ? [{ key: 'infoSlipSeries', message: `must differ from invoiceSeries ${c.invoiceSeries}` }] : [];
  if (c.mode !== 'device') return out;
  const fix = "set the distributor's identity at provisioning (--reference) or in the config";
  if (c.distributor.title.trim() === PLACEHOLDER_DISTRIBUTOR.title)
    out.push({ key: 'distributor.title', message: `is the shipped sample "${PLACEHOLDER_DISTRIBUTOR.title}": ${fix}` });
  if (c.distributor.taxNo === PLACEHOLDER_DISTRIBUTOR.taxNo)
    out.push({ key: 'distributor.taxNo', message: `is the shipped sample ${PLACEHOLDER_DISTRIBUTOR.taxNo}: ${fix}` });
  else {
    const problem = taxIdProblem(c.distributor.taxNo, true);
    if (problem) out.push({ key: 'distributor.taxNo', message: problem });
  }
  return out;
}

/** A range whose minimum is above its maximum would refuse every tariff: say so at start instead. */
function tariffBoundsErrors(b: Config['tariffBounds']): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const k of ['vatRate', 'correctionFactor', 'calorificValueKcalPerM3', 'unitPricePerKwh'] as const) {
    if (dec(b[k].min).gt(b[k].max)) out.push({ key: `tariffBounds.${k}`, message: `min ${b[k].min} is above max ${b[k].max}` });
  }
  return out;
}
