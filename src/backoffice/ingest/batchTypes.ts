/** What one committed ingest batch did: handed to the ingest plug-ins (IngestService.ts). */
import type { EventEnvelope, Status, Tariff } from '../../core/contract/index.js';
import type { QuarantineEntry } from './quarantine.js';

export interface StoredEvent {
  topic: string;
  envelope: EventEnvelope;
}

export interface StatusChange {
  deviceId: string;
  /** The latest status of the batch; null when the retained status was cleared. */
  status: Status | null;
  online: boolean;
  /**
   * The device went from offline to online in this batch, as recorded in the database under the
   * device's row lock — so with several ingest instances exactly one of them sees the transition.
   */
  cameOnline: boolean;
}

export interface TariffChange {
  tariffId: string;
  /** null: withdrawn (empty retained payload). */
  tariff: Tariff | null;
  bodySha256: string | null;
  /** A version this database had not seen (or had seen withdrawn). */
  isNew: boolean;
}

export interface DeviceAck {
  deviceId: string;
  ackedSeq: number;
}

export interface BatchOutcome {
  /** Events stored by this batch, in arrival order (duplicates are not here). */
  stored: StoredEvent[];
  /** Events already stored under the same eventId: no-ops. */
  duplicates: number;
  quarantined: QuarantineEntry[];
  statuses: StatusChange[];
  tariffs: TariffChange[];
  /**
   * Acks to publish: devices whose acked_seq moved, and devices that re-sent something already
   * stored (they evidently missed the last ack, so it is published again).
   */
  acks: DeviceAck[];
  /** Messages on topics ingest does not handle. */
  ignored: number;
}

export const emptyOutcome = (): BatchOutcome => ({
  stored: [],
  duplicates: 0,
  quarantined: [],
  statuses: [],
  tariffs: [],
  acks: [],
  ignored: 0,
});

export function mergeOutcomes(list: readonly BatchOutcome[]): BatchOutcome {
  const out = emptyOutcome();
  const acks = new Map<string, number>();
  for (const o of list) {
    out.stored.push(...o.stored);
    out.duplicates += o.duplicates;
    out.quarantined.push(...o.quarantined);
    out.statuses.push(...o.statuses);
    out.tariffs.push(...o.tariffs);
    out.ignored += o.ignored;
    for (const a of o.acks) acks.set(a.deviceId, Math.max(acks.get(a.deviceId) ?? 0, a.ackedSeq));
  }
  out.acks = [...acks].map(([deviceId, ackedSeq]) => ({ deviceId, ackedSeq }));
  return out;
}
