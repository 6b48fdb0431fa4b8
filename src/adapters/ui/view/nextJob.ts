/**
 * The next open job after one the crew just finished, in the order of the job list (urgent open
 * jobs first, then route order: view/jobQuery.ts orderJobs). Wraps to the top of the route; the
 * finished job itself is never "next". Shared by the reading screen ("Enter: sonraki iş") and the
 * job list (back at the next open job after print on confirm), so both agree (issue 19).
 */
import type { JobRecord } from '../../../core/jobs/types.js';
import { orderJobs } from './jobQuery.js';

export function nextOpenJob(jobs: readonly JobRecord[], afterJobId: string): JobRecord | undefined {
  const ordered = orderJobs(jobs);
  const at = ordered.findIndex((r) => r.job.jobId === afterJobId);
  for (let i = 1; i <= ordered.length; i++) {
    const r = ordered[(Math.max(at, -1) + i) % ordered.length]!;
    if (r.job.jobId !== afterJobId && r.state === 'open' && !r.cancel) return r;
  }
  return undefined;
}
