/**
 * A meter removal and/or installation (docs/domain.md §3), FieldWorkService.confirmMeterExchange:
 * one visit, one transaction holding meter.removed and/or meter.installed. The job's meter (and
 * that of any other open job at the same installation still naming the removed meter) becomes
 * the new meter with its initial index, so the next reading starts from it.
 */
import { checklistForEvent, type MeterExchangeWork } from '../core/fieldwork/index.js';
import { isoInstant, localDate } from '../core/time/calendar.js';
import {
  checkChecklist,
  checkFittedSeals,
  checkIndex,
  checkMeterProof,
  invalid,
  openJob,
  scanOverrideData,
  sealOf,
} from './fieldWorkChecks.js';
import type { FieldWorkServiceDeps, MeterExchangeRequest } from './FieldWorkService.js';

export async function recordMeterExchange(d: FieldWorkServiceDeps, r: MeterExchangeRequest): Promise<MeterExchangeWork> {
  if (!r.removed && !r.installed) throw invalid('a meter visit removes or installs a meter', { field: 'removed' });
  const removedSeals = (r.removed?.sealNos ?? []).map((s, i) => sealOf(d.reference, s, `removed.sealNos[${i}]`));
  const installedSeals = (r.installed?.sealNos ?? []).map((s, i) => sealOf(d.reference, s, `installed.sealNos[${i}]`));
  if (r.installed && installedSeals.length === 0)
    throw invalid('a new meter is sealed: at least one seal number', { field: 'installed.sealNos' });
  return d.store.transact((tx) => {
    const rec = openJob(tx, r.jobId, ['meter-removal', 'meter-installation']);
    if (rec.job.kind === 'meter-removal' && !r.removed) throw invalid('a removal job removes the meter', { field: 'removed' });
    if (rec.job.kind === 'meter-installation' && !r.installed)
      throw invalid('an installation job installs a meter', { field: 'installed' });
    // A meter removed with none fitted leaves the gas off: no after-checks (flow/plan.ts).
    checkChecklist(d.reference, rec, r.checklist, r.installed ? ['before', 'after'] : ['before']);
    checkFittedSeals(d.store.values('work'), installedSeals, removedSeals, 'installed.sealNos');
    const old = rec.job.meter;
    let scanOverride: MeterExchangeWork['scanOverride'];
    if (r.removed) {
      const proof = checkMeterProof(rec, r.removed, r.operatorId, 'removed.');
      if ('scanOverride' in proof) scanOverride = proof.scanOverride;
      checkIndex(r.removed.finalIndex, old.digits, 'removed.finalIndex');
    }
    let installed: MeterExchangeWork['installed'];
    if (r.installed) {
      const serial = r.installed.serial.trim();
      const digits = r.installed.digits ?? old.digits;
      if (!/^[A-Za-z0-9-]{1,32}$/.test(serial)) throw invalid('new meter serial: 1–32 letters, digits or -', { field: 'installed.serial' });
      if (r.removed && serial === old.serial) throw invalid("the new meter has the removed meter's serial", { field: 'installed.serial' });
      if (!Number.isInteger(digits) || digits < 1 || digits > 10) throw invalid('digits 1–10', { field: 'installed.digits' });
      checkIndex(r.installed.initialIndex, digits, 'installed.initialIndex');
      installed = { serial, initialIndex: r.installed.initialIndex, digits, sealNos: installedSeals };
    }
    const at = isoInstant(tx.now);
    const work: MeterExchangeWork = {
      id: d.newId(),
      kind: 'meter-exchange',
      jobId: r.jobId,
      at,
      operatorId: r.operatorId,
      reason: r.reason ?? 'periodic',
      checklist: [...r.checklist],
      ...(r.removed ? { removed: { serial: old.serial, finalIndex: r.removed.finalIndex, sealNos: removedSeals } } : {}),
      ...(installed ? { installed } : {}),
      ...(scanOverride ? { scanOverride } : {}),
    };
    tx.put('work', work.id, work);
    const checklist = checklistForEvent(r.checklist);
    if (work.removed)
      tx.event({
        type: 'meter.removed',
        operatorId: r.operatorId,
        jobId: r.jobId,
        data: {
          ...work.removed,
          removedAt: at,
          reason: work.reason,
          checklist,
          ...(scanOverride ? { scanOverride: scanOverrideData(scanOverride) } : {}),
        },
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
      for (const other of d.store.values('jobs')) {
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
        scanOverride: scanOverride?.reasonCode ?? null,
        installed: installed?.serial ?? null,
        jobsUpdated: updated,
      },
    });
    return work;
  });
}
