/**
 * `saha dispatch` with a database: the job messages are recorded in the ledger and nothing is
 * published here; ingest, the long-running service, sends them paced and re-sends them until the
 * device answers (JobDelivery.ts). What dispatch can truthfully say is whether the device has ever
 * connected (its retained status reached ingest): if not, the broker has no session to keep the
 * messages in, so they wait in the ledger until it does.
 */
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/openDatabase.js';
import type { Database } from '../db/Database.js';
import type { Order } from '../orders.js';
import { JobLedger, type RecordResult } from './JobLedger.js';
import { toLedgerOrder } from './ledgerOrder.js';

export interface DispatchRecord extends RecordResult {
  deviceId: string;
  /** The device's status was seen by ingest at least once. */
  everSeen: boolean;
}

export async function recordOrders(db: Database, deviceId: string, orders: readonly Order[]): Promise<DispatchRecord> {
  await migrate(db);
  const list = orders.map(toLedgerOrder).filter((o) => o !== null);
  const r = await new JobLedger(db).record(deviceId, list);
  const seen = await db.query<{ seen: boolean }>('select status_at is not null as seen from devices where device_id = $1', [deviceId]);
  return { ...r, deviceId, everSeen: seen.rows[0]?.seen ?? false };
}

/** The line dispatch prints: never a bare "sent" for what may not have reached anyone yet. */
export function describeRecord(r: DispatchRecord): string {
  const extra = [
    r.known ? `${r.known} already recorded` : '',
    r.settled ? `${r.settled} cancel(s) settled without sending: the job had not been sent` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const head = r.everSeen
    ? `${r.recorded} job(s) recorded: sent, awaiting acceptance`
    : `${r.recorded} job(s) recorded; device ${r.deviceId} has never connected: will be delivered when it does`;
  return extra ? `${head} (${extra})` : head;
}

/** Opens the database dispatch was pointed at, records, closes. */
export async function recordDispatch(
  where: { url?: string; dataDir?: string },
  deviceId: string,
  orders: readonly Order[],
): Promise<DispatchRecord> {
  const db = await openDatabase(where);
  try {
    return await recordOrders(db, deviceId, orders);
  } finally {
    await db.close();
  }
}
