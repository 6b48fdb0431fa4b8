/**
 * What the crews did, from the stored events in one pass: invoices (count and sums), readings
 * (those held for the office's review among them: reading.recorded billingHeld, docs/invoice.md
 * "Plausibility"), field work and inspections. Sums run in SQL numeric over the decimal strings the devices printed,
 * so no figure passes through a float; an empty sum is 0.00, not null.
 */
import type { SqlClient } from '../db/Database.js';
import { eventFilterParams, eventFilterSql } from './eventFilter.js';
import type { Report, ReportFilter } from './types.js';

// A meter exchange is one visit (one job) that removed and/or fitted a meter: src/app/FieldWorkService.ts
// writes meter.removed and meter.installed in one transaction, so both events count once.
const SQL = `
select
  count(*) filter (where e.type = 'invoice.issued')::int as invoices,
  coalesce(sum((e.envelope->'data'->>'total')::numeric) filter (where e.type = 'invoice.issued'), 0.00)::text as total_sum,
  coalesce(sum((e.envelope->'data'->>'payable')::numeric) filter (where e.type = 'invoice.issued'), 0.00)::text as payable_sum,
  count(*) filter (where e.type = 'reading.recorded')::int as readings_done,
  count(*) filter (where e.type = 'reading.recorded' and e.envelope->'data'->'billingHeld' is not null)::int as readings_held,
  count(*) filter (where e.type = 'reading.skipped')::int as readings_skipped,
  count(*) filter (where e.type = 'gas.cut')::int as cuts,
  count(*) filter (where e.type = 'gas.reconnected')::int as reconnections,
  count(distinct e.device_id || ' ' || coalesce(e.job_id, e.event_id::text)) filter (where e.type in ('meter.removed', 'meter.installed'))::int as meter_exchanges,
  count(*) filter (where e.type = 'inspection.reported')::int as inspections,
  coalesce(sum((e.envelope->'data'->'accrual'->>'total')::numeric) filter (where e.type = 'inspection.reported'), 0.00)::text as accrual_sum
from events e
where ${eventFilterSql('e')}`;

interface Row {
  invoices: number;
  total_sum: string;
  payable_sum: string;
  readings_done: number;
  readings_held: number;
  readings_skipped: number;
  cuts: number;
  reconnections: number;
  meter_exchanges: number;
  inspections: number;
  accrual_sum: string;
}

export async function activitySection(
  db: SqlClient,
  f: ReportFilter,
): Promise<Pick<Report, 'invoices' | 'readings' | 'fieldWork' | 'inspections'>> {
  const r = (await db.query<Row>(SQL, eventFilterParams(f))).rows[0]!;
  return {
    invoices: { count: r.invoices, totalSum: r.total_sum, payableSum: r.payable_sum },
    readings: { done: r.readings_done, skipped: r.readings_skipped, heldForReview: r.readings_held },
    fieldWork: { cuts: r.cuts, reconnections: r.reconnections, meterExchanges: r.meter_exchanges },
    inspections: { count: r.inspections, accrualSum: r.accrual_sum },
  };
}
