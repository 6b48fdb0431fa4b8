/**
 * Shapes of the inspection form's state machine (inspectionFlow.ts): its state, the actions that
 * drive it and the effects it asks its driver to carry out. Plain data, no I/O.
 */
import type { InputKey } from '../input/InputEvent.js';
import type { Accrual } from './computeAccrual.js';
import type { EstimationMethod, InspectionConfig } from './config.js';
import type { AccrualPendingReason } from './errors.js';
import type { DraftError, InspectionDraft, SealedReport, SealStatus } from './report.js';

/** The numbered steps the crew walks through ("3/9" in the title). */
export const MAIN_STEPS = [
  'meter',
  'seals',
  'finding',
  'appliances',
  'user',
  'witnesses',
  'officer',
  'actions',
  'statement',
  'review',
] as const;
export type MainStep = (typeof MAIN_STEPS)[number];

/** The seal states in the order the crew picks them (1–4). */
export const SEAL_STATES: readonly SealStatus[] = ['found', 'broken', 'missing', 'fitted'];

/** What the machine needs besides the report: the parameters in force (device/reference/inspection.json). */
export interface FlowContext {
  readonly config: InspectionConfig;
}

/** The report the form works on, once its number is reserved (or the draft resumed). */
export interface InspectionPlan {
  readonly reportNo: string;
  readonly draft: InspectionDraft;
  /** A correction: the sealed report it corrects. */
  readonly corrects?: string;
  /** The job's site and meter, when the report is made on a job: shown on the meter step. */
  readonly job?: { readonly address: string; readonly meterSerial: string };
}

export type FlowStep =
  | { readonly kind: 'starting' }
  | { readonly kind: MainStep }
  | { readonly kind: 'seal-no'; readonly text: string }
  | { readonly kind: 'seal-state'; readonly sealNo: string }
  | { readonly kind: 'subtype' }
  | { readonly kind: 'appliance-type' }
  | { readonly kind: 'appliance-kw'; readonly type: string; readonly label: string; readonly text: string }
  | { readonly kind: 'witness-name'; readonly text: string }
  | { readonly kind: 'statement-text'; readonly text: string }
  // The second official: sicil no, name, then a confirmation (device/reference/README.md).
  | { readonly kind: 'officer-id'; readonly text: string }
  | { readonly kind: 'officer-name'; readonly operatorId: string; readonly text: string }
  | { readonly kind: 'officer-confirm'; readonly operatorId: string; readonly name: string }
  /** The user absent or refusing and no witness: why there is none. */
  | { readonly kind: 'no-witness-reason'; readonly statement: 'refused' | 'absent'; readonly text: string }
  /** DMHY art. 53: had the application been made? */
  | { readonly kind: 'exemption' }
  /** A change of the estimate method, and its reason. */
  | { readonly kind: 'method-pick' }
  | { readonly kind: 'method-reason'; readonly method: EstimationMethod; readonly text: string }
  /** The discard was asked for: keys wait for the app's answer (no second discard). */
  | { readonly kind: 'discarding' }
  | { readonly kind: 'confirm' }
  | { readonly kind: 'leave' }
  | { readonly kind: 'sealing' }
  | { readonly kind: 'sealed'; readonly report: SealedReport }
  | { readonly kind: 'printing'; readonly report: SealedReport }
  | { readonly kind: 'printed'; readonly report: SealedReport; readonly doc: PrintedCopy }
  | { readonly kind: 'print-failed'; readonly report: SealedReport; readonly reason: string }
  | { readonly kind: 'discarded' }
  | { readonly kind: 'failed'; readonly reason: string };

/** The meter step's two fields as typed; the draft's meter follows them (see flowMeter.ts). */
export interface MeterForm {
  readonly field: 'serial' | 'index';
  readonly serial: string;
  readonly index: string;
  /** The crew said there is no meter (F1). */
  readonly noMeter: boolean;
}

/** A message for the crew under the current step; `key` is a UI catalogue key, `error` a text already worded. */
export type FlowProblem =
  | { readonly key: 'insp.meter.needSerial' }
  | { readonly key: 'insp.user.needName' }
  | { readonly key: 'insp.officer.need'; readonly min: number }
  | { readonly key: 'insp.officer.badId' }
  | { readonly key: 'insp.appliance.bounds'; readonly min: string; readonly max: string }
  | { readonly key: 'insp.saveFailed'; readonly reason: string }
  | { readonly key: 'error'; readonly text: string };

/** What confirming would produce (structurally the app's InspectionPreview). */
export interface FlowPreview {
  readonly errors: readonly DraftError[];
  readonly accrual?: Accrual;
  readonly accrualProblem?: { readonly code: string; readonly message: string };
  /** The device lacks the data: the report seals and prints with "tahakkuk merkezde hesaplanacak". */
  readonly accrualPending?: AccrualPendingReason;
  /** DMHY art. 53: no charge. */
  readonly exempt?: true;
}

/** A printed report (structurally the app's PrintedDocument). */
export interface PrintedCopy {
  readonly documentNo: string;
  readonly savedAt?: string;
}

export interface FlowState {
  readonly ctx: FlowContext;
  /** null until the report is begun. */
  readonly plan: InspectionPlan | null;
  readonly step: FlowStep;
  /** Replaced, never edited: every change builds a new draft. null until the report is begun. */
  readonly draft: InspectionDraft | null;
  /** The draft last asked to be saved (or the one begun): a different draft is saved after the transition. */
  readonly saved: InspectionDraft | null;
  readonly meter: MeterForm;
  readonly problem: FlowProblem | null;
  readonly preview: FlowPreview | null;
  /** The draft `preview` was computed for: the review step only lets a draft on when it is this one. */
  readonly previewOf: InspectionDraft | null;
  /** What the driver must do after this transition, in order (empty after most keys). */
  readonly effects: readonly FlowEffect[];
}

/** A key of the keypad vocabulary (core/input/InputEvent.ts), without its source and time. */
export interface KeyAction {
  readonly type: 'key';
  readonly key: InputKey;
  /** Only for `digit` and `char`. */
  readonly value?: string;
}

export type FlowAction =
  | KeyAction
  | { readonly type: 'scan'; readonly code: string }
  // Outcomes of the effects, reported back by the driver:
  | { readonly type: 'opened'; readonly plan: InspectionPlan }
  | { readonly type: 'open-failed'; readonly reason: string }
  | { readonly type: 'save-failed'; readonly reason: string }
  | { readonly type: 'previewed'; readonly draft: InspectionDraft; readonly preview: FlowPreview }
  | { readonly type: 'preview-failed'; readonly draft: InspectionDraft; readonly reason: string }
  | { readonly type: 'sealed'; readonly report: SealedReport }
  | { readonly type: 'seal-failed'; readonly reason: string }
  | { readonly type: 'printed'; readonly doc: PrintedCopy }
  | { readonly type: 'print-failed'; readonly reason: string }
  | { readonly type: 'discarded' }
  | { readonly type: 'discard-failed'; readonly reason: string };

/**
 * What the machine asks of its driver. `save`, `confirm`, `print` and `discard` are the app's
 * inspection use cases; `preview` is answered at once (previewed/preview-failed) before the next key.
 */
export type FlowEffect =
  | { readonly do: 'save'; readonly reportNo: string; readonly draft: InspectionDraft }
  | { readonly do: 'preview'; readonly reportNo: string; readonly draft: InspectionDraft }
  | { readonly do: 'confirm'; readonly reportNo: string; readonly draft: InspectionDraft }
  | { readonly do: 'print'; readonly reportNo: string }
  | { readonly do: 'discard'; readonly reportNo: string; readonly reason: string }
  /** Leave the screen (the draft stays on disk unless it was discarded). */
  | { readonly do: 'close' }
  | { readonly do: 'reprint'; readonly documentNo: string }
  /** Demo mode: open the scan prompt. */
  | { readonly do: 'prompt-scan' };
