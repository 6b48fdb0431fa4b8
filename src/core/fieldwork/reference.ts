/**
 * Reference data for field work (cut, reconnection, meter exchange): the regulatory parameters of
 * DMHY art. 44–46 (docs/domain.md §3), working hours and the official holiday calendar, the lock-seal
 * number format, the safety checklists and the "not done" outcome codes. All of it is data from
 * the back office: defaults ship in device/reference/, a device may override them from a file
 * named in config (later: a retained reference topic). `parseFieldWorkReference` checks the whole
 * thing against FieldWorkReferenceSchema and returns every problem at once, each naming its key.
 */
import { Type, type Static, type TArray, type TSchema } from '@sinclair/typebox';
import { dec, isDecimalString } from '../billing/decimal.js';
import { NOTICE_CHANNELS } from '../contract/job.js';
import { holidayCalendar } from '../time/holidays.js';
import { CUT_PRECONDITIONS, SOURCED_RULES, type RuleSource, type SourcedRule } from './gates.js';
import { DEFAULT_INDEX_TOLERANCE } from './reconnectCheck.js';
import { CHECKLIST_KINDS, type ChecklistKind, type FieldWorkReference, type ReferenceParse } from './referenceTypes.js';
import { check, DATE_PATTERN, decimal, flag, isRecord, oneOf, TIME_PATTERN, wholeNumber, type Report } from '../validation/index.js';

export * from './referenceTypes.js';
export * from './gates.js';

/** Minutes since midnight of an "HH:MM" the parser accepted. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const TIME = new RegExp(TIME_PATTERN);
const nonEmpty = (opts: { errorMessage?: string; maxLength?: number } = {}) =>
  Type.String({ pattern: '\\S', errorMessage: 'must be a non-empty string', ...opts });
const time = (errorMessage = 'must be a time HH:MM') => Type.String({ pattern: TIME_PATTERN, errorMessage });
/** m³ and TL figures may be JSON numbers or decimal strings; either way they become decimal strings. */
const amount = () =>
  Type.Union([Type.Number({ minimum: 0 }), decimal({ min: '0' })], { errorMessage: 'must be a non-negative decimal such as "50"' });
const twoDigits = (errorMessage: string) => Type.String({ pattern: '^[0-9]{2}$', errorMessage });
const perKind = <T extends TSchema>(item: T) =>
  Type.Object(
    Object.fromEntries(
      CHECKLIST_KINDS.map((k) => [
        k,
        Type.Array(item, {
          minItems: 1,
          maxItems: 40,
          errorMessage: 'must be a non-empty list of at most 40 items (the event carries at most 50 answers)',
        }),
      ]),
    ) as Record<ChecklistKind, TArray<T>>,
    { additionalProperties: false },
  );

const ChecklistItemSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]{1,64}$', errorMessage: 'must be 1–64 of a–z 0–9 -' }),
    label: nonEmpty({ maxLength: 200, errorMessage: 'must be a non-empty string of at most 200 characters' }),
    question: Type.Optional(nonEmpty({ maxLength: 200, errorMessage: 'must be a non-empty string of at most 200 characters' })),
    safe: Type.Optional(nonEmpty({ maxLength: 40, errorMessage: 'must be a non-empty answer of at most 40 characters' })),
    unsafe: Type.Optional(nonEmpty({ maxLength: 40, errorMessage: 'must be a non-empty answer of at most 40 characters' })),
    phase: Type.Optional(oneOf(['before', 'after'])),
    hazard: Type.Optional(flag()),
    opensValve: Type.Optional(flag()),
    failCode: Type.Optional(twoDigits('must be a two-digit not-done code')),
  },
  { additionalProperties: false, errorMessage: 'must be an object' },
);

const NotDoneCodeSchema = Type.Object(
  {
    code: twoDigits('must be two digits (the contract reasonCode)'),
    label: nonEmpty(),
    requiresNote: Type.Optional(flag()),
    noticeLeft: Type.Optional(flag()),
    emergency: Type.Optional(flag()),
    wrongMeter: Type.Optional(flag()),
  },
  { additionalProperties: false, errorMessage: 'must be an object' },
);

/** The reference file's shape (device/reference/fieldwork.json merged with the holiday file). Unknown keys are errors. */
export const FieldWorkReferenceSchema = Type.Object(
  {
    $comment: Type.Optional(Type.Unknown()),
    version: nonEmpty(),
    timeZone: Type.Optional(Type.Literal('Europe/Istanbul', { errorMessage: 'only Europe/Istanbul is supported' })),
    workingHours: Type.Object(
      {
        days: Type.Array(wholeNumber(1, 7, { errorMessage: 'must be an ISO weekday 1 (Monday)–7 (Sunday)' }), {
          minItems: 1,
          uniqueItems: true,
          errorMessage: 'must be a non-empty list of ISO weekdays 1 (Monday)–7 (Sunday), each once',
        }),
        start: time(),
        end: time(),
      },
      { additionalProperties: false },
    ),
    holidays: Type.Array(
      Type.Object(
        {
          date: Type.String({ pattern: DATE_PATTERN, errorMessage: 'must be a date YYYY-MM-DD' }),
          name: nonEmpty(),
          from: Type.Optional(time('must be a time HH:MM (half-day holiday from then on)')),
          assumed: Type.Optional(Type.Unknown()),
        },
        { additionalProperties: false, errorMessage: 'must be an object {date, name, from?}' },
      ),
      { errorMessage: 'must be a list of {date, name, from?}' },
    ),
    holidayCalendar: Type.Optional(
      Type.Object(
        {
          $comment: Type.Optional(Type.Unknown()),
          computeFrom: wholeNumber(2000, 2200),
          computeTo: wholeNumber(2000, 2200),
        },
        { additionalProperties: false },
      ),
    ),
    cut: Type.Object(
      {
        minUnpaidM3: amount(),
        // Kept for old override files; only true: a missing unpaid m³ always blocks a cut (issue 18).
        requireUnpaidM3: Type.Optional(
          Type.Literal(true, { errorMessage: 'must be true: a cut without debt.unpaidConsumptionM3 is blocked' }),
        ),
        minDaysPastDue: wholeNumber(0, 365),
        pastDueCountsCutDay: Type.Optional(flag()),
        minNoticeWorkingDays: wholeNumber(0, 60),
        noticeCountsCutDay: flag(),
        minNoticeChannels: wholeNumber(0, 10),
        writtenChannels: Type.Array(oneOf(NOTICE_CHANNELS, { errorMessage: `must be a notice channel (${NOTICE_CHANNELS.join(', ')})` }), {
          errorMessage: 'must be a list of notice channels (may be empty)',
        }),
        protectedMinUnpaidPeriods: Type.Optional(wholeNumber(1, 24)),
        sources: Type.Record(
          Type.String(),
          Type.Object(
            { source: nonEmpty(), wording: oneOf(['verified', 'unverified']) },
            { additionalProperties: false, errorMessage: 'must be {source, wording: verified|unverified}' },
          ),
        ),
        syncFreshnessMinutes: wholeNumber(1, 24 * 60),
        overridable: Type.Array(
          oneOf(CUT_PRECONDITIONS, { errorMessage: `unknown precondition (known: ${CUT_PRECONDITIONS.join(', ')})` }),
          { errorMessage: `must be a list of precondition ids (${CUT_PRECONDITIONS.join(', ')})` },
        ),
        minOverrideReasonLength: wholeNumber(1, 200),
        reconnectFee: amount(),
      },
      { additionalProperties: false },
    ),
    sealFormat: Type.Object({ pattern: nonEmpty(), example: nonEmpty(), maxLength: wholeNumber(1, 32) }, { additionalProperties: false }),
    reconnect: Type.Optional(Type.Object({ indexTolerance: wholeNumber(0, 1000) }, { additionalProperties: false })),
    checklists: perKind(ChecklistItemSchema),
    notDoneCodes: perKind(NotDoneCodeSchema),
  },
  { additionalProperties: false },
);

type Raw = Static<typeof FieldWorkReferenceSchema>;

/** An amount as an exact decimal string, or undefined (1e21 is a number but not a decimal). */
const amountOf = (v: unknown): string | undefined => {
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  return s !== undefined && isDecimalString(s) && !dec(s).lt(0) ? s : undefined;
};

/** What the schema cannot say: order of times, repeats, a valid and anchored seal pattern, codes that exist. */
function rules(root: unknown, report: Report): void {
  const at = (v: unknown, ...path: (string | number)[]): unknown =>
    path.reduce<unknown>((o, k) => (isRecord(o) || Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined), v);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const [start, end] = [str(at(root, 'workingHours', 'start')), str(at(root, 'workingHours', 'end'))];
  if (start && end && TIME.test(start) && TIME.test(end) && minutesOf(start) >= minutesOf(end))
    report('workingHours.end', 'must be after workingHours.start');
  const dates = new Set<string>();
  list(at(root, 'holidays')).forEach((h, i) => {
    const d = str(at(h, 'date'));
    if (d !== undefined && dates.has(d)) report(`holidays[${i}].date`, `${d} is listed twice`, 'duplicate');
    if (d !== undefined) dates.add(d);
  });
  const from = at(root, 'holidayCalendar', 'computeFrom');
  const to = at(root, 'holidayCalendar', 'computeTo');
  if (typeof from === 'number' && typeof to === 'number' && (to < from || to - from > 20))
    report('holidayCalendar.computeTo', 'must be from computeFrom to computeFrom + 20');
  const sources = at(root, 'cut', 'sources');
  if (isRecord(sources)) {
    for (const r of SOURCED_RULES)
      if (!(r in sources)) report(`cut.sources.${r}`, 'is required: every legal rule names its source', 'required');
    for (const k of Object.keys(sources))
      if (!(SOURCED_RULES as readonly string[]).includes(k))
        report(`cut.sources.${k}`, `unknown rule (known: ${SOURCED_RULES.join(', ')})`);
  }
  for (const k of ['minUnpaidM3', 'reconnectFee']) {
    const v = at(root, 'cut', k);
    if (v !== undefined && amountOf(v) === undefined) report(`cut.${k}`, 'must be a non-negative decimal such as "50"', 'type');
  }
  list(at(root, 'cut', 'overridable')).forEach((x, i) => {
    if (x === 'not-cancelled') report(`cut.overridable[${i}]`, 'a cancelled job can never be cut (contract: job.cancel)');
  });
  const pattern = str(at(root, 'sealFormat', 'pattern'));
  let seal: RegExp | undefined;
  try {
    seal = pattern ? new RegExp(pattern) : undefined;
  } catch {
    report('sealFormat.pattern', 'is not a valid regular expression');
  }
  if (seal && pattern && !(pattern.startsWith('^') && pattern.endsWith('$'))) report('sealFormat.pattern', 'must be anchored (^…$)');
  const example = str(at(root, 'sealFormat', 'example'));
  if (seal && example && !seal.test(example)) report('sealFormat.example', 'does not match sealFormat.pattern');
  for (const kind of CHECKLIST_KINDS) {
    const once = (section: string, field: string) => {
      const seen = new Set<unknown>();
      list(at(root, section, kind)).forEach((x, i) => {
        const id = str(at(x, field));
        if (id !== undefined && seen.has(id)) report(`${section}.${kind}[${i}]`, `id ${id} is listed twice`, 'duplicate');
        seen.add(id);
      });
    };
    once('checklists', 'id');
    once('notDoneCodes', 'code');
    // A failCode must name a not-done code of the same kind.
    const codes = list(at(root, 'notDoneCodes', kind)).map((n) => at(n, 'code'));
    list(at(root, 'checklists', kind)).forEach((it, i) => {
      const [safe, unsafe] = [str(at(it, 'safe')), str(at(it, 'unsafe'))];
      if (safe !== undefined && safe === unsafe)
        report(`checklists.${kind}[${i}].unsafe`, 'must differ from safe (the slip prints the answer)');
      const fc = str(at(it, 'failCode'));
      if (fc && codes.length && !codes.includes(fc)) report(`checklists.${kind}[${i}].failCode`, `${fc} is not in notDoneCodes.${kind}`);
    });
  }
}

/**
 * Validates reference data (the merged JSON) against FieldWorkReferenceSchema with the shared
 * helper (src/core/validation). Unknown keys are errors: a typo must not fall back to a default silently.
 */
export function parseFieldWorkReference(raw: unknown): ReferenceParse {
  const r = check(FieldWorkReferenceSchema, raw, { rules });
  if (!r.ok) return { ok: false, errors: r.errors.map((e) => ({ key: e.key, message: e.message })) };
  return { ok: true, reference: build(r.value) };
}

function build(v: Raw): FieldWorkReference {
  const cal = holidayCalendar({
    official: v.holidays.map((h) => ({ date: h.date, name: h.name, ...(h.from !== undefined ? { from: h.from } : {}) })),
    ...(v.holidayCalendar ? { computeYears: { from: v.holidayCalendar.computeFrom, to: v.holidayCalendar.computeTo } } : {}),
  });
  const kinds = <T, U>(m: Record<ChecklistKind, readonly T[]>, f: (t: T) => U) =>
    Object.fromEntries(CHECKLIST_KINDS.map((k) => [k, m[k].map(f)])) as Record<ChecklistKind, U[]>;
  const c = v.cut;
  return {
    version: v.version,
    timeZone: v.timeZone ?? 'Europe/Istanbul',
    workingHours: { days: [...v.workingHours.days], start: v.workingHours.start, end: v.workingHours.end },
    holidays: cal.days.map((h) => ({ ...h })),
    holidayYears: cal.years,
    cut: {
      minUnpaidM3: amountOf(c.minUnpaidM3)!,
      minDaysPastDue: c.minDaysPastDue,
      pastDueCountsCutDay: c.pastDueCountsCutDay ?? false,
      minNoticeWorkingDays: c.minNoticeWorkingDays,
      noticeCountsCutDay: c.noticeCountsCutDay,
      minNoticeChannels: c.minNoticeChannels,
      writtenChannels: [...c.writtenChannels],
      protectedMinUnpaidPeriods: c.protectedMinUnpaidPeriods ?? 3,
      sources: c.sources as Record<SourcedRule, RuleSource>,
      syncFreshnessMinutes: c.syncFreshnessMinutes,
      overridable: [...new Set(c.overridable)],
      minOverrideReasonLength: c.minOverrideReasonLength,
      reconnectFee: amountOf(c.reconnectFee)!,
    },
    sealFormat: { ...v.sealFormat },
    reconnect: { indexTolerance: v.reconnect?.indexTolerance ?? DEFAULT_INDEX_TOLERANCE },
    checklists: kinds(v.checklists, (o) => ({
      id: o.id,
      label: o.label,
      question: o.question ?? o.label,
      // Without wording of its own, a hazard question ("… var mı?") is safe on "no".
      safe: o.safe ?? (o.hazard ? 'HAYIR' : 'EVET'),
      unsafe: o.unsafe ?? (o.hazard ? 'EVET' : 'HAYIR'),
      phase: o.phase ?? 'before',
      hazard: o.hazard ?? false,
      opensValve: o.opensValve ?? false,
      ...(o.failCode ? { failCode: o.failCode } : {}),
    })),
    notDoneCodes: kinds(v.notDoneCodes, (o) => ({
      code: o.code,
      label: o.label,
      requiresNote: o.requiresNote ?? false,
      noticeLeft: o.noticeLeft ?? false,
      emergency: o.emergency ?? false,
      wrongMeter: o.wrongMeter ?? false,
    })),
  };
}

/**
 * Merges an override (back office / config file) onto the defaults: top-level sections that are
 * objects merge key by key (one level: `cut.syncFreshnessMinutes` alone may be overridden, a
 * checklist list is replaced whole); lists and scalars replace.
 */
export function mergeReference(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isRecord(v) && isRecord(base[k]) ? { ...(base[k] as object), ...v } : v;
  return out;
}
