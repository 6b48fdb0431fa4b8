/**
 * 0001: the event store. One row per event (eventId unique forever, (device, seq) unique), the
 * per-device delivery state, the quarantine for what cannot be accepted, every tariff version seen,
 * and the views the office queries. Views flatten `data` with ->> so money stays the decimal string
 * the device printed (never a float); meter indexes are bigint (they reach 10 digits).
 */
import type { Migration } from '../migrate.js';

/** Envelope columns every view starts with. */
const EV = `e.event_id, e.device_id, e.seq, e.type, e.occurred_at, e.local_date, e.operator_id, e.job_id, e.received_at`;

const sql = `
create table events (
  event_id uuid primary key,
  device_id text not null,
  seq bigint not null,
  type text not null,
  occurred_at timestamptz not null,
  -- the calendar day where the crew was: the first 10 characters of occurredAt, written with the
  -- device's own offset (Europe/Istanbul), so a 00:30 reading is not filed under yesterday in UTC
  local_date date not null,
  operator_id text,
  job_id text,
  envelope jsonb not null,
  received_at timestamptz not null default now(),
  unique (device_id, seq)
);
create index events_type_date on events (type, local_date);
create index events_job on events (job_id) where job_id is not null;

create table devices (
  device_id text primary key,
  -- contiguous high-water mark: every seq floor_seq..acked_seq of this device is stored
  acked_seq bigint not null default 0,
  -- from sync.requested heldFromSeq: the device no longer holds seqs below it (released before
  -- end-to-end acks existed, or by a device that lost its outbox); missing ones below are reported
  floor_seq bigint not null default 1,
  max_seq bigint not null default 0,
  status jsonb,
  status_at timestamptz,
  online boolean not null default false,
  -- the ackedSeq last published on the device's retained acks topic
  published_ack bigint not null default 0
);

create table quarantine (
  id bigserial primary key,
  received_at timestamptz not null default now(),
  topic text not null,
  -- from the topic (which the broker ACL ties to the sending device), not from the payload
  device_id text,
  event_id text,
  seq bigint,
  -- see src/backoffice/ingest/quarantine.ts for the reasons
  reason text not null,
  detail text not null,
  payload text not null,
  -- a device re-sends what was never acknowledged: the same bytes count as one row, seen n times
  payload_sha256 text not null,
  attempts int not null default 1,
  last_received_at timestamptz not null default now(),
  unique (topic, reason, payload_sha256)
);
create index quarantine_device on quarantine (device_id);

create table tariff_versions (
  tariff_id text not null,
  body_sha256 text not null,
  body jsonb not null,
  received_at timestamptz not null default now(),
  -- set when the retained tariff was cleared (empty payload): no longer offered to devices
  withdrawn_at timestamptz,
  primary key (tariff_id, body_sha256)
);

create view readings as
select ${EV},
  case e.type when 'reading.recorded' then 'recorded' else 'skipped' end as outcome,
  (d->>'index')::bigint as index, (d->>'previousIndex')::bigint as previous_index,
  d->>'consumptionM3' as consumption_m3, (d->>'rollover')::boolean as rollover,
  (d->>'outlierConfirmed')::boolean as outlier_confirmed, (d->>'readAt')::timestamptz as read_at,
  d->>'invoiceNo' as invoice_no, d->>'reasonCode' as reason_code, d->>'note' as note
from events e, lateral (select e.envelope->'data' as d) x
where e.type in ('reading.recorded', 'reading.skipped');

create view invoices as
select ${EV},
  d->>'invoiceNo' as invoice_no, d->>'ettn' as ettn, (d->>'issuedAt')::timestamptz as issued_at,
  d->'customer'->>'installationNo' as installation_no, d->'customer'->>'contractAccount' as contract_account,
  d->'meter'->>'serial' as meter_serial, d->>'tariffGroup' as tariff_group,
  (d->'period'->>'from')::date as period_from, (d->'period'->>'to')::date as period_to,
  (d->>'previousIndex')::bigint as previous_index, (d->>'currentIndex')::bigint as current_index,
  d->>'consumptionM3' as consumption_m3, d->>'correctedM3' as corrected_m3, d->>'energyKwh' as energy_kwh,
  d->>'unitPrice' as unit_price, d->>'consumptionAmount' as consumption_amount,
  d->>'vatRate' as vat_rate, d->>'vat' as vat, d->>'total' as total, d->>'payable' as payable,
  d->>'roundingCarry' as rounding_carry, (d->>'dueDate')::date as due_date,
  d->'tariffIds' as tariff_ids, d->'segments' as segments, d->'lines' as lines, d->'trace' as trace
from events e, lateral (select e.envelope->'data' as d) x
where e.type = 'invoice.issued';

create view voided_numbers as
select ${EV},
  d->>'invoiceNo' as invoice_no, d->>'reason' as reason, (d->>'reservedAt')::timestamptz as reserved_at
from events e, lateral (select e.envelope->'data' as d) x
where e.type = 'invoice.voided';

create view field_work as
select ${EV},
  case e.type when 'gas.cut' then 'cut' when 'gas.reconnected' then 'reconnection'
    when 'meter.removed' then 'meter-removed' else 'meter-installed' end as kind,
  coalesce(d->>'index', d->>'finalIndex', d->>'initialIndex')::bigint as index,
  d->>'sealNo' as seal_no, d->>'removedSealNo' as removed_seal_no, d->>'serial' as meter_serial,
  d->'sealNos' as seal_nos, d->'checklist' as checklist, d->>'note' as note
from events e, lateral (select e.envelope->'data' as d) x
where e.type in ('gas.cut', 'gas.reconnected', 'meter.removed', 'meter.installed');

create view inspection_reports as
select ${EV},
  d->>'reportNo' as report_no, d->>'finding' as finding, d->>'subtype' as subtype,
  (d->>'index')::bigint as index, d->'seals' as seals, d->>'evidenceSha256' as evidence_sha256,
  d->'accrual'->>'total' as accrual_total, d->'accrual' as accrual, d->'actions' as actions,
  (d->>'refusedToSign')::boolean as refused_to_sign
from events e, lateral (select e.envelope->'data' as d) x
where e.type = 'inspection.reported';

create view printed_documents as
select ${EV},
  d->>'documentType' as document_type, d->>'documentNo' as document_no, (d->>'copy')::int as copy,
  d->>'sha256' as sha256
from events e, lateral (select e.envelope->'data' as d) x
where e.type = 'document.printed';

create view rejected_jobs as
select ${EV},
  d->>'messageId' as message_id, coalesce(d->>'jobId', e.job_id) as rejected_job_id,
  d->>'topic' as topic, d->'errors' as errors
from events e, lateral (select e.envelope->'data' as d) x
where e.type = 'job.rejected';
`;

export const m0001: Migration = { version: 1, name: 'events', sql };
