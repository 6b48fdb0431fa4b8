/**
 * Issue 19: every string the crew reads is in a catalogue, none in app or core code; app and core
 * return message keys and params, the UI translates. Screen words are in src/adapters/ui/i18n/*;
 * words the app or the back office need as well (event labels, error messages, the office's cut
 * check) in src/catalogues/*, which the UI re-exports. Printed documents are Turkish by law and
 * keep their words in src/core/documents. A Turkish letter in a string literal is the tell of a
 * screen text written in place, so any such literal under src/app or src/core outside the lists
 * below fails here. Comments are not literals and do not count.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const repo = new URL('../../../', import.meta.url).pathname;
const TURKISH = /[çğıöşüÇĞİÖŞÜ]/;

/** Where Turkish words in code are right: printed text or data, never screen text. */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/core/documents/': 'printed documents, Turkish by law (docs/invoice.md): the renderers, ledgerTexts.ts, fieldWorkTexts.ts',
  'src/core/escpos/codePages.ts': "the printer's code-page tables: characters, not words",
  'src/core/contract/': "schema descriptions for the office's developers, naming Turkish legal terms",
  'src/core/time/holidays.ts': 'official holiday names: calendar data, as the law names the days',
  'src/core/billing/billingLines.ts': 'invoice line descriptions: printed and sent to the office as the invoice',
  'src/core/billing/computeInvoice.ts': 'the consumption line description: printed and sent as the invoice',
  'src/core/billing/dueDate.ts': "weekday names in the due-date note of the invoice's calculation trace",
  'src/core/inspection/computeAccrual.ts': "the accrual trace's notes for the office's audit, naming the legal term (kaçak)",
  'src/core/inspection/config.ts': 'config validation messages for technicians, naming the legal term (usulsüz)',
  'src/core/reading/noReadCodes.ts': 'the default no-read table (docs/domain.md §2 verbatim): data, overridden by config',
};

/**
 * Screen or printed text still written in app/core code, each to move to a catalogue (keys +
 * params from core, words in src/adapters/ui/i18n or src/core/documents). An entry whose file no
 * longer holds a Turkish literal fails the test below: take it off the list. Empty since the reading,
 * field-work and scan-override messages, the reconnection findings and the valve-reclosed answer moved.
 */
const PENDING: Readonly<Record<string, string>> = {};

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Every string literal and template part holding a Turkish letter, as `path:line: "text"`. */
function turkishLiterals(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateLiteralToken(n)) && TURKISH.test(n.text)) {
      const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
      out.push(`${relative(repo, file)}:${line}: ${JSON.stringify(n.text)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const listed = (list: Readonly<Record<string, string>>, path: string) => Object.keys(list).some((p) => path.startsWith(p));
const files = ['src/app', 'src/core'].flatMap((d) => tsFiles(join(repo, d))).map((f) => relative(repo, f));

test('no Turkish string literal in src/app or src/core outside the catalogue and data files', () => {
  const found = files.filter((f) => !listed(ALLOWED, f) && !listed(PENDING, f)).flatMap((f) => turkishLiterals(join(repo, f)));
  assert.equal(found, [], `screen text belongs in src/adapters/ui/i18n, printed text in src/core/documents:\n${found.join('\n')}`);
});

test('each list entry exists, says why, and a pending one still holds the text it is listed for', () => {
  for (const [path, why] of Object.entries({ ...ALLOWED, ...PENDING })) {
    assert.ok(existsSync(join(repo, path)), `${path} does not exist`);
    assert.ok(why.length > 10, `${path} needs a reason`);
  }
  for (const path of Object.keys(PENDING)) {
    const held = files.filter((f) => f.startsWith(path)).flatMap((f) => turkishLiterals(join(repo, f)));
    assert.ok(held.length > 0, `${path} holds no Turkish literal any more: take it off PENDING`);
  }
});

test('the scan sees a Turkish literal in a template part and ignores one in a comment', () => {
  const probe = join(repo, 'test/fixtures/strings/probe.ts');
  assert.equal(
    turkishLiterals(probe).map((l) => l.replace(/^.*?:(\d+): /, '$1: ')),
    ['4: "Gün sonu "', '5: "Yazdırılıyor"'],
  );
});

test.run();
