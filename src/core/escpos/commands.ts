/**
 * ESC/POS byte sequences we emit ourselves (Epson ESC/POS reference; docs/domain.md §5,
 * docs/implementation-notes.md §2). node-thermal-printer builds most of a slip; these are the ones it gets
 * wrong or lacks: the code page number from the profile, the QR store length, and status queries.
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

/** ESC @: initialise. Also resets the code page to the power-on default: send ESC t again after. */
export const INIT = Uint8Array.of(ESC, 0x40);

/** ESC t n: select character code table n (profile.codePageTable). */
export function selectCodeTable(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`code table ${n}`);
  return Uint8Array.of(ESC, 0x74, n);
}

/** ESC d n: print the buffer and feed n lines. */
export function feedLines(n: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, Math.max(0, Math.min(255, n)));
}

/**
 * DLE EOT n real-time status query: n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensor.
 * One reply byte; answered on receipt even when the printer is offline. Never send it inside
 * another command's parameters.
 */
export function statusQuery(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

export type QrCorrection = 'L' | 'M' | 'Q' | 'H';

/**
 * GS ( k QR code: model 2, module size, error correction, store, print. The store length is
 * counted in *bytes* (node-thermal-printer counts UTF-16 units, which corrupts non-ASCII data), and
 * we refuse non-ASCII anyway so every scanner reads the same string.
 */
export function qrCode(data: string, opts: { moduleSize?: number; correction?: QrCorrection } = {}): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(data)) throw new RangeError('QR data must be printable ASCII');
  const size = Math.max(1, Math.min(16, opts.moduleSize ?? 4));
  const ec = { L: 48, M: 49, Q: 50, H: 51 }[opts.correction ?? 'M'];
  const payload = Array.from(data, (c) => c.charCodeAt(0)); // ASCII checked above: 1 char = 1 byte
  const storeLen = payload.length + 3;
  if (storeLen > 7092) throw new RangeError('QR data too long');
  return Uint8Array.from([
    GS,
    0x28,
    0x6b,
    4,
    0,
    0x31,
    0x41,
    0x32,
    0x00, // fn 65: model 2
    GS,
    0x28,
    0x6b,
    3,
    0,
    0x31,
    0x43,
    size, // fn 67: module size
    GS,
    0x28,
    0x6b,
    3,
    0,
    0x31,
    0x45,
    ec, // fn 69: error correction
    GS,
    0x28,
    0x6b,
    storeLen & 0xff,
    storeLen >> 8,
    0x31,
    0x50,
    0x30,
    ...payload, // fn 80: store
    GS,
    0x28,
    0x6b,
    3,
    0,
    0x31,
    0x51,
    0x30, // fn 81: print
  ]);
}
