/**
 * ESC/POS bytes → what the customer reads on the slip. Pure. Used by the virtual printer, the
 * golden tests and `saha escpos-decode` (a technician's tool for captures from real printers), so
 * it follows the printer, not our encoder: ESC @ resets the code page and modes, alignment counts
 * only at the start of a line, a line longer than the paper wraps (and is reported), data without
 * a final LF is never printed.
 */
import { decodeByte, type TextEncoding } from './codePages.js';
import { DEFAULT_CODE_TABLES } from './printerProfile.js';

export type Align = 'left' | 'center' | 'right';

export interface DecodedSpan {
  text: string;
  bold: boolean;
  underline: boolean;
  widthMul: number;
  heightMul: number;
  /** Font B (ESC M 1 / ESC ! 1): 9×17 dots instead of font A's 12×24. */
  fontB: boolean;
}

export type DecodedLine =
  /** `columns` counts in font B's columns when the whole line is font B, else in font A's. */
  | { kind: 'text'; align: Align; spans: DecodedSpan[]; columns: number; text: string }
  | { kind: 'qr'; align: Align; data: string; moduleSize: number; text: string }
  | { kind: 'image'; align: Align; widthDots: number; heightDots: number; text: string }
  | { kind: 'cut'; text: string };

export interface DecodedSlip {
  width: number;
  lines: DecodedLine[];
  /** The slip as text: one line per printed line, alignment as spaces, trailing spaces trimmed. */
  text: string;
  qr: string[];
  /** DLE EOT n queries seen (they print nothing). */
  statusQueries: number[];
  warnings: string[];
}

export interface DecodeOptions {
  /** Characters per line (profile.columns). */
  width: number;
  /** ESC t number → encoding on this printer (profile); defaults to Epson numbering + 61 for clone PC857. */
  codeTables?: Record<number, TextEncoding>;
}

export const CUT_MARK = '✂';

/** Font B columns on a line of `width` font A columns (12-dot cells regridded to 9). */
export function fontBColumns(width: number): number {
  return Math.floor((width * 12) / 9);
}

/** How a line of `columns` visual columns sits on paper `width` wide. */
export function alignPad(columns: number, width: number, align: Align): string {
  const free = Math.max(0, width - columns);
  return ' '.repeat(align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0);
}

export function cutLine(width: number): string {
  return `${CUT_MARK}${'-'.repeat(width - 1)}`;
}

export function decodeEscPos(input: Uint8Array, opts: DecodeOptions): DecodedSlip {
  const W = opts.width;
  const tables = opts.codeTables ?? DEFAULT_CODE_TABLES;
  const b = input;
  const lines: DecodedLine[] = [];
  const warnings: string[] = [];
  const statusQueries: number[] = [];
  const qrs: string[] = [];

  const fresh = () => ({
    enc: (tables[0] ?? 'pc437') as TextEncoding,
    align: 'left' as Align,
    bold: false,
    underline: false,
    w: 1,
    h: 1,
    fontB: false,
  });
  let st = fresh();
  let spans: DecodedSpan[] = [];
  // Dots used on the line: font A cells are 12 dots, font B 9; the paper holds W × 12.
  let dots = 0;
  let lineAlign: Align = 'left';
  let qrData = '';
  let qrSize = 3;

  const hasContent = () => spans.length > 0;
  const endLine = () => {
    const text = spans.map((s) => s.text).join('');
    const align = hasContent() ? lineAlign : st.align;
    // A line all in font B is aligned on font B's grid (as documentToText lays it out).
    const small = hasContent() && spans.every((s) => s.fontB);
    const columns = small ? dots / 9 : Math.ceil(dots / 12);
    const pad = alignPad(columns, small ? fontBColumns(W) : W, align);
    lines.push({ kind: 'text', align, spans, columns, text: (pad + text).trimEnd() });
    spans = [];
    dots = 0;
  };
  const addChar = (ch: string) => {
    const cell = (st.fontB ? 9 : 12) * st.w;
    if (dots + cell > W * 12) {
      warnings.push(`line ${lines.length + 1} longer than ${W} columns: wrapped`);
      endLine();
    }
    if (!hasContent()) lineAlign = st.align;
    const last = spans[spans.length - 1];
    if (
      last &&
      last.bold === st.bold &&
      last.underline === st.underline &&
      last.widthMul === st.w &&
      last.heightMul === st.h &&
      last.fontB === st.fontB
    )
      last.text += ch;
    else spans.push({ text: ch, bold: st.bold, underline: st.underline, widthMul: st.w, heightMul: st.h, fontB: st.fontB });
    dots += cell;
  };
  const alignOf = (n: number): Align => (n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left');
  const need = (i: number, n: number, what: string): boolean => {
    if (i + n <= b.length) return true;
    warnings.push(`truncated ${what} at byte ${i}`);
    return false;
  };

  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c === 0x0a) {
      endLine();
      i++;
      continue;
    }
    if (c === 0x10) {
      // DLE
      if (b[i + 1] === 0x04 && i + 2 < b.length) {
        statusQueries.push(b[i + 2] as number);
        i += 3;
        continue;
      }
      if (b[i + 1] === 0x14) {
        i += 5;
        continue;
      } // DLE DC4 real-time request: fn m t
      i++;
      continue;
    }
    if (c === 0x1b) {
      // ESC
      const cmd = b[i + 1];
      const p = b[i + 2] ?? 0;
      if (cmd === undefined) {
        warnings.push(`truncated ESC at byte ${i}`);
        break;
      }
      const ch = String.fromCharCode(cmd);
      if (ch === '@') {
        if (hasContent()) warnings.push('ESC @ discarded unprinted text');
        spans = [];
        dots = 0;
        st = fresh();
        i += 2;
        continue;
      }
      if (ch === 'd') {
        if (!need(i, 3, 'ESC d')) break;
        if (p === 0) {
          if (hasContent()) endLine();
        } else for (let k = 0; k < p; k++) endLine();
        i += 3;
        continue;
      }
      if (ch === 'J') {
        if (!need(i, 3, 'ESC J')) break;
        if (hasContent()) endLine();
        i += 3;
        continue;
      }
      if (ch === 't') {
        if (!need(i, 3, 'ESC t')) break;
        const enc = tables[p];
        if (!enc) warnings.push(`ESC t ${p}: unknown code table, decoded as PC437`);
        st.enc = enc ?? 'pc437';
        i += 3;
        continue;
      }
      if (ch === 'a') {
        if (!need(i, 3, 'ESC a')) break;
        st.align = alignOf(p);
        if (!hasContent()) lineAlign = st.align;
        i += 3;
        continue;
      }
      if (ch === 'E' || ch === 'G') {
        if (!need(i, 3, `ESC ${ch}`)) break;
        st.bold = (p & 1) === 1;
        i += 3;
        continue;
      }
      if (ch === '-') {
        if (!need(i, 3, 'ESC -')) break;
        st.underline = (p & 3) !== 0;
        i += 3;
        continue;
      }
      if (ch === '!') {
        if (!need(i, 3, 'ESC !')) break;
        st.bold = (p & 0x08) !== 0;
        st.h = p & 0x10 ? 2 : 1;
        st.w = p & 0x20 ? 2 : 1;
        st.underline = (p & 0x80) !== 0;
        st.fontB = (p & 0x01) !== 0;
        i += 3;
        continue;
      }
      if (ch === 'M') {
        if (!need(i, 3, 'ESC M')) break;
        st.fontB = (p & 1) === 1;
        i += 3;
        continue;
      }
      if ('2'.includes(ch)) {
        i += 2;
        continue;
      }
      if ('3 %RUV{=re'.includes(ch) || ch === ' ') {
        i += 3;
        continue;
      }
      if ('$\\Bc'.includes(ch)) {
        i += 4;
        continue;
      }
      if (ch === 'p') {
        i += 5;
        continue;
      }
      warnings.push(`unknown ESC 0x${cmd.toString(16)} at byte ${i}`);
      i += 2;
      continue;
    }
    if (c === 0x1d) {
      // GS
      const cmd = b[i + 1];
      if (cmd === undefined) {
        warnings.push(`truncated GS at byte ${i}`);
        break;
      }
      const ch = String.fromCharCode(cmd);
      if (ch === '!') {
        if (!need(i, 3, 'GS !')) break;
        const n = b[i + 2] as number;
        st.w = ((n >> 4) & 7) + 1;
        st.h = (n & 7) + 1;
        i += 3;
        continue;
      }
      if (ch === 'V') {
        if (!need(i, 3, 'GS V')) break;
        const m = b[i + 2] as number;
        if (hasContent()) endLine();
        lines.push({ kind: 'cut', text: cutLine(W) });
        i += m >= 65 ? 4 : 3;
        continue;
      }
      if (ch === '(') {
        if (!need(i, 5, 'GS (')) break;
        const fnClass = b[i + 2];
        const len = (b[i + 3] as number) + (b[i + 4] as number) * 256;
        if (!need(i, 5 + len, 'GS ( parameters')) break;
        if (fnClass === 0x6b && b[i + 5] === 0x31) {
          const fn = b[i + 6];
          if (fn === 0x43) qrSize = b[i + 7] as number;
          if (fn === 0x50) qrData = String.fromCharCode(...b.subarray(i + 8, i + 5 + len));
          if (fn === 0x51) {
            if (hasContent()) endLine();
            const label = `[QR: ${qrData}]`;
            lines.push({
              kind: 'qr',
              align: st.align,
              data: qrData,
              moduleSize: qrSize,
              text: (alignPad(label.length, W, st.align) + label).trimEnd(),
            });
            qrs.push(qrData);
          }
        }
        i += 5 + len;
        continue;
      }
      if (ch === 'v' && b[i + 2] === 0x30) {
        if (!need(i, 8, 'GS v 0')) break;
        const x = (b[i + 4] as number) + (b[i + 5] as number) * 256;
        const y = (b[i + 6] as number) + (b[i + 7] as number) * 256;
        if (hasContent()) endLine();
        const label = `[IMAGE ${x * 8}x${y}]`;
        lines.push({
          kind: 'image',
          align: st.align,
          widthDots: x * 8,
          heightDots: y,
          text: (alignPad(label.length, W, st.align) + label).trimEnd(),
        });
        i += 8 + x * y;
        continue;
      }
      if (ch === 'k') {
        const m = b[i + 2] ?? 0;
        let data = '';
        if (m <= 6) {
          let j = i + 3;
          while (j < b.length && b[j] !== 0) data += String.fromCharCode(b[j++] as number);
          i = j + 1;
        } else {
          const n = b[i + 3] ?? 0;
          data = String.fromCharCode(...b.subarray(i + 4, i + 4 + n));
          i += 4 + n;
        }
        if (hasContent()) endLine();
        const label = `[BARCODE: ${data}]`;
        lines.push({
          kind: 'text',
          align: st.align,
          spans: [{ text: label, bold: false, underline: false, widthMul: 1, heightMul: 1, fontB: false }],
          columns: label.length,
          text: (alignPad(label.length, W, st.align) + label).trimEnd(),
        });
        continue;
      }
      if ('BbHhwfaIr'.includes(ch)) {
        i += 3;
        continue;
      }
      if ('LW'.includes(ch)) {
        i += 4;
        continue;
      }
      warnings.push(`unknown GS 0x${cmd.toString(16)} at byte ${i}`);
      i += 2;
      continue;
    }
    if (c < 0x20 || c === 0x7f) {
      i++;
      continue;
    } // CR, HT and other controls print nothing here
    addChar(decodeByte(c, st.enc));
    i++;
  }
  if (hasContent()) warnings.push('text after the last LF stays in the printer buffer (not printed)');

  return { width: W, lines, text: lines.map((l) => l.text).join('\n') + (lines.length ? '\n' : ''), qr: qrs, statusQueries, warnings };
}
