/**
 * The one way local data files are validated (reference data, inspection parameters, reading
 * rules, input and printer profiles): a TypeBox schema says the shape, `check` reports every
 * problem at once, each by its key ("cut.overridable[1]"), worded for the technician who edits the
 * file. Rules a schema cannot say (order, uniqueness, one field against another) go in `rules`
 * and are reported in the same list.
 *
 * Checked with TypeBox `Value`, not Ajv: these files are read once at start-up, so interpreting
 * the schema costs less than compiling it, there is no shared compiler to configure, and each
 * error carries the schema that failed, which is where the wording below comes from. The MQTT
 * contract, checked on every message, stays on compiled Ajv (src/core/contract/validate.ts).
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { issueOf, type Issue, type IssueCode } from './messages.js';

export type { Issue, IssueCode } from './messages.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Issue[] };

/** Reports a problem a schema cannot express; `key` is relative to the checked value ("" = it). */
export type Report = (key: string, message: string, code?: IssueCode) => void;

export interface CheckOptions {
  /** Put in front of every key, e.g. "reading" → "reading.highFactor"; also the key of the whole value. */
  keyPrefix?: string;
  /** Fill the schemas' `default`s in (on a copy) before checking. */
  defaults?: boolean;
  /** On success, drop keys the schema does not name ("$comment", notes), so they go no further. */
  clean?: boolean;
  /**
   * Rules beyond the schema. Called even when the schema found problems elsewhere, so that one
   * round reports everything: `value` is the raw input and must be read defensively (see `is`).
   * A key the schema already reported keeps the schema's message.
   */
  rules?: (value: unknown, report: Report) => void;
}

/** Whether `value` fits `schema`; narrows, for use inside `rules`. */
export function is<S extends TSchema>(schema: S, value: unknown): value is Static<S> {
  return Value.Check(schema, value);
}

/** A plain object (not an array, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks `raw` against `schema`: the typed value, or every problem, one per key, in file order. */
export function check<S extends TSchema>(schema: S, raw: unknown, opts: CheckOptions = {}): Checked<Static<S>> {
  const value: unknown = opts.defaults ? Value.Default(schema, structuredClone(raw)) : raw;
  const prefix = opts.keyPrefix ?? '';
  const errors: Issue[] = [];
  const seen = new Set<string>();
  const add = (issue: Issue) => {
    if (seen.has(issue.key)) return;
    seen.add(issue.key);
    errors.push(issue);
  };
  for (const e of Value.Errors(schema, value)) add(issueOf(e, keyOf(value, e.path, prefix)));
  opts.rules?.(value, (key, message, code = 'invalid') => add({ key: joinKey(prefix, key), code, message }));
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: (opts.clean ? Value.Clean(schema, opts.defaults ? value : structuredClone(value)) : value) as Static<S> };
}

/** "/cut/overridable/1" → "cut.overridable[1]": list positions in brackets, as a technician counts them in the file. */
function keyOf(root: unknown, pointer: string, prefix: string): string {
  let key = prefix;
  let cur: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    key = Array.isArray(cur) && /^\d+$/.test(part) ? `${key}[${part}]` : joinKey(key, part);
    cur = isRecord(cur) || Array.isArray(cur) ? (cur as Record<string, unknown>)[part] : undefined;
  }
  return key || '(root)';
}

function joinKey(prefix: string, key: string): string {
  if (!key) return prefix || '(root)';
  if (!prefix) return key;
  return key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`;
}
