/**
 * What the reader is told, as message keys and params: core words nothing (issue 19). The words,
 * Turkish and English, are in the screen catalogue (src/adapters/ui/i18n/readingMessages.ts),
 * typed against READING_MESSAGE_KEYS so neither language can miss a key; the screen renders them
 * with `readingText` (src/adapters/ui/i18n/index.ts).
 *
 * Params are locale-neutral strings (dot decimals); the catalogue renders quantities in the one
 * number style of src/core/text/format.ts.
 */

/** Every message the reading rules and the entry flow can hand out. */
export const READING_MESSAGE_KEYS = [
  'reading.empty',
  'reading.decimal',
  'reading.notDigits',
  'reading.leadingGarbage',
  'reading.tooManyDigits',
  'reading.unusual',
  'reading.high',
  'reading.low',
  'reading.zero',
  'reading.lower',
  'reading.lowerRevealed',
  'reading.rekeyMismatch',
  'reading.misread',
  'reading.aboveCeiling',
  'reading.lowerNoRollover',
  'reading.supervisor',
  'reading.scanRequired',
  'reading.scanMismatch',
  'reading.overrideAfterMismatch',
  'noRead.unknownCode',
  'noRead.noteRequired',
  'noRead.noteTooLong',
] as const;

export type MessageKey = (typeof READING_MESSAGE_KEYS)[number];
export type MessageParams = Readonly<Record<string, string>>;

/** A message as the UI gets it: the key and the params to word it with. */
export interface Message {
  readonly key: MessageKey;
  readonly params: MessageParams;
}

export function message(key: MessageKey, params: MessageParams = {}): Message {
  return { key, params };
}
