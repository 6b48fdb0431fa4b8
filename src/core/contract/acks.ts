/**
 * End-to-end acknowledgement (addition within v1), back office → device on
 * saha/v1/devices/{deviceId}/acks, QoS 1, retained. A PUBACK only says the broker has a message; a
 * broker killed before its next autosave forgets what it acknowledged (device/mosquitto/README.md).
 * This message says the back office's own store has it: every event of that device with
 * heldFromSeq ≤ seq ≤ ackedSeq is committed there, so the device may forget them.
 * Retained, so the latest value reaches a device that was offline when it was published.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, Obj } from './primitives.js';
import { validateAgainst, type ValidationResult } from './validate.js';

export const AckSchema = Obj({
  ackedSeq: Type.Integer({ minimum: 0, description: 'every event of this device with seq ≤ ackedSeq (and at or above the heldFromSeq of its latest sync.requested) is stored by the back office; 0 = none yet' }),
  at: { ...IsoDateTime, description: 'when the back office committed them; informational' },
}, 'End-to-end acknowledgement of stored events; retained (addition within v1)');
export type Ack = Static<typeof AckSchema>;

export function validateAck(ack: unknown): ValidationResult {
  return validateAgainst(AckSchema, ack);
}
