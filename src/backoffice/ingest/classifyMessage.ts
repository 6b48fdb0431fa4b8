/**
 * What ingest received, from MQTT bytes to an event to store, a status, a tariff, or a quarantine
 * entry with its reason. Pure: no I/O, no clock. The checks run before anything touches the
 * database, so one bad message never costs the batch it arrived in.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  isValidDeviceId,
  parseInbound,
  TOPIC_ROOT,
  validateEvent,
  validateStatus,
  type ContractError,
  type EventEnvelope,
  type Status,
  type Tariff,
} from '../../core/contract/index.js';
import type { QuarantineEntry, QuarantineReason } from './quarantine.js';

export type Classified =
  | { kind: 'event'; topic: string; envelope: EventEnvelope; json: string; payloadSha256: string; payload: string }
  | { kind: 'status'; topic: string; deviceId: string; status: Status | null }
  | { kind: 'tariff'; topic: string; tariffId: string; tariff: Tariff; bodySha256: string }
  | { kind: 'tariff-withdrawn'; topic: string; tariffId: string }
  | { kind: 'quarantine'; entry: QuarantineEntry }
  /** Outside what ingest subscribes to (a misconfigured filter): logged, acknowledged, not stored. */
  | { kind: 'ignored'; topic: string; why: string };

export interface ClassifyOptions {
  /** Payloads above this are quarantined unread ('too-large'); contract events are a few KB. */
  maxBytes: number;
}

/** What a too-large payload keeps in the quarantine row: enough to identify it, not megabytes. */
const KEPT_OF_TOO_LARGE = 4096;
const MAX_DETAIL = 2000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const sha256Hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** PostgreSQL text and jsonb cannot hold U+0000; the quarantine keeps the rest of the bytes readable. */
const storableText = (s: string): string => s.replace(/\u0000/g, '\uFFFD');

export function classifyMessage(topic: string, payload: Buffer, o: ClassifyOptions): Classified {
  const p = topic.split('/');
  if (`${p[0]}/${p[1]}` !== TOPIC_ROOT) return { kind: 'ignored', topic, why: 'not a contract v1 topic' };
  if (p[2] === 'tariffs' && p.length === 4) return classifyTariff(topic, payload, o);
  if (p[2] !== 'devices' || p.length < 5) return { kind: 'ignored', topic, why: 'not a device topic' };
  const deviceId = isValidDeviceId(p[3]) ? p[3] : null;
  if (p[4] === 'status' && p.length === 5 && deviceId) return classifyStatus(topic, deviceId, payload, o);
  if (p[4] === 'events' && p.length === 6) return classifyEvent(topic, deviceId, p[5]!, payload, o);
  return { kind: 'ignored', topic, why: 'not an events or status topic' };
}

function quarantine(
  topic: string,
  deviceId: string | null,
  payload: Buffer,
  reason: QuarantineReason,
  detail: string,
  ids: { eventId?: unknown; seq?: unknown } = {},
): Classified {
  const kept = reason === 'too-large' ? payload.subarray(0, KEPT_OF_TOO_LARGE) : payload;
  return {
    kind: 'quarantine',
    entry: {
      topic,
      deviceId,
      eventId: typeof ids.eventId === 'string' && ids.eventId.length <= 64 ? storableText(ids.eventId) : null,
      seq: Number.isSafeInteger(ids.seq) ? (ids.seq as number) : null,
      reason,
      detail: storableText(detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}…` : detail),
      payload: storableText(kept.toString('utf8')),
      payloadSha256: sha256Hex(payload),
    },
  };
}

function parseJson(payload: Buffer): { ok: true; value: unknown; text: string } | { ok: false; why: string } {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return { ok: false, why: 'not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (e) {
    return { ok: false, why: `not valid JSON (${(e as Error).message})` };
  }
}

const describe = (errors: readonly ContractError[]): string => errors.map((e) => `${e.path}: ${e.message}`).join('; ');

function classifyEvent(topic: string, deviceId: string | null, topicType: string, payload: Buffer, o: ClassifyOptions): Classified {
  if (payload.byteLength > o.maxBytes)
    return quarantine(
      topic,
      deviceId,
      payload,
      'too-large',
      `payload of ${payload.byteLength} bytes exceeds the ingest limit of ${o.maxBytes}`,
    );
  const parsed = parseJson(payload);
  if (!parsed.ok) return quarantine(topic, deviceId, payload, 'not-json', parsed.why);
  const env = parsed.value as Record<string, unknown> | null;
  const ids = typeof env === 'object' && env !== null ? { eventId: env.eventId, seq: env.seq } : {};
  const v = validateEvent(parsed.value);
  if (!v.ok) return quarantine(topic, deviceId, payload, 'schema-invalid', describe(v.errors), ids);
  const envelope = parsed.value as EventEnvelope;
  // The topic is what the broker ACL checked against the client's identity; an envelope that claims
  // another device is a misconfiguration or a forgery, and must not be filed under that device.
  if (envelope.deviceId !== deviceId)
    return quarantine(
      topic,
      deviceId,
      payload,
      'device-mismatch',
      `envelope deviceId "${envelope.deviceId}" is not the topic's device "${deviceId ?? p3(topic)}"`,
      ids,
    );
  if (envelope.type !== topicType)
    return quarantine(
      topic,
      deviceId,
      payload,
      'type-mismatch',
      `envelope type "${envelope.type}" is not the topic's type "${topicType}"`,
      ids,
    );
  const json = JSON.stringify(envelope);
  // JSON allows "\u0000" in strings; jsonb refuses it, and a refused row would fail the whole batch.
  if (json.includes('\\u0000'))
    return quarantine(topic, deviceId, payload, 'schema-invalid', 'a string contains \\u0000, which PostgreSQL cannot store', ids);
  return { kind: 'event', topic, envelope, json, payloadSha256: sha256Hex(payload), payload: parsed.text };
}

const p3 = (topic: string) => topic.split('/')[3] ?? '';

function classifyStatus(topic: string, deviceId: string, payload: Buffer, o: ClassifyOptions): Classified {
  // An empty retained payload clears the status (device retired).
  if (payload.byteLength === 0) return { kind: 'status', topic, deviceId, status: null };
  if (payload.byteLength > o.maxBytes)
    return quarantine(
      topic,
      deviceId,
      payload,
      'too-large',
      `status of ${payload.byteLength} bytes exceeds the ingest limit of ${o.maxBytes}`,
    );
  const parsed = parseJson(payload);
  if (!parsed.ok) return quarantine(topic, deviceId, payload, 'not-json', parsed.why);
  const v = validateStatus(parsed.value);
  if (!v.ok) return quarantine(topic, deviceId, payload, 'schema-invalid', describe(v.errors));
  if (parsed.text.includes('\\u0000'))
    return quarantine(topic, deviceId, payload, 'schema-invalid', 'a string contains \\u0000, which PostgreSQL cannot store');
  return { kind: 'status', topic, deviceId, status: parsed.value as Status };
}

function classifyTariff(topic: string, payload: Buffer, o: ClassifyOptions): Classified {
  const r = parseInbound(topic, payload, { maxBytes: o.maxBytes });
  if (r.kind === 'tariff-withdrawn') return { kind: 'tariff-withdrawn', topic, tariffId: r.tariffId };
  if (r.kind === 'tariff') {
    // Canonical JSON (RFC 8785), so the same tariff re-published with other key order or spacing is
    // the same version, and a changed figure is a new one.
    return { kind: 'tariff', topic, tariffId: r.tariffId, tariff: r.tariff, bodySha256: sha256Hex(canonicalize(r.tariff) ?? '') };
  }
  if (r.kind !== 'rejected') return { kind: 'ignored', topic, why: 'not a tariff' };
  const reason: QuarantineReason =
    payload.byteLength > o.maxBytes
      ? 'too-large'
      : /not valid (JSON|UTF-8)/.test(r.errors[0]?.message ?? '')
        ? 'not-json'
        : 'schema-invalid';
  return quarantine(topic, null, payload, reason, describe(r.errors));
}
