/** Fixed-width text: clipping marks the cut, wrapping never loses characters, lines are exact. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clip, fit, fitLine, lineText, spread, width, wrap } from '../../../src/adapters/ui/view/text.js';

test('clip marks a cut with … and counts Turkish letters as one column', () => {
  assert.is(clip('Şükrü Çelik', 20), 'Şükrü Çelik');
  assert.is(clip('Şükrü Çelik', 6), 'Şükrü…');
  assert.is(width(fit('İğdır', 8)), 8);
});

test('spread puts the right text flush right and gives way on the left', () => {
  assert.is(spread('İşler', '12/450', 20), 'İşler         12/450');
  assert.is(width(spread('a very long title indeed', '12/450', 20)), 20);
  assert.match(spread('a very long title indeed', '12/450', 20), /…\s12\/450$/);
});

test('wrap keeps every non-space character, breaks long words, honours \\n', () => {
  const s = 'Üniversite Cad. No:12 D:3 Odunpazarı/Eskişehir /tmp/saha-demo/slips/HTA2026000000001-1.txt\nikinci';
  const lines = wrap(s, 16);
  for (const l of lines) assert.ok(width(l) <= 16, l);
  assert.is(lines.join('').replace(/\s/g, ''), s.replace(/\s/g, ''));
  assert.is(lines.at(-1), 'ikinci');
});

test('fitLine returns exactly the width, keeping styles, clipping with …', () => {
  const l = [{ text: 'Giden 3' }, { text: ' Yazıcı hazır', style: 'inverse' as const }];
  assert.is(width(lineText(fitLine(l, 40))), 40);
  const cut = fitLine(l, 10);
  assert.is(lineText(cut), 'Giden 3 Y…');
  assert.is(cut[1]!.style, 'inverse');
});

test.run();
