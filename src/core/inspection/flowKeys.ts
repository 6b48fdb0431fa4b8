/**
 * Keypad helpers of the inspection form: text fields and numbered picks. They read keys the way
 * the UI's own field widget does (adapters/ui/view/widgets.ts editText), so the form edits exactly
 * as the other screens: one code point per column, Clear erases the last one.
 */
import type { KeyAction } from './flowTypes.js';

export type EditRule = 'digits' | 'text';

/**
 * Applies a key to a text field: digits (and for 'text' any printable character) append up to
 * `maxLen` code points, Clear erases the last one. The new value, or null when the key is not an edit.
 */
export function editText(value: string, k: KeyAction, rule: EditRule, maxLen: number): string | null {
  if (k.key === 'clear') return [...value].slice(0, -1).join('');
  const ch = k.key === 'digit' || (k.key === 'char' && rule === 'text') ? k.value : undefined;
  if (ch === undefined) return null;
  return [...value].length >= maxLen ? value : value + ch;
}

/** The digit keyed (0 for any other key). */
export function digitOf(k: KeyAction): number {
  return k.key === 'digit' ? Number(k.value) : 0;
}

/** 1..count for a digit in range, otherwise 0. */
export function pickNumber(k: KeyAction, count: number): number {
  const n = digitOf(k);
  return n >= 1 && n <= count ? n : 0;
}

/** A kW figure: a whole or decimal number above zero ("24", "7.5"). */
export function isKw(text: string): boolean {
  return /^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text) && Number(text) > 0;
}
