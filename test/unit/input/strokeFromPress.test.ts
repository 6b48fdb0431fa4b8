import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strokeFromPress } from '../../../src/core/input/strokeFromPress.js';

const none = new Map();
const s = (usage: number, modifiers = 0, keymap = none) => {
  const { key, value } = strokeFromPress({ usage, modifiers }, 0, keymap);
  return value === undefined ? { key } : { key, value };
};

test('digits from the top row and the numeric keypad are digit keys', () => {
  assert.equal(s(0x1e), { key: 'digit', value: '1' });
  assert.equal(s(0x27), { key: 'digit', value: '0' });
  assert.equal(s(0x59), { key: 'digit', value: '1' });
  assert.equal(s(0x62), { key: 'digit', value: '0' });
});

test('shift selects the upper character, letters and symbols alike', () => {
  assert.equal(s(0x16, 0x02), { key: 'char', value: 'S' });
  assert.equal(s(0x16, 0x20), { key: 'char', value: 'S' });
  assert.equal(s(0x16), { key: 'char', value: 's' });
  assert.equal(s(0x2d), { key: 'char', value: '-' });
  assert.equal(s(0x2d, 0x02), { key: 'char', value: '_' });
});

test('handheld keys: Enter/KP Enter, Esc = back, Backspace/Delete = clear, F1–F4, arrows', () => {
  assert.equal(
    [0x28, 0x58, 0x29, 0x2a, 0x4c, 0x3a, 0x3d, 0x52, 0x51, 0x50, 0x4f].map((u) => s(u).key),
    ['enter', 'enter', 'back', 'clear', 'clear', 'f1', 'f4', 'up', 'down', 'left', 'right'],
  );
});

test('list keys from a full keyboard: Home, End, PageUp, PageDown', () => {
  assert.equal(
    [0x4a, 0x4d, 0x4b, 0x4e].map((u) => s(u).key),
    ['home', 'end', 'pageup', 'pagedown'],
  );
});

test('keys the app has no use for, and Ctrl/Alt chords, carry no app key', () => {
  assert.is(s(0x3e).key, null); // F5
  assert.is(s(0x2b).key, null); // Tab
  assert.is(s(0xe0).key, null); // not in the table
  assert.is(s(0x04, 0x01).key, null); // Ctrl+a
});

test('the profile keymap wins over the table', () => {
  const km = new Map([
    [0x3e, 'f1' as const],
    [0x28, 'none' as const],
  ]);
  assert.is(s(0x3e, 0, km).key, 'f1');
  assert.is(s(0x28, 0, km).key, null);
});

test.run();
