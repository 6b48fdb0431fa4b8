/**
 * USB HID Usage Tables, Keyboard/Keypad page 0x07, US layout (HID 1.11 App. B; usage IDs are key
 * positions, not characters, so this table is only right for a device set to US layout — configure
 * scanners that way, see device/input/README.md).
 */
export type UsageEntry = { kind: 'char'; plain: string; shifted: string } | { kind: 'named'; name: NamedKey };

export type NamedKey =
  | 'Enter'
  | 'Escape'
  | 'Backspace'
  | 'Tab'
  | 'Delete'
  | 'Insert'
  | 'Home'
  | 'End'
  | 'PageUp'
  | 'PageDown'
  | 'ArrowUp'
  | 'ArrowDown'
  | 'ArrowLeft'
  | 'ArrowRight'
  | 'CapsLock'
  | 'NumLock'
  | 'F1'
  | 'F2'
  | 'F3'
  | 'F4'
  | 'F5'
  | 'F6'
  | 'F7'
  | 'F8'
  | 'F9'
  | 'F10'
  | 'F11'
  | 'F12';

/** Usages 0x01–0x03 (ErrorRollOver, POSTFail, ErrorUndefined) fill all slots: not keys. */
export const USAGE_ERROR_MAX = 0x03;

const table = new Map<number, UsageEntry>();
const ch = (u: number, plain: string, shifted: string) => table.set(u, { kind: 'char', plain, shifted });
const named = (u: number, name: NamedKey) => table.set(u, { kind: 'named', name });

for (let i = 0; i < 26; i++) {
  const c = String.fromCharCode(0x61 + i);
  ch(0x04 + i, c, c.toUpperCase());
}
'1234567890'.split('').forEach((d, i) => ch(0x1e + i, d, '!@#$%^&*()'[i] ?? d));
named(0x28, 'Enter');
named(0x29, 'Escape');
named(0x2a, 'Backspace');
named(0x2b, 'Tab');
ch(0x2c, ' ', ' ');
const punct: Array<[number, string, string]> = [
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x32, '#', '~'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
];
for (const [u, p, s] of punct) ch(u, p, s);
named(0x39, 'CapsLock');
(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12'] as const).forEach((f, i) => named(0x3a + i, f));
named(0x49, 'Insert');
named(0x4a, 'Home');
named(0x4b, 'PageUp');
named(0x4c, 'Delete');
named(0x4d, 'End');
named(0x4e, 'PageDown');
named(0x4f, 'ArrowRight');
named(0x50, 'ArrowLeft');
named(0x51, 'ArrowDown');
named(0x52, 'ArrowUp');
named(0x53, 'NumLock');
// Numeric keypad: a hidraw/libusb reader never sees the host's NumLock state, and terminal keypads
// and scanners send these as digits, so they are treated as NumLock-on.
ch(0x54, '/', '/');
ch(0x55, '*', '*');
ch(0x56, '-', '-');
ch(0x57, '+', '+');
named(0x58, 'Enter');
'123456789'.split('').forEach((d, i) => ch(0x59 + i, d, d));
ch(0x62, '0', '0');
ch(0x63, '.', '.');

export function usageEntry(usage: number): UsageEntry | undefined {
  return table.get(usage);
}
