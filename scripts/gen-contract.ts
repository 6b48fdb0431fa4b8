/**
 * Regenerates docs/asyncapi.yaml and docs/schemas/*.json from the TypeBox schemas in
 * src/core/contract. Run: npx tsx scripts/gen-contract.ts [--check]
 * --check writes nothing and exits 1 when docs/ is stale (test/unit/contract/asyncapi.test.ts does
 * the same in the test suite). Schema files no longer generated are deleted, so docs/schemas holds
 * exactly the current contract.
 */
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractFiles } from '../src/core/contract/document/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const files = contractFiles();

const read = (p: string) => {
  try {
    return readFileSync(join(root, p), 'utf8');
  } catch {
    return undefined;
  }
};
let existing: string[] = [];
try {
  existing = readdirSync(join(root, 'docs/schemas'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `docs/schemas/${f}`);
} catch {
  /* first run */
}
const stale = [...files].filter(([p, text]) => read(p) !== text).map(([p]) => p);
const extra = existing.filter((p) => !files.has(p));

if (check) {
  for (const p of [...stale, ...extra]) console.log(`stale: ${p}`);
  process.exit(stale.length || extra.length ? 1 : 0);
}
for (const p of stale) {
  mkdirSync(dirname(join(root, p)), { recursive: true });
  writeFileSync(join(root, p), files.get(p)!);
}
for (const p of extra) unlinkSync(join(root, p));
console.log(`${files.size} files: ${stale.length} written, ${extra.length} removed, ${files.size - stale.length} unchanged`);
