/**
 * What `saha report` answers (issue 14, "saha report"): one object, money as decimal strings summed
 * in SQL numeric (never floats), counts as numbers.
 */
import type { Difference } from '../reconcile/types.js';
import type { DuplicateNumber, NumberingGap } from '../reconcile/numberingGaps.js';

export interface ReportFilter {
  /** YYYY-MM-DD: only events whose local_date (the crew's calendar day) is this day. */
  date?: string;
  deviceId?: string;
}

export interface DeviceLine {
  deviceId: string;
  /** Every seq from the device's floor to this is stored. */
  ackedSeq: number;
  /** Seqs in 1..max seen that are not stored, ascending; at most MISSING_LISTED of them. */
  missingSeqs: number[];
  missingCount: number;
  /** Of the missing, those below the device's floor: it released them before end-to-end acks, they will never arrive. */
  missingReleased: number;
  quarantined: number;
}

export interface MismatchLine {
  eventId: string;
  deviceId: string;
  seq: number;
  invoiceNo: string;
  differences: Difference[];
}

export interface UnverifiableLine {
  eventId: string;
  deviceId: string;
  invoiceNo: string;
  reason: string;
}

export interface JobFigures {
  /** Assign messages handed to the broker at least once. */
  sent: number;
  /** Taken by the device (accepted, or since done). */
  accepted: number;
  /** Recorded or sent, not yet accepted, rejected or cancelled. */
  awaitingAcceptance: number;
  rejected: number;
}

export interface Report {
  date: string | null;
  device: string | null;
  devices: DeviceLine[];
  invoices: { count: number; totalSum: string; payableSum: string };
  /** heldForReview: recorded without a bill (reading.recorded billingHeld), counted in done too; the office bills them. */
  readings: { done: number; skipped: number; heldForReview: number };
  fieldWork: { cuts: number; reconnections: number; meterExchanges: number };
  inspections: { count: number; accrualSum: string };
  /** Null when the database has no reconciliation table: see `notes`. */
  reconciliation: { checked: number; mismatches: MismatchLine[]; unverifiable: UnverifiableLine[]; unchecked: number } | null;
  numbering: { gaps: NumberingGap[]; duplicates: DuplicateNumber[]; malformed: string[] };
  /** Null when the database has no job ledger (job_messages): see `notes`. */
  jobs: JobFigures | null;
  /** Why a figure is missing, in words for the reader. */
  notes: string[];
}

/** The list of missing seqs is capped so a device that lost its outbox does not produce megabytes. */
export const MISSING_LISTED = 1000;
