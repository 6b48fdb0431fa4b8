/**
 * Builds device events and stores them in a back-office database with plain SQL (the columns of
 * migration 0001), for suites that test what the office derives from stored events (reconciliation,
 * reports) without going through MQTT and ingest.
 */
import { createHash } from 'node:crypto';
import type { SqlClient } from '../../src/backoffice/db/Database.js';
import { computeInvoice } from '../../src/core/billing/computeInvoice.js';
import type { BillingInput } from '../../src/core/billing/types.js';
import type { EventEnvelope } from '../../src/core/contract/events/envelope.js';
import type { InvoiceIssuedData } from '../../src/core/contract/events/invoiceEvents.js';
import type { Tariff } from '../../src/core/contract/tariff.js';

/** The contract's envelope with any type and data: report tests need only the fields they count. */
export type TestEvent = Omit<EventEnvelope, 'type' | 'data'> & { type: string; data: Record<string, unknown> };

let counter = 0;
/** A fresh, valid v4-shaped UUID; deterministic within a run. */
export const nextEventId = (): string => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

export function event(
  deviceId: string,
  seq: number,
  type: string,
  data: Record<string, unknown>,
  over: Partial<TestEvent> = {},
): TestEvent {
  return {
    eventId: nextEventId(),
    deviceId,
    seq,
    type,
    occurredAt: '2025-09-01T10:00:00+03:00',
    operatorId: 'op1',
    jobId: `J-${deviceId}-${seq}`,
    data,
    ...over,
  };
}

/** An invoice as the device issues it (src/app/ReadingService.ts): computeInvoice plus identity. */
export function invoiceData(
  invoiceNo: string,
  input: BillingInput,
  tariffs: Tariff[],
  issuedAt = '2025-09-01T10:00:00+03:00',
): InvoiceIssuedData {
  return {
    ...computeInvoice(input, tariffs),
    invoiceNo,
    ettn: nextEventId(),
    issuedAt,
    jobId: 'J-1',
    deviceId: 'HT-1',
    operatorId: 'op1',
    customer: { installationNo: '1', contractAccount: '2', name: 'Ad Soyad', address: 'Adres' },
    meter: { serial: 'M1' },
    tariffGroup: input.group ?? '',
  };
}

export async function insertEvents(db: SqlClient, events: readonly TestEvent[]): Promise<void> {
  for (const e of events) {
    await db.query(
      `insert into events (event_id, device_id, seq, type, occurred_at, local_date, operator_id, job_id, envelope)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.eventId, e.deviceId, e.seq, e.type, e.occurredAt, e.occurredAt.slice(0, 10), e.operatorId, e.jobId ?? null, JSON.stringify(e)],
    );
  }
}

export async function insertTariff(db: SqlClient, body: Tariff, receivedAt = '2025-07-01T00:00:00Z'): Promise<void> {
  const sha = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  await db.query('insert into tariff_versions (tariff_id, body_sha256, body, received_at) values ($1, $2, $3, $4)', [
    body.tariffId,
    sha,
    JSON.stringify(body),
    receivedAt,
  ]);
}
