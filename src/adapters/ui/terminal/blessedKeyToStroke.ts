import type { InputKey } from '../../../core/input/InputEvent.js';
import type { Stroke } from '../../../core/input/Stroke.js';

/** The fields of blessed's key object we read (blessed/lib/keys.js, program.js `keypress`). */
export interface BlessedKey {
  name?: string | undefined;
  full?: string | undefined;
  ch?: string | undefined;
  sequence?: string | undefined;
  ctrl?: boolean | undefined;
  meta?: boolean | undefined;
  shift?: boolean | undefined;
}

const NAMED: Record<string, [InputKey | null, string]> = {
  enter: ['enter', 'Enter'],
  // A '\n' from the TTY (some scanners' LF terminator, Ctrl+J) — blessed renames it 'linefeed'.
  linefeed: ['enter', 'Enter'],
  escape: ['back', 'Escape'],
  backspace: ['clear', 'Backspace'],
  delete: ['clear', 'Delete'],
  up: ['up', 'ArrowUp'],
  down: ['down', 'ArrowDown'],
  left: ['left', 'ArrowLeft'],
  right: ['right', 'ArrowRight'],
  home: ['home', 'Home'],
  end: ['end', 'End'],
  pageup: ['pageup', 'PageUp'],
  pagedown: ['pagedown', 'PageDown'],
  tab: [null, 'Tab'],
  f1: ['f1', 'F1'],
  f2: ['f2', 'F2'],
  f3: ['f3', 'F3'],
  f4: ['f4', 'F4'],
};

/**
 * One blessed keypress → Stroke, or null when it is not a key at all. Note blessed emits *two*
 * keypresses for '\r': one renamed 'enter' and the original 'return'; only the first counts, or
 * every Enter would be doubled.
 */
export function blessedKeyToStroke(ch: string | undefined, key: BlessedKey | undefined, t: number): Stroke | null {
  const name = key?.name;
  if (name === 'return') return null;
  if (name === 'space') return { t, key: 'char', value: ' ', name: ' ' };
  if (key?.ctrl || key?.meta) return { t, key: null, name: key.full ?? name ?? '?' };
  if (name !== undefined && NAMED[name] !== undefined) {
    const [k, n] = NAMED[name];
    return { t, key: k, name: n };
  }
  if (name !== undefined && /^f([5-9]|1[0-2])$/.test(name)) return { t, key: null, name: name.toUpperCase() };
  if (ch !== undefined && [...ch].length === 1) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) return null;
    return { t, key: /^[0-9]$/.test(ch) ? 'digit' : 'char', value: ch, name: ch };
  }
  return null;
}
