/**
 * Reconnection against the cut (docs/domain.md §3, reopening checklist item 3): the seal removed
 * must be the one fitted at the cut, and the index must not have moved while the gas was off
 * (beyond a small tolerance for a dial caught between two numbers). Either mismatch means the gas
 * may have been reopened without the distributor: a finding recorded in gas.reconnected and on
 * the receipt, with an inspection offered on the spot. The cut's data comes with the reconnection
 * job from the office (contract: job.cut, from its gas.cut event); without it nothing is compared.
 */
import { normaliseSealNo } from './seal.js';

/** The cut as the office sends it with a reconnection job. */
export interface CutRecord {
  readonly sealNo: string;
  readonly index: number;
  readonly cutAt?: string;
}

export type FindingCode = 'seal-mismatch' | 'index-advanced' | 'index-lower';

export interface ReconnectFinding {
  readonly code: FindingCode;
  /** As recorded at the cut (seal number, or index). */
  readonly atCut: string;
  /** As found at the reconnection. */
  readonly found: string;
}

/** Index units (m³ on the integer dials) the meter may show above the cut's index without a finding. */
export const DEFAULT_INDEX_TOLERANCE = 1;

export function reconnectFindings(
  cut: CutRecord | undefined,
  found: { removedSealNo: string; index: number },
  tolerance = DEFAULT_INDEX_TOLERANCE,
): ReconnectFinding[] {
  if (!cut) return [];
  const out: ReconnectFinding[] = [];
  const atCut = normaliseSealNo(cut.sealNo);
  const removed = normaliseSealNo(found.removedSealNo);
  if (atCut !== removed) out.push({ code: 'seal-mismatch', atCut, found: removed });
  if (found.index > cut.index + tolerance) out.push({ code: 'index-advanced', atCut: String(cut.index), found: String(found.index) });
  if (found.index < cut.index) out.push({ code: 'index-lower', atCut: String(cut.index), found: String(found.index) });
  return out;
}

/**
 * The finding as the receipt prints it: worded in the printed-document catalogue
 * (core/documents/fieldWorkTexts.ts), re-exported for the app's document builder.
 */
export { findingText } from '../documents/fieldWorkTexts.js';
