import { USAGE_ERROR_MAX } from './usbKeyboardUsages.js';

/**
 * Pure decoder for USB HID boot keyboard reports: byte 0 modifiers, byte 1 reserved, bytes 2–7 up
 * to six usage IDs (HID 1.11 App. B). A key press is an *edge*: a usage that was not in the previous
 * report. So a held key (the same report repeated) is one press, and "11" needs the release report
 * in between, exactly as the device sends it.
 */
export interface BootState {
  readonly pressed: readonly number[];
}

export interface KeyPress {
  usage: number;
  /** Modifier byte: bit 0 LCtrl, 1 LShift, 2 LAlt, 3 LGUI, 4 RCtrl, 5 RShift, 6 RAlt, 7 RGUI. */
  modifiers: number;
}

export interface BootFormat {
  /** Numbered reports: hidapi puts the report ID in byte 0 and the boot layout follows. */
  reportId: number | null;
}

export type BootResult =
  | { status: 'ok'; state: BootState; presses: KeyPress[] }
  | { status: 'ignored'; state: BootState; reason: 'report-id' | 'length' | 'rollover' };

export const BOOT_REPORT_LENGTH = 8;
export const initialBootState: BootState = { pressed: [] };

export function decodeBootReport(state: BootState, bytes: Uint8Array, format: BootFormat): BootResult {
  let body = bytes;
  if (format.reportId !== null) {
    if (bytes[0] !== format.reportId) return { status: 'ignored', state, reason: 'report-id' };
    body = bytes.subarray(1);
  }
  // Anything but the 8-byte layout is another report or line noise; guessing would invent keys.
  if (body.length !== BOOT_REPORT_LENGTH) return { status: 'ignored', state, reason: 'length' };

  const modifiers = body[0] ?? 0;
  const slots = Array.from(body.subarray(2, 8));
  // Phantom state (too many keys, or device error): the report says nothing about which keys are
  // down, so keep the previous state rather than "release" everything and re-press it after.
  if (slots.some((u) => u >= 0x01 && u <= USAGE_ERROR_MAX)) {
    return { status: 'ignored', state, reason: 'rollover' };
  }

  const now: number[] = [];
  for (const u of slots) if (u !== 0 && !now.includes(u)) now.push(u);
  const presses = now.filter((u) => !state.pressed.includes(u)).map((usage) => ({ usage, modifiers }));
  return { status: 'ok', state: { pressed: now }, presses };
}
