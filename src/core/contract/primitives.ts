/**
 * Primitive JSON Schema building blocks for contract v1 (../shared/spec/contract.md).
 * TypeBox gives us the JSON Schema (validated at run time with Ajv, published in docs/) and the
 * TypeScript type from one definition, so the document and the code cannot drift.
 */
import { Type, type TSchema } from '@sinclair/typebox';

/** Exact decimal quantity as a string: money, volumes, factors. Never a JSON number. */
export const DecimalString = Type.String({
  pattern: '^-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,12})?$',
  maxLength: 32,
  description: 'Exact decimal as a string, e.g. "772.23"',
});
export const NonNegDecimalString = Type.String({
  pattern: '^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,12})?$',
  maxLength: 32,
  description: 'Non-negative exact decimal as a string',
});
export const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD', maxLength: 10 });
/** ISO-8601 with offset (Europe/Istanbul on the device side). */
export const IsoDateTime = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$',
  maxLength: 40,
  description: 'ISO-8601 timestamp with offset',
});
export const DeviceId = Type.String({ pattern: '^[A-Za-z0-9-]{1,32}$' });
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F-]{36}$', maxLength: 36 });
export const MessageId = Type.String({ minLength: 1, maxLength: 64 });
export const JobId = Type.String({ minLength: 1, maxLength: 64 });
export const ShortText = (max = 200) => Type.String({ maxLength: max });
/** Meter index on the integer dials. */
export const MeterIndex = Type.Integer({ minimum: 0, maximum: 9_999_999_999 });

/** Objects in v1 may gain fields; receivers accept unknown extra fields. */
export const Obj = <T extends Record<string, TSchema>>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: true, ...(description ? { description } : {}) });
