/**
 * The plan as a route file `saha dispatch --route` takes (src/backoffice/routeFile.ts): one
 * inspection job per installation, in walking order (src/core/planning/routeOrder.ts), with the
 * score and its reasons in the notes so the crew knows what to look at. Columns are route columns
 * (ROUTE_COLUMNS); the file is parsed back with parseRouteCsv in the tests.
 */
import { orderStops } from '../../core/planning/routeOrder.js';
import type { Installation } from './loadFacts.js';
import type { PlannedInstallation } from './signalWords.js';

const COLUMNS = [
  'jobId',
  'kind',
  'priority',
  'routeSeq',
  'dueDate',
  'customer.installationNo',
  'customer.contractAccount',
  'customer.name',
  'customer.address',
  'meter.serial',
  'meter.digits',
  'meter.lastIndex',
  'meter.lastReadDate',
  'meter.class',
  'tariffGroup',
  'notes',
] as const;

const cell = (v: string | number | undefined): string => {
  const s = v === undefined ? '' : String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function planRouteCsv(ranked: readonly PlannedInstallation[], byNo: ReadonlyMap<string, Installation>, date: string): string {
  const stops = orderStops(ranked.map((r) => ({ ...r, address: r.address })));
  const lines = [COLUMNS.join(',')];
  stops.forEach((r, i) => {
    const inst = byNo.get(r.installationNo)!;
    // notes is at most 1000 characters (contract job.notes): the strongest reasons first.
    const notes = `Denetim puanı ${r.score}: ${r.reasons.map((x) => x.tr).join('; ')}`.slice(0, 1000);
    const row: Record<(typeof COLUMNS)[number], string | number | undefined> = {
      jobId: `D-${date.replace(/-/g, '')}-${r.installationNo}`.slice(0, 64),
      kind: 'inspection',
      priority: 'normal',
      routeSeq: i + 1,
      dueDate: date,
      'customer.installationNo': r.installationNo,
      'customer.contractAccount': inst.contractAccount,
      'customer.name': inst.name,
      'customer.address': inst.facts.address,
      'meter.serial': inst.meter.serial,
      'meter.digits': inst.meter.digits,
      'meter.lastIndex': inst.meter.lastIndex,
      'meter.lastReadDate': inst.meter.lastReadDate,
      'meter.class': inst.meter.class,
      tariffGroup: inst.facts.tariffGroup,
      notes,
    };
    lines.push(COLUMNS.map((c) => cell(row[c])).join(','));
  });
  return `${lines.join('\n')}\n`;
}
