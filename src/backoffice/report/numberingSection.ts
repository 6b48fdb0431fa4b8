/**
 * Invoice numbering per series and year, in SQL so a year of a fleet's numbers never leaves the
 * database: the same rules as src/backoffice/reconcile/numberingGaps.ts (issued + voided contiguous
 * from the lowest seen, each number used once), which the report tests use as the oracle.
 *
 * --date / --device choose which series+years are checked (those with a number issued or voided in
 * the filtered events); the check then covers every stored number of them, because a hole is only a
 * hole against the whole sequence, not against one day's slice of it.
 */
import type { SqlClient } from '../db/Database.js';
import { eventFilterParams, eventFilterSql } from './eventFilter.js';
import type { Report, ReportFilter } from './types.js';

/** The invoice number format of src/core/billing/invoiceNo.ts: series (3), year (4), sequence (9). */
const WELL_FORMED = `'^[A-Z0-9]{3}[0-9]{13}$'`;

const NUMBERS = `
with scope as (
  select distinct left(e.envelope->'data'->>'invoiceNo', 7) as series_year
    from events e
   where e.type in ('invoice.issued', 'invoice.voided') and ${eventFilterSql('e')}
),
nums as (
  select e.type, e.envelope->'data'->>'invoiceNo' as no
    from events e
   where e.type in ('invoice.issued', 'invoice.voided')
     and left(e.envelope->'data'->>'invoiceNo', 7) in (select series_year from scope)
)`;

const GAPS = `${NUMBERS},
seqs as (
  select distinct left(no, 3) as series, substr(no, 4, 4)::int as year, substr(no, 8)::bigint as seq
    from nums where no ~ ${WELL_FORMED}
),
ordered as (select series, year, seq, lag(seq) over (partition by series, year order by seq) as prev from seqs)
select series, year, (prev + 1)::text as gap_from, (seq - 1)::text as gap_to
  from ordered where seq > prev + 1 order by series, year, seq`;

const DUPLICATES = `${NUMBERS}
select no, count(*) filter (where type = 'invoice.issued')::int as issued, count(*) filter (where type = 'invoice.voided')::int as voided
  from nums where no ~ ${WELL_FORMED} group by no having count(*) > 1 order by no`;

const MALFORMED = `
select e.envelope->'data'->>'invoiceNo' as no from events e
 where e.type in ('invoice.issued', 'invoice.voided') and ${eventFilterSql('e')}
   and not coalesce(e.envelope->'data'->>'invoiceNo' ~ ${WELL_FORMED}, false)
 order by 1`;

export async function numberingSection(db: SqlClient, f: ReportFilter): Promise<Report['numbering']> {
  const p = eventFilterParams(f);
  const gaps = await db.query<{ series: string; year: number; gap_from: string; gap_to: string }>(GAPS, p);
  const dups = await db.query<{ no: string; issued: number; voided: number }>(DUPLICATES, p);
  const bad = await db.query<{ no: string | null }>(MALFORMED, p);
  return {
    gaps: gaps.rows.map((g) => ({ series: g.series, year: g.year, from: Number(g.gap_from), to: Number(g.gap_to) })),
    duplicates: dups.rows.map((d) => ({ invoiceNo: d.no, issued: d.issued, voided: d.voided })),
    malformed: bad.rows.map((b) => b.no ?? '(none)'),
  };
}
