/**
 * Event data of the device's resynchronisation request (addition within v1). The broker forgets a
 * device's session (restart without persistence, expiry), and with it every job queued for it; the
 * device cannot tell which were lost, the back office can: this event lists what the device holds so
 * the back office re-sends the rest. Paged so that one message fits any broker's packet limit
 * (200 jobs ≈ 20 KB) whatever the route size.
 */
import { Type, type Static } from '@sinclair/typebox';
import { JobId, Obj, OneOf } from '../primitives.js';

/** Jobs listed per sync.requested event; a route of n jobs takes ceil(n / 200) events (at least one). */
export const SYNC_JOBS_PER_PAGE = 200;

export const SyncRequestedDataSchema = Obj(
  {
    reason: OneOf(
      ['start', 'session-lost', 'released'] as const,
      'start: first connection since the app started; session-lost: the broker answered a connection with no session; released: an ack showed the back office waiting for seqs the device forgot at PUBACK before end-to-end acks were on (heldFromSeq tells it to stop waiting)',
    ),
    heldFromSeq: Type.Integer({
      minimum: 1,
      description:
        'lowest seq the device still holds in its outbox (the next seq it will issue when the outbox is empty); events below it were released and will never be sent again',
    }),
    page: Type.Integer({ minimum: 1, description: '1-based page of this request' }),
    pages: Type.Integer({ minimum: 1, description: 'pages of this request; every page carries the same reason and heldFromSeq' }),
    jobs: Type.Array(Obj({ jobId: JobId, version: Type.Integer({ minimum: 1 }) }), {
      maxItems: SYNC_JOBS_PER_PAGE,
      description: 'jobs the device holds, with the version it holds',
    }),
  },
  'The device (re)connected at start or after its broker session was lost; lists the jobs it holds so the back office re-sends any it lacks (addition within v1)',
);
export type SyncRequestedData = Static<typeof SyncRequestedDataSchema>;

/**
 * The pages of one sync request: every held job once, in the order given, SYNC_JOBS_PER_PAGE a page;
 * one page with no jobs when the device holds none (the back office must still hear it).
 */
export function syncRequestPages(
  o: { reason: SyncRequestedData['reason']; heldFromSeq: number; jobs: readonly { jobId: string; version: number }[] },
  perPage = SYNC_JOBS_PER_PAGE,
): SyncRequestedData[] {
  const pages = Math.max(1, Math.ceil(o.jobs.length / perPage));
  return Array.from({ length: pages }, (_, i) => ({
    reason: o.reason,
    heldFromSeq: o.heldFromSeq,
    page: i + 1,
    pages,
    jobs: o.jobs.slice(i * perPage, (i + 1) * perPage).map((j) => ({ jobId: j.jobId, version: j.version })),
  }));
}
