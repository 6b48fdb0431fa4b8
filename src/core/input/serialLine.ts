/**
 * What one line from a serial-mode scanner means (device/input/README.md, "Serial scanners"). Pure:
 * the adapter (src/adapters/serialscanner) splits the byte stream into lines, this decides.
 */
import { isValidScanCode, MAX_SCAN_LENGTH } from './InputEvent.js';

export type SerialLine =
  | { kind: 'scan'; code: string }
  /** Only whitespace, or nothing: a double suffix (CR LF read with delimiter "\r"), a trigger pull without a read. */
  | { kind: 'blank' }
  | { kind: 'too-long'; bytes: number }
  /** Not a barcode: not UTF-8 or control bytes inside (wrong baud rate, line noise). */
  | { kind: 'garbled'; reason: 'not-utf8' | 'control-bytes' };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `bytes` is one line without its delimiter. Leading and trailing whitespace (CR, LF, tab, space)
 * is trimmed first, so a scanner sending CR LF to a profile set to "\r" or "\n" still works. Inside
 * the code only GS (0x1D, the GS1 separator) is allowed among the control characters, as for every
 * other scanner (isValidScanCode).
 */
export function readSerialLine(bytes: Uint8Array, maxBytes: number): SerialLine {
  if (bytes.length > maxBytes) return { kind: 'too-long', bytes: bytes.length };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'garbled', reason: 'not-utf8' };
  }
  const code = text.replace(/^[\s]+|[\s]+$/gu, '');
  if (code === '') return { kind: 'blank' };
  if (code.length > MAX_SCAN_LENGTH) return { kind: 'too-long', bytes: bytes.length };
  if (!isValidScanCode(code)) return { kind: 'garbled', reason: 'control-bytes' };
  return { kind: 'scan', code };
}
