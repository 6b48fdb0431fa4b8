import type { InputKey } from './InputEvent.js';

/**
 * One key press before scan/typing classification. `name` is the physical key ('Enter', 'Tab',
 * 'a'...) so a terminator that is not an app key (Tab) can still end a scan; `key` is null for keys
 * the app does not use (they still end a typing burst but never reach the UI).
 */
export interface Stroke {
  t: number;
  key: InputKey | null;
  value?: string;
  name: string;
}

/** A profile's keymap: usage ID → app key, or 'none' to silence a key. */
export type Keymap = ReadonlyMap<number, InputKey | 'none'>;
