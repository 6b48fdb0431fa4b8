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

export interface CutWork extends WorkBase {
  kind: 'cut';
  index: number;
  sealNo: string;
  scannedCode: string;
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
  scannedCode: string;
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
}

export type FieldWork = CutWork | ReconnectWork | MeterExchangeWork | NotDoneWork;
