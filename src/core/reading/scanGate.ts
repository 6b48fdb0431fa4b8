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

export interface ScanOverrideReason {
  /** Two digits, as sent to the back office (reading.recorded scanOverride.reasonCode). */
  readonly code: string;
  /** Turkish label for the pick list (fits the 40-column screen with the code). */
  readonly label: string;
}

/** The small data list of reasons a barcode could not be scanned (issue 19). */
export const SCAN_OVERRIDE_REASONS: readonly ScanOverrideReason[] = Object.freeze([
  Object.freeze({ code: '01', label: 'Barkod etiketi yok' }),
  Object.freeze({ code: '02', label: 'Etiket yıpranmış / okunmuyor' }),
  Object.freeze({ code: '03', label: 'Barkod okuyucu arızalı' }),
  Object.freeze({ code: '04', label: 'Etikete ulaşılamıyor' }),
]);

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
