/**
 * The crew's flow at one meter, as a pure state machine a UI can drive (docs/domain.md §2):
 *
 *   keying ──submit(ok)──────────────────────────────▶ done: reading
 *     │  ├─submit(above the meter class's ceiling, when billed)──▶ keying, refused (docs/invoice.md)
 *     │  └─submit(high/low/zero)──▶ rekey ──same index──▶ done: reading, override outlier-confirmed
 *     │                              │                 (high, when billed: ▶ supervise ──supervise(id)──▶ done,
 *     │                              │                  or with rules.highConsumption 'hold-for-office':
 *     │                              │                  done at once, held for the office, never billed here)
 *     │                              └──other index──▶ keying ("entries differ")
 *     └─submit(lower than previous)─▶ choose ─rollover──▶ done: reading (rollover), or rekey when
 *                                       │                 the wrapped consumption is itself unusual;
 *                                       │                 offered only when the wrap is under the ceiling
 *                                       ├─meter-changed─▶ done: meter-changed (back office, no invoice)
 *                                       ├─tampering─────▶ done: no-read (rules.tamperNoReadCode), when no rollover is possible
 *                                       └─misread───────▶ keying
 *   any open step ──noRead(code, note)──▶ done: no-read     any open step ──cancel──▶ cancelled
 *
 * The scan gate (scanGate.ts; on when ctx.requireScan, as the reading screen sets it): no index is
 * billed until the job's meter is scanned (`scanned(…, match)`) or its barcode is declared
 * unreadable with a reason (`overrideScan`). A scan of another meter takes any open step back to
 * keying and blocks submit until a matching scan; a no-read recorded then keeps the scanned code
 * (`scannedSerial`, for code 11). The gate rides along in every state as `gate`.
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
import { NO_SCAN, scanEvidence, scanOverrideReason, type ScanEvidence, type ScanGate } from './scanGate.js';

export interface EntryContext {
  readonly meter: ReadingMeter;
  /** YYYY-MM-DD, Europe/Istanbul. */
  readonly readDate: string;
  readonly rules: ReadingRules;
  readonly operatorId: string;
  /**
   * The index will be billed (the reading screen sets this): the meter class's ceiling applies,
   * a rollover is offered only under it, and a high consumption confirmed by an identical re-key
   * then needs a supervisor, or is held for the office (rules.highConsumption; docs/invoice.md
   * "Plausibility"). The field-work flows, which record
   * an index without billing it, leave it off and keep the machine as it was.
   */
  readonly billed?: boolean;
  /** The scan gate applies (scanGate.ts): the reading screen sets it; the field-work flows scan in their own step. */
  readonly requireScan?: boolean;
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
  /** With ctx.requireScan: how the meter was proven (scanned, or the barcode declared unreadable). */
  readonly scan?: ScanEvidence;
  /**
   * A high consumption held for the office (override 'held-for-office'): recorded, not billed on
   * the device. Absent on every other reading.
   */
  readonly heldForOffice?: true;
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

/** A no-read, plus the code scanned when the gate saw another meter (code 11 keeps it: issue 19). */
export type GatedNoRead = NoReadOutcome & { readonly scannedSerial?: string };

export type EntryOutcome = ReadingOutcome | MeterChangedOutcome | GatedNoRead;

/** Every state carries the scan gate (absent: nothing scanned yet). */
interface Gated {
  readonly ctx: EntryContext;
  readonly gate?: ScanGate;
}

export type EntryState =
  | (Gated & { readonly step: 'keying'; readonly notice?: Message })
  | (Gated & { readonly step: 'rekey'; readonly pending: PendingReading; readonly notice: Message })
  | (Gated & {
      readonly step: 'choose';
      readonly pending: PendingReading;
      readonly allowed: readonly LowerChoice[];
      readonly notice: Message;
    })
  | (Gated & { readonly step: 'supervise'; readonly pending: PendingReading; readonly notice: Message })
  | (Gated & { readonly step: 'done'; readonly outcome: EntryOutcome })
  | (Gated & { readonly step: 'cancelled' });

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
    ...(overrides.some((o) => o.kind === 'held-for-office') ? { heldForOffice: true as const } : {}),
  };
}

/** The crew keyed an index (first entry, or the re-key the rekey step asks for). */
function submitStep(state: EntryState, keyed: string, at: string): EntryState {
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
    if (ctx.billed && p.flags.includes('high')) {
      // The configured alternative to a supervisor (issue 17): no bill on the spot, the office reviews it.
      if (ctx.rules.highConsumption === 'hold-for-office') {
        const held: Override = {
          kind: 'held-for-office',
          reason: 'high-consumption',
          index: p.index,
          consumptionM3: p.consumptionM3,
          operatorId: ctx.operatorId,
          at,
        };
        return { step: 'done', ctx, outcome: reading(p, [confirmed, held]) };
      }
      return { step: 'supervise', ctx, pending: { ...p, overrides: [...p.overrides, confirmed] }, notice: message('reading.supervisor') };
    }
    return { step: 'done', ctx, outcome: reading(p, [confirmed]) };
  }
  return wrongStep(state, 'submit');
}

/** A supervisor, whose id and PIN the app has verified, confirms a high consumption. */
function superviseStep(state: EntryState, supervisorId: string, at: string): EntryState {
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
function chooseStep(state: EntryState, choice: LowerChoice, at: string): EntryState {
  if (state.step !== 'choose' || !state.allowed.includes(choice)) return wrongStep(state, `choose ${choice}`);
  const { ctx, pending } = state;
  const who = { operatorId: ctx.operatorId, at };
  const previousIndex = ctx.meter.lastIndex;

  if (choice === 'misread') return { step: 'keying', ctx, notice: message('reading.misread') };

  // Recorded as the configured no-read code (a follow-up for the office), never billed.
  if (choice === 'tampering') return noReadStep(state, ctx.rules.tamperNoReadCode);

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
function noReadStep(state: EntryState, code: string, note?: string): EntryState {
  if (!isOpen(state)) return wrongStep(state, 'noRead');
  const r = checkNoRead(state.ctx.rules.noReadCodes, code, note, state.ctx.rules.noteMaxLength);
  if (!r.ok) return { ...state, notice: r.message };
  return { step: 'done', ctx: state.ctx, outcome: r.outcome };
}

/** Leaves the meter without recording anything; the job stays open. */
export function cancel(state: EntryState): EntryState {
  if (!isOpen(state)) return wrongStep(state, 'cancel');
  return carry(state, { step: 'cancelled', ctx: state.ctx });
}

// ---------------------------------------------------------------- the scan gate (scanGate.ts)

/**
 * The next state keeps the gate of the one before; a reading that ends here carries its scan
 * evidence, a no-read after a mismatching scan the scanned code. A billed reading without a passed
 * gate is a machine bug: it throws rather than let an unproven meter be billed.
 */
function carry(prev: EntryState, next: EntryState): EntryState {
  const gate = next.gate ?? prev.gate;
  const out = gate === undefined || next.gate !== undefined ? next : { ...next, gate };
  if (out.step !== 'done') return out;
  const o = out.outcome;
  if (o.kind === 'no-read' && gate?.s === 'mismatch') return { ...out, outcome: { ...o, scannedSerial: gate.code } };
  if (o.kind !== 'reading' || !out.ctx.requireScan) return out;
  const scan = scanEvidence(gate ?? NO_SCAN);
  if (!scan)
    throw new AppError('a reading cannot end before the meter is scanned or declared unreadable', ErrorCode.Reading_WrongStep, {
      context: { step: prev.step, action: 'finish', gate: gate?.s ?? 'none' },
    });
  return { ...out, outcome: { ...o, scan } };
}

/** Why the gate holds a keyed index back, or undefined when it lets it through. */
function gateNotice(state: EntryState): Message | undefined {
  if (!state.ctx.requireScan) return undefined;
  const g = state.gate ?? NO_SCAN;
  if (g.s === 'mismatch') return message('reading.scanMismatch', { code: g.code });
  if (g.s === 'none') return message('reading.scanRequired');
  return undefined;
}

/** The crew keyed an index (first entry, or the re-key the rekey step asks for). */
export function submit(state: EntryState, keyed: string, at: string): EntryState {
  if (state.step === 'keying' || state.step === 'rekey') {
    const held = gateNotice(state);
    if (held) return { ...state, notice: held };
  }
  return carry(state, submitStep(state, keyed, at));
}

/** A supervisor, whose id and PIN the app has verified, confirms a high consumption. */
export function supervise(state: EntryState, supervisorId: string, at: string): EntryState {
  return carry(state, superviseStep(state, supervisorId, at));
}

/** The crew's answer to "lower than the previous index". */
export function choose(state: EntryState, choice: LowerChoice, at: string): EntryState {
  return carry(state, chooseStep(state, choice, at));
}

/** The meter cannot be read: the reason instead of an index (see noReadStep). */
export function noRead(state: EntryState, code: string, note?: string): EntryState {
  return carry(state, noReadStep(state, code, note));
}

/**
 * The crew scanned a code at this meter; `match` is the app's verdict (the job's serial or
 * barcode). A match clears a notice left on the keying step (a stale "scan first"); another meter
 * drops whatever was keyed and holds the entry on keying until a matching scan.
 */
export function scanned(state: EntryState, code: string, match: boolean): EntryState {
  if (!isOpen(state)) return wrongStep(state, 'scanned');
  const { ctx } = state;
  if (match) {
    const gate: ScanGate = { s: 'matched', code };
    if (state.step === 'keying') return { step: 'keying', ctx, gate };
    return { ...state, gate };
  }
  const gate: ScanGate = { s: 'mismatch', code };
  return { step: 'keying', ctx, gate, notice: message('reading.scanMismatch', { code }) };
}

/**
 * "Barkod okunamıyor": the crew cannot scan the label and says why (a SCAN_OVERRIDE_REASONS
 * code), recorded with who and when. Refused after a scan of another meter: that barcode was
 * readable, it was the wrong meter.
 */
export function overrideScan(state: EntryState, reasonCode: string, at: string): EntryState {
  if (!isOpen(state)) return wrongStep(state, 'overrideScan');
  if (state.gate?.s === 'mismatch') return { ...state, notice: message('reading.overrideAfterMismatch') };
  if (state.gate?.s === 'matched') return state;
  if (!scanOverrideReason(reasonCode))
    throw new AppError(`unknown scan override reason ${reasonCode}`, ErrorCode.Reading_Invalid, { context: { field: 'reasonCode' } });
  const gate: ScanGate = { s: 'override', reasonCode, operatorId: state.ctx.operatorId, at };
  return state.step === 'keying' ? { step: 'keying', ctx: state.ctx, gate } : { ...state, gate };
}

/** The gate of a state: what the screen shows on its scan line. */
export function gateOf(state: EntryState | null): ScanGate {
  return state?.gate ?? NO_SCAN;
}

/** The machine as one namespace: `ReadingEntry.submit(state, '12345', at)`. */
export const ReadingEntry = Object.freeze({ start, submit, choose, supervise, noRead, cancel, scanned, overrideScan, gateOf });
