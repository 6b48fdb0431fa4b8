import type { InputKey } from './InputEvent.js';
import type { Terminator } from './classifyBurst.js';
import type { HidPosLayout } from './decodeHidPosReport.js';
import type { Keymap } from './Stroke.js';

/**
 * One HID input device as described by a file in device/input/*.json (see the README there).
 * Produced only by parseInputProfile, so every field is checked and defaults are filled in.
 */
export interface InputProfile {
  id: string;
  name: string;
  role: 'keypad' | 'scanner';
  match: {
    vendorId: number;
    productId: number;
    /** Narrow to one interface when a device exposes several (keyboard + HID-POS, say). */
    usagePage?: number;
    usage?: number;
    interface?: number;
  };
  /**
   * hidraw: default, not exclusive (a wedge scanner also types into the console).
   * libusb: hidapi detaches the kernel driver → exclusive; needs the usb udev rule. Process-wide:
   * node-hid loads one backend on first use, so all profiles in one process must agree.
   */
  driver: 'hidraw' | 'libusb';
  /** 'keyboard': boot keyboard reports (keypad, wedge scanner); 'hid-pos': usage page 0x8C reports. */
  protocol: 'keyboard' | 'hid-pos';
  /** Numbered keyboard reports: the report ID hidapi puts in byte 0; null when unnumbered. */
  reportId: number | null;
  terminator: Terminator;
  /** Keypad only: also recognise a wedge-scanner burst arriving on this keyboard interface. */
  scanDetection: boolean;
  burst: { maxGapMs: number; minLength: number };
  keymap: Keymap;
  hidPos: HidPosLayout;
}

export type KeymapTarget = Exclude<InputKey, 'digit' | 'char'> | 'none';

/** The line ends a serial scanner can be set to send after each barcode. */
export const SERIAL_DELIMITERS = ['\r', '\n', '\r\n'] as const;
export type SerialDelimiter = (typeof SERIAL_DELIMITERS)[number];

/**
 * A barcode scanner in serial mode (USB-CDC /dev/ttyACM*, or RS-232 via /dev/ttyUSB*): each barcode
 * arrives as one line. A device/input/*.json with `"kind": "serial-scanner"` (device/input/README.md);
 * produced only by parseSerialScannerProfile.
 */
export interface SerialScannerProfile {
  kind: 'serial-scanner';
  id: string;
  name: string;
  /** Best a /dev/serial/by-id/… link: stable across replugs, unlike ttyACM0/ttyACM1. */
  path: string;
  baudRate: number;
  delimiter: SerialDelimiter;
  /** Longest line kept, in bytes; bytes beyond it without a delimiter are dropped, not buffered. */
  maxLineBytes: number;
}

/** Any profile of device/input: the HID ones (no `kind`, or "hid") and the serial scanners. */
export type AnyInputProfile = ({ kind: 'hid' } & InputProfile) | SerialScannerProfile;
