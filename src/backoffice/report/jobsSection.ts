/**
 * Job delivery, from the job ledger (job_messages, migration 0002; states in
 * src/backoffice/jobs/types.ts): assign messages only, since those are the jobs a crew works. Like
 * the device section this is the state now, not narrowed by --date: a route sent yesterday and still
 * unaccepted is today's problem.
 *
 * A database may lack the ledger (a store created by an older ingest, or one that never ran
 * migration 0002): then the figures are null and the report says why, rather than printing zeros.
 */
import type { SqlClient } from '../db/Database.js';
import { hasTable } from './hasTable.js';
import type { JobFigures, ReportFilter } from './types.js';

const SQL = `
select count(*) filter (where send_count > 0)::int as sent,
       count(*) filter (where state in ('accepted', 'done'))::int as accepted,
       count(*) filter (where state in ('queued', 'sent'))::int as awaiting,
       count(*) filter (where state = 'rejected')::int as rejected
  from job_messages
 where kind = 'assign' and ($1::text is null or device_id = $1::text)`;

export const NO_JOB_LEDGER = 'no job ledger in this database (table job_messages, migration 0002): job figures unavailable';

export async function jobsSection(db: SqlClient, f: ReportFilter): Promise<JobFigures | null> {
  if (!(await hasTable(db, 'job_messages'))) return null;
  const r = (await db.query<{ sent: number; accepted: number; awaiting: number; rejected: number }>(SQL, [f.deviceId ?? null])).rows[0]!;
  return { sent: r.sent, accepted: r.accepted, awaitingAcceptance: r.awaiting, rejected: r.rejected };
}
