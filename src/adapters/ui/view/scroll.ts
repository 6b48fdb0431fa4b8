/**
 * A body that scrolls (issue 19: the cut-gate screen showed 5 of its 10 lines at 40×15 with no
 * hint that more existed). The body is a scrolling part and a pinned bottom (the field being typed,
 * the keys hint, a message), as in `pinned` (widgets.ts), but nothing of the top is ever lost: when
 * it does not fit, it is laid out again one column narrower and the freed last column carries "↑"
 * on the first visible line when lines are hidden above and "↓" on the last when lines are hidden
 * below. ↑/↓ move one line, PgUp/PgDn (and ←/→ on a keypad without them) a page, Home/End to the
 * ends; `Scroller` holds the offset for a screen.
 */
import type { InputEvent } from '../../../core/input/InputEvent.js';
import { fitLine, line, type Line } from './text.js';

export interface ScrollParts {
  /** The part that scrolls, most important first. */
  top: readonly Line[];
  /** Always shown under it; keeps its tail when it alone is taller than the body. */
  bottom: readonly Line[];
}

export interface ScrollLayout {
  body: Line[];
  /** The first visible line of `top`, clamped. */
  offset: number;
  /** Rows available to `top` (a page). */
  page: number;
  /** Largest useful offset; 0 when everything fits. */
  maxOffset: number;
}

export const MORE_BELOW = '↓';
export const MORE_ABOVE = '↑';

/**
 * Lays `build(cols)` out in `rows`. `build` is called with the full width first; only when its top
 * overflows is it called again with `cols - 1`, so a body that fits looks exactly as before.
 */
export function scrollBody(build: (cols: number) => ScrollParts, cols: number, rows: number, offset: number): ScrollLayout {
  let parts = build(cols);
  const bottomRows = Math.min(parts.bottom.length, rows);
  const page = Math.max(0, rows - bottomRows);
  if (parts.top.length <= page) return { body: fill(parts.top, parts.bottom, rows, page), offset: 0, page, maxOffset: 0 };
  parts = build(Math.max(1, cols - 1));
  const bottom = parts.bottom.slice(parts.bottom.length - Math.min(parts.bottom.length, rows));
  const room = Math.max(0, rows - bottom.length);
  const maxOffset = Math.max(0, parts.top.length - room);
  const off = Math.min(Math.max(0, offset), maxOffset);
  const shown = parts.top.slice(off, off + room).map((l) => fitLine(l, cols - 1));
  if (shown.length > 0) {
    if (off > 0) shown[0] = [...shown[0]!, { text: MORE_ABOVE, style: 'bold' }];
    if (off < maxOffset) shown[shown.length - 1] = [...shown[shown.length - 1]!, { text: MORE_BELOW, style: 'bold' }];
  }
  return { body: fill(shown, bottom, rows, room), offset: off, page: room, maxOffset };
}

function fill(top: readonly Line[], bottom: readonly Line[], rows: number, room: number): Line[] {
  const b = bottom.slice(Math.max(0, bottom.length - rows));
  const t = top.slice(0, room);
  return [...t, ...Array.from({ length: Math.max(0, room - t.length) }, () => line('')), ...b];
}

export type ScrollKey = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageup' | 'pagedown';

/** The offset after a scroll key (unclamped above: the next layout clamps it). */
export function scrollOffset(offset: number, key: ScrollKey, page: number, maxOffset: number): number {
  const p = Math.max(1, page - 1);
  const next =
    key === 'home'
      ? 0
      : key === 'end'
        ? maxOffset
        : offset + (key === 'up' ? -1 : key === 'down' ? 1 : key === 'pageup' || key === 'left' ? -p : p);
  return Math.min(Math.max(0, next), maxOffset);
}

/**
 * A screen's scroll position. `paint` lays a body out and remembers how far it can go; `key` takes
 * a scroll key when there is something to scroll (returns false otherwise, so the key can mean
 * something else); `reset` goes back to the top (a new step).
 */
export class Scroller {
  private offset = 0;
  private page = 1;
  private max = 0;
  private keyOf: string | undefined;

  /** `key` identifies what is shown: when it changes, the body starts at its top again. */
  paint(build: (cols: number) => ScrollParts, cols: number, rows: number, key?: string): Line[] {
    if (key !== undefined && key !== this.keyOf) {
      this.keyOf = key;
      this.offset = 0;
    }
    const l = scrollBody(build, cols, rows, this.offset);
    this.offset = l.offset;
    this.page = l.page;
    this.max = l.maxOffset;
    return l.body;
  }

  /** True when the last painted body did not fit. */
  get scrolls(): boolean {
    return this.max > 0;
  }

  /**
   * Takes a scroll key when the body overflows. `arrows`: whether ↑/↓ (and ←/→) scroll here or
   * belong to the screen (a pick list, a field toggle); PgUp/PgDn/Home/End always scroll.
   */
  key(e: InputEvent, arrows = true): boolean {
    if (e.type !== 'key' || this.max <= 0) return false;
    const k = e.key;
    const always = k === 'home' || k === 'end' || k === 'pageup' || k === 'pagedown';
    const arrow = k === 'up' || k === 'down' || k === 'left' || k === 'right';
    if (!always && !(arrow && arrows)) return false;
    this.offset = scrollOffset(this.offset, k as ScrollKey, this.page, this.max);
    return true;
  }

  reset(): void {
    this.offset = 0;
  }
}
