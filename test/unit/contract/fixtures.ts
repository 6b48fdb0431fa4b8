/** Loads test/fixtures/contract samples; `bytes` gives what MQTT would deliver. */
import { readFileSync, readdirSync } from 'node:fs';

export const fixtureDir = new URL('../../fixtures/contract/', import.meta.url).pathname;
export const fixtureText = (name: string) => readFileSync(fixtureDir + name, 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- samples are mutated freely in tests
export const fixture = (name: string): any => JSON.parse(fixtureText(name));
export const fixtureNames = (dir: string) =>
  readdirSync(fixtureDir + dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${dir}/${f}`);
export const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
/** A deep copy to mutate in a test. */
export const clone = <T>(v: T): T => structuredClone(v);

export const DEVICE = 'HT-0042';
export const JOBS = `saha/v1/devices/${DEVICE}/jobs`;
export const COMMANDS = `saha/v1/devices/${DEVICE}/commands`;
export const TARIFF = 'saha/v1/tariffs/ESGAZ-K1-2025-08';
export const LIMITS = { maxBytes: 64 * 1024 };
