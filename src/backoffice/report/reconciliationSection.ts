/**
 * The office's accrual against the crews' (src/backoffice/reconcile/): how many invoices of the
 * filtered events were checked, every mismatch with its differing fields, the unverifiable ones with
 * why, and invoices stored without a verdict yet (ingest writes verdicts in the storing transaction,
 * so a non-zero figure means a store filled before migration 0003 or by another writer).
 * Null when the database has no reconciliation table (migration 0003 not applied yet).
 */
import type { Difference } from '../reconcile/types.js';
import type { SqlClient } from '../db/Database.js';
import { eventFilterParams, eventFilterSql } from './eventFilter.js';
import { hasTable } from './hasTable.js';
import type { Report, ReportFilter } from './types.js';

const COUNTS = `
select count(r.event_id) filter (where r.status in ('ok', 'mismatch'))::int as checked,
       count(*) filter (where r.event_id is null)::int as unchecked
  from events e left join reconciliation r using (event_id)
 where e.type = 'invoice.issued' and ${eventFilterSql('e')}`;

const OPEN = `
select e.event_id::text, e.device_id, e.seq::text, r.invoice_no, r.status, r.differences, r.reason
  from reconciliation r join events e using (event_id)
 where r.status <> 'ok' and ${eventFilterSql('e')}
 order by e.device_id, e.seq`;

type OpenRow = {
  event_id: string;
  device_id: string;
  seq: string;
  invoice_no: string;
  status: string;
  differences: Difference[];
  reason: string | null;
};

export const NO_RECONCILIATION =
  'no reconciliation table in this database (migration 0003; ingest applies it at start): reconciliation figures unavailable';

export async function reconciliationSection(db: SqlClient, f: ReportFilter): Promise<Report['reconciliation']> {
  if (!(await hasTable(db, 'reconciliation'))) return null;
  const p = eventFilterParams(f);
  const counts = (await db.query<{ checked: number; unchecked: number }>(COUNTS, p)).rows[0]!;
  const open = (await db.query<OpenRow>(OPEN, p)).rows;
  return {
    checked: counts.checked,
    mismatches: open
      .filter((r) => r.status === 'mismatch')
      .map((r) => ({
        eventId: r.event_id,
        deviceId: r.device_id,
        seq: Number(r.seq),
        invoiceNo: r.invoice_no,
        differences: r.differences,
      })),
    unverifiable: open
      .filter((r) => r.status === 'unverifiable')
      .map((r) => ({ eventId: r.event_id, deviceId: r.device_id, invoiceNo: r.invoice_no, reason: r.reason ?? '' })),
    unchecked: counts.unchecked,
  };
}
