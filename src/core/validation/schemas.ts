/**
 * Small schema building blocks shared by the local data files, so that the same kind of value is
 * worded the same way in every file a technician edits.
 */
import { Kind, Type, TypeRegistry, type SchemaOptions, type TLiteral, type TUnion, type TUnsafe } from '@sinclair/typebox';
import { dec, isDecimalString } from '../billing/decimal.js';
import type { Wording } from './messages.js';

type Opts = SchemaOptions & Wording;

/** Exactly one of `values` ("must be one of "none", "rtscts", "xonxoff""). */
export function oneOf<const T extends readonly (string | number)[]>(values: T, opts: Opts = {}): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)) as TLiteral<T[number]>[], opts);
}

/** A whole number in [min, max], worded as such for every failure (not a number, a fraction, out of range). */
export function wholeNumber(min: number, max: number, opts: Opts = {}) {
  return Type.Integer({ minimum: min, maximum: max, errorMessage: `must be a whole number ${min}–${max}`, ...opts });
}

/** true or false, nothing else ("yes", 1 and "true" are refused: a typo must not switch a check). */
export function flag(opts: Opts = {}) {
  return Type.Boolean({ errorMessage: 'must be true or false', ...opts });
}

/** Non-empty text of at most `max` characters. */
export function text(max: number, opts: Opts = {}) {
  return Type.String({
    minLength: 1,
    maxLength: max,
    pattern: '\\S',
    errorMessage: `must be a non-empty text of at most ${max} characters`,
    ...opts,
  });
}

/** A plain decimal such as "2.5" (as in src/core/billing/decimal.ts isDecimalString), sign allowed. */
export const DECIMAL_PATTERN = '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$';

/** A local time "HH:MM", 00:00–23:59, or 24:00 for the end of a day. */
export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';

/** A date "YYYY-MM-DD" with month 01–12 and day 01–31 (day against month is the calendar's job). */
export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

/** 1234, "1234" or "0x04d2" → 1234; anything else → undefined. */
export function intOrHexValue(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^(0x[0-9a-f]+|[0-9]+)$/i.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

// A kind of its own because the range applies to the number a hex string stands for, which no
// JSON Schema keyword can say. Registered once per process; the registry is TypeBox's, in memory.
const INT_OR_HEX = 'SahaIntOrHex';
if (!TypeRegistry.Has(INT_OR_HEX)) {
  TypeRegistry.Set<{ minimum: number; maximum: number }>(INT_OR_HEX, (s, v) => {
    const n = intOrHexValue(v);
    return n !== undefined && n >= s.minimum && n <= s.maximum;
  });
}

/**
 * A whole number in [min, max] given as a number or a string, "0x…" for hex: lsusb and udev print
 * USB ids in hex and JSON has no hex literals. Read the value with `intOrHexValue`.
 */
export function intOrHex(min: number, max: number, opts: Opts = {}): TUnsafe<number | string> {
  return Type.Unsafe<number | string>({
    [Kind]: INT_OR_HEX,
    minimum: min,
    maximum: max,
    errorMessage: `must be a whole number ${min}–${max}, as a number or a "0x…" string`,
    ...opts,
  });
}

export interface DecimalBounds {
  /** Decimal strings, inclusive. */
  min?: string;
  max?: string;
  /** Strictly above 0. */
  positive?: boolean;
}

function decimalWording(b: DecimalBounds): string {
  const parts = [
    b.positive ? 'greater than 0' : undefined,
    b.min !== undefined ? `at least ${b.min}` : undefined,
    b.max !== undefined ? `at most ${b.max}` : undefined,
  ].filter(Boolean);
  return `must be a decimal string${parts.length ? ` ${parts.join(' and ')}` : ''}, e.g. "0.5"`;
}

// Bounds on an exact decimal written as a string (money, factors) are beyond JSON Schema, and a
// JSON number is refused on purpose: 0.1 is not exact (see src/core/billing/decimal.ts).
const DECIMAL = 'SahaDecimal';
if (!TypeRegistry.Has(DECIMAL)) {
  TypeRegistry.Set<DecimalBounds>(DECIMAL, (s, v) => {
    if (typeof v !== 'string' || !isDecimalString(v)) return false;
    const d = dec(v);
    return !(s.positive && !d.gt(0)) && !(s.min !== undefined && d.lt(s.min)) && !(s.max !== undefined && d.gt(s.max));
  });
}

/** An exact decimal as a string ("10.64"), within `bounds`. */
export function decimal(bounds: DecimalBounds = {}, opts: Opts = {}): TUnsafe<string> {
  return Type.Unsafe<string>({ [Kind]: DECIMAL, ...bounds, errorMessage: decimalWording(bounds), ...opts });
}
