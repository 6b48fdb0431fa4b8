/**
 * MQTT topics of contract v1 §Topics. Builders refuse ids that could escape their topic level
 * (/, +, # or anything outside the id alphabet) because the broker ACL is per device prefix: a
 * malformed id must fail here, loudly, not produce a topic the broker silently drops.
 */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { isEventType, type EventType } from './events/eventTypes.js';

export const TOPIC_ROOT = 'saha/v1';
const DEVICE_ID_RE = /^[A-Za-z0-9-]{1,32}$/;
const TARIFF_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

export function isValidDeviceId(id: unknown): id is string {
  return typeof id === 'string' && DEVICE_ID_RE.test(id);
}
export function isValidTariffId(id: unknown): id is string {
  return typeof id === 'string' && TARIFF_ID_RE.test(id);
}

function deviceId(id: string): string {
  if (!isValidDeviceId(id)) {
    throw new AppError(`device id ${JSON.stringify(id)} is not 1–32 of A–Z a–z 0–9 -`, ErrorCode.Contract_Invalid, {
      context: { field: 'deviceId' },
    });
  }
  return id;
}

export const topics = {
  jobs: (id: string) => `${TOPIC_ROOT}/devices/${deviceId(id)}/jobs`,
  commands: (id: string) => `${TOPIC_ROOT}/devices/${deviceId(id)}/commands`,
  status: (id: string) => `${TOPIC_ROOT}/devices/${deviceId(id)}/status`,
  /**
   * End-to-end acknowledgements for one device (addition within v1): back office → device, QoS 1,
   * retained, so a device that connects later still learns how far the store has got (acks.ts).
   */
  acks: (id: string) => `${TOPIC_ROOT}/devices/${deviceId(id)}/acks`,
  event: (id: string, type: EventType) => {
    if (!isEventType(type))
      throw new AppError(`unknown event type ${JSON.stringify(type)}`, ErrorCode.Contract_Invalid, { context: { field: 'type' } });
    return `${TOPIC_ROOT}/devices/${deviceId(id)}/events/${type}`;
  },
  tariff: (tariffId: string) => {
    if (!isValidTariffId(tariffId))
      throw new AppError(`tariff id ${JSON.stringify(tariffId)} is not 1–64 of A–Z a–z 0–9 . _ -`, ErrorCode.Contract_Invalid, {
        context: { field: 'tariffId' },
      });
    return `${TOPIC_ROOT}/tariffs/${tariffId}`;
  },
  /** Subscription filter for every tariff (retained: the broker replays them all on subscribe). */
  allTariffs: () => `${TOPIC_ROOT}/tariffs/+`,
  /** What a device subscribes to (the broker ACL allows exactly these). */
  subscriptions: (id: string) => [topics.jobs(id), topics.commands(id), topics.allTariffs(), topics.acks(id)],
} as const;

export type ParsedTopic =
  | { kind: 'jobs'; deviceId: string }
  | { kind: 'commands'; deviceId: string }
  | { kind: 'status'; deviceId: string }
  | { kind: 'acks'; deviceId: string }
  | { kind: 'event'; deviceId: string; type: EventType }
  | { kind: 'tariff'; tariffId: string };

/** Parses a contract topic; null for anything else (other versions, unknown event types, bad ids). */
export function parseTopic(topic: string): ParsedTopic | null {
  const p = topic.split('/');
  if (p[0] !== 'saha' || p[1] !== 'v1') return null;
  if (p[2] === 'tariffs' && p.length === 4) return isValidTariffId(p[3]) ? { kind: 'tariff', tariffId: p[3] } : null;
  if (p[2] !== 'devices' || !isValidDeviceId(p[3])) return null;
  const id = p[3];
  if (p.length === 5) {
    if (p[4] === 'jobs' || p[4] === 'commands' || p[4] === 'status' || p[4] === 'acks') return { kind: p[4], deviceId: id };
    return null;
  }
  if (p.length === 6 && p[4] === 'events' && isEventType(p[5])) return { kind: 'event', deviceId: id, type: p[5] };
  return null;
}
