/**
 * Debounce of confirm screens (issue 19): a screen that records, prints or leaves for good on a
 * key (ScreenView.confirm) takes a key only after the crew paused since their previous key. A key
 * pressed before the screen was painted, a held key (auto-repeat) or a rhythm of "1"s / Enters
 * kept up through the preview comes too soon after the one before and is dropped; every dropped
 * key restarts the pause, so only a deliberate press after looking at the screen confirms.
 *
 * Times are the input events' own (`at`, the source's clock: only differences within one source
 * mean anything), so the rule holds however late the keys reach the router.
 */
import type { InputEvent } from '../../core/input/InputEvent.js';

/** The pause a confirm screen waits for (config input.confirmPauseMs default, src/config/schema.ts). */
export const DEFAULT_CONFIRM_PAUSE_MS = 400;

export class ConfirmGuard {
  private readonly last = new Map<string, number>();

  /**
   * Notes a key and says whether the screen may have it: always off a confirm screen, on one only
   * `pauseMs` after the previous key from the same source (0 turns the guard off).
   */
  accept(e: InputEvent, onConfirm: boolean, pauseMs: number): boolean {
    if (e.type !== 'key') return true;
    const prev = this.last.get(e.source);
    this.last.set(e.source, e.at);
    if (!onConfirm || pauseMs <= 0 || prev === undefined) return true;
    return e.at - prev >= pauseMs;
  }
}
