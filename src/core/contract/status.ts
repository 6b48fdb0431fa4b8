/**
 * Device status, retained on saha/v1/devices/{deviceId}/status. Contract v1 §Status. The same shape,
 * with state "offline", is registered as the MQTT last will at connect time, so its other fields
 * are as of that connect.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, Obj, OneOf, OperatorId } from './primitives.js';

export const PrinterState = OneOf(['ready', 'paper-out', 'offline', 'unknown'] as const);
export type PrinterState = Static<typeof PrinterState>;

export const StatusSchema = Obj(
  {
    state: OneOf(['online', 'offline'] as const),
    at: IsoDateTime,
    appVersion: Type.String({ minLength: 1, maxLength: 64 }),
    outboxDepth: Type.Integer({ minimum: 0, description: 'events waiting to be delivered' }),
    oldestPendingAt: Type.Union([IsoDateTime, Type.Null()], {
      description: 'occurredAt of the oldest undelivered event; null when the outbox is empty',
    }),
    printer: PrinterState,
    operatorId: Type.Union([OperatorId, Type.Null()], { description: 'null when nobody is logged in' }),
    // Additions within v1 (end-to-end acknowledgement, acks.ts): optional, so older devices stay valid.
    unackedDepth: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'events the broker acknowledged (PUBACK) that the back office has not yet acknowledged end to end (acks topic); addition within v1',
      }),
    ),
    oldestUnackedAt: Type.Optional(
      Type.Union([IsoDateTime, Type.Null()], {
        description: 'occurredAt of the oldest event awaiting end-to-end acknowledgement; null when none; addition within v1',
      }),
    ),
    freeBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          "free bytes on the file system of the device's store, as last measured (every 15 s); below the device's floor (store.minFreeMB) it refuses new work; addition within v1",
      }),
    ),
  },
  'Device status; retained, and the last will with state "offline"',
);
export type Status = Static<typeof StatusSchema>;
