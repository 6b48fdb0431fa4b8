/**
 * The inputs of an inspection's accrual, gathered from the store (the job, the tariffs, earlier
 * reports) and handed to the pure core (computeAccrual, accrualOutcome). Split from
 * InspectionService.ts to keep files small.
 */
import { tariffOn } from '../core/billing/selectTariffs.js';
import type { Tariff } from '../core/contract/tariff.js';
import {
  accrualOutcome,
  computeAccrual,
  type AccrualOutcome,
  type InspectionConfig,
  type InspectionDraft,
} from '../core/inspection/index.js';
import { isInspectionRecord, type InspectionRecord } from '../core/store/records.js';
import type { Store, Tx } from '../ports/Store.js';

type Reader = Pick<Tx, 'get'>;

function tariffFor(store: Pick<Store, 'values'>, tx: Reader, rec: InspectionRecord, day: string): Tariff | undefined {
  const job = rec.jobId ? tx.get('jobs', rec.jobId) : undefined;
  const all = [...store.values('tariffs')];
  const groups = [...new Set(all.map((t) => t.group))];
  // Inspection jobs may come without a tariff group (the contract asks it of reading jobs only):
  // a device that holds one group's tariffs prices with it.
  const group = job?.job.tariffGroup ?? (groups.length === 1 ? groups[0] : undefined);
  return group === undefined
    ? undefined
    : tariffOn(
        all.filter((t) => t.group === group),
        day,
      );
}

/**
 * Earlier kaçak findings at this installation: the office's record sent with the job
 * (`customer.priorOffences`) and the reports this device sealed, once each (by report number). A
 * report that was corrected counts once, through its correction; the report being corrected does
 * not count against itself.
 */
export function previousKacak(store: Pick<Store, 'values'>, tx: Reader, rec: InspectionRecord): Array<{ date: string; reportNo?: string }> {
  const sealed = [...store.values('work')]
    .filter(isInspectionRecord)
    .filter((w) => w.state === 'sealed' && w.site.installationNo === rec.site.installationNo);
  const corrected = new Set(sealed.map((w) => w.corrects).filter(Boolean));
  const own = sealed
    .filter((w) => w.sealed!.event.finding === 'kacak' && !corrected.has(w.reportNo) && w.reportNo !== rec.corrects)
    .map((w) => ({ date: w.sealed!.at.slice(0, 10), reportNo: w.reportNo }));
  const job = rec.jobId ? tx.get('jobs', rec.jobId) : undefined;
  const seen = new Set(own.map((o) => o.reportNo));
  const office = (job?.job.customer.priorOffences ?? [])
    .filter((p) => p.finding === 'kacak' && !(p.reportNo && (seen.has(p.reportNo) || p.reportNo === rec.corrects)))
    .map((p) => ({ date: p.date, ...(p.reportNo ? { reportNo: p.reportNo } : {}) }));
  return [...office, ...own];
}

/** What the report will say about money for this draft on `day` (core/inspection/accrualOutcome.ts). */
export function outcomeFor(
  store: Pick<Store, 'values'>,
  tx: Reader,
  rec: InspectionRecord,
  draft: InspectionDraft,
  day: string,
  config: InspectionConfig,
): AccrualOutcome {
  return accrualOutcome(draft, config, () => {
    const job = rec.jobId ? tx.get('jobs', rec.jobId) : undefined;
    const tariff = draft.finding === 'kacak' ? tariffFor(store, tx, rec, day) : undefined;
    const m = job?.job.meter;
    // The meter's own consumption is deducted only when the meter on site is the job's meter.
    const sameMeter = m && draft.meter && draft.meter.index !== null && draft.meter.serial.trim() === m.serial;
    return computeAccrual(
      {
        finding: draft.finding as 'kacak' | 'usulsuz',
        detectionDate: day,
        start: job ? { date: job.job.meter.lastReadDate, basis: 'last-reading' } : null,
        ...(draft.method ? { method: draft.method } : {}),
        ...(draft.methodReason ? { methodReason: draft.methodReason } : {}),
        ...(sameMeter ? { metered: { lastIndex: m.lastIndex, lastDate: m.lastReadDate, siteIndex: draft.meter!.index! } } : {}),
        appliances: draft.appliances,
        ...(m?.expectedDailyM3 ? { ownHistory: { dailyM3: m.expectedDailyM3 } } : {}),
        ...(tariff ? { tariff } : {}),
        previousKacak: previousKacak(store, tx, rec),
      },
      config,
    );
  });
}
