/**
 * What reconciliation works on and answers. The office recomputes every issued invoice from its own
 * copy of the tariffs (contract v1 §Tariffs, kept by ingest in tariff_versions) and compares it,
 * string for string, with what the crew printed (contract v1 invoice.issued).
 */
import type { Tariff } from '../../core/contract/tariff.js';

/** One version of a tariff as the office received it (a retained tariff may be republished changed). */
export interface TariffVersion {
  tariffId: string;
  /** The tariff message as received; validated again before use, since it comes from storage. */
  body: Tariff | unknown;
  /** When the office received this version (ISO-8601 instant). */
  receivedAt: string;
}

/** One field where the office's figure differs from the invoice's. Values as printed (strings). */
export interface Difference {
  /** Path into the invoice, e.g. "payable", "period.days", "lines[0].amount". */
  field: string;
  /** What the office computed. */
  expected: string;
  /** What the invoice carries. */
  actual: string;
}

export type ReconcileResult =
  | { status: 'ok' }
  | { status: 'mismatch'; differences: Difference[] }
  /** The office cannot recompute (a tariff it never received, an unusable tariff body). */
  | { status: 'unverifiable'; reason: string };
