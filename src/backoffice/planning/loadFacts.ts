/**
 * Reads what the planner needs from the back-office event store (issue 20, docs/planning.md §Data):
 * the installations the office sent jobs for (job_messages, written by `saha dispatch` with a
 * database; each job names its installation, address, meter and tariff group), and the events the
 * crews recorded on those jobs (events, written by `saha ingest`), matched to the installation by
 * (device, jobId). Invoices fill the directory for jobs the ledger never held (a route published
 * without a database). Plain SQL that runs on PGlite and PostgreSQL alike (src/backoffice/db/Database.ts).
 */
import type { SqlClient } from '../db/Database.js';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { InstallationFacts } from '../../core/planning/types.js';
import { hasTable } from '../report/hasTable.js';
import { addFact, type EventRow } from './addFact.js';
import { COMPLETION_EVENTS } from '../jobs/outcomes.js';

/** What the route file needs about an installation besides its facts: from its latest job. */
export interface Installation {
  facts: InstallationFacts;
  contractAccount: string;
  name: string;
  meter: { serial: string; digits: number; lastIndex: number; lastReadDate: string; class?: string };
}

interface JobRow {
  inst: string;
  job: {
    customer: {
      installationNo: string;
      contractAccount: string;
      name: string;
      address: string;
      priorOffences?: { date: string; finding: 'kacak' | 'usulsuz' }[];
    };
    meter: { serial: string; digits: number; lastIndex: number; lastReadDate: string; class?: string };
    tariffGroup?: string;
  };
}

/** What the signals read: the crew's completed work (the same list the job ledger uses) and its requests. */
const EVENT_TYPES = [...COMPLETION_EVENTS, 'inspection.requested'];

export async function loadInstallations(db: SqlClient, asOf: string): Promise<Installation[]> {
  if (!(await hasTable(db, 'events')))
    throw new AppError('this database holds no event store: run `saha ingest` against it first', ErrorCode.Input_Invalid);
  const ledger = await hasTable(db, 'job_messages');
  // jobId → installation, from every job the office sent (and every invoice a device issued).
  const keys = await db.query<{ device_id: string; job_id: string; inst: string }>(
    `${
      ledger
        ? `select device_id, job_id, (payload::jsonb)->'job'->'customer'->>'installationNo' as inst
       from job_messages where kind = 'assign' and job_id is not null union `
        : ''
    }
     select device_id, job_id, installation_no as inst from invoices where job_id is not null and installation_no is not null`,
  );
  const instOf = new Map<string, string>();
  for (const k of keys.rows) instOf.set(`${k.device_id}\u0000${k.job_id}`, k.inst);
  // The latest job of each installation: its address, meter and tariff group as the office last knew them.
  const jobs = ledger
    ? await db.query<JobRow>(
        `select distinct on (inst) inst, job from (
           select (payload::jsonb)->'job' as job, (payload::jsonb)->'job'->'customer'->>'installationNo' as inst, ord
           from job_messages where kind = 'assign') j
         where inst is not null order by inst, ord desc`,
      )
    : { rows: [] as JobRow[] };
  const out = new Map<string, Installation>();
  for (const { inst, job } of jobs.rows) out.set(inst, fromJob(inst, job));
  // Installations known only from invoices (no ledger): what the invoice carries.
  const fromInvoices = await db.query<{ inst: string; address: string; name: string; account: string; serial: string; group: string }>(
    `select distinct on (installation_no) installation_no as inst, e.envelope->'data'->'customer'->>'address' as address,
       e.envelope->'data'->'customer'->>'name' as name, contract_account as account, meter_serial as serial, tariff_group as "group"
     from invoices i join events e using (event_id) where installation_no is not null order by installation_no, i.occurred_at desc`,
  );
  for (const r of fromInvoices.rows) {
    if (out.has(r.inst)) continue;
    const job: JobRow['job'] = {
      customer: { installationNo: r.inst, contractAccount: r.account, name: r.name, address: r.address },
      meter: { serial: r.serial, digits: 8, lastIndex: 0, lastReadDate: asOf },
      ...(r.group ? { tariffGroup: r.group } : {}),
    };
    out.set(r.inst, fromJob(r.inst, job));
  }
  const events = await db.query<EventRow>(
    `select device_id, job_id, type, local_date::text as date, envelope->'data' as data
     from events where type = any($1::text[]) and local_date <= $2::date order by local_date, occurred_at, seq`,
    [EVENT_TYPES, asOf],
  );
  for (const e of events.rows) {
    const jobId = e.job_id ?? (typeof e.data.jobId === 'string' ? e.data.jobId : null);
    if (jobId === null) continue;
    const inst = out.get(instOf.get(`${e.device_id}\u0000${jobId}`) ?? '');
    if (inst) addFact(inst, e);
  }
  return [...out.values()];
}

function fromJob(inst: string, job: JobRow['job']): Installation {
  return {
    facts: {
      installationNo: inst,
      address: job.customer.address,
      ...(job.tariffGroup ? { tariffGroup: job.tariffGroup } : {}),
      ...(job.meter.class ? { meterClass: job.meter.class } : {}),
      readings: [],
      skips: [],
      cuts: [],
      reconnections: [],
      exchanges: [],
      inspections: [],
      priorOffences: (job.customer.priorOffences ?? []).map((o) => ({ date: o.date, finding: o.finding })),
      requests: [],
    },
    contractAccount: job.customer.contractAccount,
    name: job.customer.name,
    meter: { ...job.meter },
  };
}
