/**
 * Messages as devices send them, built from the contract fixtures (test/fixtures/contract): each
 * call gives a fresh eventId, so tests say only what differs (device, seq, type, data).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from '../../../../src/backoffice/ingest/EventStore.js';

const fixtureDir = new URL('../../../fixtures/contract/', import.meta.url);
export const fixture = (path: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(path, fixtureDir), 'utf8'));

let n = 0;
export const freshId = (): string => `7a1c0e52-0000-4000-8000-${String(++n).padStart(12, '0')}`;

export interface EventOver {
  type?: string;
  eventId?: string;
  data?: Record<string, unknown>;
  operatorId?: string | null;
  /** Topic parts, when a test wants them to disagree with the envelope. */
  topicDevice?: string;
  topicType?: string;
}

export function eventEnvelope(deviceId: string, seq: number, o: EventOver = {}): Record<string, unknown> {
  const type = o.type ?? 'job.accepted';
  const base = fixture(`events/${type}.json`);
  return {
    ...base,
    eventId: o.eventId ?? freshId(),
    deviceId,
    seq,
    ...(o.data ? { data: o.data } : {}),
    ...(o.operatorId !== undefined ? { operatorId: o.operatorId } : {}),
  };
}

export function eventMessage(deviceId: string, seq: number, o: EventOver = {}): IncomingMessage & { envelope: Record<string, unknown> } {
  const envelope = eventEnvelope(deviceId, seq, o);
  return {
    topic: `saha/v1/devices/${o.topicDevice ?? deviceId}/events/${o.topicType ?? envelope.type}`,
    payload: Buffer.from(JSON.stringify(envelope)),
    envelope,
  };
}

export const raw = (topic: string, payload: string | Buffer): IncomingMessage => ({
  topic,
  payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
});

export function statusMessage(deviceId: string, state: 'online' | 'offline'): IncomingMessage {
  const s = {
    state,
    at: '2025-09-01T09:00:00+03:00',
    appVersion: '0.1.0',
    outboxDepth: 0,
    oldestPendingAt: null,
    printer: 'ready',
    operatorId: null,
  };
  return raw(`saha/v1/devices/${deviceId}/status`, JSON.stringify(s));
}
