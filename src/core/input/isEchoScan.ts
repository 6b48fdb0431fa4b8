import type { ScanEvent } from './InputEvent.js';

export interface SeenScan {
  code: string;
  source: string;
  /** Arrival time on the hub's clock (sources' `at` may come from different clocks). */
  at: number;
}

/**
 * A wedge scanner read through hidraw also types into the console, so the same barcode can arrive
 * from the HID source and the terminal source a few ms apart. The same code from *another* source
 * within the window is that echo; the same source repeating is a real second scan.
 */
export function isEchoScan(prev: SeenScan | undefined, e: ScanEvent, arrivedAt: number, windowMs: number): boolean {
  return prev !== undefined && prev.code === e.code && prev.source !== e.source && arrivedAt - prev.at <= windowMs;
}
