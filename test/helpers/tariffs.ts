import { readFileSync } from 'node:fs';
import type { Tariff } from '../../src/core/contract/tariff.js';

export const fixturePath = (name: string) => new URL(`../fixtures/tariffs/${name}.json`, import.meta.url).pathname;
export const loadTariff = (name: string): Tariff => JSON.parse(readFileSync(fixturePath(name), 'utf8')) as Tariff;

/** The Eskişehir K1 tariff of docs/domain.md's worked example, with overrides. */
export function esgaz(over: Partial<Tariff> = {}): Tariff {
  return { ...loadTariff('esgaz-k1-2025-08'), ...over };
}
