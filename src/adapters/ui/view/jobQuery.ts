/**
 * The job list's order, filters, search and progress: pure functions of the app's job records.
 * Designed for a month's book (10,000 jobs): one sort per change of the job set, one linear scan
 * per keystroke over a search text cached per job record.
 */
import type { JobKind } from '../../../core/contract/job.js';
import type { JobRecord } from '../../../core/jobs/types.js';

export type KindFilter = 'all' | JobKind;
export type StateFilter = 'open' | 'done' | 'all';
export const STATE_FILTERS: readonly StateFilter[] = ['open', 'done', 'all'];

/** Urgent open jobs first (they must be done today, whatever the route says), then route order. */
export function orderJobs(jobs: readonly JobRecord[]): JobRecord[] {
  const pinned = (r: JobRecord) => (r.job.priority === 'urgent' && r.state === 'open' ? 0 : 1);
  return [...jobs].sort(
    (a, b) =>
      pinned(a) - pinned(b) || a.job.routeSeq - b.job.routeSeq || (a.job.jobId < b.job.jobId ? -1 : a.job.jobId > b.job.jobId ? 1 : 0),
  );
}

export function matchesState(r: JobRecord, f: StateFilter): boolean {
  if (f === 'all') return true;
  if (f === 'open') return r.state === 'open';
  return r.state === 'done' || r.state === 'skipped';
}

const haystacks = new WeakMap<JobRecord, string>();
/** Lower-cased (Turkish rules: I→ı, İ→i) text a search matches against. */
function haystack(r: JobRecord): string {
  let h = haystacks.get(r);
  if (h === undefined) {
    const { job } = r;
    h = [
      job.jobId,
      String(job.routeSeq),
      job.customer.installationNo,
      job.customer.contractAccount,
      job.customer.name,
      job.customer.address,
      job.meter.serial,
      job.meter.barcode ?? '',
    ]
      .join('\u0000')
      .toLocaleLowerCase('tr');
    haystacks.set(r, h);
  }
  return h;
}

export function normalizeQuery(q: string): string {
  return q.trim().toLocaleLowerCase('tr');
}

export interface JobFilter {
  kind: KindFilter;
  state: StateFilter;
  /** What the crew typed; exact sequence / installation / job id first, then anywhere in id, sequence, installation, name, address, serial. */
  query: string;
}

/**
 * The crew's number names one thing first: a job whose route sequence, installation number or job
 * id IS the typed text comes before jobs that merely contain it ("7" finds job 7 on top, not job 17
 * or an address with a 7 in it).
 */
function exactNumber(r: JobRecord, q: string): boolean {
  const { job } = r;
  return String(job.routeSeq) === q || job.customer.installationNo.toLocaleLowerCase('tr') === q || job.jobId.toLocaleLowerCase('tr') === q;
}

export function filterJobs(ordered: readonly JobRecord[], f: JobFilter): JobRecord[] {
  const q = normalizeQuery(f.query);
  const matches = ordered.filter(
    (r) => (f.kind === 'all' || r.job.kind === f.kind) && matchesState(r, f.state) && (q === '' || haystack(r).includes(q)),
  );
  if (q === '') return matches;
  const exact = matches.filter((r) => exactNumber(r, q));
  return exact.length ? [...exact, ...matches.filter((r) => !exactNumber(r, q))] : matches;
}

/** Kinds to cycle through with the Kind key: 'all', then the kinds present, in contract order. */
export function kindCycle(jobs: readonly JobRecord[], order: readonly JobKind[]): KindFilter[] {
  const present = new Set(jobs.map((r) => r.job.kind));
  return ['all', ...order.filter((k) => present.has(k))];
}

export function nextOf<T>(cycle: readonly T[], current: T): T {
  const i = cycle.indexOf(current);
  return cycle[(i + 1) % cycle.length] ?? current;
}

/** Done (read or recorded as not read) over all jobs that still count (cancelled ones do not). */
export function progress(jobs: readonly JobRecord[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const r of jobs) {
    if (r.state === 'cancelled') continue;
    total++;
    if (r.state === 'done' || r.state === 'skipped') done++;
  }
  return { done, total };
}
