/** The scrolling body (issue 19): nothing of a long body is lost, ↓/↑ mark what is hidden, keys move it. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scrollBody, scrollOffset, Scroller, type ScrollParts } from '../../../src/adapters/ui/view/scroll.js';
import { line, lineText, wrapLines } from '../../../src/adapters/ui/view/text.js';
import type { InputEvent, InputKey } from '../../../src/core/input/InputEvent.js';

/** `n` numbered lines wrapped at the width the body is built for, and a one-line pinned hint. */
const build =
  (n: number, hint = 'Enter: devam') =>
  (cols: number): ScrollParts => ({
    top: Array.from({ length: n }, (_, i) => wrapLines(`satır ${i + 1} `.padEnd(cols, 'x'), cols)[0]!),
    bottom: [line(hint)],
  });
const texts = (ls: readonly (readonly { text: string }[])[]) => ls.map((l) => lineText(l));
const key = (k: InputKey): InputEvent => ({ type: 'key', key: k, source: 'test', at: 0 });

test('a body that fits is laid out at full width with no marks, the hint at the bottom', () => {
  const l = scrollBody(build(5), 40, 11, 0);
  const t = texts(l.body);
  assert.is(t.length, 11);
  assert.is(l.maxOffset, 0);
  assert.is(t[10], 'Enter: devam');
  assert.ok(t.every((s) => !s.includes('↓') && !s.includes('↑')));
  assert.is([...t[0]!].length, 40, 'full width when nothing scrolls');
});

test('a long body: one column narrower, ↓ on the last visible line, nothing above', () => {
  const l = scrollBody(build(20), 40, 11, 0);
  const t = texts(l.body);
  assert.is(t.length, 11);
  assert.is(l.page, 10);
  assert.is(l.maxOffset, 10);
  assert.match(t[0]!, /^satır 1 /);
  assert.ok(t[9]!.endsWith('↓'), t[9]);
  assert.ok(!t[0]!.includes('↑'));
  assert.is(t[10], 'Enter: devam', 'the pinned hint stays');
  for (const s of t.slice(0, 10)) assert.ok([...s].length <= 40, s);
  assert.not.match(t[0]!, '…', 'built at 39 columns, so no line is clipped');
});

test('scrolled to the middle: ↑ and ↓; at the end only ↑ and the last line shows', () => {
  const mid = texts(scrollBody(build(20), 40, 11, 4).body);
  assert.match(mid[0]!, /^satır 5 .*↑$/);
  assert.ok(mid[9]!.endsWith('↓'));
  const end = texts(scrollBody(build(20), 40, 11, 99).body);
  assert.match(end[0]!, /^satır 11 .*↑$/, 'the offset is clamped to the last page');
  assert.match(end[9]!, /^satır 20 /);
  assert.ok(!end[9]!.endsWith('↓'));
});

test('scroll keys: one line, a page (keeping one line of context), the ends, clamped', () => {
  assert.is(scrollOffset(0, 'down', 10, 10), 1);
  assert.is(scrollOffset(0, 'up', 10, 10), 0);
  assert.is(scrollOffset(0, 'pagedown', 10, 10), 9);
  assert.is(scrollOffset(9, 'pagedown', 10, 10), 10);
  assert.is(scrollOffset(10, 'pageup', 10, 10), 1);
  assert.is(scrollOffset(5, 'home', 10, 10), 0);
  assert.is(scrollOffset(0, 'end', 10, 10), 10);
});

test('Scroller: keys only when the body overflows; ↑/↓ can be left to the screen; a new step starts at the top', () => {
  const s = new Scroller();
  s.paint(build(5), 40, 11, 'a');
  assert.not.ok(s.key(key('down')), 'nothing to scroll: the key is the screen’s');
  const first = texts(s.paint(build(20), 40, 11, 'a'));
  assert.ok(s.scrolls);
  assert.not.ok(s.key(key('down'), false), 'arrows left to a pick list');
  assert.ok(s.key(key('pagedown'), false), 'PgDn always scrolls');
  assert.ok(s.key(key('end')));
  const end = texts(s.paint(build(20), 40, 11, 'a'));
  assert.match(end[9]!, /^satır 20 /);
  assert.not.ok(s.key({ type: 'scan', code: 'X', source: 't', at: 0 }));
  const next = texts(s.paint(build(20), 40, 11, 'b'));
  assert.equal(next, first, 'another step starts at its top');
});

test('a pinned bottom taller than the body keeps its tail (the field being typed)', () => {
  const tall = (): ScrollParts => ({ top: [line('a')], bottom: Array.from({ length: 15 }, (_, i) => line(`b${i}`)) });
  const t = texts(scrollBody(tall, 40, 11, 0).body);
  assert.is(t.length, 11);
  assert.is(t[10], 'b14');
});

test('a note shows its count against the cap, and says so once it is full (issue 19: a silent 200 cap)', async () => {
  const { noteLines } = await import('../../../src/adapters/ui/view/widgets.js');
  const { translator } = await import('../../../src/adapters/ui/i18n/index.js');
  const t = translator('tr');
  const some = texts(noteLines('kapı kilitli', 200, 40, t));
  assert.is(some[some.length - 1], '12/200 karakter');
  const full = texts(noteLines('x'.repeat(200), 200, 40, t));
  assert.is(full[full.length - 1], 'Not dolu: en çok 200 karakter.');
  assert.ok(full.join('').includes('x'.repeat(39)), 'the note itself is all there, wrapped');
});
test.run();
