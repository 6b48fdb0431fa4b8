/** The handheld's own view of a job and of the work recorded on it. */
import type { Job } from '../contract/job.js';

export type JobState = 'open' | 'done' | 'skipped' | 'cancelled';

export interface JobRecord {
  job: Job;
  state: JobState;
  receivedAt: string;
  updatedAt: string;
  /** Set when a job.cancel arrived; a cancelled job can never be completed afterwards. */
  cancel?: { reason: string; at: string; messageId: string };
  /** Ids of work records (readings, no-reads, cuts…) in the order they were made. */
  workIds: string[];
  /** A newer version that arrived after work was recorded: reported, not applied. */
  supersededBy?: { version: number; at: string };
}

export interface Override {
  /** 'held-for-office': a high consumption recorded without a bill, for the office to review (docs/invoice.md). */
  kind: 'outlier-confirmed' | 'rollover' | 'meter-changed' | 'supervisor' | 'held-for-office';
  flags?: string[];
  operatorId: string;
  at: string;
  reason?: string;
}

export interface ReadingWork {
  id: string;
  kind: 'reading';
  jobId: string;
  at: string;
  operatorId: string;
  index: number;
  previousIndex: number;
  consumptionM3: string;
  rollover: boolean;
  outlierConfirmed: boolean;
  overrides: Override[];
  invoiceNo?: string;
  /** The meter was not scanned: its barcode was declared unreadable (issue 19, core/reading/scanGate.ts). */
  scanOverride?: { reasonCode: string; at: string };
  /** The code scanned at the meter when it matched (absent for older records and overrides). */
  scannedCode?: string;
  /** Why no invoice: below the minimum billable volume (index carried forward), or held for the office. */
  notBilledReason?: string;
  /**
   * A high consumption held for the office (config reading.highConsumption 'hold-for-office'): no
   * invoice on the device; the office bills it after review (docs/invoice.md "Plausibility").
   */
  billingHeld?: { reason: 'high-consumption' };
}

export interface NoReadWork {
  id: string;
  kind: 'no-read';
  jobId: string;
  at: string;
  operatorId: string;
  reasonCode: string;
  note?: string;
  followUp: boolean;
  /** Code 11 after a scan of another meter: what was scanned (issue 19). */
  scannedSerial?: string;
}

export interface InvoiceNoRecord {
  invoiceNo: string;
  state: 'reserved' | 'issued' | 'void';
  jobId: string;
  reservedAt: string;
  issuedAt?: string;
  voidedAt?: string;
  voidReason?: string;
}
