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
  checklistProblems,
  checkSealNo,
  cutDecision,
  fieldWorkText,
  type ChecklistAnswer,
  type CutCheck,
  type CutWork,
  type FieldWork,
  type FieldWorkReference,
  type MeterExchangeWork,
  type NotDoneWork,
  type ReconnectWork,
} from '../core/fieldwork/index.js';
import type { JobRecord } from '../core/jobs/types.js';
import type { CutNoticeData } from '../core/documents/renderCutNotice.js';
import type { MeterReportData } from '../core/documents/renderMeterReport.js';
import type { ReconnectionData } from '../core/documents/renderReconnectionReceipt.js';
import type { CrewInfo, SiteInfo } from '../core/documents/types.js';
import { isoInstant, localDate } from '../core/time/calendar.js';
import { isFieldWork } from '../core/store/records.js';
import type { Store, Tx } from '../ports/Store.js';
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

export interface CutRequest {
  jobId: string;
  operatorId: string;
  /** The code the crew scanned (or keyed) at the meter; must be the job's meter. */
  scannedCode: string;
  checklist: readonly ChecklistAnswer[];
  index: number;
  sealNo: string;
  note?: string;
  /** Set by the app after checking the supervisor's PIN. */
  override?: { supervisorId: string; reason: string };
}

export interface ReconnectRequest {
  jobId: string;
  operatorId: string;
  scannedCode: string;
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
  removed?: { scannedCode: string; finalIndex: number; sealNos: string[] };
  installed?: { serial: string; initialIndex: number; digits?: number; sealNos: string[] };
}

export interface NotDoneRequest {
  jobId: string;
  operatorId: string;
  reasonCode: string;
  note?: string;
  checklist: readonly ChecklistAnswer[];
}

const FIELD_KINDS = new Set<Job['kind']>(['cut', 'reconnect', 'meter-removal', 'meter-installation']);

function invalid(message: string, context: Record<string, unknown>): AppError {
  return new AppError(message, ErrorCode.Input_Invalid, { context });
}

export class FieldWorkService {
  constructor(private readonly d: FieldWorkServiceDeps) {}

  get reference(): FieldWorkReference {
    return this.d.reference;
  }

  private openJob(tx: Pick<Tx, 'get'>, jobId: string, kinds: readonly Job['kind'][]): JobRecord {
    const rec = tx.get('jobs', jobId);
    if (!rec) throw new AppError(`job ${jobId} not found`, ErrorCode.Job_NotFound, { context: { jobId } });
    if (rec.state === 'cancelled' || rec.cancel)
      throw new AppError(`job ${jobId} was cancelled (${rec.cancel?.reason ?? ''})`, ErrorCode.Job_Cancelled, { context: { jobId } });
    if (rec.state !== 'open') throw new AppError(`job ${jobId} is already ${rec.state}`, ErrorCode.Job_AlreadyDone, { context: { jobId } });
    if (!kinds.includes(rec.job.kind))
      throw new AppError(`job ${jobId} is a ${rec.job.kind} job`, ErrorCode.Job_WrongState, { context: { jobId, kind: rec.job.kind } });
    return rec;
  }

  private checkMeterCode(rec: JobRecord, code: string): void {
    const c = code.trim();
    const m = rec.job.meter;
    if (c !== m.serial && c !== m.barcode)
      throw invalid(`scanned ${c} is not the job's meter`, { jobId: rec.job.jobId, field: 'scannedCode' });
  }

  private checkIndex(value: number, digits: number, field: string): void {
    if (!Number.isInteger(value) || value < 0 || value >= 10 ** digits)
      throw invalid(`${field} must be a whole number of at most ${digits} digits`, { field });
  }

  private checkChecklist(rec: JobRecord, answers: readonly ChecklistAnswer[]): void {
    const kind = checklistKindOf(rec.job.kind)!;
    const problems = checklistProblems(this.d.reference, kind, answers);
    if (problems.length) throw invalid(`safety checklist incomplete or unsafe: ${problems.join('; ')}`, { field: 'checklist', problems });
  }

  private seal(raw: string, field: string): string {
    const s = checkSealNo(raw, this.d.reference);
    if (!s.ok) throw invalid(fieldWorkText(s.message), { field });
    return s.sealNo;
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
      const rec = this.openJob(tx, r.jobId, ['cut']);
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
      this.checkMeterCode(rec, r.scannedCode);
      this.checkChecklist(rec, r.checklist);
      this.checkIndex(r.index, rec.job.meter.digits, 'index');
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
        scannedCode: r.scannedCode.trim(),
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
        },
      });
      tx.audit({
        actor: r.operatorId,
        action: 'gas.cut',
        details: {
          jobId: r.jobId,
          workId: work.id,
          sealNo,
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
      const rec = this.openJob(tx, r.jobId, ['reconnect']);
      this.checkMeterCode(rec, r.scannedCode);
      this.checkChecklist(rec, r.checklist);
      this.checkIndex(r.index, rec.job.meter.digits, 'index');
      const at = isoInstant(tx.now);
      const occupantName = r.occupantName?.trim();
      const work: ReconnectWork = {
        id: this.d.newId(),
        kind: 'reconnect',
        jobId: r.jobId,
        at,
        operatorId: r.operatorId,
        index: r.index,
        removedSealNo,
        scannedCode: r.scannedCode.trim(),
        checklist: [...r.checklist],
        ...(occupantName ? { occupantName } : {}),
      };
      tx.put('work', work.id, work);
      tx.put('jobs', r.jobId, { ...rec, state: 'done', updatedAt: at, workIds: [...rec.workIds, work.id] });
      tx.event({
        type: 'gas.reconnected',
        operatorId: r.operatorId,
        jobId: r.jobId,
        data: { index: r.index, removedSealNo, checklist: checklistForEvent(r.checklist), reconnectedAt: at },
      });
      tx.audit({ actor: r.operatorId, action: 'gas.reconnected', details: { jobId: r.jobId, workId: work.id, removedSealNo } });
      return work;
    });
  }

  /**
   * One visit, one transaction: meter.removed and/or meter.installed. The job's meter (and that of
   * any other open job at the same installation still naming the removed meter) becomes the new
   * meter with its initial index, so the next reading starts from it.
   */
  async confirmMeterExchange(r: MeterExchangeRequest): Promise<MeterExchangeWork> {
    if (!r.removed && !r.installed) throw invalid('a meter visit removes or installs a meter', { field: 'removed' });
    const removedSeals = (r.removed?.sealNos ?? []).map((s, i) => this.seal(s, `removed.sealNos[${i}]`));
    const installedSeals = (r.installed?.sealNos ?? []).map((s, i) => this.seal(s, `installed.sealNos[${i}]`));
    if (r.installed && installedSeals.length === 0)
      throw invalid('a new meter is sealed: at least one seal number', { field: 'installed.sealNos' });
    return this.d.store.transact((tx) => {
      const rec = this.openJob(tx, r.jobId, ['meter-removal', 'meter-installation']);
      if (rec.job.kind === 'meter-removal' && !r.removed) throw invalid('a removal job removes the meter', { field: 'removed' });
      if (rec.job.kind === 'meter-installation' && !r.installed)
        throw invalid('an installation job installs a meter', { field: 'installed' });
      this.checkChecklist(rec, r.checklist);
      const old = rec.job.meter;
      if (r.removed) {
        this.checkMeterCode(rec, r.removed.scannedCode);
        this.checkIndex(r.removed.finalIndex, old.digits, 'removed.finalIndex');
      }
      let installed: MeterExchangeWork['installed'];
      if (r.installed) {
        const serial = r.installed.serial.trim();
        const digits = r.installed.digits ?? old.digits;
        if (!/^[A-Za-z0-9-]{1,32}$/.test(serial))
          throw invalid('new meter serial: 1–32 letters, digits or -', { field: 'installed.serial' });
        if (r.removed && serial === old.serial)
          throw invalid("the new meter has the removed meter's serial", { field: 'installed.serial' });
        if (!Number.isInteger(digits) || digits < 1 || digits > 10) throw invalid('digits 1–10', { field: 'installed.digits' });
        this.checkIndex(r.installed.initialIndex, digits, 'installed.initialIndex');
        installed = { serial, initialIndex: r.installed.initialIndex, digits, sealNos: installedSeals };
      }
      const at = isoInstant(tx.now);
      const work: MeterExchangeWork = {
        id: this.d.newId(),
        kind: 'meter-exchange',
        jobId: r.jobId,
        at,
        operatorId: r.operatorId,
        reason: r.reason ?? 'periodic',
        checklist: [...r.checklist],
        ...(r.removed ? { removed: { serial: old.serial, finalIndex: r.removed.finalIndex, sealNos: removedSeals } } : {}),
        ...(installed ? { installed } : {}),
      };
      tx.put('work', work.id, work);
      const checklist = checklistForEvent(r.checklist);
      if (work.removed)
        tx.event({
          type: 'meter.removed',
          operatorId: r.operatorId,
          jobId: r.jobId,
          data: { ...work.removed, removedAt: at, reason: work.reason, checklist },
        });
      if (installed)
        tx.event({
          type: 'meter.installed',
          operatorId: r.operatorId,
          jobId: r.jobId,
          data: {
            serial: installed.serial,
            initialIndex: installed.initialIndex,
            sealNos: installed.sealNos,
            digits: installed.digits,
            installedAt: at,
            ...(work.removed ? { replacesSerial: work.removed.serial } : {}),
            checklist,
          },
        });

      // The meter on record for the next reading.
      const today = localDate(tx.now);
      const newMeter = installed
        ? {
            serial: installed.serial,
            barcode: installed.serial,
            digits: installed.digits,
            lastIndex: installed.initialIndex,
            lastReadDate: today,
          }
        : undefined;
      tx.put('jobs', r.jobId, {
        ...rec,
        ...(newMeter ? { job: { ...rec.job, meter: newMeter } } : {}),
        state: 'done',
        updatedAt: at,
        workIds: [...rec.workIds, work.id],
      });
      const updated: string[] = [];
      if (newMeter) {
        for (const other of this.d.store.values('jobs')) {
          if (other.job.jobId === r.jobId || other.state !== 'open') continue;
          if (other.job.customer.installationNo !== rec.job.customer.installationNo || (r.removed && other.job.meter.serial !== old.serial))
            continue;
          tx.put('jobs', other.job.jobId, {
            ...other,
            job: {
              ...other.job,
              meter: { ...newMeter, ...(other.job.meter.expectedDailyM3 ? { expectedDailyM3: other.job.meter.expectedDailyM3 } : {}) },
            },
            updatedAt: at,
          });
          updated.push(other.job.jobId);
        }
        tx.put('reference', `meter:${rec.job.customer.installationNo}`, { ...newMeter, installedAt: at, jobId: r.jobId });
      }
      tx.audit({
        actor: r.operatorId,
        action: 'meter.exchange',
        details: {
          jobId: r.jobId,
          workId: work.id,
          removed: work.removed?.serial ?? null,
          installed: installed?.serial ?? null,
          jobsUpdated: updated,
        },
      });
      return work;
    });
  }

  /** Visited, not done: the job is closed on the device as skipped, and the office told why. */
  async recordNotDone(r: NotDoneRequest): Promise<NotDoneWork> {
    return this.d.store.transact((tx) => {
      const rec = this.openJob(tx, r.jobId, [...FIELD_KINDS]);
      const kind = checklistKindOf(rec.job.kind)!;
      const code = this.d.reference.notDoneCodes[kind].find((c) => c.code === r.reasonCode);
      if (!code) throw invalid(`unknown not-done code ${r.reasonCode} for ${kind}`, { field: 'reasonCode' });
      const note = r.note?.trim();
      if (code.requiresNote && !note) throw invalid(`code ${r.reasonCode} needs a note`, { field: 'note' });
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
    if (!rec) return null;
    const c = rec.job.customer;
    const site = (meterSerial: string): SiteInfo => ({
      installationNo: c.installationNo,
      contractAccount: c.contractAccount,
      customerName: c.name,
      address: c.address,
      meterSerial,
    });
    switch (work.kind) {
      case 'cut': {
        const data: CutNoticeData = {
          site: site(rec.job.meter.serial),
          crew,
          reason: 'debt',
          cutAt: work.at,
          index: work.index,
          sealNo: work.sealNo,
          ...(rec.job.debt ? { debt: { amount: rec.job.debt.amount, oldestDueDate: rec.job.debt.oldestDueDate } } : {}),
          reconnectFee: this.d.reference.cut.reconnectFee,
          ...(work.note ? { note: work.note } : {}),
        };
        return { kind: 'cut-notice', data };
      }
      case 'reconnect': {
        const data: ReconnectionData = {
          site: site(rec.job.meter.serial),
          crew,
          reconnectedAt: work.at,
          index: work.index,
          removedSealNo: work.removedSealNo,
          checklist: work.checklist.map((a) => ({ label: a.label, ok: a.ok })),
          ...(work.occupantName ? { occupantName: work.occupantName } : {}),
        };
        return { kind: 'reconnection-receipt', data };
      }
      case 'meter-exchange': {
        const data: MeterReportData = {
          site: { installationNo: c.installationNo, contractAccount: c.contractAccount, customerName: c.name, address: c.address },
          crew,
          at: work.at,
          reason: work.reason,
          ...(work.removed ? { removed: work.removed } : {}),
          ...(work.installed ? { installed: work.installed } : {}),
        };
        return { kind: 'meter-report', data };
      }
      case 'not-done':
        return null;
    }
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
    const titles: Record<DataSource['kind'], string> = {
      'cut-notice': 'Kesme bildirimi',
      'reconnection-receipt': 'Açma fişi',
      'meter-report': 'Sayaç tutanağı',
      'day-summary': 'Gün sonu',
      'inspection-report': 'Tutanak',
    };
    return this.d.printing.printDocument(source, {
      title: `${titles[source.kind]} ${documentNo}`,
      jobId: work.jobId,
      operatorId: crew.operatorId,
      deviceId: this.d.deviceId,
      documentNo,
    });
  }
}
