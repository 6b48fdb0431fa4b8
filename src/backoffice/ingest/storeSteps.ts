/**
 * The SQL of one ingest batch, one function per step, each a single statement whatever the batch
 * size: rows travel as parallel text arrays through unnest() (events: one JSON array), so a 500-event batch is one round trip
 * and never meets PostgreSQL's 65,535-parameter limit. Text arrays (cast in SQL) because pg and
 * PGlite serialise typed arrays differently (a jsonb[] of strings would be double-encoded).
 * All run inside the batch transaction (EventStore.ts).
 */
import type { SqlClient } from '../db/Database.js';
import type { QuarantineEntry } from './quarantine.js';

/**
 * Creates missing device rows and locks every device of the batch, in device_id order (so two
 * instances locking overlapping sets cannot deadlock). While the lock is held no other instance can
 * store or acknowledge events of these devices, so the high-water mark computed later sees every
 * committed event. Returns whether each device was online before this batch.
 */
export async function lockDevices(tx: SqlClient, ids: readonly string[]): Promise<Map<string, boolean>> {
  if (!ids.length) return new Map();
  const r = await tx.query<{ device_id: string; online: boolean }>(
    `insert into devices (device_id) select d from unnest($1::text[]) as d order by d
     on conflict (device_id) do update set device_id = excluded.device_id
     returning device_id, online`,
    [[...ids].sort()],
  );
  return new Map(r.rows.map((x) => [x.device_id, x.online]));
}

export interface EventRow {
  eventId: string;
  deviceId: string;
  seq: number;
  type: string;
  occurredAt: string;
  operatorId: string | null;
  jobId: string | null;
  json: string;
}

/**
 * Multi-row insert; returns the eventIds actually inserted (lower case). Conflicts on eventId or
 * (device, seq) are skipped. The rows travel as one JSON array of the envelopes (each row's `json`,
 * joined without re-encoding) and the columns are read from each envelope: one jsonb parse on the
 * server instead of eight text arrays to escape, send and parse (about a fifth less time per batch).
 * The envelope fields are the row's fields (toRow in EventStore.ts); the uuid cast lower-cases the id.
 */
export async function insertEvents(tx: SqlClient, rows: readonly EventRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const r = await tx.query<{ event_id: string }>(
    `insert into events (event_id, device_id, seq, type, occurred_at, local_date, operator_id, job_id, envelope)
     select (e->>'eventId')::uuid, e->>'deviceId', (e->>'seq')::bigint, e->>'type', (e->>'occurredAt')::timestamptz,
       left(e->>'occurredAt', 10)::date, e->>'operatorId', e->>'jobId', e
     from jsonb_array_elements($1::jsonb) as e
     on conflict do nothing
     returning event_id::text as event_id`,
    [`[${rows.map((x) => x.json).join(',')}]`],
  );
  return new Set(r.rows.map((x) => x.event_id));
}

export interface StoredKey {
  eventId: string;
  deviceId: string;
  seq: number;
}

/** What is stored under these eventIds, or at these (device, seq): to tell a duplicate from a conflict. */
export async function findStored(
  tx: SqlClient,
  rows: readonly EventRow[],
): Promise<{ byId: Map<string, StoredKey>; bySeq: Map<string, StoredKey> }> {
  const r = await tx.query<{ event_id: string; device_id: string; seq: string }>(
    `select event_id::text as event_id, device_id, seq::text as seq from events where event_id = any($1::uuid[])
     union
     select e.event_id::text, e.device_id, e.seq::text from events e
       join unnest($2::text[], $3::bigint[]) as k(dev, seq) on e.device_id = k.dev and e.seq = k.seq`,
    [rows.map((x) => x.eventId), rows.map((x) => x.deviceId), rows.map((x) => String(x.seq))],
  );
  const byId = new Map<string, StoredKey>();
  const bySeq = new Map<string, StoredKey>();
  for (const x of r.rows) {
    const k = { eventId: x.event_id, deviceId: x.device_id, seq: Number(x.seq) };
    byId.set(k.eventId, k);
    bySeq.set(seqKey(k.deviceId, k.seq), k);
  }
  return { byId, bySeq };
}

export const seqKey = (deviceId: string, seq: number) => `${deviceId}\u0000${seq}`;

/** The same bytes quarantined again (a device re-sending) bump `attempts` instead of adding a row. */
export async function insertQuarantine(tx: SqlClient, entries: readonly QuarantineEntry[]): Promise<void> {
  if (!entries.length) return;
  const unique = new Map<string, QuarantineEntry & { n: number }>();
  for (const e of entries) {
    const k = `${e.topic}\u0000${e.reason}\u0000${e.payloadSha256}`;
    const had = unique.get(k);
    if (had) had.n += 1;
    else unique.set(k, { ...e, n: 1 });
  }
  const list = [...unique.values()];
  const col = (f: (e: QuarantineEntry & { n: number }) => string | number | null) =>
    list.map((e) => {
      const v = f(e);
      return v === null ? null : String(v);
    });
  await tx.query(
    `insert into quarantine (topic, device_id, event_id, seq, reason, detail, payload, payload_sha256, attempts)
     select u.topic, u.dev, u.eid, u.seq::bigint, u.reason, u.detail, u.payload, u.sha, u.n::int
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       as u(topic, dev, eid, seq, reason, detail, payload, sha, n)
     on conflict (topic, reason, payload_sha256)
       do update set attempts = quarantine.attempts + excluded.attempts, last_received_at = now()`,
    [
      col((e) => e.topic),
      col((e) => e.deviceId),
      col((e) => e.eventId),
      col((e) => e.seq),
      col((e) => e.reason),
      col((e) => e.detail),
      col((e) => e.payload),
      col((e) => e.payloadSha256),
      col((e) => e.n),
    ],
  );
}

export interface BatchSeq {
  deviceId: string;
  seq: number;
  /** Lower case, as insertEvents stores it. */
  eventId: string;
  /** heldFromSeq of a sync.requested event (0: none). */
  heldFromSeq: number;
}

/**
 * For every device with events in the batch: raises floor_seq to the heldFromSeq of its stored
 * sync.requested events, max_seq to its highest stored seq, and acked_seq to the end of the
 * contiguous run of stored seqs above max(acked_seq, floor_seq − 1): the run is where
 * seq − row_number() stays equal to that base. The run is scanned only when the next seq is stored,
 * so a device stuck behind a gap costs one index probe per batch, not a scan.
 *
 * "Stored" is read from the table (the same eventId at the same device and seq), not from what
 * insertEvents returned: a duplicate counts as stored (it changes nothing, both marks already cover
 * it), a conflicting event does not. So this statement needs no earlier result and travels in the
 * same round trip as the lock and the insert (pipeline, Database.ts).
 */
export async function advanceDevices(tx: SqlClient, seqs: readonly BatchSeq[]): Promise<Map<string, { before: number; after: number }>> {
  if (!seqs.length) return new Map();
  const r = await tx.query<{ device_id: string; before: string; after: string }>(
    `with s as (
       select * from unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[]) as s(device_id, seq, event_id, held)
     ), b as (
       select s.device_id,
              coalesce(max(s.seq) filter (where e.event_id is not null), 0) as batch_max,
              coalesce(max(s.held) filter (where e.event_id is not null), 0) as held
       from s left join events e on e.event_id = s.event_id::uuid and e.device_id = s.device_id and e.seq = s.seq
       group by s.device_id
     ), d as (
       select v.device_id, v.acked_seq, greatest(v.floor_seq, b.held) as floor_seq,
              greatest(v.acked_seq, greatest(v.floor_seq, b.held) - 1) as base
       from devices v join b using (device_id)
     ), n as (
       select d.device_id, d.acked_seq as before, d.floor_seq,
         d.base + case when exists (select 1 from events e where e.device_id = d.device_id and e.seq = d.base + 1)
           then (select count(*) from (
                   select e.seq - row_number() over (order by e.seq) as grp
                   from events e where e.device_id = d.device_id and e.seq > d.base) run
                 where run.grp = d.base)
           else 0 end as acked
       from d
     )
     update devices v set
       floor_seq = n.floor_seq,
       acked_seq = greatest(v.acked_seq, n.acked),
       max_seq = greatest(v.max_seq, b.batch_max)
     from n join b using (device_id)
     where v.device_id = n.device_id
     returning v.device_id, n.before::text as before, v.acked_seq::text as after`,
    [seqs.map((x) => x.deviceId), seqs.map((x) => String(x.seq)), seqs.map((x) => x.eventId), seqs.map((x) => String(x.heldFromSeq))],
  );
  return new Map(r.rows.map((x) => [x.device_id, { before: Number(x.before), after: Number(x.after) }]));
}

export interface StatusRow {
  deviceId: string;
  json: string | null;
  online: boolean;
}

export async function applyStatuses(tx: SqlClient, rows: readonly StatusRow[]): Promise<void> {
  if (!rows.length) return;
  await tx.query(
    `update devices v set status = s.status::jsonb, online = s.online::boolean, status_at = now()
     from unnest($1::text[], $2::text[], $3::text[]) as s(device_id, status, online)
     where v.device_id = s.device_id`,
    [rows.map((r) => r.deviceId), rows.map((r) => r.json), rows.map((r) => String(r.online))],
  );
}

/** Returns true when this version is new here (or was withdrawn and is offered again). */
export async function putTariff(tx: SqlClient, tariffId: string, sha: string, json: string): Promise<boolean> {
  const r = await tx.query<{ fresh: boolean }>(
    `insert into tariff_versions as t (tariff_id, body_sha256, body) values ($1, $2, $3::jsonb)
     on conflict (tariff_id, body_sha256) do update set withdrawn_at = null where t.withdrawn_at is not null
     returning true as fresh`,
    [tariffId, sha, json],
  );
  return r.rows.length > 0;
}

export async function withdrawTariff(tx: SqlClient, tariffId: string): Promise<boolean> {
  const r = await tx.query('update tariff_versions set withdrawn_at = now() where tariff_id = $1 and withdrawn_at is null', [tariffId]);
  return r.rowCount > 0;
}
