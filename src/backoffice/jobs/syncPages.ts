/**
 * Gathering the pages of one sync.requested (pure). A device lists the jobs it holds 200 per event
 * (src/core/contract/events/syncEvents.ts); the list means something only whole, because "the
 * device no longer holds J" is read from J's absence. Pages may reach different ingest instances
 * (shared subscription), so they are gathered from the event store, not from memory.
 */
import type { HeldJob } from './types.js';

export interface SyncPage {
  seq: number;
  reason: string;
  heldFromSeq: number;
  page: number;
  pages: number;
  jobs: HeldJob[];
}

export interface CompleteSync {
  /** Seq of page 1: what the device had said before it is what the list answers. */
  syncSeq: number;
  /** Seq of every page. */
  seqs: number[];
  held: HeldJob[];
}

/**
 * The newest complete request among a device's sync.requested pages (any order): its last page
 * and, before it in seq, pages pages−1 … 1 of the same request (same pages, reason, heldFromSeq).
 * Null when the newest request is still missing pages: an older one is stale by then.
 */
export function newestCompleteSync(pages: readonly SyncPage[]): CompleteSync | null {
  const sorted = [...pages].sort((a, b) => b.seq - a.seq);
  const last = sorted.find((p) => p.page === p.pages);
  if (!last || sorted.some((p) => p.seq > last.seq && p.page === 1)) return null;
  const set = [last];
  for (const p of sorted) {
    if (p.seq >= last.seq) continue;
    const want = set[set.length - 1]!.page - 1;
    if (want < 1) break;
    if (p.page !== want || p.pages !== last.pages || p.reason !== last.reason || p.heldFromSeq !== last.heldFromSeq) return null;
    set.push(p);
  }
  if (set[set.length - 1]!.page !== 1) return null;
  return { syncSeq: set[set.length - 1]!.seq, seqs: set.map((p) => p.seq).reverse(), held: [...set].reverse().flatMap((p) => p.jobs) };
}

/** Reads a stored event's data as a page; null if it is not one. */
export function asSyncPage(seq: number, data: unknown): SyncPage | null {
  const d = data as Partial<SyncPage> | null;
  if (!d || typeof d.page !== 'number' || typeof d.pages !== 'number' || !Array.isArray(d.jobs)) return null;
  return { seq, reason: String(d.reason), heldFromSeq: Number(d.heldFromSeq), page: d.page, pages: d.pages, jobs: d.jobs };
}
