import { readdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadPrinterProfile } from '../../../src/adapters/printer/loadPrinterProfile.js';
import { codeTablesOf, parsePrinterProfile } from '../../../src/core/escpos/printerProfile.js';
import { isAppError } from '../../../src/core/errors/AppError.js';

const dir = new URL('../../../device/printers/', import.meta.url);

test('every shipped profile in device/printers is valid', async () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 4);
  for (const f of files) {
    const p = await loadPrinterProfile(new URL(f, dir).pathname);
    assert.is(`${p.id}.json`, f);
  }
});

test('the clone profile maps ESC t 61 to PC857; the ASCII profile is visibly transliterating', async () => {
  const clone = await loadPrinterProfile(new URL('clone-58mm-pc857.json', dir).pathname);
  assert.is(codeTablesOf(clone)[61], 'pc857');
  const ascii = await loadPrinterProfile(new URL('bt-58mm-ascii.json', dir).pathname);
  assert.equal([ascii.encoding, ascii.codePageTable], ['ascii', null]);
});

test('all errors at once, each naming its key', () => {
  const r = parsePrinterProfile({ id: 'Bad Id', path: 'ttyUSB0', baudRate: 9601, columns: 40, encoding: 'pc857', colour: 'red' });
  assert.ok(!r.ok);
  const keys = r.ok ? [] : r.errors.map((e) => e.split(':')[0]);
  assert.equal(keys.sort(), ['baudRate', 'codePageTable', 'colour', 'columns', 'id', 'path']);
});

test('defaults: status queries and QR on, tear bar, 4 lines feed', () => {
  const r = parsePrinterProfile({ id: 'x', path: '/dev/ttyUSB0', baudRate: 9600, columns: 32, encoding: 'pc857', codePageTable: 13 });
  assert.ok(r.ok);
  if (r.ok)
    assert.equal(
      [r.profile.statusQueries, r.profile.qr, r.profile.cutter, r.profile.feedAfter, r.profile.flowControl],
      [true, true, 'none', 4, 'none'],
    );
});

test('paper fields: dpi and line spacings default to 203 / 24 / 17 dots; spacing below the glyph height is refused', () => {
  const base = { id: 'x', path: '/dev/ttyUSB0', baudRate: 9600, columns: 32, encoding: 'pc857', codePageTable: 13 };
  const r = parsePrinterProfile(base);
  assert.ok(r.ok);
  if (r.ok) assert.equal([r.profile.dpi, r.profile.lineSpacingDots, r.profile.smallLineSpacingDots], [203, 24, 17]);
  const set = parsePrinterProfile({ ...base, dpi: 180, lineSpacingDots: 30, smallLineSpacingDots: 22 });
  assert.ok(set.ok && set.profile.dpi === 180 && set.profile.lineSpacingDots === 30 && set.profile.smallLineSpacingDots === 22);
  const bad = parsePrinterProfile({ ...base, dpi: 'high', lineSpacingDots: 20, smallLineSpacingDots: 12.5 });
  assert.ok(!bad.ok);
  if (!bad.ok) assert.equal(bad.errors.map((e) => e.split(':')[0]).sort(), ['dpi', 'lineSpacingDots', 'smallLineSpacingDots']);
});

test('unreadable or invalid files are typed config errors', async () => {
  try {
    await loadPrinterProfile('/nonexistent/p.json');
    assert.unreachable();
  } catch (e) {
    assert.ok(isAppError(e, 'Config_Unreadable'));
  }
});

test.run();
