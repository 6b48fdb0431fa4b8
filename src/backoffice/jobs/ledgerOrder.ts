/**
 * Turns a built order (src/backoffice/orders.ts) into what the ledger records. The payload is kept
 * as built: a signed message cannot be rebuilt later without the key, and the same bytes keep the
 * same messageId, which is how the device recognises a re-send.
 */
import type { Order } from '../orders.js';
import type { LedgerOrder } from './JobLedger.js';

export function toLedgerOrder(o: Order): LedgerOrder | null {
  if (o.retain) return null; // tariffs: retained for every device, not a job message
  const m = JSON.parse(o.payload) as {
    type?: string;
    messageId?: string;
    jobId?: string;
    reason?: string;
    job?: { jobId: string; version: number; routeSeq: number };
  };
  if (!m.messageId) return null;
  if (m.type === 'job.assign' && m.job) {
    return {
      kind: 'assign',
      messageId: m.messageId,
      jobId: m.job.jobId,
      version: m.job.version,
      routeSeq: m.job.routeSeq,
      payload: o.payload,
    };
  }
  if (m.type === 'job.cancel' && m.jobId) {
    return {
      kind: 'cancel',
      messageId: m.messageId,
      jobId: m.jobId,
      version: null,
      routeSeq: 0,
      payload: o.payload,
      ...(m.reason ? { reason: m.reason } : {}),
    };
  }
  if (m.type === 'message') return { kind: 'message', messageId: m.messageId, jobId: null, version: null, routeSeq: 0, payload: o.payload };
  return null;
}
