/**
 * 0002: the job ledger. One row per job message the office sends a device (assign, cancel, crew
 * message) with the exact bytes to send again (a signed message cannot be rebuilt without the key)
 * and its delivery state (src/backoffice/jobs/types.ts). Ingest paces and re-sends from it;
 * `saha dispatch` with a database only writes it.
 */
import type { Migration } from '../migrate.js';

const sql = `
create table job_messages (
  message_id text primary key,
  device_id text not null,
  job_id text,
  version int,
  kind text not null check (kind in ('assign', 'cancel', 'message')),
  route_seq int not null,
  -- the order messages go out in: as recorded (a route in routeSeq order, then its cancels)
  ord bigserial not null,
  payload text not null,
  state text not null check (state in ('queued', 'sent', 'accepted', 'rejected', 'done', 'cancelled')),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  send_count int not null default 0,
  accepted_at timestamptz,
  -- device seq of the event that showed it accepted: a later sync.requested is judged against it
  accepted_seq bigint,
  updated_at timestamptz not null default now(),
  reason text
);
create index job_messages_live on job_messages (device_id, ord) where state in ('queued', 'sent', 'accepted', 'cancelled');
create index job_messages_job on job_messages (device_id, job_id);
`;

export const m0002: Migration = { version: 2, name: 'jobs', sql };
