/**
 * Outcomes (pure): how the office's own orders and the device's events move ledger entries.
 *
 * Contract v1 answers an assign with job.accepted {jobId, version} or job.rejected {messageId}, a
 * cancel of finished work with job.cancel-too-late, a message that changed nothing (redelivery,
 * older version, repeated cancel) with job.ignored {messageId, reason}, and nothing for a cancel or
 * a crew message that the device took. Those two are inferred from order instead: the broker delivers one
 * client's messages in the order they were published and, when it loses some (a restart from an
 * old persistence file, a lost session), loses the newest ones or all of them. So once the device
 * answers a message, every message published before that message's last publication had arrived.
 * A session lost in between makes the device send sync.requested, which re-sends them first.
 */
import { FINAL_STATES, type Change, type LedgerEntry } from './types.js';

/** Event types whose jobId means the crew recorded work on the job (the job is done). */
export const COMPLETION_EVENTS: ReadonlySet<string> = new Set([
  'reading.recorded',
  'reading.skipped',
  'gas.cut',
  'gas.reconnected',
  'meter.removed',
  'meter.installed',
  'inspection.reported',
]);

/** The parts of a stored event this module reads. */
export interface DeviceEvent {
  type: string;
  seq: number;
  jobId?: string | null;
  data: Record<string, unknown>;
}

/** Published no later than `ref` (same publish batch: by order, the order they went out in). */
function publishedBefore(e: LedgerEntry, ref: LedgerEntry): boolean {
  if (e.lastSent === null || ref.lastSent === null) return false;
  return e.lastSent < ref.lastSent || (e.lastSent === ref.lastSent && e.order < ref.order);
}

/** Cancels and crew messages shown delivered because the device answered `answered`. */
function deliveredBefore(entries: readonly LedgerEntry[], answered: LedgerEntry): Change[] {
  return entries
    .filter((e) => e.kind !== 'assign' && e.state === 'sent' && publishedBefore(e, answered))
    .map((e) => ({ messageId: e.messageId, state: 'accepted' as const }));
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The changes one device event makes to that device's entries. */
export function applyEvent(entries: readonly LedgerEntry[], ev: DeviceEvent): Change[] {
  const jobId = ev.jobId ?? text(ev.data.jobId);
  if (ev.type === 'job.accepted') {
    const version = typeof ev.data.version === 'number' ? ev.data.version : NaN;
    const out: Change[] = [];
    let answered: LedgerEntry | undefined;
    for (const e of entries) {
      if (e.kind !== 'assign' || e.jobId !== jobId || e.version === null) continue;
      if (e.version === version) {
        answered = e;
        if (e.state === 'sent' || e.state === 'queued') out.push({ messageId: e.messageId, state: 'accepted', acceptedSeq: ev.seq });
      } else if (e.version < version && (e.state === 'sent' || e.state === 'accepted' || e.state === 'queued')) {
        out.push({ messageId: e.messageId, state: 'cancelled', reason: `superseded by version ${version}` });
      }
    }
    return answered ? [...out, ...deliveredBefore(entries, answered)] : out;
  }
  if (ev.type === 'job.rejected') {
    const id = text(ev.data.messageId);
    const e = entries.find((x) => x.messageId === id);
    if (!e || FINAL_STATES.has(e.state)) return [];
    const errors = Array.isArray(ev.data.errors) ? (ev.data.errors as { path?: unknown; message?: unknown }[]) : [];
    const reason = errors.map((x) => `${text(x.path) ?? ''} ${text(x.message) ?? ''}`.trim()).join('; ') || 'rejected by the device';
    return [{ messageId: e.messageId, state: 'rejected', reason }, ...deliveredBefore(entries, e)];
  }
  if (ev.type === 'job.ignored') {
    // The device got the message and it changed nothing there (a redelivery, an older version, a
    // repeated cancel): never a rejection, so an accepted job stays accepted. Its arrival still
    // shows that what was published before it has arrived.
    const id = text(ev.data.messageId);
    const e = entries.find((x) => x.messageId === id);
    if (!e || FINAL_STATES.has(e.state)) return [];
    const held = typeof ev.data.heldVersion === 'number' ? ev.data.heldVersion : undefined;
    const own: Change[] = [];
    if (e.kind !== 'assign') {
      // A cancel for a job already cancelled or never held, a crew message seen before: nothing left to send.
      if (e.state === 'sent' || e.state === 'queued') own.push({ messageId: e.messageId, state: 'accepted' });
    } else if (held !== undefined && e.version !== null && held > e.version && e.state !== 'accepted') {
      own.push({ messageId: e.messageId, state: 'cancelled', reason: `the device holds version ${held}` });
    }
    return [...own, ...deliveredBefore(entries, e)];
  }
  if (ev.type === 'job.cancel-too-late') {
    const id = text(ev.data.messageId);
    return entries
      .filter((e) => e.kind === 'cancel' && e.jobId === jobId && !FINAL_STATES.has(e.state) && (id === undefined || e.messageId === id))
      .map((e) => ({ messageId: e.messageId, state: 'rejected' as const, reason: 'too late: work already recorded on the device' }));
  }
  if (COMPLETION_EVENTS.has(ev.type) && jobId) {
    return entries
      .filter((e) => e.kind === 'assign' && e.jobId === jobId && (e.state === 'sent' || e.state === 'accepted' || e.state === 'cancelled'))
      .map((e) => ({ messageId: e.messageId, state: 'done' as const, reason: ev.type }));
  }
  return [];
}

/**
 * Recording assign `version` of a job: older versions not yet accepted stop (the device ignores a
 * version below the one it holds, and a queued one would only be replaced). An accepted older
 * version stays until the new one is accepted (the device works on it meanwhile).
 */
export function planAssign(entries: readonly LedgerEntry[], jobId: string, version: number): Change[] {
  return entries
    .filter(
      (e) =>
        e.kind === 'assign' &&
        e.jobId === jobId &&
        e.version !== null &&
        e.version < version &&
        (e.state === 'queued' || e.state === 'sent'),
    )
    .map((e) => ({ messageId: e.messageId, state: 'cancelled' as const, reason: `superseded by version ${version}` }));
}

export interface CancelPlan {
  changes: Change[];
  /** False when no assign of the job ever left the office: nothing to cancel on the device. */
  send: boolean;
}

/**
 * Recording a cancel: the job's assigns are no longer sent or re-sent. The cancel itself is sent
 * when an assign may have reached the device, or when the ledger knows no assign of the job (sent
 * without a database, or by another system) so the device can still refuse it later.
 */
export function planCancel(entries: readonly LedgerEntry[], jobId: string, reason: string): CancelPlan {
  const assigns = entries.filter((e) => e.kind === 'assign' && e.jobId === jobId);
  const changes = assigns
    .filter((e) => !FINAL_STATES.has(e.state))
    .map((e) => ({
      messageId: e.messageId,
      state: 'cancelled' as const,
      reason: e.state === 'queued' ? `cancelled before it was sent: ${reason}` : `cancelled: ${reason}`,
    }));
  const send = assigns.length === 0 || assigns.some((e) => e.lastSent !== null);
  return { changes, send };
}
