/**
 * The app's use cases behind the AppServices facade the UI uses. Built from ports and services by
 * the composition root; does no I/O in its constructor.
 */
import type { Invoice, InvoiceCalc } from '../core/billing/types.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import type { JobRecord, NoReadWork, Override, ReadingWork } from '../core/jobs/types.js';
import type { ReadingRules, ScanEvidence } from '../core/reading/index.js';
import type { InputEvent } from '../core/input/InputEvent.js';
import type { Presence } from '../core/input/DeviceStatus.js';
import { isReadingWork } from '../core/store/records.js';
import { isoInstant, localDate } from '../core/time/calendar.js';
import { REPRINT_REASONS } from '../core/documents/ledgerTexts.js';
import type {
  AppServices,
  BusyTask,
  DaySummary,
  DraftInfo,
  Notice,
  OperatorSession,
  PrintedDocument,
  StatusSnapshot,
} from './AppServices.js';
import type { OperatorService } from './OperatorService.js';
import type { PrintService } from './PrintService.js';
import type { ReadingService } from './ReadingService.js';
import { unprintedDocuments, type UnprintedDocument } from './unprinted.js';
import { daySummaryDocument, daySummaryOf } from './daySummary.js';
import type { Store } from '../ports/Store.js';
import type { BrokerLink } from '../ports/BrokerLink.js';
import type { Printer } from '../ports/Printer.js';
import { FieldWorkFacade, type FieldWorkApi, type OverrideGrant } from './FieldWorkFacade.js';
import type { FieldWorkService } from './FieldWorkService.js';
import { inspectionUseCases, type InspectionService, type InspectionUseCases } from './InspectionService.js';
import type {
  CutCheck,
  CutWork,
  FieldWork,
  FieldWorkReference,
  MeterExchangeWork,
  NotDoneWork,
  ReconnectWork,
} from '../core/fieldwork/index.js';
import { Listeners } from '../core/events/Listeners.js';
import type { Log } from '../ports/Logger.js';
import { isJobMeter } from '../core/jobs/meterCode.js';

export interface SahaAppDeps {
  deviceId: string;
  demo: boolean;
  store: Store;
  readings: ReadingService;
  operators: OperatorService;
  printing: PrintService;
  link: BrokerLink;
  printer: Printer;
  readingRules: ReadingRules;
  clock: () => number;
  /** Input events from the hub (keypad, scanner, terminal). */
  subscribeInput: (fn: (e: InputEvent) => void) => () => void;
  scannerPresence: () => Presence | 'none';
  /** Ids of outbox entries not yet acknowledged. */
  outboxDepth: () => number;
  /** ISO instant of the oldest unsent record (OutboxSender); absent = the outbox's first entry. */
  oldestPendingAt?: () => string | null;
  /** Sent and awaiting the back office's end-to-end ack (OutboxSender); absent = not shown. */
  unackedDepth?: () => number;
  oldestUnackedAt?: () => string | null;
  /** Idle timeout of an operator session (security.sessionTimeoutMin); 0 = off. */
  sessionTimeoutMs?: number;
  /** config printer.printOnConfirm (default on): a confirmed invoice prints at once (issue 19). */
  printOnConfirm?: boolean;
  /** config input.confirmPauseMs (adapters/ui/confirmGuard.ts); absent: no debounce. */
  confirmPauseMs?: number;
  fieldWork: FieldWorkService;
  /** Last contact with the back office (SyncTracker), for the cut's payment-race guard. */
  lastSyncAt: () => number | null;
  inspections: InspectionService;
  /** Free space on the store's file system and the floor below which new work is refused; absent = not shown. */
  freeSpace?: () => StatusSnapshot['free'];
  /** Where a throwing status or notice listener is reported (src/ports/Logger.ts). */
  log?: Log;
}

export class SahaApp implements AppServices {
  private readonly noticeListeners: Listeners<Notice>;
  private readonly statusListeners: Listeners<StatusSnapshot>;
  private busy: BusyTask | null = null;
  private statusTimer: NodeJS.Timeout | undefined;
  /** Sorted job list, rebuilt only when a commit touched jobs: the UI compares by identity. */
  private jobsCache: readonly JobRecord[] | undefined;
  private readonly fw: FieldWorkFacade;
  readonly inspections: InspectionUseCases;

  constructor(private readonly d: SahaAppDeps) {
    this.noticeListeners = new Listeners('notice', d.log);
    this.statusListeners = new Listeners('status', d.log);
    this.fw = new FieldWorkFacade({
      service: d.fieldWork,
      store: d.store,
      deviceId: d.deviceId,
      lastSyncAt: d.lastSyncAt,
      session: () => this.session(),
      verifySupervisor: (id, pin) => d.operators.verifySupervisor(id, pin),
      busy: (label, fn) => this.withBusy(label, fn),
    });
    this.inspections = inspectionUseCases(
      d.inspections,
      () => ({ operatorId: this.operatorId(), name: this.session()?.name ?? this.operatorId() }),
      (label, fn) => this.withBusy(label, fn),
    );
    d.store.onCommit((touched) => {
      if (touched.has('jobs')) this.jobsCache = undefined;
      if (touched.has('outbox') || touched.has('jobs')) this.statusChanged();
    });
    d.link.onState(() => this.statusChanged());
    d.printer.onStatus(() => this.statusChanged());
  }

  get deviceId(): string {
    return this.d.deviceId;
  }
  get demo(): boolean {
    return this.d.demo;
  }
  get readingRules(): ReadingRules {
    return this.d.readingRules;
  }
  today(): string {
    return localDate(this.d.clock());
  }
  now(): number {
    return this.d.clock();
  }

  // --- operators
  async login(operatorId: string, pin: string): Promise<OperatorSession> {
    const s = await this.d.operators.login(operatorId, pin);
    this.statusChanged();
    return s;
  }
  async logout(supervisor?: { operatorId: string; pin: string }): Promise<void> {
    await this.d.operators.logout({ unsent: this.d.outboxDepth(), ...(supervisor ? { supervisor } : {}) });
    this.statusChanged();
  }
  session(): OperatorSession | null {
    return this.d.operators.session();
  }
  get confirmPauseMs(): number {
    return this.d.confirmPauseMs ?? 0;
  }
  get printOnConfirm(): boolean {
    return this.d.printOnConfirm ?? true;
  }
  get sessionTimeoutMs(): number {
    return this.d.sessionTimeoutMs ?? 0;
  }
  async lockSession(reason: 'idle', drafts: readonly DraftInfo[] = []): Promise<void> {
    await this.d.operators.lock(reason, drafts);
    this.statusChanged();
  }
  abandonDrafts(owner: string, drafts: readonly DraftInfo[]): Promise<void> {
    return this.d.operators.abandonDrafts(owner, drafts);
  }

  private operatorId(): string {
    const s = this.session();
    if (!s) throw new AppError('nobody is logged in', ErrorCode.Auth_Failed);
    return s.operatorId;
  }

  // --- jobs
  jobs(): readonly JobRecord[] {
    this.jobsCache ??= Object.freeze(
      [...this.d.store.values('jobs')].sort((a, b) => a.job.routeSeq - b.job.routeSeq || (a.job.jobId < b.job.jobId ? -1 : 1)),
    );
    return this.jobsCache;
  }
  job(jobId: string): JobRecord | undefined {
    return this.d.store.get('jobs', jobId);
  }
  findByCode(code: string): JobRecord | undefined {
    const c = code.trim();
    for (const r of this.d.store.values('jobs')) if (isJobMeter(r.job.meter, c) || r.job.customer.installationNo === c) return r;
    return undefined;
  }
  workOf(jobId: string): readonly (ReadingWork | NoReadWork)[] {
    const r = this.job(jobId);
    return (r?.workIds ?? []).map((id) => this.d.store.get('work', id)).filter(isReadingWork);
  }

  // --- reading
  previewBill(jobId: string, index: number): InvoiceCalc {
    return this.d.readings.preview(jobId, index);
  }
  confirmReading(r: {
    jobId: string;
    index: number;
    rollover?: boolean;
    outlierConfirmed?: boolean;
    overrides?: Override[];
    scan?: ScanEvidence;
  }): Promise<{ work: ReadingWork; invoice?: Invoice }> {
    return this.d.readings.confirmReading({ ...r, operatorId: this.operatorId() });
  }
  recordNoRead(n: { jobId: string; reasonCode: string; note?: string; followUp: boolean; scannedSerial?: string }): Promise<NoReadWork> {
    return this.d.readings.recordNoRead({ ...n, operatorId: this.operatorId() });
  }
  async recordScan(jobId: string, code: string): Promise<{ match: boolean }> {
    const rec = this.job(jobId);
    if (!rec) throw new AppError(`job ${jobId} not found`, ErrorCode.Job_NotFound);
    const match = isJobMeter(rec.job.meter, code);
    const operatorId = this.operatorId();
    await this.d.store.transact(
      (tx) => void tx.audit({ actor: operatorId, action: match ? 'meter.scan.match' : 'meter.scan.mismatch', details: { jobId, match } }),
    );
    return { match };
  }

  // --- field work (FieldWorkFacade)
  get fieldReference(): FieldWorkReference {
    return this.fw.fieldReference;
  }
  lastSyncAt(): number | null {
    return this.fw.lastSyncAt();
  }
  cutCheck(jobId: string): CutCheck {
    return this.fw.cutCheck(jobId);
  }
  authorizeOverride(o: Parameters<FieldWorkApi['authorizeOverride']>[0]): Promise<OverrideGrant> {
    return this.fw.authorizeOverride(o);
  }
  confirmCut(c: Parameters<FieldWorkApi['confirmCut']>[0]): Promise<CutWork> {
    return this.fw.confirmCut(c);
  }
  confirmReconnect(r: Parameters<FieldWorkApi['confirmReconnect']>[0]): Promise<ReconnectWork> {
    return this.fw.confirmReconnect(r);
  }
  confirmMeterExchange(m: Parameters<FieldWorkApi['confirmMeterExchange']>[0]): Promise<MeterExchangeWork> {
    return this.fw.confirmMeterExchange(m);
  }
  recordNotDone(n: Parameters<FieldWorkApi['recordNotDone']>[0]): Promise<NotDoneWork> {
    return this.fw.recordNotDone(n);
  }
  printFieldWork(workId: string): Promise<PrintedDocument> {
    return this.fw.printFieldWork(workId);
  }
  fieldWorkOf(jobId: string): readonly FieldWork[] {
    return this.fw.fieldWorkOf(jobId);
  }

  // --- printing
  private async withBusy<T>(label: BusyTask, fn: () => Promise<T>): Promise<T> {
    this.busy = label;
    this.statusChanged();
    try {
      return await fn();
    } finally {
      this.busy = null;
      this.statusChanged();
    }
  }
  printInvoice(invoiceNo: string): Promise<PrintedDocument> {
    return this.withBusy('printing', () => this.d.printing.printInvoice(invoiceNo, this.operatorId()));
  }
  reprint(documentNo: string, reason: string): Promise<PrintedDocument> {
    return this.withBusy('printing', () => this.d.printing.reprint(documentNo, this.operatorId(), reason));
  }
  unprintedDocuments(): readonly UnprintedDocument[] {
    return unprintedDocuments(this.d.store);
  }
  printUnprinted(documentNo: string): Promise<PrintedDocument> {
    if (this.d.store.get('invoices', documentNo)) return this.printInvoice(documentNo);
    // Not an invoice: the ledger entry holds the source; with no printed copy this prints copy 1.
    return this.reprint(documentNo, REPRINT_REASONS.firstPrint);
  }
  documentsToday(): readonly { documentNo: string; type: string; title: string; at: string; copies: number; jobId?: string }[] {
    const today = this.today();
    return [...this.d.store.values('documents')]
      .filter((e) => e.at.slice(0, 10) === today)
      .map((e) => ({
        documentNo: e.documentNo,
        type: e.type,
        title: e.title,
        at: e.at,
        ...(e.jobId ? { jobId: e.jobId } : {}),
        copies: e.copies.filter((c) => c.state === 'printed').length,
      }))
      .sort((a, b) => (a.at < b.at ? 1 : -1));
  }
  daySummary(): DaySummary {
    return daySummaryOf(this.d.store, this.today(), this.d.outboxDepth());
  }
  printDaySummary(): Promise<PrintedDocument> {
    const operatorId = this.operatorId();
    const crew = { operatorId, operatorName: this.session()?.name ?? operatorId, deviceId: this.d.deviceId };
    const data = daySummaryDocument(this.d.store, this.today(), this.daySummary(), crew, this.d.readingRules.noReadCodes);
    return this.withBusy('printing', () => this.d.printing.printDaySummary(data, operatorId));
  }

  // --- observation
  status(): StatusSnapshot {
    const link = this.d.link.state.state;
    let oldest: string | null = null;
    if (this.d.oldestPendingAt) oldest = this.d.oldestPendingAt();
    else
      for (const e of this.d.store.values('outbox')) {
        oldest = e.queuedAt;
        break;
      }
    const depth = this.d.outboxDepth();
    return {
      link,
      outboxDepth: depth,
      oldestPendingAt: depth > 0 ? oldest : null,
      ...(this.d.unackedDepth ? { unackedDepth: this.d.unackedDepth() } : {}),
      ...(this.d.oldestUnackedAt ? { oldestUnackedAt: this.d.oldestUnackedAt() } : {}),
      ...(this.d.freeSpace?.() ? { free: this.d.freeSpace()! } : {}),
      printer: this.d.printer.lastStatus,
      scanner: this.d.scannerPresence(),
      operatorId: this.session()?.operatorId ?? null,
      busy: this.busy,
      unprinted: unprintedDocuments(this.d.store).length,
    };
  }
  onStatus(fn: (s: StatusSnapshot) => void): () => void {
    return this.statusListeners.add(fn);
  }
  /** Coalesced: a draining outbox commits hundreds of times a second; the screen needs ~10 Hz. */
  statusChanged(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      const s = this.status();
      this.statusListeners.emit(s);
    }, 100);
    this.statusTimer.unref?.();
  }
  onNotice(fn: (n: Notice) => void): () => void {
    return this.noticeListeners.add(fn);
  }
  notify(n: Notice): void {
    this.noticeListeners.emit(n);
  }
  onInput(fn: (e: InputEvent) => void): () => void {
    return this.d.subscribeInput(fn);
  }
  isoNow(): string {
    return isoInstant(this.d.clock());
  }
}
