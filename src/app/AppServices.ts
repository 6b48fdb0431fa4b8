/**
 * What the field UI may use: the app's use cases and observable state, wired from ports by the
 * composition root. The UI never touches a store, broker, printer or device directly, so every
 * screen can be driven in tests with the memory store and fakes.
 *
 * All mutating calls are durable when they resolve (the screen may then say "kaydedildi").
 * They reject with AppError (code tells the UI what to show); the app keeps running.
 */
import type { Invoice, InvoiceCalc } from '../core/billing/types.js';
import type { JobRecord, NoReadWork, Override, ReadingWork } from '../core/jobs/types.js';
import type { ReadingRules, ScanEvidence } from '../core/reading/index.js';
import type { InputEvent } from '../core/input/InputEvent.js';
import type { Presence } from '../core/input/DeviceStatus.js';
import type { PrinterStatus } from '../ports/Printer.js';
import type { FieldWorkApi } from './FieldWorkFacade.js';
import type { InspectionUseCases } from './InspectionService.js';
import type { UnprintedDocument } from './unprinted.js';

export type { UnprintedDocument } from './unprinted.js';

/**
 * The end-of-day figures on the screen. e-Arşiv invoices and bilgi fişleri apart: a bilgi fişi is
 * not an invoice, and the office issues the e-Fatura for it (docs/invoice.md "Bilgi fişi").
 */
export interface DaySummary {
  byKind: Record<string, Record<string, number>>;
  /** Today's e-Arşiv invoices and their payable total (decimal string). */
  invoiceCount: number;
  invoiceTotal: string;
  /** Today's bilgi fişleri (documentKind "bilgi-fisi") and their payable total. */
  infoSlipCount: number;
  infoSlipTotal: string;
  /**
   * Today's readings held for the office (ReadingWork.billingHeld): done, no invoice; the office
   * bills them after review (docs/invoice.md "Plausibility").
   */
  heldForOfficeCount: number;
  unsent: number;
}

export interface StatusSnapshot {
  link: 'online' | 'offline' | 'connecting';
  outboxDepth: number;
  /** ISO instant of the oldest unsent record, or null when the outbox is empty. */
  oldestPendingAt: string | null;
  /** Sent, awaiting the back office's end-to-end ack (0 when acks are off). */
  unackedDepth?: number;
  /** occurredAt of the oldest event awaiting that ack; null when none. */
  oldestUnackedAt?: string | null;
  printer: PrinterStatus;
  scanner: Presence | 'none';
  operatorId: string | null;
  /** Set while a long job runs; a key the UI words from its catalogue (status.busy.*). */
  busy: BusyTask | null;
  /**
   * Free space on the store's file system, as last measured, and the floor (config store.minFreeMB)
   * below which new work is refused (Store_LowSpace); absent when the store has no disk.
   */
  free?: { bytes: number; floorBytes: number };
  /** Documents saved but never printed, today's and older (app/unprinted.ts); absent or 0 when none. */
  unprinted?: number;
}

/** What the app can be busy with (the status bar says it in the crew's language). */
export type BusyTask = 'printing';

export type Notice =
  | { kind: 'job-cancelled'; jobId: string; reason: string }
  | { kind: 'urgent-job'; jobId: string }
  | { kind: 'jobs-arrived'; count: number }
  | { kind: 'message'; text: string; messageId: string; at: string }
  | { kind: 'cancel-too-late'; jobId: string }
  /** The scanner sent a code that was dropped (too long, garbled): scan again. */
  | { kind: 'scan-rejected'; reason: 'too-long' | 'garbled' };

export interface PrintedDocument {
  documentNo: string;
  copy: number;
  /** Where the virtual printer left the decoded slip (demo mode), for the screen to name. */
  savedAt?: string;
}

/**
 * What an open screen holds that is not saved yet, as the audit log names it: the screen, the job
 * and a few facts (the step, how many digits were typed, whether the meter was scanned). Never
 * the typed values themselves (an index or a note may be personal data).
 */
export interface DraftInfo {
  screen: string;
  jobId?: string;
  detail?: Readonly<Record<string, string | number | boolean>>;
}

export interface OperatorSession {
  operatorId: string;
  name: string;
  role: 'reader' | 'supervisor';
}

/** Field work (cut, reconnection, meter exchange) is in FieldWorkApi (app/FieldWorkFacade.ts). */
export interface AppServices extends FieldWorkApi {
  readonly deviceId: string;
  readonly readingRules: ReadingRules;
  /** Kaçak/usulsüz inspections, with the logged-in operator bound (app/InspectionService.ts). */
  readonly inspections: InspectionUseCases;
  /** Today's date in Europe/Istanbul (the app's clock, injectable in tests). */
  today(): string;
  now(): number;

  // --- operators
  login(operatorId: string, pin: string): Promise<OperatorSession>;
  /** Rejects with Auth_Failed (code) when unsent records remain and no valid supervisor PIN is given. */
  logout(supervisor?: { operatorId: string; pin: string }): Promise<void>;
  session(): OperatorSession | null;
  /** Idle time after which the UI locks the session back to the login screen; 0 = never. */
  readonly sessionTimeoutMs: number;
  /** config printer.printOnConfirm: the reading screen prints a confirmed invoice without another key. */
  readonly printOnConfirm: boolean;
  /** config input.confirmPauseMs: a confirm screen takes a key only this long after the previous one (adapters/ui/confirmGuard.ts). */
  readonly confirmPauseMs: number;
  /**
   * Ends the session (not the shift): used by the idle timeout. Audited, with the drafts the UI
   * keeps for the same operator (issue 19: the idle lock keeps the work).
   */
  lockSession(reason: 'idle', drafts?: readonly DraftInfo[]): Promise<void>;
  /**
   * Another operator logged in after an idle lock: the drafts kept for `owner` are dropped. Audited
   * (`session.draft-abandoned`), so a half-keyed reading never vanishes without a trace.
   */
  abandonDrafts(owner: string, drafts: readonly DraftInfo[]): Promise<void>;

  // --- jobs
  /** All jobs in route order (urgent first is the UI's choice). Synchronous: in memory. */
  jobs(): readonly JobRecord[];
  job(jobId: string): JobRecord | undefined;
  /** A scanned code → the job whose meter serial/barcode or installation number matches. */
  findByCode(code: string): JobRecord | undefined;
  workOf(jobId: string): readonly (ReadingWork | NoReadWork)[];

  // --- reading
  previewBill(jobId: string, index: number): InvoiceCalc;
  confirmReading(r: {
    jobId: string;
    index: number;
    rollover?: boolean;
    outlierConfirmed?: boolean;
    overrides?: Override[];
    /** The scan gate's proof (core/reading/scanGate.ts): recorded with the reading. */
    scan?: ScanEvidence;
  }): Promise<{ work: ReadingWork; invoice?: Invoice }>;
  /** `scannedSerial`: code 11 after a scan of another meter keeps what was scanned (issue 19). */
  recordNoRead(n: { jobId: string; reasonCode: string; note?: string; followUp: boolean; scannedSerial?: string }): Promise<NoReadWork>;
  /** Records that the crew scanned this code at this job (match or mismatch). */
  recordScan(jobId: string, code: string): Promise<{ match: boolean }>;

  // --- printing
  printInvoice(invoiceNo: string): Promise<PrintedDocument>;
  reprint(documentNo: string, reason: string): Promise<PrintedDocument>;
  /** Saved but never printed (no printed copy in the ledger), oldest first: app/unprinted.ts. */
  unprintedDocuments(): readonly UnprintedDocument[];
  /** Prints an unprinted document as its first copy (copy 1, no reprint reason). */
  printUnprinted(documentNo: string): Promise<PrintedDocument>;
  /** Documents printed today, newest first. */
  documentsToday(): readonly { documentNo: string; type: string; title: string; at: string; copies: number; jobId?: string }[];
  printDaySummary(): Promise<PrintedDocument>;
  daySummary(): DaySummary;

  // --- observation
  status(): StatusSnapshot;
  onStatus(fn: (s: StatusSnapshot) => void): () => void;
  onNotice(fn: (n: Notice) => void): () => void;
  onInput(fn: (e: InputEvent) => void): () => void;
  /** Demo mode: ask for a code to "scan" (F9). */
  readonly demo: boolean;
}
