/**
 * The scan gate of a billed reading (issue 19, docs/domain.md §2 "Scan gate"): an index is billed
 * only at the meter the job names. The crew proves it by scanning the meter's barcode; when the
 * label cannot be read they pick a reason from SCAN_OVERRIDE_REASONS ("barkod okunamıyor"), which
 * is recorded with who and when, shown on the preview and sent with the reading. A scan of another
 * meter never bills: re-scan, record no-read code 11 (the scanned serial kept) or open that
 * meter's own job.
 */

/** Where the scan of the job's meter stands. */
export type ScanGate =
  | { readonly s: 'none' }
  | { readonly s: 'matched'; readonly code: string }
  | { readonly s: 'mismatch'; readonly code: string }
  | { readonly s: 'override'; readonly reasonCode: string; readonly operatorId: string; readonly at: string };

/** What a billed reading carries as proof of the meter (ReadingOutcome.scan). */
export type ScanEvidence =
  | { readonly kind: 'matched'; readonly code: string }
  | { readonly kind: 'override'; readonly reasonCode: string; readonly operatorId: string; readonly at: string };

/** The reasons' two-digit codes, as sent to the back office (reading.recorded scanOverride.reasonCode). */
export const SCAN_OVERRIDE_CODES = ['01', '02', '03', '04'] as const;
export type ScanOverrideCode = (typeof SCAN_OVERRIDE_CODES)[number];

/**
 * A reason, by code: its words (the pick list's label, the event's reasonLabel) are in
 * src/catalogues/scanOverrideReasons.ts, typed against ScanOverrideCode.
 */
export interface ScanOverrideReason {
  readonly code: ScanOverrideCode;
}

/** The small data list of reasons a barcode could not be scanned (issue 19), in pick-list order. */
export const SCAN_OVERRIDE_REASONS: readonly ScanOverrideReason[] = Object.freeze(
  SCAN_OVERRIDE_CODES.map((code) => Object.freeze({ code })),
);

/** The no-read code for "the meter on site is not the job's meter" (docs/domain.md §2). */
export const WRONG_METER_NO_READ_CODE = '11';

export const NO_SCAN: ScanGate = Object.freeze({ s: 'none' });

export function scanOverrideReason(code: string): ScanOverrideReason | undefined {
  return SCAN_OVERRIDE_REASONS.find((r) => r.code === code);
}

/** The proof a billed reading carries, or undefined when the gate is not passed. */
export function scanEvidence(g: ScanGate): ScanEvidence | undefined {
  if (g.s === 'matched') return { kind: 'matched', code: g.code };
  if (g.s === 'override') return { kind: 'override', reasonCode: g.reasonCode, operatorId: g.operatorId, at: g.at };
  return undefined;
}
