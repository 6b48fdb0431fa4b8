/**
 * An AppServices for screen tests, backed by the real memory store, ReadingService and
 * OperatorService with sample jobs and the Eskişehir tariff. Printing is recorded (and can be
 * told to fail); notices, status and input are driven by the test.
 */
import { randomUUID } from 'node:crypto';
import { openMemoryStore } from '../../src/adapters/store/openStore.js';
import type { MemoryBackend } from '../../src/adapters/store/MemoryBackend.js';
import type { AppServices, Notice, OperatorSession, PrintedDocument, StatusSnapshot } from '../../src/app/AppServices.js';
import { hashPin, OperatorService } from '../../src/app/OperatorService.js';
import { ReadingService } from '../../src/app/ReadingService.js';
import type { Invoice } from '../../src/core/billing/types.js';
import type { Job } from '../../src/core/contract/job.js';
import { AppError, type ErrorCode } from '../../src/core/errors/AppError.js';
import type { InputEvent, InputKey } from '../../src/core/input/InputEvent.js';
import type { JobRecord, NoReadWork, ReadingWork } from '../../src/core/jobs/types.js';
import { isReadingWork } from '../../src/core/store/records.js';
import { DEFAULT_READING_RULES, type ReadingRules } from '../../src/core/reading/index.js';
import { isoInstant, localDate } from '../../src/core/time/calendar.js';
import type { StoreEngine } from '../../src/adapters/store/StoreEngine.js';
import { readingJob } from './sampleJobs.js';
import { join } from 'node:path';
import { FieldWorkFacade, type FieldWorkApi } from '../../src/app/FieldWorkFacade.js';
import { FieldWorkService } from '../../src/app/FieldWorkService.js';
import { loadFieldWorkReference } from '../../src/app/loadFieldWorkReference.js';
import { PrintService } from '../../src/app/PrintService.js';
import { FakePrinter } from '../../src/adapters/printer/FakePrinter.js';
import { encodeDocument } from '../../src/adapters/printer/encodeDocument.js';
import { loadPrinterProfile } from '../../src/adapters/printer/loadPrinterProfile.js';
import { decodeEscPos } from '../../src/core/escpos/decodeEscPos.js';
import type { FieldWorkReference } from '../../src/core/fieldwork/index.js';
import { esgaz } from './tariffs.js';
import { InspectionService, inspectionUseCases, readInspectionConfig, type InspectionUseCases } from '../../src/app/InspectionService.js';

/** 2026-11-25 10:00 in Istanbul: 30 days after the sample jobs' last reading. */
export const FAKE_NOW = Date.UTC(2026, 10, 25, 7, 0, 0);

export const READER = { operatorId: '1001', pin: '2468', name: 'Ali Kaya' };
export const SUPERVISOR = { operatorId: '9001', pin: '1357', name: 'Deniz Şef' };

export interface PrintRecord {
  documentNo: string;
  type: string;
  copy: number;
  reason?: string;
  at: string;
}

export interface FakeAppOptions {
  /** Number of sample reading jobs (readingJob(1..count)); default 20. */
  count?: number;
  /** Extra jobs (other kinds, urgent ones). */
  jobs?: Job[];
  now?: number;
  demo?: boolean;
  rules?: ReadingRules;
  status?: Partial<StatusSnapshot>;
  /** Field-work reference data; default device/reference (demo: true adds demo.json). */
  reference?: FieldWorkReference;
  /** Last contact with the back office; default: now (fresh). Settable later through `lastSync`. */
  lastSync?: number | null;
  /** The memory store's backend (tests: failNextAppend, a lowered `free`); default a fresh one. */
  backend?: MemoryBackend;
  /** The store's free-space floor (config store.minFreeMB in bytes); default none. */
  minFreeBytes?: number;
}

type Fn<T> = (v: T) => void;

export class FakeApp implements AppServices {
  readonly deviceId = 'HT-0042';
  readonly readingRules: ReadingRules;
  readonly demo: boolean;
  readonly prints: PrintRecord[] = [];
  readonly scans: Array<{ jobId: string; code: string; match: boolean }> = [];
  readonly docs: Array<{ documentNo: string; type: string; title: string; at: string; copies: number }> = [];
  private failNext: ErrorCode | null = null;
  private statusOver: Partial<StatusSnapshot>;
  private readonly statusFns = new Set<Fn<StatusSnapshot>>();
  private readonly noticeFns = new Set<Fn<Notice>>();
  private readonly inputFns = new Set<Fn<InputEvent>>();
  private jobCache: JobRecord[] | null = null;
  /** Calls the UI made, by name, for assertions like "nothing was committed". */
  readonly calls: string[] = [];
  /** Field work runs on the real service and prints through a real PrintService to this printer. */
  fieldPrinter!: FakePrinter;
  fieldPrinting!: PrintService;
  fieldService!: FieldWorkService;
  private fw!: FieldWorkFacade;
  /** Last contact with the back office (epoch ms) the cut's payment-race guard sees; null = never. */
  lastSync: number | null = null;
  /** Inspections run on the real service (shipped parameters) and print to fieldPrinter too. */
  inspectionService!: InspectionService;
  inspections!: InspectionUseCases;

  private constructor(
    readonly store: StoreEngine,
    readonly reading: ReadingService,
    readonly operators: OperatorService,
    public nowMs: number,
    o: FakeAppOptions,
  ) {
    this.readingRules = o.rules ?? DEFAULT_READING_RULES;
    this.demo = o.demo ?? false;
    this.statusOver = o.status ?? {};
    store.onCommit((touched) => {
      if (touched.has('jobs')) this.jobCache = null;
      if (touched.has('outbox')) this.emitStatus();
    });
  }

  static async create(o: FakeAppOptions = {}): Promise<FakeApp> {
    const box = { now: o.now ?? FAKE_NOW };
    const clock = () => box.now;
    const store = await openMemoryStore({ deviceId: 'HT-0042', eventTopic: (d, t) => `saha/v1/devices/${d}/events/${t}`, clock, newId: randomUUID, ...(o.minFreeBytes !== undefined ? { minFreeBytes: o.minFreeBytes } : {}) }, o.backend);
    const reading = new ReadingService({ store, deviceId: 'HT-0042', invoiceSeries: 'HTA', clock, newId: randomUUID });
    const operators = new OperatorService({ store, clock });
    const fast = { N: 1024, r: 8, p: 1 };
    await operators.upsert({ operatorId: READER.operatorId, name: READER.name, role: 'reader', pinHash: await hashPin(READER.pin, fast) });
    await operators.upsert({ operatorId: SUPERVISOR.operatorId, name: SUPERVISOR.name, role: 'supervisor', pinHash: await hashPin(SUPERVISOR.pin, fast) });
    const jobs = [...Array.from({ length: o.count ?? 20 }, (_, i) => readingJob(i + 1)), ...(o.jobs ?? [])];
    const at = isoInstant(box.now);
    await store.transact((tx) => {
      const t = esgaz();
      tx.put('tariffs', t.tariffId, t);
      for (const job of jobs) tx.put('jobs', job.jobId, { job, state: 'open', receivedAt: at, updatedAt: at, workIds: [] });
    });
    const app = new FakeApp(store, reading, operators, box.now, o);
    const reference = o.reference ?? loadFieldWorkReference({ dir: join(process.cwd(), 'device/reference'), demo: o.demo ?? false });
    const profile = await loadPrinterProfile(join(process.cwd(), 'device/printers/epson-tm-p20-58mm-pc857.json'));
    app.fieldPrinter = new FakePrinter();
    await app.fieldPrinter.open();
    app.fieldPrinting = new PrintService({ store, printer: app.fieldPrinter, width: profile.columns, encode: (d) => encodeDocument(d, profile), distributor: { title: 'ÖRNEK DOĞAL GAZ DAĞITIM A.Ş.', address: 'OSB 1. Cad. No:1 Eskişehir', taxOffice: 'Eskişehir V.D.', taxNo: '1234567890', phone: '444 0 000', paymentChannels: ['Online: www.ornekgaz.com.tr', 'Anlaşmalı bankalar ve PTT'] }, clock });
    app.lastSync = o.lastSync === undefined ? box.now : o.lastSync;
    app.fieldService = new FieldWorkService({ store, deviceId: 'HT-0042', clock, newId: randomUUID, reference, lastSyncAt: () => app.lastSync, printing: app.fieldPrinting });
    app.fw = new FieldWorkFacade({ service: app.fieldService, store, deviceId: 'HT-0042', lastSyncAt: () => app.lastSync, session: () => app.session(), verifySupervisor: (id, pin) => operators.verifySupervisor(id, pin) });
    const inspectionConfig = await readInspectionConfig(join(process.cwd(), 'device/reference/inspection.json'));
    app.inspectionService = new InspectionService({ store, deviceId: 'HT-0042', clock, config: () => inspectionConfig, printing: app.fieldPrinting });
    const inspections = inspectionUseCases(app.inspectionService, () => ({ operatorId: app.session()?.operatorId ?? 'nobody', name: app.session()?.name ?? 'nobody' }));
    app.inspections = {
      ...inspections,
      confirm: (no, d) => (app.calls.push('confirmInspection'), inspections.confirm(no, d)),
      print: async (no) => {
        app.calls.push('printInspection');
        if (app.failNext) {
          const code = app.failNext;
          app.failNext = null;
          throw new AppError('print failed (fake)', code, { context: { phase: 'before' } });
        }
        const doc = await inspections.print(no);
        const entry = app.docs.find((d) => d.documentNo === doc.documentNo);
        if (entry) entry.copies++;
        else app.docs.unshift({ documentNo: doc.documentNo, type: 'inspection-report', title: `Tutanak ${doc.documentNo}`, at: isoInstant(app.nowMs), copies: 1 });
        return doc;
      },
    };
    // The services read the clock through the box; the app's nowMs setter keeps them in step.
    Object.defineProperty(app, 'nowMs', { get: () => box.now, set: (v: number) => void (box.now = v) });
    return app;
  }

  today(): string {
    return localDate(this.nowMs);
  }
  now(): number {
    return this.nowMs;
  }

  // --- operators
  login(operatorId: string, pin: string): Promise<OperatorSession> {
    this.calls.push('login');
    return this.operators.login(operatorId, pin).then((s) => (this.emitStatus(), s));
  }
  async logout(supervisor?: { operatorId: string; pin: string }): Promise<void> {
    this.calls.push('logout');
    await this.operators.logout({ unsent: this.status().outboxDepth, ...(supervisor ? { supervisor } : {}) });
    this.emitStatus();
  }
  session(): OperatorSession | null {
    return this.operators.session();
  }
  /** Off unless a test sets it. */
  sessionTimeoutMs = 0;
  async lockSession(reason: 'idle'): Promise<void> {
    this.calls.push('lock');
    await this.operators.lock(reason);
    this.emitStatus();
  }

  // --- jobs
  jobs(): readonly JobRecord[] {
    this.jobCache ??= [...this.store.values('jobs')].sort((a, b) => a.job.routeSeq - b.job.routeSeq);
    return this.jobCache;
  }
  job(jobId: string): JobRecord | undefined {
    return this.store.get('jobs', jobId);
  }
  findByCode(code: string): JobRecord | undefined {
    return this.jobs().find((r) => r.job.meter.barcode === code || r.job.meter.serial === code || r.job.customer.installationNo === code);
  }
  workOf(jobId: string): readonly (ReadingWork | NoReadWork)[] {
    return (this.job(jobId)?.workIds ?? []).map((id) => this.store.get('work', id)).filter(isReadingWork);
  }

  // --- reading
  previewBill(jobId: string, index: number) {
    this.calls.push('previewBill');
    return this.reading.preview(jobId, index);
  }
  confirmReading(r: Parameters<AppServices['confirmReading']>[0]) {
    this.calls.push('confirmReading');
    return this.reading.confirmReading({ ...r, operatorId: this.operatorId() });
  }
  recordNoRead(n: Parameters<AppServices['recordNoRead']>[0]) {
    this.calls.push('recordNoRead');
    return this.reading.recordNoRead({ ...n, operatorId: this.operatorId() });
  }
  async recordScan(jobId: string, code: string): Promise<{ match: boolean }> {
    const m = this.job(jobId)?.job.meter;
    const match = m !== undefined && (m.barcode === code || m.serial === code);
    this.scans.push({ jobId, code, match });
    return { match };
  }
  private operatorId(): string {
    return this.session()?.operatorId ?? 'nobody';
  }

  // --- field work: the real rules and documents (FieldWorkFacade)
  get fieldReference(): FieldWorkReference {
    return this.fw.fieldReference;
  }
  lastSyncAt(): number | null {
    return this.fw.lastSyncAt();
  }
  cutCheck(jobId: string) {
    return this.fw.cutCheck(jobId);
  }
  authorizeOverride(o: Parameters<FieldWorkApi['authorizeOverride']>[0]) {
    this.calls.push('authorizeOverride');
    return this.fw.authorizeOverride(o);
  }
  confirmCut(c: Parameters<FieldWorkApi['confirmCut']>[0]) {
    this.calls.push('confirmCut');
    return this.fw.confirmCut(c);
  }
  confirmReconnect(r: Parameters<FieldWorkApi['confirmReconnect']>[0]) {
    this.calls.push('confirmReconnect');
    return this.fw.confirmReconnect(r);
  }
  confirmMeterExchange(m: Parameters<FieldWorkApi['confirmMeterExchange']>[0]) {
    this.calls.push('confirmMeterExchange');
    return this.fw.confirmMeterExchange(m);
  }
  recordNotDone(n: Parameters<FieldWorkApi['recordNotDone']>[0]) {
    this.calls.push('recordNotDone');
    return this.fw.recordNotDone(n);
  }
  async printFieldWork(workId: string): Promise<PrintedDocument> {
    this.calls.push('printFieldWork');
    if (this.failNext) {
      const code = this.failNext;
      this.failNext = null;
      throw new AppError('print failed (fake)', code, { context: { phase: 'before' } });
    }
    const doc = await this.fw.printFieldWork(workId);
    const entry = this.docs.find((d) => d.documentNo === doc.documentNo);
    if (entry) entry.copies++;
    else this.docs.unshift({ documentNo: doc.documentNo, type: this.fieldService.work(workId)?.kind ?? 'field', title: doc.documentNo, at: isoInstant(this.nowMs), copies: 1 });
    return doc;
  }
  fieldWorkOf(jobId: string) {
    return this.fw.fieldWorkOf(jobId);
  }
  /** The field documents the printer got, decoded back to the text on paper (32 columns, PC857). */
  fieldSlips(): string[] {
    return this.fieldPrinter.jobs.map((b) => decodeEscPos(b, { width: 32 }).text);
  }

  // --- printing
  /** The next print rejects with this code (e.g. Printer_PaperOut), once. */
  failNextPrint(code: ErrorCode): void {
    this.failNext = code;
  }
  private async print(documentNo: string, type: string, title: string, reason?: string): Promise<PrintedDocument> {
    this.calls.push(`print:${type}`);
    if (this.failNext) {
      const code = this.failNext;
      this.failNext = null;
      throw new AppError('print failed (fake)', code, { context: { phase: 'before' } });
    }
    const at = isoInstant(this.nowMs);
    let doc = this.docs.find((d) => d.documentNo === documentNo);
    if (doc) doc.copies++;
    else this.docs.unshift((doc = { documentNo, type, title, at, copies: 1 }));
    this.prints.push({ documentNo, type, copy: doc.copies, at, ...(reason ? { reason } : {}) });
    return { documentNo, copy: doc.copies, savedAt: `/tmp/saha-demo/slips/${documentNo}-${doc.copies}.txt` };
  }
  printInvoice(invoiceNo: string): Promise<PrintedDocument> {
    return this.print(invoiceNo, 'invoice', `Fatura ${invoiceNo}`);
  }
  reprint(documentNo: string, reason: string): Promise<PrintedDocument> {
    const doc = this.docs.find((d) => d.documentNo === documentNo);
    return this.print(documentNo, doc?.type ?? 'invoice', doc?.title ?? documentNo, reason);
  }
  documentsToday() {
    return this.docs;
  }
  printDaySummary(): Promise<PrintedDocument> {
    return this.print(`GS-${this.today()}`, 'day-summary', 'Gün sonu');
  }
  daySummary() {
    const byKind: Record<string, Record<string, number>> = {};
    for (const r of this.jobs()) {
      const k = (byKind[r.job.kind] ??= {});
      k[r.state] = (k[r.state] ?? 0) + 1;
    }
    const invoices = [...this.store.values('invoices')];
    const cents = invoices.reduce((n, { invoice }) => n + Math.round(Number(invoice.payable) * 100), 0);
    return { byKind, invoiceCount: invoices.length, invoiceTotal: (cents / 100).toFixed(2), unsent: this.status().outboxDepth };
  }

  // --- observation
  status(): StatusSnapshot {
    const outbox = [...this.store.values('outbox')];
    return {
      link: 'offline',
      outboxDepth: outbox.length,
      oldestPendingAt: outbox[0]?.queuedAt ?? null,
      printer: 'ready',
      scanner: 'present',
      operatorId: this.session()?.operatorId ?? null,
      busy: null,
      ...this.statusOver,
    };
  }
  setStatus(s: Partial<StatusSnapshot>): void {
    this.statusOver = { ...this.statusOver, ...s };
    this.emitStatus();
  }
  private emitStatus(): void {
    const s = this.status();
    for (const f of this.statusFns) f(s);
  }
  onStatus(fn: Fn<StatusSnapshot>): () => void {
    this.statusFns.add(fn);
    return () => void this.statusFns.delete(fn);
  }
  onNotice(fn: Fn<Notice>): () => void {
    this.noticeFns.add(fn);
    return () => void this.noticeFns.delete(fn);
  }
  onInput(fn: Fn<InputEvent>): () => void {
    this.inputFns.add(fn);
    return () => void this.inputFns.delete(fn);
  }

  // --- driving the UI from a test
  notify(n: Notice): void {
    for (const f of this.noticeFns) f(n);
  }
  scan(code: string): void {
    for (const f of this.inputFns) f({ type: 'scan', code, source: 'scanner', at: this.nowMs });
  }
  key(key: InputKey, value?: string): void {
    for (const f of this.inputFns) f({ type: 'key', key, ...(value !== undefined ? { value } : {}), source: 'keypad', at: this.nowMs });
  }
  /** The back office cancels a job: stored as cancelled, then announced. */
  async cancelJob(jobId: string, reason: string): Promise<void> {
    await this.store.transact((tx) => {
      const rec = tx.get('jobs', jobId)!;
      const at = isoInstant(tx.now);
      tx.put('jobs', jobId, { ...rec, state: 'cancelled', updatedAt: at, cancel: { reason, at, messageId: randomUUID() } });
    });
    this.notify({ kind: 'job-cancelled', jobId, reason });
  }
  /** A new job arrives (urgent ones are announced as such). */
  async addJob(job: Job): Promise<void> {
    const at = isoInstant(this.nowMs);
    await this.store.transact((tx) => tx.put('jobs', job.jobId, { job, state: 'open', receivedAt: at, updatedAt: at, workIds: [] }));
    this.notify(job.priority === 'urgent' ? { kind: 'urgent-job', jobId: job.jobId } : { kind: 'jobs-arrived', count: 1 });
  }
}
