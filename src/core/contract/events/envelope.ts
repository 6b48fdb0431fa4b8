/**
 * Event envelope, device → back office on saha/v1/devices/{deviceId}/events/{type}. Contract v1 §Events.
 * `eventId` is unique forever; `seq` grows by one per event on a device and is never reused, so the
 * back office can spot gaps and drop duplicates (delivery is at-least-once).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DeviceId, IsoDateTime, JobId, Obj, OperatorId, Uuid } from '../primitives.js';
import { EVENT_DATA_SCHEMAS, EVENT_TYPES, type EventData, type EventType } from './eventTypes.js';

const envelopeFields = {
  eventId: { ...Uuid, description: 'unique forever; a redelivery carries the same eventId' },
  deviceId: DeviceId,
  seq: Type.Integer({ minimum: 1, description: 'per device, +1 per event, never reused, even across crashes' }),
  occurredAt: IsoDateTime,
  // Nullable because some events happen with nobody logged in (job.accepted / job.rejected when a
  // message arrives overnight); inventing an operator would be worse than saying none.
  operatorId: Type.Union([OperatorId, Type.Null()], { description: 'operator logged in when the event happened; null when nobody was' }),
  jobId: Type.Optional(JobId),
};

/** The envelope alone, with `data` any object: what every event has in common. */
export const EventEnvelopeSchema = Obj(
  {
    ...envelopeFields,
    type: Type.Union(
      EVENT_TYPES.map((t) => Type.Literal(t)),
      { description: 'event type; also the last topic segment' },
    ),
    data: Type.Object({}, { additionalProperties: true }),
  },
  'Event envelope',
);

/** The full schema of one event type: envelope with its `type` fixed and its `data` schema. */
export function eventSchema<T extends EventType>(type: T) {
  return Obj(
    {
      ...envelopeFields,
      type: Type.Literal(type),
      data: EVENT_DATA_SCHEMAS[type] as (typeof EVENT_DATA_SCHEMAS)[T] & TSchema,
    },
    `Event ${type}`,
  );
}

export type EventEnvelope<T extends EventType = EventType> = {
  [K in T]: Omit<Static<typeof EventEnvelopeSchema>, 'type' | 'data'> & { type: K; data: EventData<K> };
}[T];
