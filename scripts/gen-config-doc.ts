#!/usr/bin/env -S npx tsx
/**
 * Rewrites the config reference in README.md (between <!-- config-reference:start --> and
 * <!-- config-reference:end -->) from the one schema, src/config/schema.ts: every key with its
 * environment variable, type, default and description. `npx tsx scripts/gen-config-doc.ts`;
 * `--check` exits 1 when the README is stale (test/unit/provision/configDoc.test.ts does the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSchema } from '@sinclair/typebox';
import { configKeys } from '../src/config/loadConfig.js';

export const START = '<!-- config-reference:start -->';
export const END = '<!-- config-reference:end -->';

function typeOf(s: TSchema): string {
  const anyOf = (s as { anyOf?: { const?: unknown }[] }).anyOf;
  if (anyOf?.every((x) => x.const !== undefined)) return anyOf.map((x) => JSON.stringify(x.const)).join(' \\| ');
  const t = (s as { type?: string }).type ?? 'any';
  const bounds = [
    (s as { minimum?: number }).minimum !== undefined ? `≥ ${(s as { minimum?: number }).minimum}` : '',
    (s as { maximum?: number }).maximum !== undefined ? `≤ ${(s as { maximum?: number }).maximum}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const pattern = (s as { pattern?: string }).pattern;
  return `${t}${bounds ? ` (${bounds})` : ''}${pattern ? ` \`${pattern}\`` : ''}`;
}

const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderConfigReference(): string {
  const rows = configKeys().map((k) => {
    const s = k.schema as { default?: unknown; description?: string };
    const def = s.default === undefined ? '' : `\`${JSON.stringify(s.default)}\``;
    return `| \`${k.path.join('.')}\` | \`${k.env}\` | ${typeOf(k.schema)} | ${cell(def)} | ${cell(s.description ?? '')} |`;
  });
  return [
    START,
    '<!-- generated from src/config/schema.ts by `npx tsx scripts/gen-config-doc.ts`; do not edit by hand -->',
    '',
    '| key | environment | type | default | meaning |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    END,
  ].join('\n');
}

/** README text with the section replaced; throws when the markers are missing. */
export function withConfigReference(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} section`);
  return readme.slice(0, a) + renderConfigReference() + readme.slice(b + END.length);
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && (process.argv[1] === self || process.argv[1].endsWith('gen-config-doc.ts'))) {
  const file = join(self, '..', '..', 'README.md');
  const before = readFileSync(file, 'utf8');
  const after = withConfigReference(before);
  if (process.argv.includes('--check')) {
    if (after !== before) {
      console.error('README.md config reference is stale: npx tsx scripts/gen-config-doc.ts');
      process.exit(1);
    }
  } else if (after !== before) {
    writeFileSync(file, after);
    console.log('README.md: config reference updated');
  } else console.log('README.md: config reference up to date');
}
