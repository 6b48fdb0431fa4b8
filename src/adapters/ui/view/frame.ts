/**
 * The whole screen as lines: status bar, title, body, soft-key bar, and on top a modal or the demo
 * scan prompt. Pure, so layout at 40×15 and 80×24 is checked without a terminal; the blessed
 * painter only copies these lines onto the screen.
 *
 *   status (2 rows below 60 columns, else 1)   inverse
 *   title                                       bold
 *   body (the rest)
 *   F1 … F4 soft keys                            inverse
 */
import { blank, fit, fitLine, line, padRight, spread, width, wrap, type Line } from './text.js';

export interface Size {
  cols: number;
  rows: number;
}

export interface FrameLayout {
  statusRows: number;
  titleRow: number;
  bodyTop: number;
  bodyRows: number;
  keysRow: number;
}

/** Smallest screen every view is designed for: a Linux console with an 8×16 font on 320×240. */
export const MIN_SIZE: Size = { cols: 40, rows: 15 };

export function frameLayout(size: Size): FrameLayout {
  const rows = Math.max(size.rows, 5);
  const statusRows = size.cols >= 60 ? 1 : 2;
  return { statusRows, titleRow: statusRows, bodyTop: statusRows + 1, bodyRows: Math.max(1, rows - statusRows - 2), keysRow: rows - 1 };
}

/** Labels of F1..F4; undefined leaves the slot empty (the key does nothing there). */
export type SoftKeys = readonly [string?, string?, string?, string?];

/** A label on the soft-key bar: "F2 Kopya" or "Esc Geri", and the quarter of the bar it belongs to. */
interface BarLabel {
  readonly slot: number;
  /** "F2 " or "Esc ": never shortened, so the key stays readable when its label is cut. */
  readonly key: string;
  readonly label: string;
  readonly esc: boolean;
}

/** The label in `room` columns: whole, or cut with '…' (no space left before it). */
function barText(b: BarLabel, room: number): string {
  if (width(b.label) <= room) return b.key + b.label;
  const kept = [...b.label].slice(0, Math.max(1, room - 1)).join('');
  return `${b.key}${kept.trimEnd()}…`;
}

/**
 * Where each label starts, one space at least between two, nothing past `cols`; null when they do
 * not fit. An F label wants the start of its quarter (under its key), Esc the end of its quarter
 * (one space short of a label right after it); a label that runs over pushes the next one right,
 * and the bar's right edge pushes them back left.
 */
function place(texts: readonly string[], bar: readonly BarLabel[], cols: number): number[] | null {
  const slot = Math.floor(cols / 4);
  const starts: number[] = [];
  let free = 0;
  bar.forEach((b, i) => {
    const end = b.slot === 3 ? cols : slot * (b.slot + 1);
    const gap = bar[i + 1]?.slot === b.slot + 1 ? 1 : 0;
    const want = b.esc ? Math.max(slot * b.slot, end - gap - width(texts[i]!)) : slot * b.slot;
    starts.push(Math.max(want, free));
    free = starts[i]! + width(texts[i]!) + 1;
  });
  let limit = cols;
  for (let i = bar.length - 1; i >= 0; i--) {
    starts[i] = Math.min(starts[i]!, limit - width(texts[i]!));
    limit = starts[i]! - 1;
  }
  return bar.length === 0 || starts[0]! >= 0 ? starts : null;
}

/**
 * The soft-key bar. `back` (what Esc does) takes the rightmost free slot as "Esc <label>" (issue 19:
 * every screen shows its way back); with no free slot the screen's own hint must say it.
 *
 * Labels are never glued together ("Esc GeriF4 İşi aç"): at least one space parts any two. When
 * they do not fit their quarters they move aside (place); when the whole bar does not fit, the
 * longest label is shortened with '…' one column at a time (its "F3 " kept), down to one letter;
 * below that, which only a bar narrower than 40 columns reaches, F labels are dropped from the
 * right, the Esc label last.
 */
export function renderSoftKeys(keys: SoftKeys, cols: number, back?: string): Line {
  let esc = -1;
  if (back) for (let i = 3; i >= 0 && esc < 0; i--) if (!keys[i]) esc = i;
  let bar: BarLabel[] = [];
  for (let i = 0; i < 4; i++) {
    const label = i === esc ? back : keys[i];
    if (label) bar.push({ slot: i, key: i === esc ? 'Esc ' : `F${i + 1} `, label, esc: i === esc });
  }
  for (;;) {
    const room = bar.map((b) => width(b.label));
    for (;;) {
      const texts = bar.map((b, i) => barText(b, room[i]!));
      const starts = place(texts, bar, cols);
      if (starts) {
        let out = '';
        texts.forEach((t, i) => (out = padRight(out, starts[i]!) + t));
        return [{ text: fit(out, cols), style: 'inverse' }];
      }
      // Shorten the longest label (by its room; the leftmost of equals) by one column, down to "x…".
      let longest = -1;
      room.forEach((r, i) => {
        if (r > 2 && (longest < 0 || r > room[longest]!)) longest = i;
      });
      if (longest < 0) break;
      room[longest]!--;
    }
    if (bar.length <= 1) return [{ text: fit(bar[0] ? barText(bar[0], 2) : '', cols), style: 'inverse' }];
    const drop = bar.map((b) => b.esc).lastIndexOf(false);
    bar = bar.filter((_, i) => i !== (drop < 0 ? bar.length - 1 : drop));
  }
}

export interface ModalView {
  title: string;
  body: string;
  footer: string;
}

/** Lines of a modal box of inner width w: title, wrapped body, footer; inverse so it stands out. */
export function modalLines(m: ModalView, w: number, maxRows: number): Line[] {
  const inner = Math.max(1, w - 2);
  const body = wrap(m.body, inner);
  const room = Math.max(0, maxRows - 4);
  const shown = body.length > room ? [...body.slice(0, Math.max(0, room - 1)), '…'] : body;
  const row = (t: string): Line => [{ text: ` ${fit(t, inner)} `, style: 'inverse' }];
  return [row(''), row(m.title), row(''), ...shown.map(row), row(m.footer)].slice(0, maxRows);
}

export interface FrameInput {
  status: readonly Line[];
  title: string;
  /** Right-aligned on the title row (progress, step). */
  titleRight?: string;
  body: readonly Line[];
  keys: SoftKeys;
  /** What Esc does, shown on the soft-key bar (renderSoftKeys). */
  back?: string | undefined;
  modal?: ModalView | undefined;
  /** The demo scan prompt text when it is open. */
  prompt?: string | undefined;
}

export function composeFrame(f: FrameInput, size: Size): Line[] {
  const { cols } = size;
  const L = frameLayout(size);
  const out: Line[] = [];
  for (let i = 0; i < L.statusRows; i++) out.push(fitLine(f.status[i] ?? blank, cols, 'inverse'));
  out.push(line(spread(f.title, f.titleRight ?? '', cols), 'bold'));
  for (let i = 0; i < L.bodyRows; i++) out.push(fitLine(f.body[i] ?? blank, cols));
  out.push(renderSoftKeys(f.keys, cols, f.back));

  if (f.modal) {
    const w = Math.min(cols, Math.max(30, Math.min(cols - 4, 60)));
    const left = Math.floor((cols - w) / 2);
    const box = modalLines(f.modal, w, L.bodyRows + 1);
    const top = L.titleRow + Math.max(0, Math.floor((L.bodyRows + 1 - box.length) / 2));
    // The modal's rows replace whole screen rows: half-covered text beside it would only confuse.
    box.forEach((b, i) => {
      out[top + i] = fitLine([{ text: ' '.repeat(left) }, ...b], cols);
    });
  }
  if (f.prompt !== undefined) {
    out[L.keysRow - 1] = line(fit(f.prompt, cols), 'inverse');
  }
  return out;
}
