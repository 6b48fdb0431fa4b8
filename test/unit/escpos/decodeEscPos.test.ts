import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ntp from 'node-thermal-printer';
import { decodeEscPos } from '../../../src/core/escpos/decodeEscPos.js';
import { qrCode } from '../../../src/core/escpos/commands.js';

const b = (...parts: Array<number[] | string>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ESC = 0x1b,
  GS = 0x1d;

test('text, alignment, bold and size become the lines a customer reads', () => {
  const slip = decodeEscPos(
    b(
      [ESC, 0x40],
      [ESC, 0x61, 1],
      [ESC, 0x45, 1],
      'TITLE\n',
      [ESC, 0x45, 0],
      [ESC, 0x61, 2],
      'right\n',
      [ESC, 0x61, 0],
      [GS, 0x21, 0x11],
      'BIG\n',
    ),
    { width: 20 },
  );
  assert.is(slip.text, '       TITLE\n               right\nBIG\n');
  const [t, , big] = slip.lines;
  assert.ok(t?.kind === 'text' && t.spans[0]?.bold === true);
  assert.ok(big?.kind === 'text' && big.spans[0]?.widthMul === 2 && big.spans[0]?.heightMul === 2 && big.columns === 6);
});

test('ESC @ resets the code page: PC857 text after it reads as PC437 garbage', () => {
  const s = decodeEscPos(b([ESC, 0x74, 13], [0x9f], '\n', [ESC, 0x40], [0x9f], '\n'), { width: 32 });
  assert.is(s.text, 'ş\nƒ\n');
});

test("ESC t number is looked up in the profile's table map", () => {
  assert.is(decodeEscPos(b([ESC, 0x74, 61], [0x9e], '\n'), { width: 32 }).text, 'Ş\n');
  const s = decodeEscPos(b([ESC, 0x74, 99], 'x\n'), { width: 32 });
  assert.ok(s.warnings.some((w) => w.includes('ESC t 99')));
});

test('ESC d feeds, GS V cuts, DLE EOT prints nothing', () => {
  const s = decodeEscPos(b('a\n', [ESC, 0x64, 2], [GS, 0x56, 0x01], [0x10, 0x04, 0x04], 'b\n'), { width: 8 });
  assert.is(s.text, 'a\n\n\n✂-------\nb\n');
  assert.equal(s.statusQueries, [4]);
});

test('GS ( k QR is shown with its data', () => {
  const s = decodeEscPos(b([ESC, 0x61, 1], [...qrCode('ABC|123')]), { width: 32 });
  assert.equal(s.qr, ['ABC|123']);
  assert.is(s.text, ' '.repeat(9) + '[QR: ABC|123]\n'); // (32 − 13) / 2, rounded down
});

test("node-thermal-printer's QR with non-ASCII data declares the wrong length (why we build GS ( k ourselves)", () => {
  const tp = new ntp.ThermalPrinter({ type: 'epson' as never, interface: undefined as never, characterSet: 'PC857_TURKISH' as never });
  tp.setBuffer(Buffer.alloc(0));
  tp.printQR('ş1', {});
  tp.newLine();
  const s = decodeEscPos(tp.getBuffer(), { width: 32 });
  assert.is.not(s.qr[0], 'ş1');
});

test('a line longer than the paper wraps and is reported', () => {
  const s = decodeEscPos(b('123456789\n'), { width: 4 });
  assert.is(s.text, '1234\n5678\n9\n');
  assert.ok(s.warnings.length > 0);
});

test('text without a final LF is not printed, and that is reported', () => {
  const s = decodeEscPos(b('a\nb'), { width: 4 });
  assert.is(s.text, 'a\n');
  assert.ok(s.warnings.some((w) => w.includes('not printed')));
});

test('truncated commands are reported, not thrown', () => {
  const s = decodeEscPos(b('a\n', [GS, 0x28, 0x6b, 50, 0]), { width: 8 });
  assert.is(s.text, 'a\n');
  assert.ok(s.warnings.some((w) => w.includes('truncated')));
});

test('font B (ESC M 1 / ESC ! 1): 42 characters on a 32-column line, aligned on its own grid; the 43rd wraps', () => {
  const slip = decodeEscPos(b([ESC, 0x4d, 1], 'x'.repeat(42) + '\n', [ESC, 0x61, 1], 'mid\n', [ESC, 0x4d, 0], 'A\n'), { width: 32 });
  assert.equal(slip.warnings, []);
  assert.is(slip.text, `${'x'.repeat(42)}\n${' '.repeat(19)}mid\n${' '.repeat(15)}A\n`);
  const first = slip.lines[0];
  assert.ok(first?.kind === 'text' && first.spans[0]?.fontB === true && first.columns === 42);
  const wrapped = decodeEscPos(b([ESC, 0x21, 1], 'y'.repeat(43) + '\n'), { width: 32 });
  assert.is(wrapped.lines.length, 2);
  assert.match(wrapped.warnings.join(), /longer than 32 columns/);
});

test.run();
