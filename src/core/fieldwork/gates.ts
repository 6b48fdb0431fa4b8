/**
 * The gates of a cut for debt (src/core/fieldwork/cutPreconditions.ts) and which of them stand for
 * a rule of law, each of which names its source in the reference data (device/reference/README.md).
 */

/** Precondition ids of a cut for debt; `overridable` in the reference names some of these. */
export const CUT_PRECONDITIONS = [
  'not-cancelled',
  'debt-known',
  'past-due',
  'unpaid-volume',
  'notice-days',
  'notice-channels',
  'protected-category',
  'calendar-covered',
  'working-day',
  'not-holiday',
  'working-hours',
  'sync-fresh',
] as const;
export type CutPreconditionId = (typeof CUT_PRECONDITIONS)[number];

/**
 * Gates that stand for a rule of law: each must carry its source in `cut.sources`. The others
 * are the device's own guards (a cancelled job, a debt on record, a fresh link: payment races).
 */
export const LEGAL_GATES = [
  'past-due',
  'unpaid-volume',
  'notice-days',
  'notice-channels',
  'protected-category',
  'calendar-covered',
  'working-day',
  'not-holiday',
  'working-hours',
] as const satisfies readonly CutPreconditionId[];
/** Also sourced: how days are counted (`pastDueCountsCutDay`, `noticeCountsCutDay`). */
export const SOURCED_RULES = [...LEGAL_GATES, 'day-counting'] as const;
export type SourcedRule = (typeof SOURCED_RULES)[number];

export interface RuleSource {
  /** The law or regulation article, as precise as known. */
  readonly source: string;
  /** "unverified": the wording was not checked against the official text (Resmî Gazete, mevzuat.gov.tr). */
  readonly wording: 'verified' | 'unverified';
}
