/**
 * End-to-end acknowledgement (addition within v1), back office → device on
 * saha/v1/devices/{deviceId}/acks, QoS 1, retained. A PUBACK only says the broker has a message; a
 * broker killed before its next autosave forgets what it acknowledged (device/mosquitto/README.md).
 * This message says the back office's own store has it: every event of that device with
 * heldFromSeq ≤ seq ≤ ackedSeq is committed there, so the device may forget them.
 * Retained, so the latest value reaches a device that was offline when it was published.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { ContractError } from './contractError.js';
import { IsoDateTime, Obj } from './primitives.js';
import { validateAgainst, type ValidationResult } from './validate.js';

export const AckSchema = Obj(
  {
    ackedSeq: Type.Integer({
      minimum: 0,
      description:
        'every event of this device with seq ≤ ackedSeq (and at or above the heldFromSeq of its latest sync.requested) is stored by the back office; 0 = none yet',
    }),
    at: { ...IsoDateTime, description: 'when the back office committed them; informational' },
  },
  'End-to-end acknowledgement of stored events; retained (addition within v1)',
);
export type Ack = Static<typeof AckSchema>;

export function validateAck(ack: unknown): ValidationResult {
  return validateAgainst(AckSchema, ack);
}

export type AckParse = { ok: true; ack: Ack } | { ok: false; errors: ContractError[] };

// Drops a leading byte order mark, as parseInbound does (ignoreBOM: false).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Raw acks payload → ack, or every problem (the device logs them; nothing is answered). */
export function parseAck(payload: Uint8Array): AckParse {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(payload));
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: '/', message: e instanceof TypeError ? 'not valid UTF-8' : `not valid JSON (${(e as Error).message})` }],
    };
  }
  const r = validateAck(value);
  return r.ok ? { ok: true, ack: value as Ack } : { ok: false, errors: r.errors };
}
