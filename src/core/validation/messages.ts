/**
 * Wording of schema failures for the person editing a file on a device: "must be a whole number
 * 1–12", never "Expected integer". A schema may carry its own wording (`errorMessage`, e.g.
 * "must be a time HH:MM" where the pattern alone would say nothing) and its own `errorCode`.
 */
import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/value';

/**
 * What kind of problem, for callers and tests that branch on it: `not-object` is the whole value,
 * `type` a wrong kind or format of value, `range` a value out of bounds, `empty` a list that must
 * not be empty, `invalid` a rule beyond the schema.
 */
export type IssueCode = 'not-object' | 'unknown-key' | 'type' | 'range' | 'required' | 'duplicate' | 'empty' | 'invalid';

/** One problem, naming the key it sits at ("holidays[0].date"; "(root)" for the whole value). */
export interface Issue {
  readonly key: string;
  readonly code: IssueCode;
  readonly message: string;
}

/** Extra schema options read here (TypeBox keeps unknown options on the schema). */
export interface Wording {
  /** Replaces the generated message for any failure of this schema. */
  errorMessage?: string;
  /** Replaces the generated code for any failure of this schema. */
  errorCode?: IssueCode;
}

type S = TSchema & Wording & Record<string, unknown>;

const T = ValueErrorType;
const RANGE = new Set([
  T.IntegerMinimum,
  T.IntegerMaximum,
  T.IntegerExclusiveMinimum,
  T.IntegerExclusiveMaximum,
  T.NumberMinimum,
  T.NumberMaximum,
  T.NumberExclusiveMinimum,
  T.NumberExclusiveMaximum,
  T.StringMaxLength,
  T.ArrayMaxItems,
]);

export function issueOf(e: ValueError, key: string): Issue {
  const s = e.schema as S;
  if (e.type === T.ObjectRequiredProperty) {
    return { key, code: 'required', message: s.errorMessage ? `is required: ${s.errorMessage.replace(/^must be /, '')}` : 'is required' };
  }
  if (e.type === T.ObjectAdditionalProperties) {
    const known = Object.keys((s.properties as Record<string, unknown> | undefined) ?? {});
    return { key, code: 'unknown-key', message: known.length ? `unknown key (known: ${known.join(', ')})` : 'unknown key' };
  }
  const code: IssueCode =
    s.errorCode ??
    (e.type === T.Object && key === '(root)'
      ? 'not-object'
      : RANGE.has(e.type)
        ? 'range'
        : e.type === T.ArrayMinItems
          ? s.minItems === 1
            ? 'empty'
            : 'range'
          : e.type === T.ArrayUniqueItems
            ? 'duplicate'
            : 'type');
  return { key, code, message: (s.errorMessage ?? generated(e.type, s)) + got(e.value) };
}

/** The offending value, when short and plain, so the technician sees what the file says. */
function got(v: unknown): string {
  if (v === undefined || (typeof v === 'object' && v !== null)) return '';
  const text = JSON.stringify(v);
  return text.length <= 40 ? ` (got ${text})` : '';
}

function bounds(s: S, what: string): string {
  const min = s.minimum as number | undefined;
  const max = s.maximum as number | undefined;
  if (min !== undefined && max !== undefined) return `must be ${what} ${min}–${max}`;
  if (min !== undefined) return `must be ${what} of at least ${min}`;
  if (max !== undefined) return `must be ${what} of at most ${max}`;
  return `must be ${what}`;
}

/** A short noun phrase for a schema, for "must be X or Y". */
function phrase(s: S): string {
  if (s.errorMessage) return s.errorMessage.replace(/^must be /, '');
  if ('const' in s) return JSON.stringify(s.const);
  if (typeof s.description === 'string') return s.description;
  switch (s.type) {
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return 'a valid value';
  }
}

function generated(type: ValueErrorType, s: S): string {
  switch (type) {
    case T.Object:
      return 'must be an object';
    case T.Array:
      return 'must be a list';
    case T.ArrayMinItems:
      return s.minItems === 1 ? 'must not be empty' : `must have at least ${String(s.minItems)} items`;
    case T.ArrayMaxItems:
      return `must have at most ${String(s.maxItems)} items`;
    case T.ArrayUniqueItems:
      return 'lists a value twice';
    case T.Boolean:
      return 'must be true or false';
    case T.Integer:
    case T.IntegerMinimum:
    case T.IntegerMaximum:
      return bounds(s, 'a whole number');
    case T.Number:
    case T.NumberMinimum:
    case T.NumberMaximum:
      return bounds(s, 'a number');
    case T.String:
      return 'must be text';
    case T.StringMinLength:
      return s.minLength === 1 ? 'must not be empty' : `must be at least ${String(s.minLength)} characters`;
    case T.StringMaxLength:
      return `must be at most ${String(s.maxLength)} characters`;
    case T.StringPattern:
      return typeof s.description === 'string' ? `must be ${s.description}` : `must match ${String(s.pattern)}`;
    case T.Literal:
      return `must be ${JSON.stringify(s.const)}`;
    case T.Null:
      return 'must be null';
    case T.Union: {
      const branches = (s.anyOf as S[] | undefined) ?? [];
      if (branches.length && branches.every((b) => 'const' in b))
        return `must be one of ${branches.map((b) => JSON.stringify(b.const)).join(', ')}`;
      return `must be ${branches.map(phrase).join(' or ')}`;
    }
    default:
      return 'is not valid';
  }
}
