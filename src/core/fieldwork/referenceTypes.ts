/** The shapes of the field-work reference data (reference.ts checks and builds them). */
import type { NoticeChannel } from '../contract/job.js';
import type { CutPreconditionId, RuleSource, SourcedRule } from './gates.js';

export type ChecklistKind = 'cut' | 'reconnect' | 'meter';
export const CHECKLIST_KINDS: readonly ChecklistKind[] = ['cut', 'reconnect', 'meter'];

export interface ChecklistItem {
  /** Stable id, sent in the event with the answer. */
  readonly id: string;
  /** What is checked, as the slip prints it before the answer ("Gaz kokusu" → "Gaz kokusu: YOK"). */
  readonly label: string;
  /** The question as the crew reads it (Turkish, fits a 40-column screen in two lines); default: the label. */
  readonly question: string;
  /**
   * The two answers, as the keys and the slip name them. Key 1 is always `safe` and key 2 always
   * `unsafe`, whatever the question (docs/domain.md §3: the same key never flips meaning).
   */
  readonly safe: string;
  readonly unsafe: string;
  /** Asked before the seal/index steps or after them (e.g. "valve opened", "appliances relit"). */
  readonly phase: 'before' | 'after';
  /**
   * A hazard (gas smell): the unsafe answer, once confirmed, stops the job at once with the
   * emergency instructions. Otherwise the unsafe answer means the job cannot go on.
   */
  readonly hazard: boolean;
  /** Answering it safe opens the gas (valve opened): a not-done record after it needs the valve closed again. */
  readonly opensValve: boolean;
  /** The not-done code proposed when this item stops the job (e.g. "01" nobody home). */
  readonly failCode?: string;
}

export interface NotDoneCode {
  /** Two digits, sent as `reasonCode` (docs/domain.md §2 codes where one fits, 20+ for field work). */
  readonly code: string;
  readonly label: string;
  readonly requiresNote: boolean;
  /** The crew leaves a notice at the address (nobody home). */
  readonly noticeLeft: boolean;
  /** Gas smell: valve closed, 187 called; the back office must send the emergency team. */
  readonly emergency: boolean;
  /** The code a scan of another meter (or dials showing another meter) proposes (docs/domain.md §2, code 11). */
  readonly wrongMeter: boolean;
}

export interface Holiday {
  readonly date: string;
  readonly name: string;
  /** Half-day holiday (arife): the holiday starts at this local time, e.g. "13:00". */
  readonly from?: string;
  /** Computed from ICU's Hijri calendar (src/core/time/holidays.ts): confirm with the official calendar. */
  readonly computed?: boolean;
}

export interface CutParams {
  /** DMHY: unpaid consumption must exceed this (m³). */
  readonly minUnpaidM3: string;
  /** Calendar days the oldest unpaid bill must be past its due date. */
  readonly minDaysPastDue: number;
  /** Counting: the due date never counts; true: the cut day counts too (default false, strict). */
  readonly pastDueCountsCutDay: boolean;
  /** Working days between the notice and the cut. */
  readonly minNoticeWorkingDays: number;
  /** Counting: the notice day never counts; true: the cut day counts too (default false, strict). */
  readonly noticeCountsCutDay: boolean;
  readonly minNoticeChannels: number;
  /** Channels that are a written notice to the address; one of them is required. Empty: none required. */
  readonly writtenChannels: readonly NoticeChannel[];
  /** Unpaid periods a protected customer (`customer.protectedCategory`, DMHY 44(3)) must have before a cut. */
  readonly protectedMinUnpaidPeriods: number;
  /** The legal source of each rule (device/reference/README.md). */
  readonly sources: Readonly<Record<SourcedRule, RuleSource>>;
  /** Minutes since the last contact with the back office (payment races). */
  readonly syncFreshnessMinutes: number;
  /** Preconditions a supervisor may override with a reason. */
  readonly overridable: readonly CutPreconditionId[];
  readonly minOverrideReasonLength: number;
  /** Cut/reopen fee excl. VAT printed on the notice (206 TL in 2026). */
  readonly reconnectFee: string;
}

export interface FieldWorkReference {
  /** Identifies the data set (printed nowhere; recorded in audit). */
  readonly version: string;
  readonly timeZone: string;
  readonly workingHours: { readonly days: readonly number[]; readonly start: string; readonly end: string };
  /** Official table plus the computed years (src/core/time/holidays.ts), sorted by date. */
  readonly holidays: readonly Holiday[];
  /** Years the holiday data covers; a cut on a date outside them is blocked (calendar-covered). */
  readonly holidayYears: readonly { readonly year: number; readonly source: 'official' | 'computed' }[];
  readonly cut: CutParams;
  readonly sealFormat: { readonly pattern: string; readonly example: string; readonly maxLength: number };
  /** Reconnection against the cut (reconnectCheck.ts): index units the meter may have moved since the cut without a finding. */
  readonly reconnect: { readonly indexTolerance: number };
  readonly checklists: Readonly<Record<ChecklistKind, readonly ChecklistItem[]>>;
  readonly notDoneCodes: Readonly<Record<ChecklistKind, readonly NotDoneCode[]>>;
}

export interface ReferenceIssue {
  key: string;
  message: string;
}

export type ReferenceParse = { ok: true; reference: FieldWorkReference } | { ok: false; errors: ReferenceIssue[] };
