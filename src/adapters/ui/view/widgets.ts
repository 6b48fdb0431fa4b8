/**
 * Drawn-by-hand widgets: an input field and a windowed pick list. blessed's textbox is not used
 * (input doubled after refocus, docs/implementation-notes.md §5) and neither is its list (an element per item).
 */
import type { InputEvent } from '../../../core/input/InputEvent.js';
import { listWindow, type ListWindow } from './window.js';
import type { Translator } from '../i18n/index.js';
import { clip, fit, line, width, wrapLines, type Line } from './text.js';

export interface FieldOpts {
  active: boolean;
  /** Show '*' per character (PINs). */
  mask?: boolean;
  /** Columns for the label, so fields line up. */
  labelWidth?: number;
}

/** `Label: 1234_`; the value of the active field is inverse with a cursor, so it is found at a glance. */
export function fieldLine(label: string, value: string, cols: number, o: FieldOpts): Line {
  const shown = o.mask ? '*'.repeat(width(value)) : value;
  const head = `${label.padEnd(o.labelWidth ?? 0)}: `;
  const room = Math.max(1, cols - width(head));
  // Keep the end of a long value visible: it is where the crew is typing.
  const cps = [...`${shown}${o.active ? '_' : ''}`];
  const tail = cps.length > room ? cps.slice(cps.length - room).join('') : cps.join('');
  return [{ text: head }, o.active ? { text: tail, style: 'inverse' } : { text: tail }];
}

export type EditRule = 'digits' | 'text';

/**
 * Applies a key to a text field: digits (and for 'text' any printable character) append, Clear
 * erases the last one. Returns the new value, or null when the key is not an edit.
 */
export function editText(value: string, e: InputEvent, rule: EditRule, maxLen: number): string | null {
  if (e.type !== 'key') return null;
  if (e.key === 'clear') return [...value].slice(0, -1).join('');
  const ch = e.key === 'digit' || (e.key === 'char' && rule === 'text') ? e.value : undefined;
  if (ch === undefined) return null;
  return width(value) >= maxLen ? value : value + ch;
}

/** Rows of a windowed pick list: the selected row inverse, with ↑/↓ marks when more is hidden. */
export function pickRows(
  items: readonly string[],
  selected: number,
  height: number,
  cols: number,
  prevTop = 0,
): { rows: Line[]; win: ListWindow } {
  const win = listWindow(items.length, selected, height, prevTop);
  const rows: Line[] = [];
  for (let i = win.top; i < win.end; i++) {
    const more = (i === win.top && win.top > 0) || (i === win.end - 1 && win.end < items.length);
    const text = fit(items[i]!, cols - 1) + (more ? (i === win.top ? '↑' : '↓') : ' ');
    rows.push(line(text, i === win.selected ? 'inverse' : undefined));
  }
  return { rows, win };
}

/**
 * A body with a pinned bottom (messages, the field being typed): the bottom always shows, the top
 * gives way from its end when the screen is short.
 */
export function pinned(top: readonly Line[], bottom: readonly Line[], rows: number): Line[] {
  const b = bottom.slice(Math.max(0, bottom.length - rows));
  const room = rows - b.length;
  const t = top.slice(0, Math.max(0, room));
  return [...t, ...Array.from({ length: Math.max(0, room - t.length) }, () => line('')), ...b];
}

export const label = (s: string, w: number): Line => line(clip(s, w));

/**
 * A free-text note being typed, with its count against the cap, and a bold line once it is full
 * (issue 19: notes stopped at 200 characters without a word). editText refuses the extra keys.
 */
export function noteLines(note: string, max: number, cols: number, t: Translator): Line[] {
  const n = width(note);
  return [
    ...wrapLines(`${note}_`, cols, 'inverse'),
    n >= max ? line(clip(t('note.full', { max }), cols), 'bold') : line(clip(t('note.count', { n, max }), cols)),
  ];
}
