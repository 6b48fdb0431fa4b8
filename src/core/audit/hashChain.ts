/**
 * Hash-chained audit entries: each entry carries the hash of the previous one, so an edit or a
 * removal anywhere in the log breaks every later link (verifyChain finds the first break).
 * The hash covers a canonical serialisation (sorted keys), so it does not depend on property order.
 */
import { createHash } from 'node:crypto';

export interface AuditEntry {
  n: number;
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown>;
  prev: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(canonical({ n: e.n, at: e.at, actor: e.actor, action: e.action, details: e.details, prev: e.prev }))
    .digest('hex');
}

export function makeEntry(
  prev: { n: number; hash: string } | undefined,
  at: string,
  actor: string,
  action: string,
  details: Record<string, unknown> = {},
): AuditEntry {
  const base = { n: (prev?.n ?? 0) + 1, at, actor, action, details, prev: prev?.hash ?? GENESIS };
  return { ...base, hash: entryHash(base) };
}

/** Returns the number of the first entry whose link or hash is wrong, or null when the chain holds. */
export function verifyChain(entries: readonly AuditEntry[]): number | null {
  let prev = GENESIS;
  let n = 0;
  for (const e of entries) {
    if (e.n !== n + 1 || e.prev !== prev || entryHash(e) !== e.hash) return e.n;
    prev = e.hash;
    n = e.n;
  }
  return null;
}
