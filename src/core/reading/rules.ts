/**
 * Reading validation rules (domain.md §2). Industry practice, not regulation, so every value is
 * configurable; the defaults are the figures domain.md gives.
 *
 * The number of dials is not a rule: it comes with each meter in the job (meter.digits).
 */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { dec, isDecimalString } from '../billing/decimal.js';
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
}

export const DEFAULT_READING_RULES: ReadingRules = Object.freeze({
  highFactor: '2.5',
  lowFactor: '0.3',
  heatingSeasonMonths: Object.freeze([10, 11, 12, 1, 2, 3, 4]),
  zeroIsSuspectInHeatingSeason: true,
  revealLimits: false,
  noReadCodes: DEFAULT_NO_READ_CODES,
  noteMaxLength: 200,
});

export type RuleIssueCode = 'not-object' | 'unknown-key' | 'type' | 'range' | 'required' | 'duplicate' | 'empty';

/** One problem in a rules object, naming the config key it sits at. */
export interface RuleIssue {
  readonly key: string;
  readonly code: RuleIssueCode;
  readonly message: string;
}

export type RulesParse = { ok: true; rules: ReadingRules } | { ok: false; errors: readonly RuleIssue[] };

const RULE_KEYS = Object.keys(DEFAULT_READING_RULES) as (keyof ReadingRules)[];
const CODE_KEYS = ['code', 'label', 'requiresNote', 'followUp'];
/** A pick-list label must fit one line of the 40-column screen. */
const LABEL_MAX = 40;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Builds rules from a config section (parsed YAML/JSON): keys left out keep their defaults,
 * unknown keys are errors (a typo must not silently fall back to a default). Returns every problem
 * at once, each naming its key under `keyPrefix` (e.g. "reading.highFactor").
 * Factors may be given as numbers or decimal strings; they are kept as decimal strings.
 */
export function parseReadingRules(raw: unknown, opts: { keyPrefix?: string } = {}): RulesParse {
  const base = opts.keyPrefix ?? '';
  const at = (k: string) => (base ? `${base}.${k}` : k);
  const errors: RuleIssue[] = [];
  const issue = (key: string, code: RuleIssueCode, message: string) => errors.push({ key, code, message });

  if (raw === undefined || raw === null) return { ok: true, rules: DEFAULT_READING_RULES };
  if (!isObject(raw)) {
    issue(base || '(root)', 'not-object', 'must be an object of reading rules');
    return { ok: false, errors };
  }
  for (const k of Object.keys(raw)) {
    if (!(RULE_KEYS as string[]).includes(k)) issue(at(k), 'unknown-key', `unknown key (known: ${RULE_KEYS.join(', ')})`);
  }

  const factor = (k: 'highFactor' | 'lowFactor'): string | undefined => {
    const v = raw[k];
    if (v === undefined) return DEFAULT_READING_RULES[k];
    const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : undefined;
    if (s === undefined || !isDecimalString(s)) {
      issue(at(k), 'type', 'must be a decimal number such as 2.5');
      return undefined;
    }
    return s;
  };
  const bool = (k: 'zeroIsSuspectInHeatingSeason' | 'revealLimits'): boolean | undefined => {
    const v = raw[k];
    if (v === undefined) return DEFAULT_READING_RULES[k];
    if (typeof v !== 'boolean') {
      issue(at(k), 'type', 'must be true or false');
      return undefined;
    }
    return v;
  };

  const highFactor = factor('highFactor');
  const lowFactor = factor('lowFactor');
  if (highFactor !== undefined && dec(highFactor).lt(1)) issue(at('highFactor'), 'range', 'must be at least 1');
  if (lowFactor !== undefined && (dec(lowFactor).lt(0) || dec(lowFactor).gt(1))) issue(at('lowFactor'), 'range', 'must be between 0 and 1');
  if (highFactor !== undefined && lowFactor !== undefined && !dec(lowFactor).lt(highFactor)) {
    issue(at('lowFactor'), 'range', 'must be below highFactor');
  }

  let heatingSeasonMonths: readonly number[] | undefined = DEFAULT_READING_RULES.heatingSeasonMonths;
  if (raw.heatingSeasonMonths !== undefined) {
    const v = raw.heatingSeasonMonths;
    heatingSeasonMonths = undefined;
    if (!Array.isArray(v)) issue(at('heatingSeasonMonths'), 'type', 'must be a list of months 1–12 (may be empty)');
    else {
      let good = true;
      v.forEach((m, i) => {
        if (!Number.isInteger(m) || (m as number) < 1 || (m as number) > 12) {
          issue(at(`heatingSeasonMonths[${i}]`), 'range', 'must be a month number 1–12');
          good = false;
        } else if (v.indexOf(m) !== i) {
          issue(at(`heatingSeasonMonths[${i}]`), 'duplicate', `month ${m} is listed twice`);
          good = false;
        }
      });
      if (good) heatingSeasonMonths = Object.freeze([...(v as number[])]);
    }
  }

  const zeroIsSuspectInHeatingSeason = bool('zeroIsSuspectInHeatingSeason');
  const revealLimits = bool('revealLimits');

  let noteMaxLength: number | undefined = DEFAULT_READING_RULES.noteMaxLength;
  if (raw.noteMaxLength !== undefined) {
    const v = raw.noteMaxLength;
    noteMaxLength = undefined;
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 1000) issue(at('noteMaxLength'), 'range', 'must be a whole number 1–1000');
    else noteMaxLength = v as number;
  }

  let noReadCodes: readonly NoReadCode[] | undefined = DEFAULT_READING_RULES.noReadCodes;
  if (raw.noReadCodes !== undefined) noReadCodes = parseNoReadCodes(raw.noReadCodes, at('noReadCodes'), issue);

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    rules: Object.freeze({
      highFactor: highFactor!,
      lowFactor: lowFactor!,
      heatingSeasonMonths: heatingSeasonMonths!,
      zeroIsSuspectInHeatingSeason: zeroIsSuspectInHeatingSeason!,
      revealLimits: revealLimits!,
      noReadCodes: noReadCodes!,
      noteMaxLength: noteMaxLength!,
    }),
  };
}

function parseNoReadCodes(
  v: unknown,
  key: string,
  issue: (key: string, code: RuleIssueCode, message: string) => void,
): readonly NoReadCode[] | undefined {
  if (!Array.isArray(v)) {
    issue(key, 'type', 'must be a list of { code, label, requiresNote, followUp }');
    return undefined;
  }
  // Without at least one code a reader at a locked door could record nothing at all.
  if (v.length === 0) {
    issue(key, 'empty', 'must list at least one no-read code');
    return undefined;
  }
  const out: NoReadCode[] = [];
  const seen = new Set<string>();
  let good = true;
  const bad = (k: string, code: RuleIssueCode, message: string) => {
    issue(k, code, message);
    good = false;
  };
  v.forEach((e, i) => {
    const k = `${key}[${i}]`;
    if (!isObject(e)) return bad(k, 'type', 'must be an object { code, label, requiresNote, followUp }');
    for (const x of Object.keys(e)) {
      if (!CODE_KEYS.includes(x)) bad(`${k}.${x}`, 'unknown-key', `unknown key (known: ${CODE_KEYS.join(', ')})`);
    }
    const { code, label, requiresNote, followUp } = e;
    if (code === undefined) bad(`${k}.code`, 'required', 'is required');
    else if (typeof code !== 'string' || !/^[0-9]{2}$/.test(code)) bad(`${k}.code`, 'type', 'must be two digits as a string, e.g. "07"');
    else if (seen.has(code)) bad(`${k}.code`, 'duplicate', `code ${code} is listed twice`);
    else seen.add(code);
    if (label === undefined) bad(`${k}.label`, 'required', 'is required');
    else if (typeof label !== 'string' || label.trim() === '') bad(`${k}.label`, 'type', 'must be non-empty text');
    else if ([...label.trim()].length > LABEL_MAX) bad(`${k}.label`, 'range', `must fit the screen: at most ${LABEL_MAX} characters`);
    if (requiresNote !== undefined && typeof requiresNote !== 'boolean') bad(`${k}.requiresNote`, 'type', 'must be true or false');
    if (followUp !== undefined && typeof followUp !== 'boolean') bad(`${k}.followUp`, 'type', 'must be true or false');
    // Only read when every check so far passed, so the casts below are safe.
    if (good) {
      out.push(Object.freeze({
        code: code as string,
        label: (label as string).trim(),
        requiresNote: (requiresNote as boolean | undefined) ?? false,
        followUp: (followUp as boolean | undefined) ?? false,
      }));
    }
  });
  return good ? Object.freeze(out) : undefined;
}

/** For the config loader: one AppError carrying every issue, its message one line per key. */
export function readingRulesError(errors: readonly RuleIssue[]): AppError {
  return new AppError(
    `invalid reading rules:\n${errors.map((e) => `  ${e.key}: ${e.message}`).join('\n')}`,
    ErrorCode.Config_Invalid,
    { context: { issues: errors.map((e) => ({ key: e.key, code: e.code })) } },
  );
}
