/**
 * Which rows of a long list are on screen. Only these rows are ever built into text, so a list of
 * 10,000 jobs costs the same to paint as a list of ten (blessed's list widget builds an element per
 * item, docs/implementation-notes.md §5, so it is not used).
 */
export interface ListWindow {
  /** Index of the first visible row. */
  top: number;
  /** One past the last visible row. */
  end: number;
  /** The selection, clamped into the list (-1 when the list is empty). */
  selected: number;
}

/**
 * Keeps `prevTop` when the selection is still visible (the list does not jump under the crew's
 * eyes), otherwise scrolls just enough to show it.
 */
export function listWindow(total: number, selected: number, height: number, prevTop = 0): ListWindow {
  if (total <= 0 || height <= 0) return { top: 0, end: 0, selected: total <= 0 ? -1 : Math.min(Math.max(selected, 0), total - 1) };
  const sel = Math.min(Math.max(selected, 0), total - 1);
  let top = Math.min(Math.max(prevTop, 0), Math.max(0, total - height));
  if (sel < top) top = sel;
  else if (sel >= top + height) top = sel - height + 1;
  return { top, end: Math.min(total, top + height), selected: sel };
}

/** Keys that move a list's selection. */
export const LIST_KEYS = ['up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

export function isListKey(k: string): k is ListKey {
  return (LIST_KEYS as readonly string[]).includes(k);
}

/**
 * The selection after a movement key: arrows up/down move one; left/right and PgUp/PgDn one page
 * (a keypad without PgUp/PgDn still pages); Home/End the first / last row. Clamped.
 */
export function moveSelection(selected: number, total: number, key: ListKey, page: number): number {
  if (total <= 0) return -1;
  const p = Math.max(1, page);
  const target =
    key === 'home'
      ? 0
      : key === 'end'
        ? total - 1
        : selected + (key === 'up' ? -1 : key === 'down' ? 1 : key === 'left' || key === 'pageup' ? -p : p);
  return Math.min(Math.max(target, 0), total - 1);
}
