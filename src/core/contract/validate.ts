/**
 * Run-time validation against the contract schemas with Ajv. Validators are compiled on first use
 * and cached for the life of the process: compiling the whole contract costs tens of milliseconds,
 * which start-up on a handheld should not pay before the first message arrives. The cache holds
 * pure functions only, so sharing it is harmless.
 */
import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import type { ContractError } from './contractError.js';
import { EventEnvelopeSchema, eventSchema } from './events/envelope.js';
import { isEventType, type EventType } from './events/eventTypes.js';
import { formatAjvErrors } from './formatErrors.js';
import { StatusSchema } from './status.js';
import { parseTopic } from './topics.js';

export type ValidationResult = { ok: true } | { ok: false; errors: ContractError[] };

let ajv: Ajv | undefined;
const compiled = new WeakMap<TSchema, ValidateFunction>();

function validatorFor(schema: TSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    // allErrors: the sender gets every problem in one round trip. verbose: formatErrors needs the
    // failing schema and data to word its messages.
    ajv ??= new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false });
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** Validates `value` against any contract schema; paths in errors get `pathPrefix` in front. */
export function validateAgainst(schema: TSchema, value: unknown, pathPrefix = ''): ValidationResult {
  const fn = validatorFor(schema);
  return fn(value) ? { ok: true } : { ok: false, errors: formatAjvErrors(fn.errors, pathPrefix) };
}

const eventSchemas = new Map<EventType, TSchema>();
function schemaOfEvent(type: EventType): TSchema {
  let s = eventSchemas.get(type);
  if (!s) eventSchemas.set(type, (s = eventSchema(type)));
  return s;
}

/**
 * Checks an event envelope and the `data` of its type. With `topic`, also checks that the topic is
 * this device's events topic for this type (what the back office routes on).
 */
export function validateEvent(envelope: unknown, topic?: string): ValidationResult {
  const type = (envelope as { type?: unknown } | null)?.type;
  const result = validateAgainst(isEventType(type) ? schemaOfEvent(type) : EventEnvelopeSchema, envelope);
  const errors = result.ok ? [] : [...result.errors];
  if (topic !== undefined) {
    const t = parseTopic(topic);
    const env = (envelope ?? {}) as { deviceId?: unknown };
    if (!t || t.kind !== 'event') errors.push({ path: '/', message: `topic ${topic} is not an events topic` });
    else {
      if (t.type !== type) errors.push({ path: '/type', message: `must equal the topic's event type "${t.type}"` });
      if (t.deviceId !== env.deviceId) errors.push({ path: '/deviceId', message: `must equal the topic's device id "${t.deviceId}"` });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}

export function validateStatus(status: unknown): ValidationResult {
  return validateAgainst(StatusSchema, status);
}
