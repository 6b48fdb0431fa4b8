/**
 * Why a message was put in the quarantine table instead of being stored as an event. Quarantined
 * messages are kept with their bytes and PUBACKed (the quarantine row is durable), but an event that
 * is only in quarantine never counts for the device's acked_seq: it is never acknowledged as good.
 */
export type QuarantineReason =
  /** Not UTF-8 or not JSON. */
  | 'not-json'
  /** Above the ingest payload limit; only the start of the payload is kept. */
  | 'too-large'
  /** JSON, but not a contract v1 event (or status, or tariff) — the detail lists every problem. */
  | 'schema-invalid'
  /** The topic's device id is not the envelope's deviceId (the topic is the one the broker ACL checked). */
  | 'device-mismatch'
  /** The topic's event type is not the envelope's type. */
  | 'type-mismatch'
  /** The device's seq is already stored under another eventId. */
  | 'seq-conflict'
  /** The eventId is already stored for another device or seq. */
  | 'id-conflict'
  /** Storing it failed in a way retrying cannot fix (a value PostgreSQL refuses, a plug-in error). */
  | 'store-failed';

export interface QuarantineEntry {
  topic: string;
  deviceId: string | null;
  eventId: string | null;
  seq: number | null;
  reason: QuarantineReason;
  detail: string;
  payload: string;
  payloadSha256: string;
}
