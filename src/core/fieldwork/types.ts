/** Work records of field jobs, as the handheld keeps them (store collection `work`). */
import type { ChecklistAnswer } from './checklist.js';
import type { CutPreconditionId } from './reference.js';
import type { PreconditionStatus } from './cutPreconditions.js';
import type { ReconnectFinding } from './reconnectCheck.js';

interface WorkBase {
  id: string;
  jobId: string;
  /** ISO instant with offset: when the crew confirmed. */
  at: string;
  operatorId: string;
  /** Document number of the printed notice / receipt / report, once allocated. */
  documentNo?: string;
}

/** A supervisor's override of failed cut preconditions (the PIN was checked on the device). */
export interface CutOverride {
  supervisorId: string;
  reason: string;
  at: string;
  preconditions: CutPreconditionId[];
}

/**
 * The job's meter was not scanned: its barcode was declared unreadable ("barkod okunamıyor",
 * issue 19) with a reason from core/reading/scanGate.ts SCAN_OVERRIDE_REASONS, by whom and when.
 */
export interface FieldScanOverride {
  reasonCode: string;
  operatorId: string;
  at: string;
}

export interface CutWork extends WorkBase {
  kind: 'cut';
  index: number;
  sealNo: string;
  /** The job's meter as scanned; absent when its barcode was declared unreadable (`scanOverride`). */
  scannedCode?: string;
  scanOverride?: FieldScanOverride;
  checklist: ChecklistAnswer[];
  preconditions: { id: CutPreconditionId; status: PreconditionStatus }[];
  override?: CutOverride;
  referenceVersion: string;
  note?: string;
}

export interface ReconnectWork extends WorkBase {
  kind: 'reconnect';
  index: number;
  removedSealNo: string;
  scannedCode?: string;
  scanOverride?: FieldScanOverride;
  checklist: ChecklistAnswer[];
  occupantName?: string;
  /** What differs from the cut the office sent with the job (job.cut): an inspection was offered. */
  findings?: ReconnectFinding[];
}

export interface MeterSide {
  serial: string;
  sealNos: string[];
}

export interface MeterExchangeWork extends WorkBase {
  kind: 'meter-exchange';
  reason: 'periodic' | 'fault' | 'lab' | 'customer-request' | 'other';
  removed?: MeterSide & { finalIndex: number };
  installed?: MeterSide & { initialIndex: number; digits: number };
  checklist: ChecklistAnswer[];
  /** The removed meter's barcode was declared unreadable instead of scanned. */
  scanOverride?: FieldScanOverride;
}

/** Visited, not done: nobody home, gas smell, unsafe installation… (sent as reading.skipped). */
export interface NotDoneWork extends WorkBase {
  kind: 'not-done';
  jobKind: string;
  reasonCode: string;
  note?: string;
  checklist: ChecklistAnswer[];
  noticeLeft: boolean;
  emergency: boolean;
  /** The wrong-meter code (11) after a scan of another meter: the code scanned (issue 19). */
  scannedSerial?: string;
}

export type FieldWork = CutWork | ReconnectWork | MeterExchangeWork | NotDoneWork;
