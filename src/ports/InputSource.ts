import type { AppError } from '../core/errors/AppError.js';
import type { DeviceStatus } from '../core/input/DeviceStatus.js';
import type { InputEvent } from '../core/input/InputEvent.js';

export interface InputSourceEvents extends Record<string, unknown> {
  input: InputEvent;
  device: DeviceStatus;
  /** A scan the device sent but that was dropped (AppError Scan_TooLong or Scan_Garbled): the crew is told to scan again; the device stays present. */
  rejected: AppError;
}

/**
 * Something that turns a physical input device into InputEvents: the HID keypad, a HID scanner
 * (keyboard-wedge or HID-POS), the terminal keyboard, a fake scanner. The UI sees only these
 * events (through InputHub), never the device.
 *
 * Behaviour every implementation keeps (test/contract/input runs it against each):
 * - The constructor does no I/O. `start()` opens the device. It resolves once the first attempt is
 *   over, whether or not the device is there: a device that is not plugged in is reported as a
 *   `device` event with state 'missing' and looked for again in the background with backoff.
 *   `start()` rejects only when the source can never work in this process: AppError Hid_Unavailable
 *   (node-hid or libusb/libudev cannot load). Calling start() twice is a no-op.
 * - Events: 'input' for every key or scan, already validated (isValidInputEvent holds) — keys are
 *   edges (a held key is one event), a scan is one event with the whole code. 'device' whenever the
 *   device's presence changes (present ↔ missing, or unavailable); the same state is repeated only
 *   when its reason (`error.code`) changes, e.g. found but not openable → Hid_Permission.
 * - Unplug: the source emits 'device' missing, drops a half-received scan (never delivers a partial
 *   barcode), and reopens the device by itself when it comes back, emitting 'device' present. No
 *   restart, no call from the app needed.
 * - A listener that throws is contained (reported, other listeners still run).
 * - `stop()` closes the device, cancels reconnect and burst timers, discards a half-received scan,
 *   and emits nothing afterwards. Safe to call before start() or twice. start() after stop() is
 *   not supported: make a new source.
 */
export interface InputSource {
  /** Stable id used as `source` in events: 'terminal', 'demo-scanner', or the profile id. */
  readonly id: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Current presence; before start() the state is 'missing'. */
  status(): DeviceStatus;
  on<K extends keyof InputSourceEvents>(event: K, fn: (payload: InputSourceEvents[K]) => void): this;
  off<K extends keyof InputSourceEvents>(event: K, fn: (payload: InputSourceEvents[K]) => void): this;
}
