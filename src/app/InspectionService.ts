/**
 * Use cases of a kaçak / usulsüz inspection (docs/domain.md §4): begin a report (its number reserved
 * durably at once), keep the draft on disk while the crew fills it in, confirm it (validate,
 * compute the accrual, seal, record, queue inspection.reported, all in one transaction), print both
 * copies, or void a draft that was abandoned. Every call is durable when it resolves.
 *
 * Report numbers: `TT-<device>-<year>-<seq>` from a store counter, reserved in their own
 * transaction when the report begins, so a number is on disk before anything shows or prints it;
 * it is never reused, and a draft that is not confirmed becomes `void` with a reason (audited),
 * never a silent gap.
 *
 * Sealed means final: `save`, `confirm` and `discard` on a sealed report reject with
 * SealedReportError. A correction is a new report (`beginCorrection`) whose content names the
 * report it corrects; the original stays as it was printed.
 *
 * Records live in the `work` collection under `inspection:<reportNo>`, listed in the job's workIds.
 */
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import type { JobRecord } from '../core/jobs/types.js';
import {
  DraftInvalidError,
  emptyDraft,
  formatReportNo,
  reportCounterName,
  SealedReportError,
  sealReport,
  validateDraft,
  type Accrual,
  type AccrualPendingReason,
  type DraftError,
  type InspectionConfig,
  type InspectionDraft,
  type ReportContext,
  type SealedReport,
} from '../core/inspection/index.js';
import { isoInstant, localDate } from '../core/time/calendar.js';
import { isInspectionRecord, type InspectionRecord } from '../core/store/records.js';
import type { Store, Tx } from '../ports/Store.js';
import type { PrintedDocument } from './AppServices.js';
import type { PrintService } from './PrintService.js';
import { outcomeFor } from './inspectionAccrual.js';

export type { InspectionRecord } from '../core/store/records.js';

export interface Operator {
  operatorId: string;
  name: string;
}

export interface InspectionPreview {
  /** Problems the crew must fix before sealing (empty = ready). */
  errors: DraftError[];
  accrual?: Accrual;
  /** Why no accrual could be computed from this draft (an error the crew must fix). */
  accrualProblem?: { code: string; message: string };
  /** The device lacks the data: the report seals with "tahakkuk merkezde hesaplanacak". */
  accrualPending?: AccrualPendingReason;
  /** DMHY art. 53: no charge (the application had been made). */
  exempt?: true;
}

export interface InspectionServiceDeps {
  store: Store;
  deviceId: string;
  clock: () => number;
  /** The parameters in force (device/reference/inspection.json, validated at start-up). */
  config: () => InspectionConfig;
  printing: Pick<PrintService, 'printDocument'>;
}

export const recordKey = (reportNo: string) => `inspection:${reportNo}`;

export class InspectionService {
  constructor(private readonly d: InspectionServiceDeps) {}

  get config(): InspectionConfig {
    return this.d.config();
  }

  get(reportNo: string): InspectionRecord | undefined {
    const w = this.d.store.get('work', recordKey(reportNo));
    return isInspectionRecord(w) ? w : undefined;
  }

  /** Reports of a job, oldest first. */
  ofJob(jobId: string): InspectionRecord[] {
    const rec = this.d.store.get('jobs', jobId);
    return (rec?.workIds ?? [])
      .filter((id) => id.startsWith('inspection:'))
      .map((id) => this.d.store.get('work', id))
      .filter(isInspectionRecord);
  }

  /**
   * Starts a report on a job (an `inspection` job, or any other job where the crew saw something)
   * or, with `site`, at a meter that has no job. An open draft on the same job is resumed rather
   * than a second number reserved.
   */
  async begin(r: { operatorId: string; jobId?: string; site?: ReportContext['site'] }): Promise<InspectionRecord> {
    const at = isoInstant(this.d.clock());
    return this.d.store.transact((tx) => {
      let site = r.site;
      let expectedSerial: string | undefined;
      let job: JobRecord | undefined;
      if (r.jobId) {
        job = tx.get('jobs', r.jobId);
        if (!job) throw new AppError(`job ${r.jobId} not found`, ErrorCode.Job_NotFound, { context: { jobId: r.jobId } });
        if (job.job.kind === 'inspection') {
          if (job.state === 'cancelled' || job.cancel)
            throw new AppError(`job ${r.jobId} was cancelled`, ErrorCode.Job_Cancelled, { context: { jobId: r.jobId } });
          if (job.state !== 'open')
            throw new AppError(`job ${r.jobId} is already ${job.state}`, ErrorCode.Job_AlreadyDone, { context: { jobId: r.jobId } });
        }
        const open = job.workIds
          .map((id) => tx.get('work', id))
          .filter(isInspectionRecord)
          .find((w) => w.state === 'draft' && !w.corrects);
        if (open) return open;
        const c = job.job.customer;
        site = { installationNo: c.installationNo, contractAccount: c.contractAccount, address: c.address, customerName: c.name };
        expectedSerial = job.job.meter.serial;
      }
      if (!site) throw new AppError('an inspection needs a job or the site', ErrorCode.Input_Invalid, { context: { field: 'site' } });
      const rec = this.reserve(tx, at, r.operatorId, r.jobId ?? '', site, emptyDraft(), expectedSerial);
      if (job) tx.put('jobs', job.job.jobId, { ...job, updatedAt: at, workIds: [...job.workIds, rec.id] });
      return rec;
    });
  }

  /** A correction of a sealed report: a new report, pre-filled with the original's record. */
  async beginCorrection(reportNo: string, operatorId: string): Promise<InspectionRecord> {
    const at = isoInstant(this.d.clock());
    return this.d.store.transact((tx) => {
      const orig = tx.get('work', recordKey(reportNo));
      if (!isInspectionRecord(orig)) throw new AppError(`report ${reportNo} not found`, ErrorCode.Input_Invalid, { context: { reportNo } });
      if (orig.state !== 'sealed')
        throw new AppError(`report ${reportNo} is ${orig.state}: only a sealed report is corrected`, ErrorCode.Job_WrongState, {
          context: { reportNo },
        });
      const rec = this.reserve(tx, at, operatorId, orig.jobId, orig.site, structuredClone(orig.draft), orig.expectedSerial, reportNo);
      const job = orig.jobId ? tx.get('jobs', orig.jobId) : undefined;
      if (job) tx.put('jobs', job.job.jobId, { ...job, updatedAt: at, workIds: [...job.workIds, rec.id] });
      return rec;
    });
  }

  private reserve(
    tx: Tx,
    at: string,
    operatorId: string,
    jobId: string,
    site: ReportContext['site'],
    draft: InspectionDraft,
    expectedSerial?: string,
    corrects?: string,
  ): InspectionRecord {
    const year = Number(localDate(tx.now).slice(0, 4));
    const reportNo = formatReportNo(this.d.deviceId, year, tx.next(reportCounterName(year)));
    const rec: InspectionRecord = {
      id: recordKey(reportNo),
      kind: 'inspection',
      jobId,
      at,
      operatorId,
      reportNo,
      state: 'draft',
      startedAt: at,
      site,
      draft,
      ...(expectedSerial ? { expectedSerial } : {}),
      ...(corrects ? { corrects } : {}),
    };
    tx.put('work', rec.id, rec);
    tx.audit({ actor: operatorId, action: 'inspection.begun', details: { reportNo, jobId: jobId || null, corrects: corrects ?? null } });
    return rec;
  }

  private draftOf(tx: Pick<Tx, 'get'>, reportNo: string): InspectionRecord {
    const rec = tx.get('work', recordKey(reportNo));
    if (!isInspectionRecord(rec)) throw new AppError(`report ${reportNo} not found`, ErrorCode.Input_Invalid, { context: { reportNo } });
    if (rec.state === 'sealed') throw new SealedReportError(reportNo, rec.sealed!.at, rec.sealed!.evidenceSha256);
    if (rec.state === 'void')
      throw new AppError(`report ${reportNo} was voided (${rec.voided?.reason ?? ''})`, ErrorCode.Job_WrongState, {
        context: { reportNo, reason: 'void' },
      });
    return rec;
  }

  /** Keeps the draft on disk (a crash or a flat battery does not lose what was recorded). */
  async save(reportNo: string, draft: InspectionDraft, operatorId: string): Promise<void> {
    const at = isoInstant(this.d.clock());
    await this.d.store.transact((tx) => {
      const rec = this.draftOf(tx, reportNo);
      tx.put('work', rec.id, { ...rec, at, operatorId, draft: structuredClone(draft) });
    });
  }

  /** What confirming would produce: the problems left and the accrual. Records nothing. */
  preview(reportNo: string, draft: InspectionDraft, crewIds: readonly string[] = []): InspectionPreview {
    const rec = this.draftOf(this.d.store, reportNo);
    const errors = validateDraft(draft, this.config, { ...(rec.expectedSerial ? { expectedSerial: rec.expectedSerial } : {}), crewIds });
    try {
      const o = outcomeFor(this.d.store, this.d.store, rec, draft, localDate(this.d.clock()), this.config);
      if (o.kind === 'computed') return { errors, accrual: o.accrual };
      if (o.kind === 'pending') return { errors, accrualPending: o.reason };
      if (o.kind === 'exempt') return { errors, exempt: true };
      return { errors };
    } catch (e) {
      return {
        errors,
        accrualProblem: { code: e instanceof AppError ? e.code : 'unknown', message: e instanceof Error ? e.message : String(e) },
      };
    }
  }

  /**
   * Seals the report: validates the draft (DraftInvalidError lists every problem), computes the
   * accrual, hashes the content, and in one transaction stores the sealed record, completes an
   * inspection job, queues inspection.reported and audits. Resolves once it is on disk.
   */
  async confirm(reportNo: string, draft: InspectionDraft, crew: Operator[]): Promise<SealedReport> {
    const operator = crew[0];
    if (!operator) throw new AppError('nobody is logged in', ErrorCode.Auth_Failed);
    return this.d.store.transact((tx) => {
      const rec = this.draftOf(tx, reportNo);
      const crewIds = crew.map((m) => m.operatorId);
      const errors = validateDraft(draft, this.config, { ...(rec.expectedSerial ? { expectedSerial: rec.expectedSerial } : {}), crewIds });
      if (errors.length) throw new DraftInvalidError(errors);
      const at = isoInstant(tx.now);
      // Sealed even when the device cannot compute the accrual: the office computes it then.
      const accrual = outcomeFor(this.d.store, tx, rec, draft, localDate(tx.now), this.config);
      const sealed = sealReport(
        draft,
        {
          reportNo,
          at,
          deviceId: this.d.deviceId,
          crew,
          site: rec.site,
          ...(rec.jobId ? { jobId: rec.jobId } : {}),
          ...(rec.expectedSerial ? { expectedSerial: rec.expectedSerial } : {}),
          ...(rec.corrects ? { corrects: rec.corrects } : {}),
        },
        this.config,
        accrual,
      );
      tx.put('work', rec.id, { ...rec, at, operatorId: operator.operatorId, state: 'sealed', draft: structuredClone(draft), sealed });
      const job = rec.jobId ? tx.get('jobs', rec.jobId) : undefined;
      if (job && job.job.kind === 'inspection' && job.state === 'open' && !job.cancel)
        tx.put('jobs', job.job.jobId, { ...job, state: 'done', updatedAt: at });
      tx.event({
        type: 'inspection.reported',
        operatorId: operator.operatorId,
        ...(rec.jobId ? { jobId: rec.jobId } : {}),
        data: sealed.event,
      });
      tx.audit({
        actor: operator.operatorId,
        action: 'inspection.sealed',
        details: {
          reportNo,
          jobId: rec.jobId || null,
          finding: sealed.event.finding,
          evidenceSha256: sealed.evidenceSha256,
          corrects: rec.corrects ?? null,
        },
      });
      return sealed;
    });
  }

  /** A draft the crew abandons: its number is recorded as void with the reason, never reused. */
  async discard(reportNo: string, reason: string, operatorId: string): Promise<void> {
    await this.d.store.transact((tx) => {
      const rec = this.draftOf(tx, reportNo);
      const at = isoInstant(tx.now);
      tx.put('work', rec.id, { ...rec, at, state: 'void', voided: { at, reason, by: operatorId } });
      tx.audit({ actor: operatorId, action: 'inspection.voided', details: { reportNo, reason } });
    });
  }

  /** Start-up: drafts begun before `today` that were never confirmed are voided (audited). */
  async voidStaleDrafts(today: string): Promise<string[]> {
    const stale = [...this.d.store.values('work')]
      .filter(isInspectionRecord)
      .filter((w) => w.state === 'draft' && w.startedAt.slice(0, 10) < today)
      .map((w) => w.reportNo);
    for (const no of stale) await this.discard(no, 'not confirmed on the day it was begun', 'system');
    return stale;
  }

  /** Prints both copies (customer, company) of a sealed report under its own number. */
  async print(reportNo: string, operatorId: string): Promise<PrintedDocument> {
    const rec = this.get(reportNo);
    if (!rec || rec.state !== 'sealed' || !rec.sealed)
      throw new AppError(`report ${reportNo} is not sealed: only a sealed report is printed`, ErrorCode.Job_WrongState, {
        context: { reportNo },
      });
    return this.d.printing.printDocument(
      { kind: 'inspection-report', data: rec.sealed.printData },
      {
        operatorId,
        deviceId: this.d.deviceId,
        documentNo: reportNo,
        ...(rec.jobId ? { jobId: rec.jobId } : {}),
      },
    );
  }
}

export { inspectionUseCases, readInspectionConfig, type InspectionUseCases } from './inspectionUseCases.js';
