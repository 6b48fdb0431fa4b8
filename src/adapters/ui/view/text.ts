/**
 * Text on a fixed-width character screen. Everything the UI paints is a list of Lines of exactly
 * `cols` characters, so layout can be checked without a terminal. One code point is one column:
 * the catalogue and Turkish data hold no wide or combining characters (blessed runs with
 * fullUnicode off).
 */
export type Style = 'inverse' | 'bold';

export interface Seg {
  readonly text: string;
  readonly style?: Style;
}

export type Line = readonly Seg[];

export const width = (s: string): number => [...s].length;

/** Cuts to at most w columns, marking the cut with '…' so the crew sees something is missing. */
export function clip(s: string, w: number): string {
  if (w <= 0) return '';
  const cps = [...s];
  if (cps.length <= w) return s;
  return w === 1 ? '…' : cps.slice(0, w - 1).join('') + '…';
}

export function padRight(s: string, w: number): string {
  const n = width(s);
  return n >= w ? s : s + ' '.repeat(w - n);
}

/** Exactly w columns: clipped or padded. */
export const fit = (s: string, w: number): string => padRight(clip(s, w), w);

/** `left` then `right` flush to the right edge; `left` gives way when both do not fit. */
export function spread(left: string, right: string, w: number): string {
  const rw = width(right);
  if (rw >= w) return fit(right, w);
  return fit(left, Math.max(0, w - rw - 1)) + ' ' + right;
}

/**
 * Word-wraps to lines of at most w columns; words longer than a line are broken. Explicit '\n'
 * starts a new line. Never loses characters (only spaces at break points).
 */
export function wrap(s: string, w: number): string[] {
  if (w <= 0) return [];
  const out: string[] = [];
  for (const para of s.split('\n')) {
    let cur = '';
    for (const word of para.split(/ +/)) {
      let rest = word;
      while (width(rest) > w) {
        // A word that does not fit: fill the current line, then break the word.
        const room = cur === '' ? w : w - width(cur) - 1;
        if (room <= 0) {
          out.push(cur);
          cur = '';
          continue;
        }
        const cps = [...rest];
        const head = cps.slice(0, room).join('');
        out.push(cur === '' ? head : `${cur} ${head}`);
        cur = '';
        rest = cps.slice(room).join('');
      }
      if (rest === '') continue;
      if (cur === '') cur = rest;
      else if (width(cur) + 1 + width(rest) <= w) cur += ` ${rest}`;
      else {
        out.push(cur);
        cur = rest;
      }
    }
    out.push(cur);
  }
  return out;
}

export const line = (text: string, style?: Style): Line => [style ? { text, style } : { text }];
export const blank: Line = [{ text: '' }];

export const lineText = (l: Line): string => l.map((s) => s.text).join('');

/** Clips (with '…') or pads a line to exactly w columns, keeping segment styles. */
export function fitLine(l: Line, w: number, padStyle?: Style): Line {
  if (w <= 0) return [];
  const total = width(lineText(l));
  const seg = (text: string, style?: Style): Seg => (style ? { text, style } : { text });
  if (total <= w) return total === w ? l : [...l, seg(' '.repeat(w - total), padStyle)];
  const out: Seg[] = [];
  let room = w - 1;
  let lastStyle: Style | undefined;
  for (const s of l) {
    if (room <= 0) break;
    const take = [...s.text].slice(0, room);
    out.push(seg(take.join(''), s.style));
    lastStyle = s.style;
    room -= take.length;
  }
  out.push(seg('…', lastStyle));
  return out;
}

export function wrapLines(s: string, w: number, style?: Style): Line[] {
  return wrap(s, w).map((t) => line(t, style));
}
