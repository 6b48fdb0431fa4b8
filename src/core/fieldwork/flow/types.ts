/**
 * Types of the field-work flow machine (fieldWorkFlow.ts): what it is started with, its state, the
 * actions it takes and the effects it asks the caller to run. All data: no functions, no I/O, so
 * a test can drive the machine with plain objects (test/unit/fieldwork/fieldWorkFlow*.test.ts).
 */
import type { JobRecord } from '../../jobs/types.js';
import type { EntryState, LowerChoice, Message as ReadingMessage, ReadingRules } from '../../reading/index.js';
import type { ChecklistAnswer } from '../checklist.js';
import type { CutCheck } from '../cutPreconditions.js';
import type { FieldWorkMessage } from '../messages.js';
import type { ChecklistItem, ChecklistKind, FieldWorkReference, NotDoneCode } from '../reference.js';
import type { FieldWork } from '../types.js';

/** Which screen's sequence: the job's kind (a meter job says whether it installs or removes first). */
export type FlowPlan = 'cut' | 'reconnect' | 'meter-removal' | 'meter-installation';

/** Which meter / seal a step is about. */
export type Role = 'cut' | 'reconnect' | 'removed' | 'installed';

export type PlanStep =
  | { readonly t: 'pre' }
  | { readonly t: 'scan' }
  | { readonly t: 'check'; readonly phase: 'before' | 'after' }
  | { readonly t: 'index'; readonly role: Role }
  | { readonly t: 'seal'; readonly role: Role; readonly multi: boolean; readonly min: number }
  | { readonly t: 'serial' }
  | { readonly t: 'ask'; readonly q: 'installNew' | 'removeOld' }
  | { readonly t: 'confirm' };

/** "Barkod okunamıyor" on the scan step: a reason from SCAN_OVERRIDE_REASONS, who and when (flow/scan.ts). */
export interface ScanOverride {
  readonly reasonCode: string;
  readonly operatorId: string;
  readonly at: string;
}

/** What the crew has entered so far. */
export interface Collected {
  /** The job's meter as scanned (or keyed); absent when its barcode was declared unreadable. */
  readonly scanned?: string;
  /** The barcode was declared unreadable instead of a scan (never with `scanned`). */
  readonly scanOverride?: ScanOverride;
  /**
   * The last code scanned at this visit that was another meter; a matching scan clears it. While
   * set, the override is refused (that barcode was readable) and code 11 keeps it (scannedSerial).
   */
  readonly mismatch?: string;
  readonly answers: readonly ChecklistAnswer[];
  /** Index by role. */
  readonly index: Readonly<Partial<Record<Role, number>>>;
  readonly seals: Readonly<Partial<Record<Role, readonly string[]>>>;
  readonly newSerial?: string;
  readonly installNew: boolean;
  readonly removeOld: boolean;
}

/** Ids of the UI's own texts the machine names (the screen's catalogue translates them). */
export type FlowUiKey =
  | 'error.Job_NotFound'
  | 'error.Job_Cancelled'
  | 'error.Job_AlreadyDone'
  | 'fw.scan.mismatch'
  | 'fw.scan.rescan'
  | 'fw.scan.overrideAfterMismatch'
  | 'fw.serial.bad'
  | 'fw.serial.same'
  | 'fw.seal.twice'
  | 'fw.seal.removed'
  | 'fw.seal.used'
  | 'fw.hazard'
  | 'fw.check.stop'
  | 'fw.index.meterChanged'
  | 'fw.pre.blocked'
  | 'fw.pre.blockedOverride'
  | 'fw.pre.changed';

/**
 * A text for the crew, still untranslated: a UI catalogue key, a field-work rule message, a
 * reading-rule message, or a failure the screen words from its AppError code.
 */
export type FlowText =
  | { readonly ui: FlowUiKey; readonly params?: Readonly<Record<string, string | number>> }
  | { readonly fieldwork: FieldWorkMessage }
  | { readonly reading: ReadingMessage }
  | { readonly error: unknown };

/** Started with: the job as the store holds it and the rules in force. */
export interface FlowContext {
  readonly jobId: string;
  readonly record: JobRecord | undefined;
  readonly reference: FieldWorkReference;
  readonly readingRules: ReadingRules;
  readonly operatorId: string;
}

/**
 * The facts of the moment, handed in by the caller before an input (action `now`): the instant
 * (ISO with offset, for the reading machine's overrides), today's date, and the cut's
 * preconditions as evaluated now (null when not asked for).
 */
export interface FlowNow {
  readonly at: string;
  readonly today: string;
  readonly check: CutCheck | null;
}

/** A supervisor's override, as the app granted it after checking the PIN. */
export interface FlowGrant {
  readonly grantId: string;
  readonly supervisorId: string;
  readonly supervisorName: string;
  readonly reason: string;
}

export interface PrintedDoc {
  readonly documentNo: string;
  readonly savedAt?: string;
}

/** The supervisor override form over the cut's precondition step. */
export interface OverrideForm {
  readonly stage: 'id' | 'pin' | 'reason' | 'checking';
  readonly id: string;
  readonly pin: string;
  readonly reason: string;
  readonly problem?: FlowText;
}

export interface PreState {
  readonly grant: FlowGrant | null;
  readonly form: OverrideForm | null;
  readonly problem: FlowText | null;
}

/** The open job on this route whose meter was scanned instead of this job's (the app looked it up). */
export interface OtherJob {
  readonly jobId: string;
  readonly seq: number;
}

export interface Stopped {
  readonly s: 'stopped';
  readonly why: FlowText;
  readonly code?: string;
  readonly hazard: boolean;
  /** Stopped by a scan of another meter: that code, and its own job once the app found one (F4 opens it). */
  readonly wrongScan?: { readonly code: string; readonly other?: OtherJob };
}

/** Where the flow is, apart from the plan's own step. */
export type Phase =
  | { readonly s: 'plan' }
  | Stopped
  /**
   * A hazard answered (gas smell): Enter confirms and stops the job for good (from the stop, Enter
   * or F1 leads to the emergency codes and Back does nothing); Back here returns to the question.
   */
  | { readonly s: 'hazard-confirm'; readonly item: ChecklistItem }
  /** "Barkod okunamıyor" (F3 on the scan step): the reason picked from SCAN_OVERRIDE_REASONS. */
  | { readonly s: 'scan-override'; readonly selected: number }
  /** Not done after the valve was opened: the crew confirms it closed it again (key 1) before a code. */
  | { readonly s: 'reclose'; readonly code?: string }
  | { readonly s: 'notdone-pick'; readonly selected: number; readonly typed: string }
  | { readonly s: 'notdone-note'; readonly code: NotDoneCode; readonly note: string }
  | { readonly s: 'notdone-confirm'; readonly code: NotDoneCode; readonly note: string }
  /** Waiting for the app: the confirmed work (`commit`) or a not-done record. */
  | { readonly s: 'saving'; readonly what: 'commit' | 'notDone' }
  | { readonly s: 'saved'; readonly work: FieldWork }
  | { readonly s: 'printing'; readonly work: FieldWork }
  | { readonly s: 'printed'; readonly work: FieldWork; readonly doc: PrintedDoc }
  | { readonly s: 'print-failed'; readonly work: FieldWork; readonly reason: FlowText }
  | { readonly s: 'failed'; readonly reason: FlowText; readonly back: 'plan' | 'leave' };

/** The override as the app takes it: the reason and when (the app adds the logged-in operator). */
export interface ScanOverrideInput {
  reasonCode: string;
  at: string;
}

/**
 * What the app is asked to record for a completed job (the facade's confirm* inputs): the meter's
 * proof is `scannedCode` (as scanned; '' when missing, for the app to refuse) or `scanOverride`.
 */
export type CommitRequest =
  | {
      readonly kind: 'cut';
      readonly input: {
        jobId: string;
        scannedCode?: string;
        scanOverride?: ScanOverrideInput;
        checklist: ChecklistAnswer[];
        index: number;
        sealNo: string;
        grantId?: string;
      };
    }
  | {
      readonly kind: 'reconnect';
      readonly input: {
        jobId: string;
        scannedCode?: string;
        scanOverride?: ScanOverrideInput;
        checklist: ChecklistAnswer[];
        index: number;
        removedSealNo: string;
      };
    }
  | {
      readonly kind: 'meter-exchange';
      readonly input: {
        jobId: string;
        checklist: ChecklistAnswer[];
        removed?: { scannedCode?: string; scanOverride?: ScanOverrideInput; finalIndex: number; sealNos: string[] };
        installed?: { serial: string; initialIndex: number; sealNos: string[] };
      };
    };

export interface NotDoneRequest {
  readonly jobId: string;
  readonly reasonCode: string;
  readonly checklist: ChecklistAnswer[];
  readonly note?: string;
  /** The wrong-meter code (11) after a scan of another meter: what was scanned. */
  readonly scannedSerial?: string;
}

/** Work the caller runs after a step, reporting the result back as an action. */
export type FlowEffect =
  /** Fire and forget: the crew scanned this code at this job. */
  | { readonly t: 'recordScan'; readonly jobId: string; readonly code: string }
  /** Result: `jobOfMeter`: the open job on this route whose meter this code is (another meter was scanned). */
  | { readonly t: 'findJob'; readonly code: string }
  /** Leave for that job, the scanned code counting as its scan (as the reading screen's F4). */
  | { readonly t: 'openJob'; readonly jobId: string; readonly code: string }
  /** Result: `saved` or `saveFailed`. */
  | { readonly t: 'commit'; readonly request: CommitRequest }
  /** Result: `saved` or `saveFailed`. */
  | { readonly t: 'notDone'; readonly request: NotDoneRequest }
  /** Result: `printed` or `printFailed`. */
  | { readonly t: 'print'; readonly workId: string }
  /** Result: `granted` or `refused`. */
  | { readonly t: 'authorize'; readonly request: { jobId: string; supervisorId: string; pin: string; reason: string } }
  | { readonly t: 'leave' }
  | { readonly t: 'reprint'; readonly documentNo: string }
  /** Leave for an inspection of this job (a reconnection that differs from its cut). */
  | { readonly t: 'inspect' }
  /** Demo: open the scan prompt, when the terminal has one. */
  | { readonly t: 'promptScan' };

/**
 * What the machine takes. Keys carry the crew's intent in the keypad's vocabulary
 * (core/input/InputEvent.ts); `edit` is the new text of the field being typed (the screen's
 * editor produces it); the rest report the result of an effect.
 */
export type FlowAction =
  | { readonly t: 'now'; readonly now: FlowNow }
  | { readonly t: 'enter' }
  | { readonly t: 'back' }
  | { readonly t: 'move'; readonly by: -1 | 1 }
  | { readonly t: 'digit'; readonly d: string }
  | { readonly t: 'edit'; readonly text: string }
  | { readonly t: 'soft'; readonly n: 1 | 2 | 3 | 4 }
  | { readonly t: 'scan'; readonly code: string }
  | { readonly t: 'jobOfMeter'; readonly code: string; readonly job: OtherJob | null }
  | { readonly t: 'saved'; readonly work: FieldWork }
  | { readonly t: 'saveFailed'; readonly error: unknown }
  | { readonly t: 'printed'; readonly doc: PrintedDoc }
  | { readonly t: 'printFailed'; readonly error: unknown }
  | { readonly t: 'granted'; readonly grant: FlowGrant }
  | { readonly t: 'refused'; readonly error: unknown };

export interface FlowState {
  readonly plan: FlowPlan;
  readonly ctx: FlowContext;
  readonly kind: ChecklistKind;
  readonly phase: Phase;
  /** Position in the plan (plans of meter jobs change with the crew's answers). */
  readonly at: number;
  /** The checklist item being asked within the current check step. */
  readonly item: number;
  /** The text being typed in the current step's field. */
  readonly field: string;
  readonly notice: FlowText | null;
  readonly data: Collected;
  /** The reading rules' machine for the current index step (not for a new meter's index). */
  readonly entry: EntryState | null;
  /** Highlighted answer when the reading machine asks rollover / meter changed / misread. */
  readonly choice: number;
  readonly pre: PreState;
  /** Set by a hazard stop: from then on only an emergency not-done code can follow, Back returns here. */
  readonly halt?: Stopped;
  readonly now: FlowNow;
  /** Effects asked for by the last action only. */
  readonly effects: readonly FlowEffect[];
}

export const CHOICES: readonly LowerChoice[] = ['rollover', 'meter-changed', 'misread'];
