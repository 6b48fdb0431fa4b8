/**
 * The back office's record of every job message sent to a device (table job_messages, migration
 * src/backoffice/db/migrations/0002_jobs.ts) as the pure pacing code sees it.
 *
 * States, per message:
 * - assign:  queued → sent → accepted → done; or rejected (job.rejected naming its messageId);
 *            or cancelled (the office cancelled the job, or a newer version replaced it).
 * - cancel:  queued → sent → accepted | rejected (job.rejected, job.cancel-too-late);
 *            done when nothing had to be sent (its assign never left the office).
 * - message: queued → sent → accepted.
 * Contract v1 gives no event for a cancel or a crew message that the device took (only for
 * assigns: job.accepted), so their `accepted` is inferred from ordering (see outcomes.ts).
 */
export type JobMessageKind = 'assign' | 'cancel' | 'message';
export type JobMessageState = 'queued' | 'sent' | 'accepted' | 'rejected' | 'done' | 'cancelled';

export const JOB_MESSAGE_STATES: readonly JobMessageState[] = ['queued', 'sent', 'accepted', 'rejected', 'done', 'cancelled'];
/** States after which a message is never sent again. */
export const FINAL_STATES: ReadonlySet<JobMessageState> = new Set(['rejected', 'done', 'cancelled']);

export interface LedgerEntry {
  messageId: string;
  kind: JobMessageKind;
  /** Null for a crew message. */
  jobId: string | null;
  /** job.version for an assign; null otherwise. */
  version: number | null;
  /** Ledger order: route after route as recorded, routeSeq within a route. Sending follows it. */
  order: number;
  state: JobMessageState;
  /**
   * When it was last handed to the broker, as a number that grows with every send (the ledger
   * uses the database clock, one for every ingest instance); null if never sent.
   */
  lastSent: number | null;
  /**
   * Device seq of the event that showed it accepted (job.accepted, or the sync.requested that
   * listed it); lets a sync.requested be judged only against what the device had said before it.
   */
  acceptedSeq: number | null;
}

/** A state change the ledger writes; `reason` is for the office (why cancelled, rejected…). */
export interface Change {
  messageId: string;
  state: JobMessageState;
  reason?: string;
  /** With state 'accepted': the device seq that showed it. */
  acceptedSeq?: number;
}

/** A job the device says it holds (sync.requested data.jobs). */
export interface HeldJob {
  jobId: string;
  version: number;
}

/**
 * Default window: at most this many unaccepted assigns in flight per device. Mosquitto's default
 * per-client queue is 1000 (max_queued_messages); a re-send on reconnect can put a second copy of
 * the window in the queue, so 2 × 200 plus cancels and messages stays well below it
 * (docs/deployment.md, "Job delivery").
 */
export const DEFAULT_WINDOW = 200;
