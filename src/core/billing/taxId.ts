/**
 * Turkish tax identity numbers (docs/invoice.md "Buyer identity"):
 * - VKN, 10 digits (vergi kimlik numarası, legal entities and registered traders): for the first
 *   nine digits d at position i (1-based), t = (d + 10 − i) mod 10; the term is 9 when t is 9,
 *   else (t × 2^(10 − i)) mod 9; the tenth digit is (10 − (Σ terms mod 10)) mod 10.
 * - TCKN, 11 digits (T.C. kimlik numarası, individuals), first digit not 0: digit 10 is
 *   ((d1+d3+d5+d7+d9) × 7 − (d2+d4+d6+d8)) mod 10, digit 11 is (d1+…+d10) mod 10.
 * - 11111111111: GİB's placeholder TCKN for an e-Arşiv buyer who gives none; it fails the TCKN
 *   check by design and is accepted as itself.
 * Pure.
 */
export const PLACEHOLDER_TCKN = '11111111111';

export function isValidVkn(s: string): boolean {
  if (!/^[0-9]{10}$/.test(s)) return false;
  let sum = 0;
  for (let i = 1; i <= 9; i++) {
    const t = (Number(s[i - 1]) + 10 - i) % 10;
    sum += t === 9 ? 9 : (t * 2 ** (10 - i)) % 9;
  }
  return (10 - (sum % 10)) % 10 === Number(s[9]);
}

export function isValidTckn(s: string): boolean {
  if (!/^[1-9][0-9]{10}$/.test(s)) return false;
  const d = [...s].map(Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  if ((((odd * 7 - even) % 10) + 10) % 10 !== d[9]) return false;
  return d.slice(0, 10).reduce((a, b) => a + b, 0) % 10 === d[10];
}

/**
 * Why a customer's tax id cannot go on a bill, or undefined when it can. `company`: a legal entity,
 * which must give its VKN (or a trader's TCKN); an individual without one gets the placeholder.
 */
export function taxIdProblem(taxId: string | undefined, company: boolean): string | undefined {
  if (taxId === undefined) return company ? 'is required for a company customer (VKN, 10 digits)' : undefined;
  if (taxId === PLACEHOLDER_TCKN) return company ? 'a company customer needs its own VKN, not the placeholder 11111111111' : undefined;
  if (/^[0-9]{10}$/.test(taxId)) return isValidVkn(taxId) ? undefined : `VKN ${taxId} fails its check digit`;
  if (/^[0-9]{11}$/.test(taxId)) return isValidTckn(taxId) ? undefined : `TCKN ${taxId} fails its check digits`;
  return `"${taxId}" is neither a 10-digit VKN nor an 11-digit TCKN`;
}

/** What the bill prints and sends: the id given, or the placeholder for an individual without one. */
export function billedTaxId(taxId: string | undefined): string {
  return taxId ?? PLACEHOLDER_TCKN;
}
