import type { InputKey } from './InputEvent.js';
import type { KeyPress } from './decodeBootReport.js';
import type { Keymap, Stroke } from './Stroke.js';
import { usageEntry, type NamedKey } from './usbKeyboardUsages.js';

const SHIFT = 0x02 | 0x20;
const CTRL_ALT_GUI = 0x01 | 0x04 | 0x08 | 0x10 | 0x40 | 0x80;

/** Default meaning of the named keys on a handheld keypad (see InputEvent for the semantics). */
const NAMED_DEFAULT: Partial<Record<NamedKey, InputKey>> = {
  Enter: 'enter',
  Escape: 'back',
  Backspace: 'clear',
  Delete: 'clear',
  F1: 'f1',
  F2: 'f2',
  F3: 'f3',
  F4: 'f4',
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  Home: 'home',
  End: 'end',
  PageUp: 'pageup',
  PageDown: 'pagedown',
};

/** Turns one press into a Stroke via the US usage table, with the profile's keymap taking priority. */
export function strokeFromPress(press: KeyPress, t: number, keymap: Keymap): Stroke {
  const entry = usageEntry(press.usage);
  const override = keymap.get(press.usage);
  const name =
    entry === undefined ? `usage:0x${press.usage.toString(16).padStart(2, '0')}` : entry.kind === 'named' ? entry.name : entry.plain;

  if (override !== undefined) {
    if (override === 'none') return { t, key: null, name };
    // A keymap can only assign non-text keys (validated in parseInputProfile), so no value here.
    if (override !== 'digit' && override !== 'char') return { t, key: override, name };
  }
  if (entry === undefined) return { t, key: null, name };
  if (entry.kind === 'named') return { t, key: NAMED_DEFAULT[entry.name] ?? null, name };

  // Ctrl/Alt/GUI + letter is a shortcut, not text; a scanner never sends it in US wedge mode.
  if (press.modifiers & CTRL_ALT_GUI) return { t, key: null, name: `mod+${name}` };
  const value = press.modifiers & SHIFT ? entry.shifted : entry.plain;
  return { t, key: /^[0-9]$/.test(value) ? 'digit' : 'char', value, name };
}
