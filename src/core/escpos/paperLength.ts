/**
 * How much paper a stream of ESC/POS bytes uses: walks the bytes as the printer does and adds up
 * the vertical movement, in dots and millimetres. Pure. It is what the `invoice_paper_mm` benchmark
 * measures (docs/invoice.md "Paper"), so it reads the bytes we actually send, not the model.
 *
 * The model (Epson ESC/POS; one vertical motion unit = one dot, as on the shipped printers):
 *  - a printed line advances max(line spacing, tallest glyph on it): font A is 12×24 dots, font B
 *    9×17, times the GS ! / ESC ! height multiplier. An empty line (LF alone) advances the spacing.
 *  - line spacing is 1/6 inch after ESC @ and ESC 2, n dots after ESC 3 n.
 *  - ESC d n prints and feeds n lines; ESC J n prints and feeds n dots.
 *  - a QR symbol (GS ( k fn 81) is modules × module size high, its version computed from the
 *    stored data and error-correction level (qrSize.ts); quiet zone not included.
 *  - a raster image (GS v 0) is its height in dots (doubled for modes 2 and 3); an ESC * bit image
 *    band counts as a glyph 8 or 24 dots high; a barcode (GS k) its GS h height (default 162).
 *  - a line wider than the paper (columns × 12 dots) wraps onto a new line, as the printer does.
 *  - text after the last LF is never printed and takes no paper; a cutter's own feed to the blade is
 *    not in the bytes and not counted (only the n of GS V 65/66 n).
 */
import type { QrCorrection } from './commands.js';
import { qrModules, qrVersion } from './qrSize.js';

export const FONT_A = { width: 12, height: 24 } as const;
export const FONT_B = { width: 9, height: 17 } as const;

export interface PaperOptions {
  /** Print head dots per inch (profile.dpi). */
  dpi: number;
  /** Font A characters per line (profile.columns): the printable width is columns × 12 dots. */
  columns: number;
}

export interface PaperLength {
  /** Total paper in millimetres, one decimal. */
  mm: number;
  /** Total vertical movement in dots. */
  dots: number;
  /** Lines with something printed on them, and the dots they took. */
  textLines: number;
  textDots: number;
  /** Blank lines and feeds (LF alone, ESC d, ESC J, GS V n). */
  feedDots: number;
  qrDots: number;
  imageDots: number;
  /** Each QR symbol printed: version, modules on a side, module size in dots. */
  qr: { version: number; modules: number; moduleSize: number }[];
  warnings: string[];
}

const EC: Record<number, QrCorrection> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

export function paperLength(input: Uint8Array, opts: PaperOptions): PaperLength {
  const b = input;
  const widthDots = opts.columns * FONT_A.width;
  const defaultSpacing = opts.dpi / 6;
  const r: PaperLength = { mm: 0, dots: 0, textLines: 0, textDots: 0, feedDots: 0, qrDots: 0, imageDots: 0, qr: [], warnings: [] };

  let spacing = defaultSpacing;
  let fontB = false;
  let hMul = 1;
  let wMul = 1;
  let lineHeight = 0; // tallest thing on the pending line; 0 = nothing printed on it yet
  let x = 0;
  let qrSize = 3;
  let qrEc: QrCorrection = 'L';
  let qrBytes = 0;
  let barcodeHeight = 162;

  const reset = () => {
    spacing = defaultSpacing;
    fontB = false;
    hMul = 1;
    wMul = 1;
    lineHeight = 0;
    x = 0;
  };
  /** Print the pending line (if any) and move the paper by `feed`, at least the line's height. */
  const advance = (feed: number) => {
    if (lineHeight > 0) {
      r.textLines++;
      r.textDots += Math.max(feed, lineHeight);
    } else r.feedDots += feed;
    lineHeight = 0;
    x = 0;
  };
  const flush = () => {
    if (lineHeight > 0) advance(spacing);
  };
  const glyph = (width: number, height: number) => {
    if (x > 0 && x + width > widthDots) advance(spacing);
    x += width;
    lineHeight = Math.max(lineHeight, height);
  };
  const has = (i: number, n: number, what: string) => {
    if (i + n <= b.length) return true;
    r.warnings.push(`truncated ${what} at byte ${i}`);
    return false;
  };

  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c === 0x0a) {
      advance(spacing);
      i++;
    } else if (c === 0x10) {
      i += b[i + 1] === 0x04 ? 3 : b[i + 1] === 0x14 ? 5 : 1;
    } else if (c === 0x1b) {
      const cmd = b[i + 1];
      if (cmd === undefined || !has(i, 2, 'ESC')) break;
      const n = b[i + 2] ?? 0;
      const ch = String.fromCharCode(cmd);
      if (ch === '@') {
        reset();
        i += 2;
        continue;
      }
      if (ch === '2') {
        spacing = defaultSpacing;
        i += 2;
        continue;
      }
      if (!has(i, 3, `ESC ${ch}`)) break;
      if (ch === '3') spacing = n;
      else if (ch === 'M') fontB = (n & 1) === 1;
      else if (ch === '!') {
        fontB = (n & 1) === 1;
        hMul = n & 0x10 ? 2 : 1;
        wMul = n & 0x20 ? 2 : 1;
      } else if (ch === 'd') {
        if (n === 0) flush();
        for (let k = 0; k < n; k++) advance(spacing);
      } else if (ch === 'J') advance(n);
      if ('$\\Bc'.includes(ch)) i += 4;
      else if (ch === 'p') i += 5;
      else if (ch === '*') {
        if (!has(i, 5, 'ESC *')) break;
        const cols = n >= 32 ? 3 : 1;
        const dotsWide = ((b[i + 3] as number) + (b[i + 4] as number) * 256) * (n & 1 ? 1 : 2);
        glyph(dotsWide, cols * 8);
        i += 5 + ((b[i + 3] as number) + (b[i + 4] as number) * 256) * cols;
      } else i += 3;
    } else if (c === 0x1d) {
      const cmd = b[i + 1];
      if (cmd === undefined || !has(i, 3, 'GS')) break;
      const ch = String.fromCharCode(cmd);
      const n = b[i + 2] as number;
      if (ch === '!') {
        hMul = (n & 7) + 1;
        wMul = ((n >> 4) & 7) + 1;
        i += 3;
      } else if (ch === 'h') {
        barcodeHeight = n;
        i += 3;
      } else if (ch === 'V') {
        flush();
        if (n >= 65) {
          if (!has(i, 4, 'GS V')) break;
          r.feedDots += b[i + 3] as number;
          i += 4;
        } else i += 3;
      } else if (ch === '(') {
        if (!has(i, 5, 'GS (')) break;
        const len = (b[i + 3] as number) + (b[i + 4] as number) * 256;
        if (!has(i, 5 + len, 'GS ( parameters')) break;
        if (n === 0x6b && b[i + 5] === 0x31) {
          const fn = b[i + 6];
          if (fn === 0x43) qrSize = b[i + 7] as number;
          if (fn === 0x45) qrEc = EC[b[i + 7] as number] ?? qrEc;
          if (fn === 0x50) qrBytes = len - 3;
          if (fn === 0x51) {
            flush();
            const version = qrVersion(qrBytes, qrEc);
            const modules = qrModules(version);
            r.qr.push({ version, modules, moduleSize: qrSize });
            r.qrDots += modules * qrSize;
          }
        }
        i += 5 + len;
      } else if (ch === 'v' && n === 0x30) {
        if (!has(i, 8, 'GS v 0')) break;
        const m = b[i + 3] as number;
        const xBytes = (b[i + 4] as number) + (b[i + 5] as number) * 256;
        const y = (b[i + 6] as number) + (b[i + 7] as number) * 256;
        flush();
        r.imageDots += y * (m & 2 ? 2 : 1);
        i += 8 + xBytes * y;
      } else if (ch === 'k') {
        flush();
        r.imageDots += barcodeHeight;
        if (n <= 6) {
          let j = i + 3;
          while (j < b.length && b[j] !== 0) j++;
          i = j + 1;
        } else i += 4 + (b[i + 3] ?? 0);
      } else if ('LWP'.includes(ch)) {
        if (ch === 'P') r.warnings.push('GS P changes the motion units: figures assume one unit = one dot');
        i += 4;
      } else i += 3;
    } else {
      // Printable bytes (every code page byte from 0x20 up, except DEL) take a glyph cell.
      if (c >= 0x20 && c !== 0x7f) glyph((fontB ? FONT_B.width : FONT_A.width) * wMul, (fontB ? FONT_B.height : FONT_A.height) * hMul);
      i++;
    }
  }
  if (lineHeight > 0) r.warnings.push('text after the last LF stays in the printer buffer (not printed)');
  r.dots = r.textDots + r.feedDots + r.qrDots + r.imageDots;
  r.mm = Math.round(((r.dots * 25.4) / opts.dpi) * 10) / 10;
  return r;
}
