/**
 * The printed document of a finished field job (docs/domain.md §3): the cut notice, the
 * reconnection receipt, the meter report. Built from the work record and its job as the store
 * holds them, so a reprint prints the same content.
 */
import type { CutNoticeData } from '../core/documents/renderCutNotice.js';
import type { MeterReportData } from '../core/documents/renderMeterReport.js';
import type { ChecklistItem as ChecklistLine, ReconnectionData } from '../core/documents/renderReconnectionReceipt.js';
import type { CrewInfo, SiteInfo } from '../core/documents/types.js';
import { DOCUMENT_NAMES } from '../core/documents/ledgerTexts.js';
import { findingText, type ChecklistAnswer, type FieldWork, type FieldWorkReference } from '../core/fieldwork/index.js';
import type { JobRecord } from '../core/jobs/types.js';
import type { DataSource } from './PrintService.js';

/**
 * The print job's title (printer queue and document ledger), from the printed-document catalogue.
 * Kept for FieldWorkService, which builds its title from it; PrintService.printDocument titles a
 * document by itself when no title is given.
 */
export const DOCUMENT_TITLES: Readonly<Record<DataSource['kind'], string>> = DOCUMENT_NAMES;

/** A checklist answer as the slip prints it: the worded answer, or the yes/no of an older record. */
function slipAnswer(a: ChecklistAnswer): ChecklistLine {
  return { label: a.label, ok: a.ok, ...(a.result ? { result: a.result } : { answer: a.answer }) };
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
        checklist: work.checklist.map(slipAnswer),
      };
      return { kind: 'meter-report', data };
    }
    case 'not-done':
      return null;
  }
}
