/**
 * Lock seal (kilit mühür) numbers, scanned or keyed: normalised (trimmed, upper case with Turkish
 * rules, inner spaces and dashes dropped) and checked against the configured format
 * (default two letters + 6–8 digits, *assumed*; the distributor's seal supplier decides).
 */
import type { FieldWorkMessage } from './messages.js';
import type { FieldWorkReference } from './reference.js';

export function normaliseSealNo(raw: string): string {
  return raw
    .trim()
    .toLocaleUpperCase('tr-TR')
    .replace(/[\s-]+/g, '');
}

export function checkSealNo(
  raw: string,
  ref: Pick<FieldWorkReference, 'sealFormat'>,
): { ok: true; sealNo: string } | { ok: false; message: FieldWorkMessage } {
  const s = normaliseSealNo(raw);
  if (s === '') return { ok: false, message: { key: 'seal.empty', params: {} } };
  if (s.length > ref.sealFormat.maxLength || !new RegExp(ref.sealFormat.pattern).test(s))
    return { ok: false, message: { key: 'seal.format', params: { example: ref.sealFormat.example } } };
  return { ok: true, sealNo: s };
}
