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

/** Visual columns a text line takes (double-width counts twice). */
export function columnsOf(line: Extract<DocLine, { kind: 'text' }>): number {
  return [...line.text].length * (line.wide ? 2 : 1);
}
