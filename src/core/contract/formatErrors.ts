/**
 * Turns Ajv's errors into the contract's `{path, message}` list (job.rejected `errors`): one entry
 * per problem, path a JSON pointer ("/" for the whole message), wording a back-office developer
 * can act on without reading our schemas. Ajv reports a failed anyOf once per branch plus once for
 * the anyOf; those are folded into a single "must be one of …" entry.
 */
import type { ErrorObject } from 'ajv';
import { HistoryPeriod } from './consumptionHistory.js';
import type { ContractError } from './contractError.js';
import { DecimalString, DeviceId, InvoiceNo, IsoDate, IsoDateTime, NonNegDecimalString, Sha256Hex, Uuid } from './primitives.js';
import { Kid, Sig } from './signed.js';

/** Human phrase per pattern, so a failed pattern reads "must be a date YYYY-MM-DD", not a regex. */
const PATTERN_PHRASES = new Map<string, string>(
  [DecimalString, NonNegDecimalString, IsoDate, IsoDateTime, DeviceId, Uuid, Sha256Hex, InvoiceNo, Kid, Sig, HistoryPeriod].map((s) => [
    s.pattern as string,
    s.description as string,
  ]),
);
const DECIMAL_PATTERNS = new Set([DecimalString.pattern, NonNegDecimalString.pattern]);

type Schemaish = { type?: string; const?: unknown; pattern?: string; anyOf?: Schemaish[] };

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function phrase(s: Schemaish): string {
  if ('const' in s) return JSON.stringify(s.const);
  if (s.pattern && PATTERN_PHRASES.has(s.pattern)) return PATTERN_PHRASES.get(s.pattern)!;
  if (s.type === 'null') return 'null';
  if (s.type) return article(s.type);
  return 'a valid value';
}

function anyOfMessage(branches: Schemaish[]): string {
  if (branches.every((b) => 'const' in b)) return `must be one of ${branches.map((b) => JSON.stringify(b.const)).join(', ')}`;
  return `must be ${branches.map(phrase).join(' or ')}`;
}

function one(e: ErrorObject, prefix: string): ContractError {
  const here = prefix + e.instancePath;
  const parent = (e.parentSchema ?? {}) as Schemaish;
  switch (e.keyword) {
    case 'required':
      return { path: `${here}/${escape(String((e.params as { missingProperty: string }).missingProperty))}`, message: 'is required' };
    case 'anyOf':
      return { path: here || '/', message: anyOfMessage((e.schema as Schemaish[]) ?? []) };
    case 'const':
      return { path: here || '/', message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` };
    case 'pattern': {
      const p = PATTERN_PHRASES.get((e.params as { pattern: string }).pattern);
      return { path: here || '/', message: p ? `must be ${p}` : (e.message ?? 'is invalid') };
    }
    case 'type': {
      const want = String((e.params as { type: string }).type);
      // Money as a JSON number is the mistake most likely to reach us; say so plainly.
      if (typeof e.data === 'number' && parent.pattern && DECIMAL_PATTERNS.has(parent.pattern)) {
        return { path: here || '/', message: 'must be a decimal string such as "772.23", not a JSON number' };
      }
      return { path: here || '/', message: `must be ${article(want)}` };
    }
    default:
      return { path: here || '/', message: e.message ?? `fails ${e.keyword}` };
  }
}

export function formatAjvErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): ContractError[] {
  if (!errors?.length) return [];
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const out: ContractError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (anyOfPaths.some((p) => e.schemaPath.startsWith(p))) continue; // folded into the anyOf entry
    const item = one(e, prefix);
    const key = `${item.path}\u0000${item.message}`;
    if (!seen.has(key)) (seen.add(key), out.push(item));
  }
  return out;
}
