/**
 * Reading validation rules (docs/domain.md §2). Industry practice, not regulation, so every value is
 * configurable; the defaults are the figures docs/domain.md gives.
 *
 * The number of dials is not a rule: it comes with each meter in the job (meter.digits).
 */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { Type } from '@sinclair/typebox';
import { dec, isDecimalString } from '../billing/decimal.js';
import { check, DECIMAL_PATTERN, flag, isRecord, wholeNumber, type Issue, type IssueCode, type Report } from '../validation/index.js';
import { METER_CLASSES, type MeterClass } from '../billing/meterClass.js';
import { DEFAULT_METER_CLASS } from '../billing/plausibility.js';
import { DEFAULT_NO_READ_CODES, type NoReadCode } from './noReadCodes.js';

export interface ReadingRules {
  /** Decimal string. Consumption strictly above highFactor × expected is flagged 'high'. */
  readonly highFactor: string;
  /** Decimal string. Consumption strictly below lowFactor × expected is flagged 'low'. "0" turns the check off. */
  readonly lowFactor: string;
  /** Months (1–12) of the heating season, judged on the reading date. *Assumed* default Oct–Apr. */
  readonly heatingSeasonMonths: readonly number[];
  /** Zero consumption on an active meter in the heating season is flagged 'zero'. */
  readonly zeroIsSuspectInHeatingSeason: boolean;
  /**
   * Show the limits (and the previous index) in messages. Off by default: a reader who knows the
   * window can invent a plausible index without visiting the meter, so the message then says only
   * "unusual, re-key".
   */
  readonly revealLimits: boolean;
  /** The no-read pick list. Configuring it replaces the whole list. */
  readonly noReadCodes: readonly NoReadCode[];
  /** Longest free-text note on a no-read, in characters. */
  readonly noteMaxLength: number;
  /** The class assumed for a meter the job names none for: its maximum flow caps a plausible reading (docs/invoice.md). */
  readonly defaultMeterClass: MeterClass;
  /** An open-ended tariff refuses a period ending more than this many days after its validFrom (docs/invoice.md). */
  readonly maxTariffAgeDays: number;
  /** The no-read code recorded when the crew suspects tampering behind an impossible lower index (default 09). */
  readonly tamperNoReadCode: string;
  /**
   * A billed reading above highFactor × expected but under the meter class's ceiling, once re-keyed
   * identically: 'supervisor' (default) asks for a supervisor's id and PIN and bills it on the spot;
   * 'hold-for-office' records it without a bill, which the office issues after review (docs/invoice.md
   * "Plausibility").
   */
  readonly highConsumption: HighConsumptionPolicy;
}

export const HIGH_CONSUMPTION_POLICIES = ['supervisor', 'hold-for-office'] as const;
export type HighConsumptionPolicy = (typeof HIGH_CONSUMPTION_POLICIES)[number];

export const DEFAULT_READING_RULES: ReadingRules = Object.freeze({
  highFactor: '2.5',
  lowFactor: '0.3',
  heatingSeasonMonths: Object.freeze([10, 11, 12, 1, 2, 3, 4]),
  zeroIsSuspectInHeatingSeason: true,
  revealLimits: false,
  noReadCodes: DEFAULT_NO_READ_CODES,
  noteMaxLength: 200,
  defaultMeterClass: DEFAULT_METER_CLASS,
  tamperNoReadCode: '09',
  maxTariffAgeDays: 62,
  highConsumption: 'supervisor',
});

/** What kind of problem (src/core/validation/messages.ts); tests and the loader branch on it. */
export type RuleIssueCode = IssueCode;

/** One problem in a rules object, naming the config key it sits at. */
export type RuleIssue = Issue;

export type RulesParse = { ok: true; rules: ReadingRules } | { ok: false; errors: readonly RuleIssue[] };

/** A pick-list label must fit one line of the 40-column screen. */
const LABEL_MAX = 40;

/** Factors may be JSON numbers or decimal strings; either way they become exact decimal strings. */
const Factor = Type.Union([Type.Number(), Type.String({ pattern: DECIMAL_PATTERN })], {
  errorMessage: 'must be a decimal number such as 2.5',
});

const NoReadCodeSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{2}$', errorMessage: 'must be two digits as a string, e.g. "07"' }),
    label: Type.String({
      minLength: 1,
      maxLength: LABEL_MAX,
      pattern: '\\S',
      errorMessage: `must be text that fits the screen: 1–${LABEL_MAX} characters`,
    }),
    requiresNote: Type.Optional(flag()),
    followUp: Type.Optional(flag()),
  },
  { additionalProperties: false, errorMessage: 'must be an object { code, label, requiresNote?, followUp? }' },
);

/** The `reading` section of the config; every key optional (left out: the default above). */
export const ReadingRulesSchema = Type.Object(
  {
    highFactor: Type.Optional(Factor),
    lowFactor: Type.Optional(Factor),
    heatingSeasonMonths: Type.Optional(
      Type.Array(wholeNumber(1, 12, { errorMessage: 'must be a month number 1–12', errorCode: 'range' }), {
        errorMessage: 'must be a list of months 1–12 (may be empty)',
      }),
    ),
    zeroIsSuspectInHeatingSeason: Type.Optional(flag()),
    revealLimits: Type.Optional(flag()),
    // Without at least one code a reader at a locked door could record nothing at all.
    noReadCodes: Type.Optional(
      Type.Array(NoReadCodeSchema, { minItems: 1, errorMessage: 'must be a non-empty list of { code, label, requiresNote?, followUp? }' }),
    ),
    noteMaxLength: Type.Optional(wholeNumber(1, 1000, { errorCode: 'range' })),
    defaultMeterClass: Type.Optional(
      Type.Union(
        METER_CLASSES.map((c) => Type.Literal(c)),
        { errorMessage: `must be one of ${METER_CLASSES.join(', ')}` },
      ),
    ),
    maxTariffAgeDays: Type.Optional(wholeNumber(1, 3660, { errorCode: 'range' })),
    tamperNoReadCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', errorMessage: 'must be two digits as a string, e.g. "09"' })),
    highConsumption: Type.Optional(
      Type.Union(
        HIGH_CONSUMPTION_POLICIES.map((p) => Type.Literal(p)),
        { errorMessage: `must be one of ${HIGH_CONSUMPTION_POLICIES.join(', ')}` },
      ),
    ),
  },
  { additionalProperties: false, errorMessage: 'must be an object of reading rules' },
);

/** A factor as an exact decimal string, or undefined when it is not one (1e-7 is not: no exponents). */
function factorOf(v: unknown): string | undefined {
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  return s !== undefined && isDecimalString(s) ? s : undefined;
}

/** What the schema cannot say: a number written with an exponent, bounds of the factors against each other, repeats. */
function rules(v: unknown, report: Report): void {
  if (!isRecord(v)) return;
  const high = v.highFactor === undefined ? DEFAULT_READING_RULES.highFactor : factorOf(v.highFactor);
  const low = v.lowFactor === undefined ? DEFAULT_READING_RULES.lowFactor : factorOf(v.lowFactor);
  if (high === undefined) report('highFactor', 'must be a decimal number such as 2.5', 'type');
  if (low === undefined) report('lowFactor', 'must be a decimal number such as 0.3', 'type');
  if (high !== undefined && dec(high).lt(1)) report('highFactor', 'must be at least 1', 'range');
  if (low !== undefined && (dec(low).lt(0) || dec(low).gt(1))) report('lowFactor', 'must be between 0 and 1', 'range');
  if (high !== undefined && low !== undefined && !dec(low).lt(high)) report('lowFactor', 'must be below highFactor', 'range');
  const months = Array.isArray(v.heatingSeasonMonths) ? v.heatingSeasonMonths : [];
  months.forEach((m, i) => {
    if (months.indexOf(m) !== i) report(`heatingSeasonMonths[${i}]`, `month ${String(m)} is listed twice`, 'duplicate');
  });
  const codes = Array.isArray(v.noReadCodes) ? v.noReadCodes : [];
  // Checked when configured; a custom list without the default 09 leaves the tampering choice
  // answering "unknown code" on the screen rather than failing the whole configuration.
  const tamper = v.tamperNoReadCode;
  const known =
    v.noReadCodes === undefined
      ? DEFAULT_READING_RULES.noReadCodes.map((c) => c.code)
      : codes.map((c) => (isRecord(c) ? c.code : undefined));
  if (typeof tamper === 'string' && !known.includes(tamper)) report('tamperNoReadCode', `code ${tamper} is not in noReadCodes`, 'range');
  const seen = new Set<unknown>();
  codes.forEach((c, i) => {
    const code = isRecord(c) ? c.code : undefined;
    if (typeof code !== 'string') return;
    if (seen.has(code)) report(`noReadCodes[${i}].code`, `code ${code} is listed twice`, 'duplicate');
    seen.add(code);
  });
}

/**
 * Builds rules from a config section (parsed YAML/JSON): keys left out keep their defaults,
 * unknown keys are errors (a typo must not silently fall back to a default). Returns every problem
 * at once, each naming its key under `keyPrefix` (e.g. "reading.highFactor").
 * Factors may be given as numbers or decimal strings; they are kept as decimal strings.
 */
export function parseReadingRules(raw: unknown, opts: { keyPrefix?: string } = {}): RulesParse {
  if (raw === undefined || raw === null) return { ok: true, rules: DEFAULT_READING_RULES };
  const r = check(ReadingRulesSchema, raw, { ...(opts.keyPrefix ? { keyPrefix: opts.keyPrefix } : {}), rules });
  if (!r.ok) return { ok: false, errors: r.errors };
  const v = r.value;
  const d = DEFAULT_READING_RULES;
  return {
    ok: true,
    rules: Object.freeze({
      highFactor: v.highFactor === undefined ? d.highFactor : factorOf(v.highFactor)!,
      lowFactor: v.lowFactor === undefined ? d.lowFactor : factorOf(v.lowFactor)!,
      heatingSeasonMonths: v.heatingSeasonMonths === undefined ? d.heatingSeasonMonths : Object.freeze([...v.heatingSeasonMonths]),
      zeroIsSuspectInHeatingSeason: v.zeroIsSuspectInHeatingSeason ?? d.zeroIsSuspectInHeatingSeason,
      revealLimits: v.revealLimits ?? d.revealLimits,
      noReadCodes:
        v.noReadCodes === undefined
          ? d.noReadCodes
          : Object.freeze(
              v.noReadCodes.map((c) =>
                Object.freeze({
                  code: c.code,
                  label: c.label.trim(),
                  requiresNote: c.requiresNote ?? false,
                  followUp: c.followUp ?? false,
                }),
              ),
            ),
      noteMaxLength: v.noteMaxLength ?? d.noteMaxLength,
      defaultMeterClass: v.defaultMeterClass ?? d.defaultMeterClass,
      tamperNoReadCode: v.tamperNoReadCode ?? d.tamperNoReadCode,
      maxTariffAgeDays: v.maxTariffAgeDays ?? d.maxTariffAgeDays,
      highConsumption: v.highConsumption ?? d.highConsumption,
    }),
  };
}

/** For the config loader: one AppError carrying every issue, its message one line per key. */
export function readingRulesError(errors: readonly RuleIssue[]): AppError {
  return new AppError(`invalid reading rules:\n${errors.map((e) => `  ${e.key}: ${e.message}`).join('\n')}`, ErrorCode.Config_Invalid, {
    context: { issues: errors.map((e) => ({ key: e.key, code: e.code })) },
  });
}
