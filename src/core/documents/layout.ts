/**
 * Column layout helpers. Every helper returns lines that fit `width`; nothing is cut off: long
 * names and addresses wrap at spaces, a word longer than the line (an ETTN, a hash) breaks hard.
 */
import type { DocLine } from './types.js';

/** Word-wrap to `width` columns, hard-breaking words that are longer than a line. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      let w = word;
      if (line && line.length + 1 + w.length <= width) {
        line += ' ' + w;
        continue;
      }
      if (line) {
        out.push(line);
        line = '';
      }
      while (w.length > width) {
        // Prefer breaking after a dash (ETTN, seal numbers) so the parts stay recognisable.
        const dash = w.lastIndexOf('-', width - 1);
        const cut = dash >= width / 2 ? dash + 1 : width;
        out.push(w.slice(0, cut));
        w = w.slice(cut);
      }
      line = w;
    }
    out.push(line);
  }
  return out;
}

export function text(t: string, style: Omit<Extract<DocLine, { kind: 'text' }>, 'kind' | 'text'> = {}): DocLine {
  return { kind: 'text', text: t, ...style };
}

export const blank: DocLine = { kind: 'text', text: '' };

export function rule(width: number, ch = '-'): DocLine {
  return { kind: 'text', text: ch.repeat(width) };
}

/** Wrapped paragraph, optionally styled and aligned. `wide` halves the room. */
export function para(t: string, width: number, style: Omit<Extract<DocLine, { kind: 'text' }>, 'kind' | 'text'> = {}): DocLine[] {
  return wrap(t, style.wide ? Math.floor(width / 2) : width).map((l) => text(l, style));
}

/**
 * "Label:      value" with the value right-aligned. When both do not fit on one line the label
 * goes first and the value follows right-aligned (or wrapped, if longer than the line).
 */
export function kv(label: string, value: string, width: number, style: { bold?: boolean } = {}): DocLine[] {
  const gap = width - label.length - value.length;
  if (gap >= 1) return [text(label + ' '.repeat(gap) + value, style)];
  const lines = wrap(label, width).map((l) => text(l, style));
  if (value.length <= width) lines.push(text(value.padStart(width), style));
  else lines.push(...wrap(value, width).map((l) => text(l, style)));
  return lines;
}

/** "Label: text that wraps" for names and addresses; continuation lines indented by two. */
export function labelled(label: string, value: string, width: number): DocLine[] {
  const first = `${label} ${value}`;
  if (first.length <= width) return [text(first)];
  const words = wrap(first, width);
  const [head = '', ...rest] = words;
  const tail = rest.join(' ');
  return [text(head), ...(tail ? wrap(tail, width - 2).map((l) => text('  ' + l)) : [])];
}

type TextLine = Extract<DocLine, { kind: 'text' }>;
type Style = Omit<TextLine, 'kind' | 'text'>;

/** Visual columns a text line takes (double-width counts twice), in its own font's columns. */
export function columnsOf(line: TextLine): number {
  return [...line.text].length * (line.wide ? 2 : 1);
}

/**
 * Font B columns on a line of `width` font A columns: the same dots (12 per font A character)
 * divided by font B's 9 (src/core/escpos/paperLength.ts FONT_A/FONT_B): 42 on 58 mm, 64 on 80 mm.
 */
export function smallWidth(width: number): number {
  return Math.floor((width * 12) / 9);
}

/** Columns available to a line: its font's. */
export function widthOf(line: TextLine, width: number): number {
  return line.small ? smallWidth(width) : width;
}

/** Small print (font B): a paragraph wrapped to the font B width. */
export function small(t: string, width: number, style: Style = {}): DocLine[] {
  return para(t, smallWidth(width), { ...style, small: true });
}

/** A rule in font B: the same line across the paper, 7 dots less paper than font A's. */
export function smallRule(width: number): DocLine {
  return { kind: 'text', text: '-'.repeat(smallWidth(width)), small: true };
}

/**
 * "Label value" in font B, value right after the label (not pushed to the far edge, so the slip
 * decoded at 32 or 48 columns still reads as one column); kv in font A when it does not fit.
 */
export function smallKv(label: string, value: string, width: number): DocLine[] {
  if (label.length + 1 + value.length <= smallWidth(width)) return [text(`${label} ${value}`, { small: true })];
  return kv(label, value, width);
}

/**
 * kv on one line: in font A when it fits, else in font B when it fits there (an ETTN: one line,
 * never three), else kv's two lines.
 */
export function kvOneLine(label: string, value: string, width: number): DocLine[] {
  if (label.length + 1 + value.length <= width) return kv(label, value, width);
  const w = smallWidth(width);
  if (label.length + 1 + value.length <= w) return [text(`${label} ${value}`, { small: true })];
  return kv(label, value, width);
}

/**
 * A paragraph on one line if it can be: font A when it fits, else font B when it fits there,
 * else wrapped in font A.
 */
export function oneLine(t: string, width: number, style: Style = {}): DocLine[] {
  if ([...t].length <= width || [...t].length > smallWidth(width)) return para(t, width, style);
  return [text(t, { ...style, small: true })];
}

/**
 * Two fields on one line, "A: 1      B: 2" (the second right-aligned), when both fit with two
 * spaces between; otherwise one kv line each. `small` lays them out in font B.
 */
export function pair(a: [string, string], b: [string, string], width: number, style: { small?: boolean; bold?: boolean } = {}): DocLine[] {
  const w = style.small ? smallWidth(width) : width;
  const left = `${a[0]} ${a[1]}`;
  const right = `${b[0]} ${b[1]}`;
  const gap = w - left.length - right.length;
  // Font B pairs sit close together (readable when decoded at 32 columns); font A spreads to the edge.
  if (gap >= 2) return [text(left + ' '.repeat(style.small ? 2 : gap) + right, style)];
  return style.small
    ? [...smallKv(a[0], a[1], width), ...smallKv(b[0], b[1], width)]
    : [...kv(a[0], a[1], width, style), ...kv(b[0], b[1], width, style)];
}

/**
 * A table in font B: a header row over value rows, columns spread over the line (at most three
 * spaces apart), the last column right-aligned. Undefined when the columns do not fit.
 */
export function smallTable(header: string[], rows: string[][], width: number): DocLine[] | undefined {
  const w = smallWidth(width);
  const cols = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const free = w - cols.reduce((a, c) => a + c, 0);
  if (header.length < 2 || free < 2 * (header.length - 1)) return undefined;
  const gap = Math.min(3, Math.floor(free / (header.length - 1)));
  const row = (r: string[]) =>
    header
      .map((_, i) => {
        const cell = r[i] ?? '';
        return i === header.length - 1 ? cell.padStart(cols[i] as number) : cell.padEnd((cols[i] as number) + gap);
      })
      .join('');
  return [header, ...rows].map((r) => text(row(r), { small: true }));
}

/** Fields as a small table (labels over values), or one smallKv per field when it does not fit. */
export function smallGrid(fields: [string, string][], width: number): DocLine[] {
  return (
    smallTable(
      fields.map((f) => f[0]),
      [fields.map((f) => f[1])],
      width,
    ) ?? fields.flatMap(([l, v]) => smallKv(`${l}:`, v, width))
  );
}
