/**
 * Reads the parts of a Turkish address the planner groups by: the neighbourhood ("… Mah."), the
 * street ("… Cad." / "… Sok." / "… Bulv."), and the building ("No: 12"). Addresses are free text
 * (job customer.address), so anything not found falls back to the text around it; the comparison
 * is case- and space-insensitive in Turkish.
 */
export interface AddressParts {
  /** Neighbourhood (mahalle), else the text after the first comma, else the whole address. */
  area: string;
  street: string;
  /** street + door number: units of one building share it. */
  building: string;
  /** The door number and flat as numbers, for ordering along a street (12/4 → [12, 4]). */
  numbers: number[];
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function parseAddress(address: string): AddressParts {
  const a = norm(address);
  const area = /([^,]*?\bMah(?:alle(?:si)?\b|\.))/i.exec(a)?.[1] ?? a.split(',')[1] ?? a;
  const afterArea = a.slice(a.indexOf(area) + area.length);
  const street =
    /([^,]*?\b(?:Cad|Cd|Sok|Sk|Bulv|Blv|Yolu)\b\.?)/i.exec(afterArea)?.[1] ?? /^(.*?)\s+No\b/i.exec(a)?.[1] ?? a.split(',')[0] ?? a;
  const no = /\bNo\s*:?\s*([0-9]+)(?:\s*\/\s*([0-9]+))?(?:.*?\bD\s*:?\s*([0-9]+))?/i.exec(a);
  const numbers = no ? [no[1], no[2] ?? no[3]].filter((x): x is string => x !== undefined).map(Number) : [];
  return {
    area: norm(area),
    street: norm(street),
    building: `${norm(street)} No:${numbers[0] ?? ''}`,
    numbers,
  };
}

/** Case- and dot-insensitive Turkish key for matching `--area` and grouping. */
export function addressKey(s: string): string {
  return norm(s).toLocaleLowerCase('tr-TR').replace(/\./g, '');
}
