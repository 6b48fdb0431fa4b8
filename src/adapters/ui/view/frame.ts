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
import { blank, fit, fitLine, line, spread, wrap, type Line, type Seg } from './text.js';

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

/**
 * The soft-key bar. `back` (what Esc does) takes the rightmost free slot as "Esc <label>" (issue 19:
 * every screen shows its way back); with no free slot the screen's own hint must say it.
 */
export function renderSoftKeys(keys: SoftKeys, cols: number, back?: string): Line {
  const slot = Math.floor(cols / 4);
  const segs: Seg[] = [];
  let esc = -1;
  if (back) for (let i = 3; i >= 0 && esc < 0; i--) if (!keys[i]) esc = i;
  for (let i = 0; i < 4; i++) {
    const label = keys[i];
    const w = i === 3 ? cols - slot * 3 : slot;
    // Right-aligned, so it never runs into the label before it.
    const text = i === esc ? `Esc ${back}`.padStart(w) : label ? `F${i + 1} ${label}` : '';
    segs.push({ text: fit(text, w), style: 'inverse' });
  }
  return segs;
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
