/**
 * One small office day, stored with plain SQL (test/helpers/officeEvents.ts), whose every report
 * figure is known by hand. Two crew days (2025-09-01, 2025-09-02), three devices:
 * - HT-1 (series HTA): seqs 1–3, 5, 6, 8–13, 15 stored; 4, 7, 14, 16 missing (max_seq 16).
 *   Invoices 1, 2 (payable printed one kuruş high: a mismatch), 5; number 3 voided; 4 never seen.
 * - HT-2 (series HTB): floor 3 (released 1–2 before acks), seqs 3–6; invoices 10 and 11 (11 names a
 *   tariff the office never received: unverifiable), 11 also voided (a duplicate), a malformed void.
 * - HT-3: only a quarantined message.
 */
import type { SqlClient } from '../../../../src/backoffice/db/Database.js';
import { reconcileStoredEvents } from '../../../../src/backoffice/reconcile/InvoiceReconciler.js';
import { event, insertEvents, insertTariff, invoiceData, type TestEvent } from '../../../helpers/officeEvents.js';
import { loadTariff } from '../../../helpers/tariffs.js';

const AUG = loadTariff('esgaz-k1-2025-08');
const SEP = loadTariff('esgaz-k1-2025-09');
const DAY1 = '2025-09-01T10:00:00+03:00';
const DAY2 = '2025-09-02T00:30:00+03:00'; // 21:30 UTC the day before: filed under the crew's day
const example = { previousIndex: 12345, currentIndex: 12533, previousDate: '2025-08-01', currentDate: '2025-09-01', group: 'ESGAZ-K1' };
const acrossTariffs = { ...example, previousDate: '2025-09-01', currentDate: '2025-10-01' };

const inv = (no: string, input = example, tariffs = [AUG], over: Record<string, unknown> = {}) => ({
  ...invoiceData(no, input, tariffs),
  ...over,
});

export function fixtureEvents(): TestEvent[] {
  const d1 = { occurredAt: DAY1 };
  const d2 = { occurredAt: DAY2 };
  return [
    event('HT-1', 1, 'invoice.issued', inv('HTA2025000000001'), d1),
    event('HT-1', 2, 'reading.recorded', { index: 5 }, d1),
    event('HT-1', 3, 'invoice.issued', inv('HTA2025000000002', example, [AUG], { payable: '2462.01' }), d1),
    event('HT-1', 5, 'invoice.issued', inv('HTA2025000000005'), d1),
    event('HT-1', 6, 'reading.skipped', { reasonCode: 'no-access' }, d1),
    event('HT-1', 8, 'gas.cut', {}, d1),
    event('HT-1', 9, 'gas.reconnected', {}, d2),
    event('HT-1', 10, 'meter.removed', {}, { ...d2, jobId: 'J-X' }),
    event('HT-1', 11, 'meter.installed', {}, { ...d2, jobId: 'J-X' }),
    event('HT-1', 12, 'inspection.reported', { accrual: { lines: [], total: '1234.50' } }, d2),
    event('HT-1', 13, 'inspection.reported', {}, d1),
    event('HT-1', 15, 'invoice.voided', { invoiceNo: 'HTA2025000000003', reason: 'print-failed' }, d1),
    event('HT-2', 3, 'invoice.issued', inv('HTB2025000000010'), d2),
    event('HT-2', 4, 'invoice.issued', inv('HTB2025000000011', acrossTariffs, [AUG, SEP]), d2),
    event('HT-2', 5, 'invoice.voided', { invoiceNo: 'HTB2025000000011', reason: 'cancelled-by-crew' }, d2),
    event('HT-2', 6, 'invoice.voided', { invoiceNo: 'BOGUS', reason: 'x' }, d2),
  ];
}

/** Stores the fixture the way ingest does: events and their verdicts in one transaction. */
export async function seedFixture(
  db: SqlClient & { transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> },
  o: { jobs: boolean },
): Promise<TestEvent[]> {
  const events = fixtureEvents();
  await insertTariff(db, AUG);
  await db.transaction(async (tx) => {
    await insertEvents(tx, events);
    await reconcileStoredEvents(
      tx,
      events.map((e) => e.eventId),
    );
  });
  await db.query(`insert into devices (device_id, acked_seq, floor_seq, max_seq) values ('HT-1', 3, 1, 16), ('HT-2', 6, 3, 6)`);
  const quarantined: [string, string][] = [
    ['HT-1', 'not-json'],
    ['HT-1', 'schema-invalid'],
    ['HT-3', 'not-json'],
  ];
  for (const [i, [device, reason]] of quarantined.entries()) {
    await db.query(`insert into quarantine (topic, device_id, reason, detail, payload, payload_sha256) values ($1, $2, $3, 'd', 'p', $4)`, [
      `saha/v1/devices/${device}/events/x`,
      device,
      reason,
      String(i),
    ]);
  }
  if (o.jobs) {
    const rows: [string, string, string, string, number][] = [
      ['m1', 'HT-1', 'assign', 'sent', 1],
      ['m2', 'HT-1', 'assign', 'accepted', 1],
      ['m3', 'HT-1', 'assign', 'done', 2],
      ['m4', 'HT-1', 'assign', 'rejected', 1],
      ['m5', 'HT-1', 'assign', 'queued', 0],
      ['m6', 'HT-1', 'cancel', 'sent', 1],
      ['m7', 'HT-2', 'assign', 'sent', 3],
    ];
    for (const [id, device, kind, state, sends] of rows) {
      await db.query(
        `insert into job_messages (message_id, device_id, job_id, version, kind, route_seq, payload, state, send_count)
        values ($1, $2, $3, 1, $4, 1, '{}', $5, $6)`,
        [id, device, `J-${id}`, kind, state, sends],
      );
    }
  }
  return events;
}
