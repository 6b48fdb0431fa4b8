/**
 * The crew's flow at one meter, as a pure state machine a UI can drive (docs/domain.md §2):
 *
 *   keying ──submit(ok)──────────────────────────────▶ done: reading
 *     │  ├─submit(above the meter class's ceiling, when billed)──▶ keying, refused (docs/invoice.md)
 *     │  └─submit(high/low/zero)──▶ rekey ──same index──▶ done: reading, override outlier-confirmed
 *     │                              │                 (high, when billed: ▶ supervise ──supervise(id)──▶ done)
 *     │                              └──other index──▶ keying ("entries differ")
 *     └─submit(lower than previous)─▶ choose ─rollover──▶ done: reading (rollover), or rekey when
 *                                       │                 the wrapped consumption is itself unusual;
 *                                       │                 offered only when the wrap is under the ceiling
 *                                       ├─meter-changed─▶ done: meter-changed (back office, no invoice)
 *                                       ├─tampering─────▶ done: no-read (rules.tamperNoReadCode), when no rollover is possible
 *                                       └─misread───────▶ keying
 *   any open step ──noRead(code, note)──▶ done: no-read     any open step ──cancel──▶ cancelled
 *
 * Each step returns a new state and never mutates its argument. Mistakes the crew can fix (bad
 * keypad text, a no-read note missing) come back as `notice` on the same step; calling a step the
 * current state does not allow is a UI bug and throws AppError Reading_WrongStep.
 * Overrides record operator and time; the time `at` (ISO-8601 with offset) is passed in by the
 * caller, so the machine stays deterministic. Overrides belong to the reading in progress: a
 * restart (differing re-key, misread) drops them with it.
 */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { meteredVolume } from '../billing/computeInvoice.js';
import { expectedConsumptionDec } from './expectedConsumption.js';
import { message, type Message } from './messages.js';
import { checkNoRead, type NoReadOutcome } from './noReadCodes.js';
import { parseKeyedIndex } from './parseKeyedIndex.js';
import type { ReadingRules } from './rules.js';
import type { LowerChoice, OutlierFlag, Override, ReadingFlag, ReadingMeter } from './types.js';
import { assertMeter, assessIndex, checkConsumption } from './validateReading.js';
import { isMeterClass } from '../billing/meterClass.js';
import { aboveCeiling } from '../billing/plausibility.js';

export interface EntryContext {
  readonly meter: ReadingMeter;
  /** YYYY-MM-DD, Europe/Istanbul. */
  readonly readDate: string;
  readonly rules: ReadingRules;
  readonly operatorId: string;
  /**
   * The index will be billed (the reading screen sets this): the meter class's ceiling applies,
   * a rollover is offered only under it, and a high consumption confirmed by an identical re-key
   * then needs a supervisor (docs/invoice.md "Plausibility"). The field-work flows, which record
   * an index without billing it, leave it off and keep the machine as it was.
   */
  readonly billed?: boolean;
}

/** A keyed index waiting for the crew's confirmation. */
export interface PendingReading {
  readonly index: number;
  readonly consumptionM3: number;
  readonly expectedM3?: string;
  readonly flags: readonly ReadingFlag[];
  readonly rollover: boolean;
  readonly overrides: readonly Override[];
}

export interface ReadingOutcome {
  readonly kind: 'reading';
  readonly index: number;
  readonly consumptionM3: number;
  readonly rollover: boolean;
  readonly outlierConfirmed: boolean;
  readonly overrides: readonly Override[];
}

/** The meter on site is not the one in the job: no invoice; the back office must follow up. */
export interface MeterChangedOutcome {
  readonly kind: 'meter-changed';
  /** What the crew keyed (presumably the new meter's index). */
  readonly index: number;
  readonly previousIndex: number;
  readonly followUp: true;
  readonly overrides: readonly Override[];
}

export type EntryOutcome = ReadingOutcome | MeterChangedOutcome | NoReadOutcome;

export type EntryState =
  | { readonly step: 'keying'; readonly ctx: EntryContext; readonly notice?: Message }
  | { readonly step: 'rekey'; readonly ctx: EntryContext; readonly pending: PendingReading; readonly notice: Message }
  | {
      readonly step: 'choose';
      readonly ctx: EntryContext;
      readonly pending: PendingReading;
      readonly allowed: readonly LowerChoice[];
      readonly notice: Message;
    }
  | { readonly step: 'supervise'; readonly ctx: EntryContext; readonly pending: PendingReading; readonly notice: Message }
  | { readonly step: 'done'; readonly ctx: EntryContext; readonly outcome: EntryOutcome }
  | { readonly step: 'cancelled'; readonly ctx: EntryContext };

type OpenState = Extract<EntryState, { step: 'keying' | 'rekey' | 'choose' | 'supervise' }>;

function wrongStep(state: EntryState, action: string): never {
  throw new AppError(`${action} is not allowed in step ${state.step}`, ErrorCode.Reading_WrongStep, {
    context: { step: state.step, action },
  });
}

function isOpen(state: EntryState): state is OpenState {
  return state.step === 'keying' || state.step === 'rekey' || state.step === 'choose' || state.step === 'supervise';
}

/** Starts at a meter. Throws Reading_Invalid when the job data cannot support validation. */
export function start(ctx: EntryContext): EntryState {
  assertMeter(ctx.meter);
  expectedConsumptionDec(ctx.meter, ctx.readDate); // validates the dates and expectedDailyM3 up front
  if (ctx.operatorId.trim() === '')
    throw new AppError('operator id is empty', ErrorCode.Reading_Invalid, { context: { field: 'operatorId' } });
  return { step: 'keying', ctx };
}

function reading(p: PendingReading, extra: readonly Override[] = []): ReadingOutcome {
  const overrides = [...p.overrides, ...extra];
  return {
    kind: 'reading',
    index: p.index,
    consumptionM3: p.consumptionM3,
    rollover: p.rollover,
    outlierConfirmed: overrides.some((o) => o.kind === 'outlier-confirmed'),
    overrides,
  };
}

/** The crew keyed an index (first entry, or the re-key the rekey step asks for). */
export function submit(state: EntryState, keyed: string, at: string): EntryState {
  const { ctx } = state;
  if (state.step === 'keying') {
    const parsed = parseKeyedIndex(keyed, ctx.meter.digits);
    if (!parsed.ok) return { step: 'keying', ctx, notice: parsed.message };
    const r = assessIndex(parsed.index, ctx.meter, ctx.readDate, ctx.rules);
    // Above what the meter can pass: refused outright, never billed on a re-key (docs/invoice.md).
    const lower = r.kind === 'needs-confirmation' && r.flags.includes('lower-than-previous');
    if (!lower && overCeiling(ctx, r.consumptionM3)) return { step: 'keying', ctx, notice: message('reading.aboveCeiling') };
    const pending: PendingReading = {
      index: r.index,
      consumptionM3: r.consumptionM3,
      ...(r.expectedM3 === undefined ? {} : { expectedM3: r.expectedM3 }),
      flags: r.flags,
      rollover: false,
      overrides: [],
    };
    if (r.kind === 'ok') return { step: 'done', ctx, outcome: reading(pending) };
    if (lower) {
      // A rollover is offered only when the wrapped consumption is one the meter could pass.
      if (overCeiling(ctx, r.consumptionM3))
        return { step: 'choose', ctx, pending, allowed: NO_ROLLOVER, notice: message('reading.lowerNoRollover') };
      return { step: 'choose', ctx, pending, allowed: r.allowed as readonly LowerChoice[], notice: r.message };
    }
    return { step: 'rekey', ctx, pending, notice: r.message };
  }
  if (state.step === 'rekey') {
    const parsed = parseKeyedIndex(keyed, ctx.meter.digits);
    // A typo in the re-key (blank, stray key) is not a differing index: stay and say what is wrong.
    if (!parsed.ok) return { ...state, notice: parsed.message };
    if (parsed.index !== state.pending.index) return { step: 'keying', ctx, notice: message('reading.rekeyMismatch') };
    const p = state.pending;
    const confirmed: Override = {
      kind: 'outlier-confirmed',
      flags: p.flags.filter((f): f is OutlierFlag => f !== 'lower-than-previous'),
      index: p.index,
      operatorId: ctx.operatorId,
      at,
    };
    if (ctx.billed && p.flags.includes('high'))
      return { step: 'supervise', ctx, pending: { ...p, overrides: [...p.overrides, confirmed] }, notice: message('reading.supervisor') };
    return { step: 'done', ctx, outcome: reading(p, [confirmed]) };
  }
  return wrongStep(state, 'submit');
}

/** A supervisor, whose id and PIN the app has verified, confirms a high consumption. */
export function supervise(state: EntryState, supervisorId: string, at: string): EntryState {
  if (state.step !== 'supervise') return wrongStep(state, 'supervise');
  const { ctx, pending: p } = state;
  if (supervisorId.trim() === '' || supervisorId === ctx.operatorId)
    throw new AppError('a supervisor other than the reader must confirm', ErrorCode.Reading_Invalid, {
      context: { field: 'supervisorId' },
    });
  const ok: Override = {
    kind: 'supervisor-confirmed',
    index: p.index,
    consumptionM3: p.consumptionM3,
    supervisorId,
    operatorId: ctx.operatorId,
    at,
  };
  return { step: 'done', ctx, outcome: reading(p, [ok]) };
}

const NO_ROLLOVER: readonly LowerChoice[] = ['meter-changed', 'misread', 'tampering'];

function overCeiling(ctx: EntryContext, m3: number): boolean {
  if (!ctx.billed) return false;
  const cls = ctx.meter.class !== undefined && isMeterClass(ctx.meter.class) ? ctx.meter.class : ctx.rules.defaultMeterClass;
  return aboveCeiling(m3, cls, ctx.meter.lastReadDate, ctx.readDate);
}

/** The crew's answer to "lower than the previous index". */
export function choose(state: EntryState, choice: LowerChoice, at: string): EntryState {
  if (state.step !== 'choose' || !state.allowed.includes(choice)) return wrongStep(state, `choose ${choice}`);
  const { ctx, pending } = state;
  const who = { operatorId: ctx.operatorId, at };
  const previousIndex = ctx.meter.lastIndex;

  if (choice === 'misread') return { step: 'keying', ctx, notice: message('reading.misread') };

  // Recorded as the configured no-read code (a follow-up for the office), never billed.
  if (choice === 'tampering') return noRead(state, ctx.rules.tamperNoReadCode);

  if (choice === 'meter-changed') {
    return {
      step: 'done',
      ctx,
      outcome: {
        kind: 'meter-changed',
        index: pending.index,
        previousIndex,
        followUp: true,
        overrides: [...pending.overrides, { kind: 'meter-changed', previousIndex, index: pending.index, ...who }],
      },
    };
  }

  // Rollover: the dials wrapped at 10^digits (docs/domain.md §1 formula, shared with billing).
  const { m3 } = meteredVolume(previousIndex, pending.index, ctx.meter.digits);
  const rolled: PendingReading = {
    ...pending,
    consumptionM3: m3,
    rollover: true,
    overrides: [...pending.overrides, { kind: 'rollover', previousIndex, index: pending.index, consumptionM3: m3, ...who }],
  };
  // A wrap that yields an implausible volume is more likely a misread than a real rollover, so
  // the outlier rules still apply and ask for the identical re-key.
  const check = checkConsumption(m3, ctx.meter, ctx.readDate, ctx.rules, expectedConsumptionDec(ctx.meter, ctx.readDate));
  if (check.flags.length === 0) return { step: 'done', ctx, outcome: reading(rolled) };
  return { step: 'rekey', ctx, pending: { ...rolled, flags: check.flags }, notice: check.message! };
}

/**
 * The meter cannot be read: records the reason instead of an index. Unknown codes, a missing note
 * where the code needs one (99) or a note over the configured length leave the state as it is,
 * with the reason in `notice`.
 */
export function noRead(state: EntryState, code: string, note?: string): EntryState {
  if (!isOpen(state)) return wrongStep(state, 'noRead');
  const r = checkNoRead(state.ctx.rules.noReadCodes, code, note, state.ctx.rules.noteMaxLength);
  if (!r.ok) return { ...state, notice: r.message };
  return { step: 'done', ctx: state.ctx, outcome: r.outcome };
}

/** Leaves the meter without recording anything; the job stays open. */
export function cancel(state: EntryState): EntryState {
  if (!isOpen(state)) return wrongStep(state, 'cancel');
  return { step: 'cancelled', ctx: state.ctx };
}

/** The machine as one namespace: `ReadingEntry.submit(state, '12345', at)`. */
export const ReadingEntry = Object.freeze({ start, submit, choose, supervise, noRead, cancel });
