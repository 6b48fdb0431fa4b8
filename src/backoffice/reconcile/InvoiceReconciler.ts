/**
 * Runs reconciliation against the event store: recomputes stored invoice.issued events with the
 * tariff versions in tariff_versions and records each verdict in `reconciliation` (migration 0003).
 * The only module of src/backoffice/reconcile that touches the database, and only through the
 * SqlClient it is handed, so ingest can call it inside the transaction that stores the events: an
 * invoice is never stored without its verdict, and a rolled-back batch leaves neither.
 */
import type { InvoiceIssuedData } from '../../core/contract/events/invoiceEvents.js';
import type { SqlClient } from '../db/Database.js';
import { recomputeInvoice } from './recomputeInvoice.js';
import type { ReconcileResult, TariffVersion } from './types.js';

/** One stored invoice.issued: its event id, the envelope's occurredAt and its data. */
export interface StoredInvoice {
  eventId: string;
  occurredAt: string;
  data: InvoiceIssuedData;
}

export interface Verdict {
  eventId: string;
  invoiceNo: string;
  result: ReconcileResult;
}

const asIso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

async function tariffVersions(tx: SqlClient, ids: readonly string[]): Promise<TariffVersion[]> {
  if (ids.length === 0) return [];
  // Ordered so equal received_at instants resolve the same way on every run (tariffsInForce keeps input order on ties).
  const { rows } = await tx.query<{ tariff_id: string; body: unknown; received_at: unknown }>(
    'select tariff_id, body, received_at from tariff_versions where tariff_id = any($1::text[]) order by received_at, body_sha256',
    [[...new Set(ids)]],
  );
  return rows.map((r) => ({ tariffId: r.tariff_id, body: r.body, receivedAt: asIso(r.received_at) }));
}

async function record(tx: SqlClient, verdicts: readonly Verdict[]): Promise<void> {
  if (verdicts.length === 0) return;
  // One statement per batch (the rows travel as one jsonb array), like ingest's multi-row insert.
  const rows = verdicts.map((v) => ({
    event_id: v.eventId,
    invoice_no: v.invoiceNo,
    status: v.result.status,
    differences: v.result.status === 'mismatch' ? v.result.differences : [],
    reason: v.result.status === 'unverifiable' ? v.result.reason : null,
  }));
  await tx.query(
    `insert into reconciliation (event_id, invoice_no, status, differences, reason)
     select event_id, invoice_no, status, differences, reason
       from jsonb_to_recordset($1::jsonb) as r(event_id uuid, invoice_no text, status text, differences jsonb, reason text)
     on conflict (event_id) do update
       set invoice_no = excluded.invoice_no, status = excluded.status, differences = excluded.differences,
           reason = excluded.reason, checked_at = now()`,
    [JSON.stringify(rows)],
  );
}

/**
 * A bug in recomputation must not cost the invoice its place in the store: ingest splits a batch
 * whose hook throws and quarantines its messages (src/backoffice/ingest/EventStore.ts). So the
 * invoice is stored, marked unverifiable with the error, and shows up in `saha report`.
 */
function safeRecompute(i: StoredInvoice, versions: readonly TariffVersion[]): ReconcileResult {
  try {
    return recomputeInvoice(i.data, versions, i.occurredAt);
  } catch (e) {
    return { status: 'unverifiable', reason: `reconciliation failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Recomputes the given invoices and records their verdicts; returns them in input order. */
export async function reconcileInvoices(tx: SqlClient, invoices: readonly StoredInvoice[]): Promise<Verdict[]> {
  if (invoices.length === 0) return [];
  const versions = await tariffVersions(
    tx,
    invoices.flatMap((i) => i.data.tariffIds),
  );
  const verdicts = invoices.map((i) => ({ eventId: i.eventId, invoiceNo: i.data.invoiceNo, result: safeRecompute(i, versions) }));
  await record(tx, verdicts);
  return verdicts;
}

type EventRow = { event_id: string; occurred_at: string; data: InvoiceIssuedData };
const toStored = (r: EventRow): StoredInvoice => ({ eventId: r.event_id, occurredAt: r.occurred_at, data: r.data });

/** Reconciles the stored invoice.issued events among `eventIds` (other types are ignored). */
export async function reconcileStoredEvents(tx: SqlClient, eventIds: readonly string[]): Promise<Verdict[]> {
  if (eventIds.length === 0) return [];
  const { rows } = await tx.query<EventRow>(
    `select event_id::text, envelope->>'occurredAt' as occurred_at, envelope->'data' as data
       from events where event_id = any($1::uuid[]) and type = 'invoice.issued' order by seq`,
    [[...eventIds]],
  );
  return reconcileInvoices(tx, rows.map(toStored));
}

/**
 * Checks again every invoice left 'unverifiable' (optionally only those naming `tariffId`): called
 * when a tariff version arrives, since the missing tariff is the usual reason. Few rows by nature.
 */
export async function recheckUnverifiable(tx: SqlClient, tariffId?: string): Promise<Verdict[]> {
  const { rows } = await tx.query<EventRow>(
    `select e.event_id::text, e.envelope->>'occurredAt' as occurred_at, e.envelope->'data' as data
       from reconciliation r join events e using (event_id)
      where r.status = 'unverifiable' and ($1::text is null or (e.envelope->'data'->'tariffIds') @> jsonb_build_array($1::text))
      order by e.device_id, e.seq`,
    [tariffId ?? null],
  );
  return reconcileInvoices(tx, rows.map(toStored));
}

/** Reconciles every stored invoice that has no verdict yet (start-up catch-up, and after migration 0003). */
export async function reconcileUnchecked(tx: SqlClient, limit = 1000): Promise<Verdict[]> {
  const { rows } = await tx.query<EventRow>(
    `select e.event_id::text, e.envelope->>'occurredAt' as occurred_at, e.envelope->'data' as data
       from events e left join reconciliation r using (event_id)
      where e.type = 'invoice.issued' and r.event_id is null
      order by e.device_id, e.seq limit $1`,
    [limit],
  );
  return reconcileInvoices(tx, rows.map(toStored));
}
