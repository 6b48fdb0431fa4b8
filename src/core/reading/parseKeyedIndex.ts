/**
 * Raw keypad text → meter index. Only the integer dials count (docs/domain.md §2: the red decimal
 * digits are ignored), so a decimal separator is refused with its own message rather than
 * silently cut off: the reader may have keyed the dials wrongly too.
 */
import { message, type Message } from './messages.js';
import type { InvalidReason } from './types.js';

export type KeyedIndex =
  { readonly ok: true; readonly index: number } | { readonly ok: false; readonly reason: InvalidReason; readonly message: Message };

const bad = (reason: InvalidReason, m: Message): KeyedIndex => ({ ok: false, reason, message: m });

/**
 * Surrounding blanks are dropped (keypads pad). Leading zeros are fine ("00123" is what a 5-dial
 * meter shows) but count as keyed digits: more keyed digits than the meter has dials means an
 * extra key press, never a valid index.
 */
export function parseKeyedIndex(keyed: string, digits: number): KeyedIndex {
  const s = keyed.trim();
  if (s === '') return bad('empty', message('reading.empty'));
  if (!/^[0-9]+$/.test(s)) {
    if (/^[0-9]*[.,][0-9]*$/.test(s) && /[0-9]/.test(s)) return bad('decimal', message('reading.decimal'));
    // e.g. a scanner prefix or a stray '*' / '#' before otherwise good digits
    if (/^[^0-9]+[0-9]+$/.test(s)) return bad('leading-garbage', message('reading.leadingGarbage'));
    return bad('not-digits', message('reading.notDigits'));
  }
  if (s.length > digits) return bad('too-many-digits', message('reading.tooManyDigits', { digits: String(digits) }));
  return { ok: true, index: Number(s) };
}
