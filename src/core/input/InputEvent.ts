/**
 * The one input vocabulary of the app. Keypad, keyboard-wedge scanner, HID-POS scanner and the
 * terminal keyboard all end up as these events, so screens never care where a key came from.
 *
 * Key semantics (handheld keypads label them differently; this is what the UI may rely on):
 * - `digit`  value '0'..'9' (top row or numeric keypad).
 * - `char`   value is exactly one printable character (letters, punctuation, space).
 * - `enter`  confirm / OK.             - `back`  Esc / Geri: leave the screen, cancel.
 * - `clear`  CLR / Backspace / Delete: erase the last character of the field being edited.
 * - `f1`..`f4` soft keys under the screen labels.  - arrows move the selection.
 */
export const INPUT_KEYS = [
  'digit',
  'char',
  'enter',
  'back',
  'clear',
  'f1',
  'f2',
  'f3',
  'f4',
  'up',
  'down',
  'left',
  'right',
  // List navigation (issue 19): first / last row, a page up / down. Keypads map them in their profile.
  'home',
  'end',
  'pageup',
  'pagedown',
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

/** Longest scan we accept; a 2D code can be long, but an endless stream is a fault, not a code. */
export const MAX_SCAN_LENGTH = 4096;

export interface KeyEvent {
  type: 'key';
  key: InputKey;
  /** Only for `digit` and `char`. */
  value?: string;
  /** Id of the InputSource that produced it ('terminal', profile id such as 'scanner'). */
  source: string;
  /** Milliseconds on the source's clock; only differences are meaningful. */
  at: number;
}

export interface ScanEvent {
  type: 'scan';
  code: string;
  /** AIM identifier (e.g. ']C0') or vendor symbology id when the scanner reports one. */
  symbology?: string;
  source: string;
  at: number;
}

export type InputEvent = KeyEvent | ScanEvent;

const KEY_SET: ReadonlySet<string> = new Set(INPUT_KEYS);

function isPrintableChar(s: string): boolean {
  if ([...s].length !== 1) return false;
  const c = s.codePointAt(0) ?? 0;
  return c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0);
}

/** Control characters are stripped from scans, except GS (0x1D), the GS1 field separator (FNC1). */
export function isValidScanCode(code: string): boolean {
  if (code.length === 0 || code.length > MAX_SCAN_LENGTH) return false;
  for (const ch of code) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x1d) || c === 0x7f || (c >= 0x80 && c < 0xa0)) return false;
  }
  return true;
}

/** The invariant every source must keep; used by the property and contract tests. */
export function isValidInputEvent(e: unknown): e is InputEvent {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  if (typeof o.source !== 'string' || o.source === '' || typeof o.at !== 'number' || !Number.isFinite(o.at)) {
    return false;
  }
  if (o.type === 'key') {
    if (typeof o.key !== 'string' || !KEY_SET.has(o.key)) return false;
    if (o.key === 'digit') return typeof o.value === 'string' && /^[0-9]$/.test(o.value);
    if (o.key === 'char') return typeof o.value === 'string' && isPrintableChar(o.value);
    return o.value === undefined;
  }
  if (o.type === 'scan') {
    if (typeof o.code !== 'string' || !isValidScanCode(o.code)) return false;
    return o.symbology === undefined || (typeof o.symbology === 'string' && o.symbology.length > 0);
  }
  return false;
}

/** Removes what a scanner may append or embed but the app must never see (CR/LF, NUL, other C0). */
export function sanitizeScanCode(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x1d) || c === 0x7f || (c >= 0x80 && c < 0xa0)) continue;
    out += ch;
  }
  return out.slice(0, MAX_SCAN_LENGTH);
}
