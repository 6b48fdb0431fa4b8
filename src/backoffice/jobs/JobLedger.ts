/**
 * The job ledger over the Database port: every job message the office sends a device, its exact
 * bytes and its delivery state (table job_messages, migration 0002). The decisions are the pure
 * functions in pacing.ts and outcomes.ts; this class loads a device's live entries, asks them, and
 * writes the answer, one device at a time under a transaction-scoped advisory lock so two ingest
 * instances never claim the same window twice.
 *
 * Nothing here talks to the broker: claim() marks messages sent and returns them; the caller
 * publishes them in the returned order (JobDelivery.ts) and calls release() for any it could not.
 */
import type { Database, SqlClient } from '../db/Database.js';
import { topics } from '../../core/contract/index.js';
import { applyEvent, planAssign, planCancel, type DeviceEvent } from './outcomes.js';
import { applyChanges, nextToSend, planSync, resendOnOnline } from './pacing.js';
import { asSyncPage, newestCompleteSync, type CompleteSync } from './syncPages.js';
import { DEFAULT_WINDOW, type Change, type HeldJob, type JobMessageKind, type JobMessageState, type LedgerEntry } from './types.js';

/** One order as dispatch built it (src/backoffice/orders.ts), with what the ledger needs to track it. */
export interface LedgerOrder {
  kind: JobMessageKind;
  messageId: string;
  jobId: string | null;
  version: number | null;
  routeSeq: number;
  /** Exactly what goes on the wire, signature included. */
  payload: string;
  /** For a cancel: the office's reason (kept on the assigns it stops). */
  reason?: string;
}

export interface RecordResult {
  /** New rows. */
  recorded: number;
  /** Already in the ledger (the same route dispatched again: same message ids). */
  known: number;
  /** Recorded as nothing to send (a cancel whose assign never left the office). */
  settled: number;
}

export interface Outgoing {
  messageId: string;
  kind: JobMessageKind;
  topic: string;
  payload: string;
}

export type Trigger = { kind: 'pace' } | { kind: 'online' } | { kind: 'sync'; held: readonly HeldJob[]; syncSeq: number };

export type StateCounts = Record<JobMessageState, number>;

/** An event the ledger reads: which device it came from, and its parts outcomes.ts uses. */
export type LedgerEvent = DeviceEvent & { deviceId: string };

/** Arbitrary first key of the per-device advisory lock ("jobs" in ASCII); the second is the device. */
const LOCK_SPACE = 0x6a6f6273;

export class JobLedger {
  readonly window: number;

  constructor(
    private readonly db: Database,
    opts: { window?: number } = {},
  ) {
    this.window = opts.window ?? DEFAULT_WINDOW;
    if (!Number.isInteger(this.window) || this.window < 1)
      throw new RangeError(`job window must be a positive integer, got ${opts.window}`);
  }

  /** Records orders for one device, in the order given (a route in routeSeq order, then cancels). */
  async record(deviceId: string, orders: readonly LedgerOrder[]): Promise<RecordResult> {
    return this.db.transaction(async (tx) => {
      await lock(tx, deviceId);
      let entries = await load(tx, deviceId);
      const existing = new Set(
        (
          await tx.query<{ message_id: string }>('select message_id from job_messages where message_id = any($1)', [
            orders.map((o) => o.messageId),
          ])
        ).rows.map((r) => r.message_id),
      );
      const fresh: (LedgerOrder & { state: JobMessageState; reason?: string })[] = [];
      let changes: Change[] = [];
      let order = Math.max(0, ...entries.map((e) => e.order)) + 1;
      for (const o of orders) {
        if (existing.has(o.messageId)) continue;
        existing.add(o.messageId);
        let state: JobMessageState = 'queued';
        let step: Change[] = [];
        if (o.kind === 'assign' && o.jobId !== null && o.version !== null) step = planAssign(entries, o.jobId, o.version);
        if (o.kind === 'cancel' && o.jobId !== null) {
          const plan = planCancel(entries, o.jobId, o.reason ?? 'cancelled');
          step = plan.changes;
          if (!plan.send) state = 'done';
        }
        entries = [
          ...applyChanges(entries, step),
          {
            messageId: o.messageId,
            kind: o.kind,
            jobId: o.jobId,
            version: o.version,
            order: order++,
            state,
            lastSent: null,
            acceptedSeq: null,
          },
        ];
        changes = [...changes, ...step];
        fresh.push({ ...o, state, ...(state === 'done' ? { reason: 'nothing to cancel on the device: its assign was never sent' } : {}) });
      }
      // Changes to rows inserted in this call are folded into their insert.
      const final = new Map(entries.map((e) => [e.messageId, e.state]));
      if (fresh.length) {
        await tx.query(
          `insert into job_messages (message_id, device_id, job_id, version, kind, route_seq, payload, state, reason)
           select m, $1, j, v, k, r, p, s, x from unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
             with ordinality as t(m, j, v, k, r, p, s, x, n) order by n
           on conflict (message_id) do nothing`,
          [
            deviceId,
            fresh.map((o) => o.messageId),
            fresh.map((o) => o.jobId),
            fresh.map((o) => o.version),
            fresh.map((o) => o.kind),
            fresh.map((o) => o.routeSeq),
            fresh.map((o) => o.payload),
            fresh.map((o) => final.get(o.messageId) ?? o.state),
            fresh.map((o) => changes.find((c) => c.messageId === o.messageId)?.reason ?? o.reason ?? null),
          ],
        );
      }
      const freshIds = new Set(fresh.map((o) => o.messageId));
      await write(
        tx,
        changes.filter((c) => !freshIds.has(c.messageId)),
      );
      return {
        recorded: fresh.length,
        known: orders.length - fresh.length,
        settled: fresh.filter((o) => final.get(o.messageId) === 'done').length,
      };
    });
  }

  /**
   * Decides what goes to the device now and marks it sent: what the trigger says to send again,
   * then the queued ones the window has room for, in publish order.
   */
  async claim(deviceId: string, trigger: Trigger = { kind: 'pace' }): Promise<Outgoing[]> {
    return this.db.transaction(async (tx) => {
      await lock(tx, deviceId);
      let entries = await load(tx, deviceId);
      let resend: string[] = [];
      if (trigger.kind === 'online') resend = resendOnOnline(entries);
      if (trigger.kind === 'sync') {
        const plan = planSync(entries, trigger.held, trigger.syncSeq);
        await write(tx, plan.changes);
        entries = applyChanges(entries, plan.changes);
        resend = plan.resend;
      }
      const ids = new Set([...resend, ...nextToSend(entries, this.window)]);
      if (!ids.size) return [];
      // clock_timestamp(), not now(): taken under the lock, so a later claim always has a later
      // sent_at even if its transaction began first (outcomes.ts compares publish times).
      const r = await tx.query<{ message_id: string; kind: JobMessageKind; payload: string }>(
        `update job_messages set state = 'sent', sent_at = clock_timestamp(), send_count = send_count + 1, updated_at = clock_timestamp()
         where message_id = any($1) returning message_id, kind, payload`,
        [[...ids]],
      );
      const byId = new Map(r.rows.map((x) => [x.message_id, x]));
      return entries
        .filter((e) => byId.has(e.messageId))
        .sort((a, b) => a.order - b.order)
        .map((e) => {
          const row = byId.get(e.messageId)!;
          return {
            messageId: e.messageId,
            kind: row.kind,
            payload: row.payload,
            topic: row.kind === 'message' ? topics.commands(deviceId) : topics.jobs(deviceId),
          };
        });
    });
  }

  /** Publishing failed for these: back to queued, so the next claim takes them again. */
  async release(messageIds: readonly string[]): Promise<void> {
    if (!messageIds.length) return;
    await this.db.query(`update job_messages set state = 'queued', updated_at = now() where state = 'sent' and message_id = any($1)`, [
      [...messageIds],
    ]);
  }

  /**
   * Applies device events (in seq order per device) to the ledger. Returns the devices whose
   * entries changed: their window may have room now. With `tx` (ingest's batch transaction) the
   * job states commit together with the events that moved them; without, one transaction per device.
   */
  async applyEvents(events: readonly LedgerEvent[], tx?: SqlClient): Promise<string[]> {
    const byDevice = new Map<string, LedgerEvent[]>();
    for (const e of events) if (touchesJobs(e)) byDevice.set(e.deviceId, [...(byDevice.get(e.deviceId) ?? []), e]);
    const moved: string[] = [];
    if (!byDevice.size) return moved;
    // One statement finds the batch's devices that have anything in the ledger: a fleet whose work
    // was not dispatched through it (or is long done) costs no lock and load per device per batch,
    // which otherwise dominated ingest's transaction time (bench: test/bench/ingest.ts).
    const withWork = await (tx ?? this.db).query<{ device_id: string }>(
      `select distinct device_id from job_messages where device_id = any($1::text[]) and state in ('queued', 'sent', 'accepted', 'cancelled')`,
      [[...byDevice.keys()]],
    );
    const relevant = new Set(withWork.rows.map((r) => r.device_id));
    // One lock order for everyone: two ingest batches locking devices in opposite orders would deadlock.
    for (const [deviceId, list] of [...byDevice].filter(([id]) => relevant.has(id)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const changed = tx ? await applyFor(tx, deviceId, list) : await this.db.transaction((t) => applyFor(t, deviceId, list));
      if (changed) moved.push(deviceId);
    }
    return moved;
  }

  /** The newest complete sync.requested of a device, if one of `seqs` (just stored) completed it. */
  async completedSync(deviceId: string, seqs: readonly number[]): Promise<CompleteSync | null> {
    const r = await this.db.query<{ seq: number; data: unknown }>(
      `select seq::float8 as seq, envelope->'data' as data from events where device_id = $1 and type = 'sync.requested' order by seq desc limit 500`,
      [deviceId],
    );
    const pages = r.rows.map((x) => asSyncPage(x.seq, x.data)).filter((p) => p !== null);
    const sync = newestCompleteSync(pages);
    return sync && sync.seqs.some((s) => seqs.includes(s)) ? sync : null;
  }

  /** Devices with something queued or in flight, and whether ingest last saw them online. */
  async devicesWithWork(): Promise<{ deviceId: string; online: boolean }[]> {
    const r = await this.db.query<{ device_id: string; online: boolean | null }>(
      `select j.device_id, bool_or(d.online) as online from job_messages j left join devices d on d.device_id = j.device_id
       where j.state in ('queued', 'sent') group by j.device_id order by j.device_id`,
    );
    return r.rows.map((x) => ({ deviceId: x.device_id, online: x.online === true }));
  }

  /**
   * Devices with queued messages and room in their window: what a dispatch recorded since the
   * last look (dispatch writes the ledger from another process and tells ingest nothing).
   */
  async devicesWithRoom(): Promise<string[]> {
    const r = await this.db.query<{ device_id: string }>(
      `select device_id from job_messages where state in ('queued', 'sent') group by device_id
       having count(*) filter (where state = 'queued') > 0 and count(*) filter (where state = 'sent' and kind = 'assign') < $1
       order by device_id`,
      [this.window],
    );
    return r.rows.map((x) => x.device_id);
  }

  async counts(deviceId?: string): Promise<StateCounts> {
    const r = await this.db.query<{ state: JobMessageState; n: number }>(
      `select state, count(*)::int as n from job_messages where ($1::text is null or device_id = $1) group by state`,
      [deviceId ?? null],
    );
    const out: StateCounts = { queued: 0, sent: 0, accepted: 0, rejected: 0, done: 0, cancelled: 0 };
    for (const x of r.rows) out[x.state] = x.n;
    return out;
  }
}

async function applyFor(tx: SqlClient, deviceId: string, list: readonly LedgerEvent[]): Promise<boolean> {
  await lock(tx, deviceId);
  let entries = await load(tx, deviceId);
  if (!entries.length) return false;
  const all: Change[] = [];
  for (const ev of [...list].sort((a, b) => a.seq - b.seq)) {
    const c = applyEvent(entries, ev);
    entries = applyChanges(entries, c);
    all.push(...c);
  }
  await write(tx, all);
  return all.length > 0;
}

function touchesJobs(e: LedgerEvent): boolean {
  return e.type.startsWith('job.') || e.jobId != null;
}

async function lock(tx: SqlClient, deviceId: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, deviceId]);
}

async function load(tx: SqlClient, deviceId: string): Promise<LedgerEntry[]> {
  const r = await tx.query<{
    message_id: string;
    kind: JobMessageKind;
    job_id: string | null;
    version: number | null;
    ord: number;
    state: JobMessageState;
    last_sent: number | null;
    accepted_seq: number | null;
  }>(
    `select message_id, kind, job_id, version, ord::float8 as ord, state,
       (extract(epoch from sent_at) * 1000000)::float8 as last_sent, accepted_seq::float8 as accepted_seq
     from job_messages where device_id = $1 and state in ('queued', 'sent', 'accepted', 'cancelled') order by ord`,
    [deviceId],
  );
  return r.rows.map((x) => ({
    messageId: x.message_id,
    kind: x.kind,
    jobId: x.job_id,
    version: x.version,
    order: x.ord,
    state: x.state,
    lastSent: x.last_sent,
    acceptedSeq: x.accepted_seq,
  }));
}

async function write(tx: SqlClient, changes: readonly Change[]): Promise<void> {
  // Several changes to one message in one batch (accepted, then done): the last state wins, and
  // having been accepted on the way still sets accepted_at / accepted_seq.
  const merged = new Map<string, Change & { accepted: boolean }>();
  for (const c of changes) {
    const prev = merged.get(c.messageId);
    merged.set(c.messageId, {
      ...c,
      acceptedSeq: c.acceptedSeq ?? prev?.acceptedSeq,
      accepted: c.state === 'accepted' || (prev?.accepted ?? false),
    } as Change & { accepted: boolean });
  }
  const last = [...merged.values()];
  if (!last.length) return;
  await tx.query(
    `update job_messages j set state = c.state, reason = c.reason, updated_at = now(),
       accepted_seq = case when c.state = 'queued' then null else coalesce(c.aseq, j.accepted_seq) end,
       accepted_at = case when c.state = 'queued' then null when c.acc then coalesce(j.accepted_at, now()) else j.accepted_at end
     from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::boolean[]) as c(id, state, reason, aseq, acc)
     where j.message_id = c.id`,
    [
      last.map((c) => c.messageId),
      last.map((c) => c.state),
      last.map((c) => c.reason ?? null),
      last.map((c) => c.acceptedSeq ?? null),
      last.map((c) => c.accepted),
    ],
  );
}
