/**
 * A document as the paper shows it, computed from the model alone (no ESC/POS): alignment as
 * spaces, trailing spaces trimmed, characters as the profile's code page prints them (so an ASCII
 * profile shows "Sukru Isik"). The golden tests require decodeEscPos(encode(doc)) to equal this.
 */
import { printable, type TextEncoding } from '../escpos/codePages.js';
import { alignPad, cutLine } from '../escpos/decodeEscPos.js';
import { widthOf, wrap } from './layout.js';
import type { PrintDocument } from './types.js';

export interface PaperOptions {
  encoding: TextEncoding;
  /** Lines fed at each cut so the tear bar clears the text. */
  feedAfter: number;
  cutter: 'none' | 'partial' | 'full';
  /** Printer prints QR symbols; otherwise the QR data is printed as text. */
  qr: boolean;
}

export function documentToText(doc: PrintDocument, p: PaperOptions): string {
  const W = doc.width;
  const out: string[] = [];
  for (const l of doc.lines) {
    if (l.kind === 'text') {
      const shown = printable(l.text, p.encoding);
      const cols = [...shown].length * (l.wide ? 2 : 1);
      // A font B line is aligned on its own, finer grid (smallWidth columns), as the printer does.
      out.push((alignPad(cols, widthOf(l, W), l.align ?? 'left') + shown).trimEnd());
    } else if (l.kind === 'qr') {
      if (p.qr) {
        const label = `[QR: ${l.data}]`;
        out.push((alignPad(label.length, W, 'center') + label).trimEnd());
      } else out.push(...wrap(l.data, W));
    } else {
      for (let i = 0; i < p.feedAfter; i++) out.push('');
      if (p.cutter !== 'none') out.push(cutLine(W));
    }
  }
  return out.join('\n') + (out.length ? '\n' : '');
}

/** Lines (of the model) that do not fit the width: must be empty for every document we print. */
export function overlongLines(doc: PrintDocument): string[] {
  const bad: string[] = [];
  for (const l of doc.lines) if (l.kind === 'text' && [...l.text].length * (l.wide ? 2 : 1) > widthOf(l, doc.width)) bad.push(l.text);
  return bad;
}
