/** The shipped inspection parameters and the Eskişehir tariff, for inspection tests. */
import { readFileSync } from 'node:fs';
import { parseInspectionConfig, type InspectionConfig } from '../../../src/core/inspection/index.js';

export const configPath = new URL('../../../device/reference/inspection.json', import.meta.url).pathname;

export function rawConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
}

export function shippedConfig(over: (raw: Record<string, any>) => void = () => {}): InspectionConfig {
  const raw = rawConfig();
  over(raw);
  const r = parseInspectionConfig(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}
