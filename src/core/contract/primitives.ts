/**
 * Primitive JSON Schema building blocks for contract v1 (docs/asyncapi.yaml is generated from this folder).
 * TypeBox gives us the JSON Schema (validated at run time with Ajv, published in docs/) and the
 * TypeScript type from one definition, so the document and the code cannot drift.
 *
 * Only standard JSON Schema keywords (draft-07) are used, no `format`: the same schemas must work
 * with Ajv, with TypeBox's Value.Check and in whatever validator the back office picks.
 * `description` doubles as the human wording of a failed pattern (see validate.ts).
 */
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

/** Exact decimal quantity as a string: money, volumes, factors. Never a JSON number. */
export const DecimalString = Type.String({
  pattern: '^-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,12})?$',
  maxLength: 32,
  description: 'an exact decimal as a string, e.g. "772.23" (never a JSON number)',
});
export const NonNegDecimalString = Type.String({
  pattern: '^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,12})?$',
  maxLength: 32,
  description: 'a non-negative exact decimal as a string, e.g. "772.23" (never a JSON number)',
});
// Month and day ranges are in the pattern so that "2026-13-45" fails even in validators without
// format support; day-of-month against the month (Feb 30) is left to the receiver's calendar.
export const IsoDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  maxLength: 10,
  description: 'a date YYYY-MM-DD',
});
/** ISO-8601 with offset (Europe/Istanbul on the device side). */
export const IsoDateTime = Type.String({
  pattern:
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$',
  maxLength: 40,
  description: 'an ISO-8601 timestamp with offset, e.g. "2026-11-25T09:14:03.120+03:00"',
});
/** Also the MQTT clientId; set at provisioning. Topic segments must never contain / + #. */
export const DeviceId = Type.String({ pattern: '^[A-Za-z0-9-]{1,32}$', description: 'a device id: 1–32 of A–Z a–z 0–9 -' });
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  maxLength: 36,
  description: 'a UUID, e.g. "0b8f2c8e-4f7a-4c1e-9a51-3d3c2a1f0e77"',
});
/** The contract shows a UUID; any unique string up to 64 characters is accepted from the back office. */
export const MessageId = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'a unique message id (a UUID by convention), 1–64 characters',
});
export const JobId = Type.String({ minLength: 1, maxLength: 64, description: 'a job id, 1–64 characters' });
export const ShortText = (max = 200) => Type.String({ maxLength: max });
/** Meter index on the integer dials. */
export const MeterIndex = Type.Integer({ minimum: 0, maximum: 9_999_999_999 });
/** Hex SHA-256 digest, lower case. */
export const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'a SHA-256 digest as 64 lower-case hex digits' });
/**
 * e-Arşiv style invoice number (docs/domain.md §1): 3-character series assigned at provisioning + 4-digit
 * year + 9-digit sequence, 16 characters, e.g. HTA2026000001207.
 */
export const InvoiceNo = Type.String({
  pattern: '^[A-Z0-9]{3}[0-9]{4}[0-9]{9}$',
  description: 'an e-Arşiv invoice number: 3-character series + 4-digit year + 9-digit sequence, e.g. "HTA2026000001207"',
});
/** Operator (crew member) id as known to the back office. */
export const OperatorId = Type.String({ minLength: 1, maxLength: 64 });

/** Objects in v1 may gain fields; receivers accept unknown extra fields. */
export const Obj = <T extends Record<string, TSchema>>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: true, ...(description ? { description } : {}) });

/**
 * String enum. A union of literals (anyOf of const) rather than `enum`, because that is what
 * TypeBox's Value.Check understands; validate.ts folds the anyOf branch errors into one message.
 */
export const OneOf = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  ) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
