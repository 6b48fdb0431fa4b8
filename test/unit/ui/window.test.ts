/** The list window: only visible rows, selection always on screen, no jumping. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listWindow, moveSelection } from '../../../src/adapters/ui/view/window.js';

test('10,000 items, 8 rows: the window holds exactly the rows on screen', () => {
  assert.equal(listWindow(10_000, 0, 8), { top: 0, end: 8, selected: 0 });
  assert.equal(listWindow(10_000, 9_999, 8, 0), { top: 9_992, end: 10_000, selected: 9_999 });
  assert.equal(listWindow(10_000, 5_000, 8, 4_998), { top: 4_998, end: 5_006, selected: 5_000 }, 'keeps the old top when visible');
  assert.equal(listWindow(10_000, 4_000, 8, 4_998), { top: 4_000, end: 4_008, selected: 4_000 });
});

test('selection is clamped; an empty list has none', () => {
  assert.equal(listWindow(0, 3, 8), { top: 0, end: 0, selected: -1 });
  assert.equal(listWindow(5, 9, 8), { top: 0, end: 5, selected: 4 });
  assert.equal(listWindow(50, 3, 8, 45), { top: 3, end: 11, selected: 3 });
});

test('arrows move one row, left/right a page, never past the ends', () => {
  assert.is(moveSelection(0, 10_000, 'up', 8), 0);
  assert.is(moveSelection(0, 10_000, 'down', 8), 1);
  assert.is(moveSelection(0, 10_000, 'right', 8), 8);
  assert.is(moveSelection(9_995, 10_000, 'right', 8), 9_999);
  assert.is(moveSelection(3, 10_000, 'left', 8), 0);
  assert.is(moveSelection(0, 0, 'down', 8), -1);
});

test('Home/End go to the first and last row, PgUp/PgDn a page (issue 19: 36 presses of ↑ to the top)', () => {
  assert.is(moveSelection(5_000, 10_000, 'home', 8), 0);
  assert.is(moveSelection(5, 10_000, 'end', 8), 9_999);
  assert.is(moveSelection(20, 10_000, 'pageup', 8), 12);
  assert.is(moveSelection(20, 10_000, 'pagedown', 8), 28);
  assert.is(moveSelection(3, 10_000, 'pageup', 8), 0);
  assert.is(moveSelection(9_998, 10_000, 'pagedown', 8), 9_999);
  assert.is(moveSelection(0, 0, 'end', 8), -1);
});

test.run();
