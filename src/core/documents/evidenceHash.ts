/**
 * Evidence hash of an inspection report (tutanak). The report is evidence of a criminal offence
 * (DMHY art. 52–53), so the paper carries a fingerprint of exactly what was recorded:
 *   evidenceSha256 = hex SHA-256 of the UTF-8 canonical JSON of the report data
 * Canonical JSON = RFC 8785 for plain data: object keys sorted by UTF-16 code units, no spaces,
 * JSON.stringify number and string forms. Attachment (photo) hashes are part of the data, so a
 * swapped photo changes the hash too. The same value goes into the inspection.reported event.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('non-finite number');
    if (v === undefined) throw new RangeError('undefined in canonical JSON');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function evidenceSha256(data: unknown): string {
  return sha256Hex(canonicalJson(data));
}
