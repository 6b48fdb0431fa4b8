/** The UI catalogue: both languages have the same keys and parameters, and short texts stay short. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EN } from '../../../src/adapters/ui/i18n/en.js';
import { TR, type UiKey } from '../../../src/adapters/ui/i18n/tr.js';
import { translator } from '../../../src/adapters/ui/i18n/index.js';

const keys = Object.keys(TR) as UiKey[];
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('tr and en have exactly the same keys', () => {
  assert.equal(Object.keys(EN).sort(), [...keys].sort());
});

test('every text uses the same parameters in both languages', () => {
  for (const k of keys) assert.equal(params(EN[k]), params(TR[k]), k);
});

test('soft-key labels fit a quarter of 40 columns ("F1 " + 7), kind labels 3 columns', () => {
  for (const k of keys) {
    for (const cat of [TR, EN]) {
      if (k.startsWith('key.')) assert.ok([...cat[k]].length <= 7, `${k}: ${cat[k]}`);
      if (/^kind\.[a-z-]+$/.test(k)) assert.ok([...cat[k]].length <= 3, `${k}: ${cat[k]}`);
      assert.ok(cat[k].trim() !== '', `${k} is empty`);
    }
  }
});

test('translator fills parameters and leaves unknown ones visible', () => {
  const t = translator('tr');
  assert.is(t('jobs.progress', { done: 3, total: 450 }), '3/450');
  assert.is(t('bill.invoiceNo'), 'Fatura No {no}');
  assert.is(translator('en')('status.outbox', { n: 2 }), 'Out 2');
});

test('no UI text is written outside the catalogue: screens use t(), not Turkish literals', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = new URL('../../../src/adapters/ui/screens/', import.meta.url);
  for (const f of readdirSync(dir)) {
    const src = readFileSync(new URL(f, dir), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const literals = [...src.matchAll(/'([^'\n]*)'/g)].map((m) => m[1]!).filter((s) => /[çğıöşüÇĞİÖŞÜ]/.test(s));
    assert.equal(literals, [], `${f} has Turkish text outside the catalogue`);
  }
});

test.run();
