/**
 * Use cases of field work (docs/domain.md §3): cut for debt, reconnection, meter removal/installation,
 * and "visited, not done". Same pattern as ReadingService: every call is one durable store
 * transaction holding the work record, the job's new state, the events and the audit entry, and
 * it re-reads the job inside that transaction, so a job.cancel committed a millisecond before
 * the crew's confirm wins (the cut is refused with Job_Cancelled).
 *
 * The cut's legal preconditions are evaluated again inside the commit at the commit's instant:
 * what the screen showed a minute ago is not what counts. A failure that the reference marks as
 * overridable passes only with a supervisor's override (PIN checked by the app), which is
 * recorded in the audit log and in the gas.cut event.
 *
 * Events: gas.cut, gas.reconnected, meter.removed + meter.installed (one transaction), and for
 * not-done outcomes `reading.skipped` with fields added within v1 (jobKind, outcome, checklist,
 * noticeLeft, emergency): the contract's one "visited, could not do it, reason code" event.
 */
import type { Job } from '../core/contract/job.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import {
  checkCutPreconditions,
  checklistForEvent,
  checklistKindOf,
  cutDecision,
  gasLeftOpen,
  reconnectFindings,
  type ChecklistAnswer,
  type CutCheck,
  type CutWork,
  type FieldWork,
  type FieldWorkReference,
  type MeterExchangeWork,
  type NotDoneWork,
  type ReconnectWork,
} from '../core/fieldwork/index.js';
import { fieldWorkText } from '../catalogues/fieldWorkMessages.js';
import type { JobRecord } from '../core/jobs/types.js';
import type { CrewInfo } from '../core/documents/types.js';
import { isoInstant } from '../core/time/calendar.js';
import { isFieldWork } from '../core/store/records.js';
import type { Store } from '../ports/Store.js';
import {
  checkChecklist,
  checkFittedSeals,
  checkIndex,
  checkMeterProof,
  invalid,
  openJob,
  scanOverrideData,
  sealOf,
  type MeterProofInput,
} from './fieldWorkChecks.js';
import { fieldWorkDocument } from './fieldWorkDocuments.js';
import { recordMeterExchange } from './meterExchange.js';
import type { DataSource, PrintService } from './PrintService.js';

export interface FieldWorkServiceDeps {
  store: Store;
  deviceId: string;
  clock: () => number;
  newId: () => string;
  reference: FieldWorkReference;
  /** Last contact with the back office (SyncTracker). */
  lastSyncAt: () => number | null;
  printing: PrintService;
}

/**
 * How the crew proved the job's meter (MeterProofInput): `scannedCode`, the code scanned (or keyed)
 * at the meter, which must be the job's meter; or, without it, `scanOverride`: the barcode declared
 * unreadable with a reason of core/reading/scanGate.ts and when (issue 19).
 */
export interface CutRequest extends MeterProofInput {
  jobId: string;
  operatorId: string;
  checklist: readonly ChecklistAnswer[];
  index: number;
  sealNo: string;
  note?: string;
  /** Set by the app after checking the supervisor's PIN. */
  override?: { supervisorId: string; reason: string };
}

export interface ReconnectRequest extends MeterProofInput {
  jobId: string;
  operatorId: string;
  checklist: readonly ChecklistAnswer[];
  index: number;
  removedSealNo: string;
  occupantName?: string;
}

export interface MeterExchangeRequest {
  jobId: string;
  operatorId: string;
  reason?: MeterExchangeWork['reason'];
  checklist: readonly ChecklistAnswer[];
  removed?: MeterProofInput & { finalIndex: number; sealNos: string[] };
  installed?: { serial: string; initialIndex: number; digits?: number; sealNos: string[] };
}

export interface NotDoneRequest {
  jobId: string;
  operatorId: string;
  reasonCode: string;
  note?: string;
  checklist: readonly ChecklistAnswer[];
  /** With the wrong-meter code (11) only: the code scanned at the meter, which is not the job's. */
  scannedSerial?: string;
}

const FIELD_KINDS = new Set<Job['kind']>(['cut', 'reconnect', 'meter-removal', 'meter-installation']);

export class FieldWorkService {
  constructor(private readonly d: FieldWorkServiceDeps) {}

  get reference(): FieldWorkReference {
    return this.d.reference;
  }

  private checkChecklist(rec: JobRecord, answers: readonly ChecklistAnswer[]): void {
    checkChecklist(this.d.reference, rec, answers);
  }

  private seal(raw: string, field: string): string {
    return sealOf(this.d.reference, raw, field);
  }

  /** The cut's preconditions now, for the screen (the commit evaluates them again). */
  cutCheck(jobId: string): CutCheck {
    const rec = this.d.store.get('jobs', jobId);
    if (!rec) throw new AppError(`job ${jobId} not found`, ErrorCode.Job_NotFound, { context: { jobId } });
    return checkCutPreconditions({ record: rec, now: this.d.clock(), lastSyncAt: this.d.lastSyncAt(), reference: this.d.reference });
  }

  async confirmCut(r: CutRequest): Promise<CutWork> {
    const sealNo = this.seal(r.sealNo, 'sealNo');
    return this.d.store.transact((tx) => {
      const rec = openJob(tx, r.jobId, ['cut']);
      const check = checkCutPreconditions({ record: rec, now: tx.now, lastSyncAt: this.d.lastSyncAt(), reference: this.d.reference });
      const decision = cutDecision(check, r.override, this.d.reference);
      if (!decision.ok) {
        const failed = check.items.filter((i) => i.status === 'failed');
        throw new AppError(
          `cut not allowed now: ${failed.map((i) => i.id).join(', ')}${decision.message ? ` (${fieldWorkText(decision.message)})` : ''}`,
          ErrorCode.Job_WrongState,
          {
            context: { jobId: r.jobId, failed: failed.map((i) => i.id), reason: 'preconditions' },
          },
        );
      }
      const proof = checkMeterProof(rec, r, r.operatorId);
      this.checkChecklist(rec, r.checklist);
      checkIndex(r.index, rec.job.meter.digits, 'index');
      checkFittedSeals(this.d.store.values('work'), [sealNo], [], 'sealNo');
      const at = isoInstant(tx.now);
      const override =
        r.override && decision.overridden.length
          ? { supervisorId: r.override.supervisorId, reason: r.override.reason.trim(), at, preconditions: [...decision.overridden] }
          : undefined;
      const note = r.note?.trim();
      const work: CutWork = {
        id: this.d.newId(),
        kind: 'cut',
        jobId: r.jobId,
        at,
        operatorId: r.operatorId,
        index: r.index,
        sealNo,
        ...proof,
        checklist: [...r.checklist],
        preconditions: check.items.map((i) => ({ id: i.id, status: i.status })),
        ...(override ? { override } : {}),
        referenceVersion: this.d.reference.version,
        ...(note ? { note } : {}),
      };
      tx.put('work', work.id, work);
      tx.put('jobs', r.jobId, { ...rec, state: 'done', updatedAt: at, workIds: [...rec.workIds, work.id] });
      tx.event({
        type: 'gas.cut',
        operatorId: r.operatorId,
        jobId: r.jobId,
        data: {
          index: r.index,
          sealNo,
          checklist: checklistForEvent(r.checklist),
          ...(note ? { note } : {}),
          // Additions within v1: when, what was checked, and who waived what.
          cutAt: at,
          preconditions: work.preconditions,
          referenceVersion: work.referenceVersion,
          ...(override ? { override } : {}),
          ...(work.scanOverride ? { scanOverride: scanOverrideData(work.scanOverride) } : {}),
        },
      });
      tx.audit({
        actor: r.operatorId,
        action: 'gas.cut',
        details: {
          jobId: r.jobId,
          workId: work.id,
          sealNo,
          scanOverride: work.scanOverride?.reasonCode ?? null,
          failed: check.failed,
          override: override
            ? { supervisorId: override.supervisorId, reason: override.reason, preconditions: override.preconditions }
            : null,
        },
      });
      if (override)
        tx.audit({
          actor: override.supervisorId,
          action: 'cut.override',
          details: { jobId: r.jobId, workId: work.id, preconditions: override.preconditions, reason: override.reason },
        });
      return work;
    });
  }

  async confirmReconnect(r: ReconnectRequest): Promise<ReconnectWork> {
    const removedSealNo = this.seal(r.removedSealNo, 'removedSealNo');
    return this.d.store.transact((tx) => {
      const rec = openJob(tx, r.jobId, ['reconnect']);
      const proof = checkMeterProof(rec, r, r.operatorId);
      this.checkChecklist(rec, r.checklist);
      checkIndex(r.index, rec.job.meter.digits, 'index');
      const at = isoInstant(tx.now);
      const occupantName = r.occupantName?.trim();
      // Compared with the cut the office sent (job.cut): a finding is recorded, never a refusal.
      const findings = reconnectFindings(rec.job.cut, { removedSealNo, index: r.index }, this.d.reference.reconnect.indexTolerance);
      const work: ReconnectWork = {
        id: this.d.newId(),
        kind: 'reconnect',
        jobId: r.jobId,
        at,
        operatorId: r.operatorId,
        index: r.index,
        removedSealNo,
        ...proof,
        checklist: [...r.checklist],
        ...(occupantName ? { occupantName } : {}),
        ...(findings.length ? { findings } : {}),
      };
      tx.put('work', work.id, work);
      tx.put('jobs', r.jobId, { ...rec, state: 'done', updatedAt: at, workIds: [...rec.workIds, work.id] });
      tx.event({
        type: 'gas.reconnected',
        operatorId: r.operatorId,
        jobId: r.jobId,
        data: {
          index: r.index,
          removedSealNo,
          checklist: checklistForEvent(r.checklist),
          reconnectedAt: at,
          ...(findings.length ? { findings } : {}),
          ...(work.scanOverride ? { scanOverride: scanOverrideData(work.scanOverride) } : {}),
        },
      });
      // The office is asked for an inspection on the spot (issue 18: one event for "offer an
      // inspection"): a seal or index that does not match the cut may mean the gas was reopened.
      if (findings.length)
        tx.event({
          type: 'inspection.requested',
          operatorId: r.operatorId,
          jobId: r.jobId,
          data: {
            jobId: r.jobId,
            reason: findings[0]!.code,
            evidence: findings.flatMap((f) => [
              { kind: `${f.code}-at-cut`, value: f.atCut },
              { kind: `${f.code}-found`, value: f.found },
            ]),
          },
        });
      tx.audit({
        actor: r.operatorId,
        action: 'gas.reconnected',
        details: {
          jobId: r.jobId,
          workId: work.id,
          removedSealNo,
          findings: findings.map((f) => f.code),
          scanOverride: work.scanOverride?.reasonCode ?? null,
        },
      });
      return work;
    });
  }

  /** One visit, one transaction: meter.removed and/or meter.installed (meterExchange.ts). */
  async confirmMeterExchange(r: MeterExchangeRequest): Promise<MeterExchangeWork> {
    return recordMeterExchange(this.d, r);
  }

  /** Visited, not done: the job is closed on the device as skipped, and the office told why. */
  async recordNotDone(r: NotDoneRequest): Promise<NotDoneWork> {
    return this.d.store.transact((tx) => {
      const rec = openJob(tx, r.jobId, [...FIELD_KINDS]);
      const kind = checklistKindOf(rec.job.kind)!;
      const code = this.d.reference.notDoneCodes[kind].find((c) => c.code === r.reasonCode);
      if (!code) throw invalid(`unknown not-done code ${r.reasonCode} for ${kind}`, { field: 'reasonCode' });
      const note = r.note?.trim();
      if (code.requiresNote && !note) throw invalid(`code ${r.reasonCode} needs a note`, { field: 'note' });
      const scannedSerial = r.scannedSerial?.trim().slice(0, 64) || undefined;
      // The scanned serial says which other meter stood there: it belongs to the wrong-meter code only.
      if (scannedSerial && !code.wrongMeter) throw invalid(`code ${r.reasonCode} keeps no scanned serial`, { field: 'scannedSerial' });
      if (scannedSerial && (scannedSerial === rec.job.meter.serial || scannedSerial === rec.job.meter.barcode))
        throw invalid("the scanned serial is the job's meter, not another one", { field: 'scannedSerial' });
      // The gas was opened on this visit: the record must say it was closed again (docs/domain.md §3).
      if (gasLeftOpen(this.d.reference, kind, r.checklist))
        throw invalid('the valve was opened: close it again before recording the job as not done', { field: 'checklist' });
      const at = isoInstant(tx.now);
      const work: NotDoneWork = {
        id: this.d.newId(),
        kind: 'not-done',
        jobId: r.jobId,
        at,
        operatorId: r.operatorId,
        jobKind: rec.job.kind,
        reasonCode: code.code,
        checklist: [...r.checklist],
        noticeLeft: code.noticeLeft,
        emergency: code.emergency,
        ...(note ? { note: note.slice(0, 500) } : {}),
        ...(scannedSerial ? { scannedSerial } : {}),
      };
      tx.put('work', work.id, work);
      tx.put('jobs', r.jobId, { ...rec, state: 'skipped', updatedAt: at, workIds: [...rec.workIds, work.id] });
      tx.event({
        type: 'reading.skipped',
        operatorId: r.operatorId,
        jobId: r.jobId,
        data: {
          reasonCode: code.code,
          ...(work.note ? { note: work.note } : {}),
          ...(scannedSerial ? { scannedSerial } : {}),
          jobKind: rec.job.kind,
          outcome: 'not-done',
          reasonLabel: code.label,
          checklist: checklistForEvent(r.checklist),
          noticeLeft: code.noticeLeft,
          emergency: code.emergency,
        },
      });
      tx.audit({
        actor: r.operatorId,
        action: 'fieldwork.not-done',
        details: { jobId: r.jobId, workId: work.id, reasonCode: code.code, emergency: code.emergency },
      });
      return work;
    });
  }

  work(workId: string): FieldWork | undefined {
    const w = this.d.store.get('work', workId);
    return isFieldWork(w) ? w : undefined;
  }

  /** The document of a finished field job, as the printer will get it. */
  documentOf(work: FieldWork, crew: CrewInfo): DataSource | null {
    const rec = this.d.store.get('jobs', work.jobId);
    return rec ? fieldWorkDocument(work, rec, crew, this.d.reference) : null;
  }

  /**
   * Prints the work's document. Its number is allocated once and kept with the work, so a retry
   * after a printer fault prints the same document, not a new one.
   */
  async print(workId: string, crew: CrewInfo): Promise<{ documentNo: string; copy: number; savedAt?: string }> {
    const work = this.work(workId);
    if (!work) throw new AppError(`work ${workId} not found`, ErrorCode.Input_Invalid, { context: { workId } });
    const source = this.documentOf(work, crew);
    if (!source) throw new AppError(`nothing to print for ${work.kind}`, ErrorCode.Input_Invalid, { context: { workId } });
    let documentNo = work.documentNo;
    if (!documentNo) {
      documentNo = await this.d.printing.newDocumentNo(source.kind, this.d.deviceId);
      const no = documentNo;
      await this.d.store.transact((tx) => {
        const cur = tx.get('work', workId);
        if (isFieldWork(cur) && !cur.documentNo) tx.put('work', workId, { ...cur, documentNo: no });
      });
      documentNo = this.work(workId)!.documentNo!;
    }
    // No title: PrintService titles it from the document's name and this number (ledgerTexts.ts).
    return this.d.printing.printDocument(source, {
      jobId: work.jobId,
      operatorId: crew.operatorId,
      deviceId: this.d.deviceId,
      documentNo,
    });
  }
}
