/**
 * The printed document of a finished field job (docs/domain.md §3): the cut notice, the
 * reconnection receipt, the meter report. Built from the work record and its job as the store
 * holds them, so a reprint prints the same content.
 */
import type { CutNoticeData } from '../core/documents/renderCutNotice.js';
import type { MeterReportData } from '../core/documents/renderMeterReport.js';
import type { ChecklistItem as ChecklistLine, ReconnectionData } from '../core/documents/renderReconnectionReceipt.js';
import type { CrewInfo, SiteInfo } from '../core/documents/types.js';
import { findingText, type ChecklistAnswer, type FieldWork, type FieldWorkReference } from '../core/fieldwork/index.js';
import type { FieldScanOverride } from '../core/fieldwork/types.js';
import type { JobRecord } from '../core/jobs/types.js';
import { scanOverrideLabel } from '../catalogues/scanOverrideReasons.js';
import type { DataSource } from './PrintService.js';

/** A checklist answer as the slip prints it: the worded answer, or the yes/no of an older record. */
function slipAnswer(a: ChecklistAnswer): ChecklistLine {
  return { label: a.label, ok: a.ok, ...(a.result ? { result: a.result } : { answer: a.answer }) };
}

/**
 * The reason the barcode was declared unreadable, as printed: its label, or its code when this
 * device no longer knows it (the reading preview does the same: core/fieldwork/flow/view.ts).
 */
function overrideReason(o: FieldScanOverride | undefined): { scanOverrideReason: string } | Record<string, never> {
  return o ? { scanOverrideReason: scanOverrideLabel(o.reasonCode) ?? o.reasonCode } : {};
}

export function fieldWorkDocument(work: FieldWork, rec: JobRecord, crew: CrewInfo, reference: FieldWorkReference): DataSource | null {
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
        reconnectFee: reference.cut.reconnectFee,
        ...(work.note ? { note: work.note } : {}),
        ...overrideReason(work.scanOverride),
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
        checklist: work.checklist.map(slipAnswer),
        ...(work.findings?.length ? { findings: work.findings.map(findingText) } : {}),
        ...(work.occupantName ? { occupantName: work.occupantName } : {}),
        ...overrideReason(work.scanOverride),
      };
      return { kind: 'reconnection-receipt', data };
    }
    case 'meter-exchange': {
      const data: MeterReportData = {
        site: { installationNo: c.installationNo, contractAccount: c.contractAccount, customerName: c.name, address: c.address },
        crew,
        at: work.at,
        reason: work.reason,
        ...(work.removed ? { removed: { ...work.removed, ...overrideReason(work.scanOverride) } } : {}),
        ...(work.installed ? { installed: work.installed } : {}),
        checklist: work.checklist.map(slipAnswer),
      };
      return { kind: 'meter-report', data };
    }
    case 'not-done':
      return null;
  }
}
