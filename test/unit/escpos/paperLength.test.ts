/** paperLength (src/core/escpos/paperLength.ts) against hand-computed byte sequences; qrSize against the qrcode library. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import QRCode from 'qrcode';
import { qrCode } from '../../../src/core/escpos/commands.js';
import { paperLength } from '../../../src/core/escpos/paperLength.js';
import { qrModuleSize, qrModules, qrVersion } from '../../../src/core/escpos/qrSize.js';

const b = (...parts: Array<number[] | string | Uint8Array>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ESC = 0x1b,
  GS = 0x1d;
const P = { dpi: 203, columns: 32 };

test('after ESC @ a line takes 1/6 inch; ESC 3 n sets n dots; a blank line is a feed', () => {
  const def = paperLength(b([ESC, 0x40], 'AB\n'), P);
  assert.equal([def.textLines, def.textDots, def.mm], [1, 203 / 6, 4.2]);
  const tight = paperLength(b([ESC, 0x40], [ESC, 0x33, 26], 'A\n', '\n', 'B\n'), P);
  assert.equal([tight.textLines, tight.textDots, tight.feedDots, tight.dots], [2, 52, 26, 78]);
  assert.is(tight.mm, Math.round(((78 * 25.4) / 203) * 10) / 10);
});

test('ESC 2 and ESC @ restore the default spacing', () => {
  const r = paperLength(b([ESC, 0x33, 20], [ESC, 0x32], 'A\n', [ESC, 0x33, 30], [ESC, 0x40], 'B\n'), { dpi: 180, columns: 32 });
  assert.is(r.textDots, 60); // 2 × 180/6
});

test('a double-height line (GS ! 0x01) needs 48 dots whatever the spacing; double width needs no more height', () => {
  assert.is(paperLength(b([ESC, 0x33, 26], [GS, 0x21, 0x01], 'T\n'), P).textDots, 48);
  assert.is(paperLength(b([ESC, 0x33, 26], [GS, 0x21, 0x10], 'T\n'), P).textDots, 26);
  assert.is(paperLength(b([ESC, 0x33, 26], [ESC, 0x21, 0x10], 'T\n'), P).textDots, 48); // ESC ! bit 4
});

test('font B (ESC M 1, ESC ! 1) is 17 dots high and 9 wide: 42 characters on a 32-column line', () => {
  assert.is(paperLength(b([ESC, 0x4d, 1], [ESC, 0x33, 19], 'small\n'), P).textDots, 19);
  assert.is(paperLength(b([ESC, 0x4d, 1], [ESC, 0x33, 10], 'small\n'), P).textDots, 17);
  assert.is(paperLength(b([ESC, 0x21, 1], [ESC, 0x33, 10], 'small\n'), P).textDots, 17);
  assert.is(paperLength(b([ESC, 0x4d, 1], [ESC, 0x33, 19], 'x'.repeat(42) + '\n'), P).textLines, 1);
  assert.is(paperLength(b([ESC, 0x4d, 1], [ESC, 0x33, 19], 'x'.repeat(43) + '\n'), P).textLines, 2);
  assert.is(paperLength(b([ESC, 0x4d, 0], [ESC, 0x33, 26], 'x'.repeat(33) + '\n'), P).textDots, 52);
});

test('feeds: ESC d n is n lines at the current spacing, ESC J n is n dots, GS V 66 n feeds n', () => {
  assert.is(paperLength(b([ESC, 0x33, 26], [ESC, 0x64, 4]), P).feedDots, 104);
  assert.is(paperLength(b([ESC, 0x32], [ESC, 0x64, 4]), P).feedDots, (4 * 203) / 6);
  assert.is(paperLength(b([ESC, 0x4a, 30]), P).feedDots, 30);
  const withText = paperLength(b([ESC, 0x33, 26], 'A', [ESC, 0x64, 2]), P);
  assert.equal([withText.textDots, withText.feedDots], [26, 26]);
  assert.is(paperLength(b([GS, 0x56, 66, 12]), P).feedDots, 12);
});

test('a QR symbol is modules × module size, its version from the stored length and correction level', () => {
  const data = 'SAHA1|HTA2025000001207|3f2b8c1e-9a4d-4e7f-b1c2-5d6e7f809a1b|2461.63|2462.00|48e56fb909c78f3b';
  // 96 bytes in byte mode at level M: version 6 holds 106, version 5 only 84 → 41 modules.
  const r = paperLength(qrCode(data, { moduleSize: 4, correction: 'M' }), P);
  assert.equal(r.qr, [{ version: 6, modules: 41, moduleSize: 4 }]);
  assert.is(r.qrDots, 164);
  assert.is(paperLength(qrCode(data, { moduleSize: 3, correction: 'L' }), P).qrDots, qrModules(qrVersion(data.length, 'L')) * 3);
});

test('raster images (GS v 0) count their height, doubled in modes 2 and 3; text after the last LF is not printed', () => {
  const img = (m: number) => b([GS, 0x76, 0x30, m, 2, 0, 10, 0], new Uint8Array(20));
  assert.is(paperLength(img(0), P).imageDots, 10);
  assert.is(paperLength(img(3), P).imageDots, 20);
  const tail = paperLength(b('A\n', 'B'), P);
  assert.is(tail.textLines, 1);
  assert.match(tail.warnings.join(), /not printed/);
});

test('qrVersion agrees with the qrcode library (byte mode) for every level and many lengths', () => {
  for (const ec of ['L', 'M', 'Q', 'H'] as const)
    for (let n = 1; n <= 1200; n += 37) {
      const v = QRCode.create([{ data: Buffer.from('a'.repeat(n)), mode: 'byte' }], { errorCorrectionLevel: ec }).version;
      assert.is(qrVersion(n, ec), v, `${n} bytes at ${ec}`);
    }
  assert.throws(() => qrVersion(3000, 'M'), /does not fit/);
});

test('the module size is the smallest legible one (0.33 mm → 3 dots at 203 dpi, 4 at 300), smaller only to fit the paper', () => {
  assert.is(qrModuleSize('x'.repeat(96), { dpi: 203, widthDots: 384 }), 3);
  assert.is(qrModuleSize('x'.repeat(400), { dpi: 203, widthDots: 384 }), 3);
  assert.is(qrModuleSize('x', { dpi: 300, widthDots: 576 }), 4);
  assert.is(qrModuleSize('x'.repeat(1500), { dpi: 203, widthDots: 384 }), 2); // 149 modules: the paper wins
  assert.throws(() => qrModuleSize('x'.repeat(2300), { dpi: 203, widthDots: 100 }), /does not fit/);
});

test.run();
