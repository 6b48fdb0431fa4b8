/**
 * What the handheld keeps in each collection of its local store (`Collections` in ports/Store.ts).
 * Types only: the store adapter persists them as JSON and the app services read and write them, so
 * both sides name one shape per collection instead of casting at each call site.
 */
import type { Invoice } from '../billing/types.js';
import type { Job } from '../contract/job.js';
import type { CutNoticeData } from '../documents/renderCutNotice.js';
import type { DaySummaryData } from '../documents/renderDaySummary.js';
import type { InspectionReportData } from '../documents/renderInspectionReport.js';
import type { MeterReportData } from '../documents/renderMeterReport.js';
import type { ReconnectionData } from '../documents/renderReconnectionReceipt.js';
import type { PrintDocument, Reprint } from '../documents/types.js';
import type { FieldWork } from '../fieldwork/types.js';
import type { InspectionDraft, ReportContext, SealedReport } from '../inspection/index.js';
import type { NoReadWork, ReadingWork } from '../jobs/types.js';

/** An inspection report (tutanak), from draft to sealed or void; kept under `inspection:<reportNo>`. */
export interface InspectionRecord {
  id: string;
  kind: 'inspection';
  /** The job it was made on; '' for an inspection started at a meter without a job. */
  jobId: string;
  at: string;
  operatorId: string;
  reportNo: string;
  state: 'draft' | 'sealed' | 'void';
  startedAt: string;
  site: ReportContext['site'];
  expectedSerial?: string;
  corrects?: string;
  draft: InspectionDraft;
  sealed?: SealedReport;
  voided?: { at: string; reason: string; by: string };
}

/**
 * Collection `work`: every kind of work record, told apart by `kind` (reading, no-read, the field
 * work kinds, inspection), so a reader narrows with `switch (w.kind)` and never casts.
 */
export type WorkRecord = ReadingWork | NoReadWork | FieldWork | InspectionRecord;
export type WorkKind = WorkRecord['kind'];

/** Collection `invoices`: an issued invoice, keyed by its number. */
export interface InvoiceRecord {
  invoice: Invoice;
}

/**
 * What can be rendered again for a reprint: the invoice by number (it lives in the store), or any
 * other document's render input kept in the ledger.
 */
export type DocumentSource =
  | { kind: 'invoice'; invoiceNo: string }
  | { kind: 'day-summary'; data: DaySummaryData }
  | { kind: 'cut-notice'; data: CutNoticeData }
  | { kind: 'reconnection-receipt'; data: ReconnectionData }
  | { kind: 'meter-report'; data: MeterReportData }
  | { kind: 'inspection-report'; data: InspectionReportData };

export type DataSource = Exclude<DocumentSource, { kind: 'invoice' }>;

export interface LedgerCopy {
  copy: number;
  at: string;
  by: string;
  state: 'sending' | 'printed' | 'failed';
  sha256: string;
  bytes: number;
  reprint?: Reprint;
  error?: string;
}

/** Collection `documents`: the document ledger (app/PrintService.ts), keyed by document number. */
export interface LedgerEntry {
  documentNo: string;
  type: PrintDocument['type'];
  title: string;
  jobId?: string;
  at: string;
  source: DocumentSource;
  copies: LedgerCopy[];
}

/** Collection `inbox`: what became of each back-office message, keyed by messageId (duplicates). */
export interface InboxRecord {
  messageId: string;
  at: string;
  outcome: string;
}

export type OperatorRole = 'reader' | 'supervisor';

/** Collection `operators`, keyed by operatorId. */
export interface OperatorRecord {
  operatorId: string;
  name: string;
  role: OperatorRole;
  /** `scrypt$N$r$p$salt$hash` (base64): parameters travel with the hash so they can be raised later. */
  pinHash: string;
}

/** PIN failures and lockouts of one operator (app/OperatorService.ts). */
export interface AuthState {
  failures: number;
  lockouts: number;
  lockedUntil: number;
}

/** Written once, when end-to-end acks are first seen (app/EndToEndAck.ts). */
export interface E2eMeta {
  since: string;
  firstAckedSeq: number;
}

/** Head of the hash-chained audit log (core/audit/hashChain.ts). */
export interface AuditHead {
  n: number;
  hash: string;
}

/**
 * Collection `meta`, by key. Counters are the store's own (never reused, see ports/Store.ts `next`).
 * Template-literal keys let `get('meta', `auth:${id}`)` return AuthState without a cast.
 */
export interface MetaEntries {
  [counter: `counter:${string}`]: number;
  [operator: `auth:${string}`]: AuthState;
  auditHead: AuditHead;
  endToEndAck: E2eMeta;
}

/** A wipe order kept until the outbox is empty (app/DataLifecycle.ts). */
export interface PendingWipe {
  messageId: string;
  afterDelivery: boolean;
}

/** A job.cancel for a job: a later job.assign of that jobId is refused. */
export interface CancelTombstone {
  reason: string;
  at: string;
  messageId: string;
}

/** A job purged by retention: a replayed old job.assign cannot bring it back. */
export interface PurgedJob {
  jobId: string;
  version: number;
  at: string;
}

/** A text message from the back office. */
export interface OfficeMessage {
  messageId: string;
  text: string;
  at: string;
}

/** The meter now at an installation, after a meter exchange. */
export type MeterOnRecord = Job['meter'] & { installedAt: string; jobId: string };

/** Collection `reference`, by key. */
export interface ReferenceEntries {
  'wipe:pending': PendingWipe;
  [job: `cancel:${string}`]: CancelTombstone;
  [job: `purged:${string}`]: PurgedJob;
  [message: `message:${string}`]: OfficeMessage;
  [installation: `meter:${string}`]: MeterOnRecord;
}

/** Narrowing for readers of `work` that want one family of records. */
export const isInspectionRecord = (w: WorkRecord | undefined): w is InspectionRecord => w?.kind === 'inspection';
export const isFieldWork = (w: WorkRecord | undefined): w is FieldWork =>
  w?.kind === 'cut' || w?.kind === 'reconnect' || w?.kind === 'meter-exchange' || w?.kind === 'not-done';
export const isReadingWork = (w: WorkRecord | undefined): w is ReadingWork | NoReadWork => w?.kind === 'reading' || w?.kind === 'no-read';
