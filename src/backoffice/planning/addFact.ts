/**
 * One stored event → the fact the planner reads (src/core/planning/types.ts). Field names are the
 * contract's (src/core/contract/events); anything malformed is skipped, never thrown: ingest has
 * already validated what it stored, and one odd row must not stop a plan.
 */
import type { Installation } from './loadFacts.js';

export interface EventRow {
  device_id: string;
  job_id: string | null;
  type: string;
  date: string;
  data: Record<string, unknown>;
}

const num = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'string' && x !== '' && Number.isFinite(Number(x)) ? Number(x) : undefined;
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

export function addFact(inst: Installation, e: EventRow): void {
  const f = inst.facts;
  const d = e.data;
  const date = e.date;
  switch (e.type) {
    case 'reading.recorded': {
      const index = num(d.index);
      const m3 = num(d.consumptionM3);
      if (index === undefined || m3 === undefined) return;
      f.readings.push({ date, index, previousIndex: num(d.previousIndex) ?? index, m3 });
      // The route's meter.lastIndex: the newest reading the office holds.
      if (date >= inst.meter.lastReadDate) inst.meter = { ...inst.meter, lastIndex: index, lastReadDate: date };
      return;
    }
    case 'reading.skipped': {
      const code = str(d.reasonCode);
      if (code) f.skips.push({ date, code });
      return;
    }
    case 'gas.cut': {
      const index = num(d.index);
      if (index !== undefined) f.cuts.push({ date, index, sealNo: str(d.sealNo) ?? '' });
      return;
    }
    case 'gas.reconnected': {
      const index = num(d.index);
      const findings = Array.isArray(d.findings) ? d.findings.flatMap((x) => (typeof x?.code === 'string' ? [x.code as string] : [])) : [];
      if (index !== undefined) f.reconnections.push({ date, index, removedSealNo: str(d.removedSealNo) ?? '', findings });
      return;
    }
    case 'meter.removed':
      f.exchanges.push({ date });
      return;
    case 'meter.installed': {
      const serial = str(d.serial);
      const index = num(d.initialIndex);
      if (serial && index !== undefined && date >= inst.meter.lastReadDate)
        inst.meter = { ...inst.meter, serial, lastIndex: index, lastReadDate: date, ...(num(d.digits) ? { digits: num(d.digits)! } : {}) };
      return;
    }
    case 'inspection.reported': {
      const finding = str(d.finding);
      if (finding !== 'none' && finding !== 'kacak' && finding !== 'usulsuz') return;
      const seals = Array.isArray(d.seals) ? d.seals : [];
      const brokenSeals = seals.filter((s) => s?.status === 'broken' || s?.status === 'missing').length;
      f.inspections.push({ date, finding, brokenSeals });
      return;
    }
    case 'inspection.requested':
      f.requests.push({ date, reason: str(d.reason) ?? 'unknown' });
      return;
  }
}
