/**
 * Pacing (pure): what to hand the broker now for one device, given its ledger entries.
 *
 * Why a window: the broker keeps a bounded queue per client (Mosquitto max_queued_messages,
 * default 1000) and drops what does not fit, after PUBACKing it to us; a 3,002-job route sent in
 * one burst lost 1,594 jobs that way. So at most `window` assigns are unaccepted at a time, the
 * rest follow as job.accepted / job.rejected come back.
 *
 * Cancels and crew messages do not count against the window (few, and contract v1 has no event
 * that would free their slot) but keep their place in the order: a cancel never goes before the
 * assign it cancels, so the device never sees "cancel J" then "assign J".
 */
import { FINAL_STATES, type Change, type HeldJob, type LedgerEntry } from './types.js';

const byOrder = (a: LedgerEntry, b: LedgerEntry) => a.order - b.order;

/** Unaccepted assigns the broker or the device may still hold. */
export function inFlight(entries: readonly LedgerEntry[]): number {
  return entries.filter((e) => e.kind === 'assign' && e.state === 'sent').length;
}

/** Queued messages to send now, in the order they must be published. */
export function nextToSend(entries: readonly LedgerEntry[], window: number): string[] {
  const sorted = [...entries].sort(byOrder);
  let budget = Math.max(0, window - inFlight(entries));
  const picked = new Set<string>();
  const waiting = new Set<string>(); // jobs whose assign is still queued after this round
  let full = false;
  for (const e of sorted) {
    if (e.kind !== 'assign' || e.state !== 'queued') continue;
    // Strict route order: once one assign does not fit, none after it goes either.
    if (!full && budget > 0) {
      picked.add(e.messageId);
      budget--;
    } else {
      full = true;
      if (e.jobId) waiting.add(e.jobId);
    }
  }
  for (const e of sorted) {
    if (e.state !== 'queued' || e.kind === 'assign') continue;
    if (e.kind === 'cancel' && e.jobId && waiting.has(e.jobId)) continue;
    picked.add(e.messageId);
  }
  return sorted.filter((e) => picked.has(e.messageId)).map((e) => e.messageId);
}

/**
 * Re-send when the device came online (retained status): everything sent and not known to have
 * arrived. A broker restarted from an old persistence file keeps the session yet lost what it had
 * PUBACKed since (device/mosquitto/README.md), and the device then says nothing: only this
 * re-send brings those messages. The device ignores what it already has (same messageId).
 */
export function resendOnOnline(entries: readonly LedgerEntry[]): string[] {
  return [...entries]
    .sort(byOrder)
    .filter((e) => e.state === 'sent')
    .map((e) => e.messageId);
}

export interface SyncPlan {
  changes: Change[];
  /** Sent again as they are (still counted in flight). */
  resend: string[];
}

/**
 * The device listed what it holds (all pages of one sync.requested, first page at `syncSeq`):
 * - a sent assign it holds at that version or newer is accepted (its job.accepted may be on the way);
 * - every other sent message goes again;
 * - an accepted assign it no longer holds, accepted before the sync (a wiped or replaced device),
 *   is queued again and paced like a new one, unless the job is done or cancelled.
 */
export function planSync(entries: readonly LedgerEntry[], held: readonly HeldJob[], syncSeq: number): SyncPlan {
  const holds = new Map<string, number>();
  for (const h of held) holds.set(h.jobId, Math.max(h.version, holds.get(h.jobId) ?? 0));
  const changes: Change[] = [];
  const resend: string[] = [];
  for (const e of [...entries].sort(byOrder)) {
    if (FINAL_STATES.has(e.state)) continue;
    const version = e.jobId === null ? undefined : holds.get(e.jobId);
    if (e.kind === 'assign' && e.version !== null) {
      const has = version !== undefined && version >= e.version;
      if (e.state === 'sent' && has) changes.push({ messageId: e.messageId, state: 'accepted', acceptedSeq: syncSeq });
      else if (e.state === 'sent') resend.push(e.messageId);
      else if (e.state === 'accepted' && !has && (e.acceptedSeq === null || e.acceptedSeq < syncSeq)) {
        changes.push({ messageId: e.messageId, state: 'queued', reason: 'the device no longer held it (sync.requested)' });
      }
    } else if (e.state === 'sent') {
      resend.push(e.messageId);
    }
  }
  return { changes, resend };
}

/** Applies changes to entries (what the ledger does in SQL), for callers that plan in several steps. */
export function applyChanges(entries: readonly LedgerEntry[], changes: readonly Change[]): LedgerEntry[] {
  const by = new Map(changes.map((c) => [c.messageId, c]));
  return entries.map((e) => {
    const c = by.get(e.messageId);
    return c
      ? {
          ...e,
          state: c.state,
          acceptedSeq: c.state === 'accepted' ? (c.acceptedSeq ?? e.acceptedSeq) : c.state === 'queued' ? null : e.acceptedSeq,
        }
      : e;
  });
}
