/** Builders of InstallationFacts for the planning unit tests: monthly readings at a steady rate. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlanningConfig } from '../../../src/core/planning/config.js';
import type { InstallationFacts, ReadingFact } from '../../../src/core/planning/types.js';

export const config = parsePlanningConfig(JSON.parse(readFileSync(join(process.cwd(), 'device/reference/planning.json'), 'utf8')));
export const params = config.params;

export function facts(over: Partial<InstallationFacts> = {}): InstallationFacts {
  return {
    installationNo: '4000000001',
    address: 'Hoşnudiye Mah. İsmet İnönü Cad. No: 12/4, Tepebaşı / Eskişehir',
    tariffGroup: 'K1',
    meterClass: 'G4',
    readings: [],
    skips: [],
    cuts: [],
    reconnections: [],
    exchanges: [],
    inspections: [],
    priorOffences: [],
    requests: [],
    ...over,
  };
}

/**
 * Readings on the 1st of each month from `from` (YYYY-MM) for `n` months; `rate(month, year)` gives
 * m³ per day for the period that ends on that reading.
 */
export function monthly(from: string, n: number, rate: (month: number, year: number) => number, startIndex = 1000): ReadingFact[] {
  let [y, m] = from.split('-').map(Number) as [number, number];
  let index = startIndex;
  const out: ReadingFact[] = [];
  let prevDate: string | undefined;
  for (let i = 0; i < n; i++) {
    const date = `${y}-${String(m).padStart(2, '0')}-01`;
    const days = prevDate ? (Date.parse(date) - Date.parse(prevDate)) / 86_400_000 : 30;
    const m3 = Math.round(rate(m, y) * days);
    out.push({ date, index: index + m3, previousIndex: index, m3 });
    index += m3;
    prevDate = date;
    m += 1;
    if (m > 12) ((m = 1), (y += 1));
  }
  return out;
}

/** A household: 5 m³/day in winter, 1 in summer, a little between. */
export const seasonal = (month: number): number => ([11, 12, 1, 2, 3].includes(month) ? 5 : [4, 10].includes(month) ? 2.5 : 1);
