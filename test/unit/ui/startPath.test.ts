/**
 * Start-up budget: the modules runTui needs before the login screen paints must not pull in heavy
 * ones (luxon, decimal.js, billing, the reading machine, blessed at top level). Checked on the
 * static import graph: `import type` is erased, `await import()` is deferred, so neither counts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const root = new URL('../../../src/adapters/ui/runTui.ts', import.meta.url).pathname;

function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)].map((m) => m[1]!);
}

function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else seen.add(`pkg:${spec}`);
    }
  };
  walk(entry);
  return seen;
}

test('the login screen paints without loading luxon, decimal.js, billing, the reading machine or blessed eagerly', () => {
  const g = [...graph(root)];
  for (const heavy of [
    'pkg:luxon',
    'pkg:decimal.js',
    'pkg:blessed',
    'computeInvoice.ts',
    'ReadingEntry.ts',
    'ReadingScreen.ts',
    'JobListScreen.ts',
  ]) {
    assert.not.ok(
      g.some((f) => f.endsWith(heavy)),
      `${heavy} is on the start path`,
    );
  }
  assert.ok(g.some((f) => f.endsWith('LoginScreen.ts')));
});

test.run();
