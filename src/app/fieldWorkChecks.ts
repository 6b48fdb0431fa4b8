/**
 * The checks FieldWorkService runs inside its transactions (docs/domain.md §3): the job is open
 * and of the right kind, the scanned code is the job's meter, an index fits the dials, the safety
 * checklist is complete and safe, seal numbers are well formed. Each throws the AppError the
 * screens word (Input_Invalid names the field).
 */
import type { Job } from '../core/contract/job.js';
import { IsoDateTime } from '../core/contract/primitives.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import {
  checklistKindOf,
  checklistProblems,
  checkSealNo,
  type ChecklistAnswer,
  type FieldScanOverride,
  type FieldWorkReference,
} from '../core/fieldwork/index.js';
import type { JobRecord } from '../core/jobs/types.js';
import { scanOverrideReason } from '../core/reading/scanGate.js';
import { fieldWorkText } from '../catalogues/fieldWorkMessages.js';
import { scanOverrideLabel } from '../catalogues/scanOverrideReasons.js';
import { isFieldWork, type WorkRecord } from '../core/store/records.js';
import type { Tx } from '../ports/Store.js';
import { isJobMeter } from '../core/jobs/meterCode.js';

export function invalid(message: string, context: Record<string, unknown>): AppError {
  return new AppError(message, ErrorCode.Input_Invalid, { context });
}

/** The job as the transaction sees it: it exists, is open, not cancelled and of one of `kinds`. */
export function openJob(tx: Pick<Tx, 'get'>, jobId: string, kinds: readonly Job['kind'][]): JobRecord {
  const rec = tx.get('jobs', jobId);
  if (!rec) throw new AppError(`job ${jobId} not found`, ErrorCode.Job_NotFound, { context: { jobId } });
  if (rec.state === 'cancelled' || rec.cancel)
    throw new AppError(`job ${jobId} was cancelled (${rec.cancel?.reason ?? ''})`, ErrorCode.Job_Cancelled, { context: { jobId } });
  if (rec.state !== 'open') throw new AppError(`job ${jobId} is already ${rec.state}`, ErrorCode.Job_AlreadyDone, { context: { jobId } });
  if (!kinds.includes(rec.job.kind))
    throw new AppError(`job ${jobId} is a ${rec.job.kind} job`, ErrorCode.Job_WrongState, { context: { jobId, kind: rec.job.kind } });
  return rec;
}

export function checkMeterCode(rec: JobRecord, code: string): void {
  const c = code.trim();
  if (!isJobMeter(rec.job.meter, c)) throw invalid(`scanned ${c} is not the job's meter`, { jobId: rec.job.jobId, field: 'scannedCode' });
}

/** The event's instant format (contract primitives): the override's time goes out as it came in. */
const ISO_INSTANT = new RegExp(IsoDateTime.pattern!);

/** How a commit proves the job's meter: the code scanned, or its barcode declared unreadable (issue 19). */
export interface MeterProofInput {
  scannedCode?: string | undefined;
  scanOverride?: { reasonCode: string; at: string } | undefined;
}

/**
 * The job's meter is proven by a scan of it, or by an override naming a reason of
 * SCAN_OVERRIDE_REASONS ("barkod okunamıyor"), never both: a scanned code is always checked, so a
 * wrong meter is refused whatever else comes with it. What the work record keeps.
 */
export function checkMeterProof(
  rec: JobRecord,
  p: MeterProofInput,
  operatorId: string,
  field = '',
): { scannedCode: string } | { scanOverride: FieldScanOverride } {
  const code = p.scannedCode?.trim() ?? '';
  const o = p.scanOverride;
  if (code !== '' || !o) {
    checkMeterCode(rec, code);
    if (o) throw invalid('a scanned meter needs no override', { jobId: rec.job.jobId, field: `${field}scanOverride` });
    return { scannedCode: code };
  }
  if (!scanOverrideReason(o.reasonCode))
    throw invalid(`unknown scan override reason ${o.reasonCode}`, { field: `${field}scanOverride.reasonCode` });
  if (typeof o.at !== 'string' || !ISO_INSTANT.test(o.at) || Number.isNaN(Date.parse(o.at)))
    throw invalid('scan override without its time', { field: `${field}scanOverride.at` });
  return { scanOverride: { reasonCode: o.reasonCode, operatorId, at: o.at } };
}

/** The event's scanOverride (docs/asyncapi.yaml): the reason, its wording and when. */
export function scanOverrideData(o: FieldScanOverride | undefined): { reasonCode: string; reasonLabel?: string; at: string } | undefined {
  if (!o) return undefined;
  const label = scanOverrideLabel(o.reasonCode); // Turkish: the office's record
  return { reasonCode: o.reasonCode, ...(label ? { reasonLabel: label } : {}), at: o.at };
}

export function checkIndex(value: number, digits: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= 10 ** digits)
    throw invalid(`${field} must be a whole number of at most ${digits} digits`, { field });
}

export function checkChecklist(
  ref: FieldWorkReference,
  rec: JobRecord,
  answers: readonly ChecklistAnswer[],
  phases?: readonly ('before' | 'after')[],
): void {
  const kind = checklistKindOf(rec.job.kind)!;
  const problems = checklistProblems(ref, kind, answers, phases);
  if (problems.length) throw invalid(`safety checklist incomplete or unsafe: ${problems.join('; ')}`, { field: 'checklist', problems });
}

/** A seal number normalised, or Input_Invalid naming the field. */
export function sealOf(ref: FieldWorkReference, raw: string, field: string): string {
  const s = checkSealNo(raw, ref);
  if (!s.ok) throw invalid(fieldWorkText(s.message), { field });
  return s.sealNo;
}

/** Seal numbers on record on this device: fitted (cut, new meter) and removed (reconnection, old meter). */
function sealsOnRecord(works: Iterable<WorkRecord>): { fitted: Set<string>; removed: Set<string> } {
  const fitted = new Set<string>();
  const removed = new Set<string>();
  for (const w of works) {
    if (!isFieldWork(w)) continue;
    if (w.kind === 'cut') fitted.add(w.sealNo);
    if (w.kind === 'reconnect') removed.add(w.removedSealNo);
    if (w.kind === 'meter-exchange') {
      for (const s of w.installed?.sealNos ?? []) fitted.add(s);
      for (const s of w.removed?.sealNos ?? []) removed.add(s);
    }
  }
  return { fitted, removed };
}

/**
 * A seal is fitted once: refused when it is entered twice, is among the seals removed in the same
 * visit, or is on record on this device as removed or as fitted by another job (docs/domain.md §3).
 */
export function checkFittedSeals(
  works: Iterable<WorkRecord>,
  fitted: readonly string[],
  removedHere: readonly string[],
  field: string,
): void {
  const onRecord = sealsOnRecord(works);
  fitted.forEach((no, i) => {
    const at = `${field}[${i}]`;
    if (fitted.indexOf(no) !== i) throw invalid(`seal ${no} is entered twice`, { field: at, sealNo: no });
    if (removedHere.includes(no) || onRecord.removed.has(no))
      throw invalid(`seal ${no} is recorded as removed: a removed seal is never fitted again`, { field: at, sealNo: no });
    if (onRecord.fitted.has(no)) throw invalid(`seal ${no} is already fitted by another job`, { field: at, sealNo: no });
  });
  removedHere.forEach((no, i) => {
    if (removedHere.indexOf(no) !== i) throw invalid(`seal ${no} is entered twice`, { field: `removed.sealNos[${i}]`, sealNo: no });
  });
}
