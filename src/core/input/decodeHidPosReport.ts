import { MAX_SCAN_LENGTH, sanitizeScanCode, type ScanEvent } from './InputEvent.js';

/**
 * Where the fields sit in a HID-POS (usage page 0x8C, Bar Code Scanner) input report. Offsets are
 * into the buffer as hidapi delivers it, i.e. byte 0 is the report ID. Layouts differ by vendor, so
 * they come from the device profile; the default is the Access-IS LSR116/LSR118/ATR110 manual
 * ("HID reports — Receive data"): [0] report ID 2, [1] data length, [2..4] AIM symbology ID
 * (']' + 2 chars), [5..60] data (≤ 56 bytes), [61] further symbology id, [63] bit 0 "data cont'd".
 */
export interface HidPosLayout {
  reportId: number | null;
  lengthIndex: number;
  dataIndex: number;
  dataMax: number;
  symbologyIndex: number | null;
  symbologyLength: number;
  continuationIndex: number | null;
  continuationMask: number;
  /** How data bytes become text: 'utf-8' (most 2D engines), 'windows-1254' (Turkish ANSI), 'latin1'. */
  encoding: string;
  /** A continuation that does not arrive within this time is abandoned (device reset, unplug). */
  continuationTimeoutMs: number;
}

export const defaultHidPosLayout: HidPosLayout = {
  reportId: 0x02,
  lengthIndex: 1,
  dataIndex: 5,
  dataMax: 56,
  symbologyIndex: 2,
  symbologyLength: 3,
  continuationIndex: 63,
  continuationMask: 0x01,
  encoding: 'utf-8',
  continuationTimeoutMs: 1000,
};

export interface HidPosState {
  readonly pending: readonly number[];
  readonly pendingSince: number | null;
  readonly symbology: string | undefined;
}

export const initialHidPosState: HidPosState = { pending: [], pendingSince: null, symbology: undefined };

export interface HidPosStep {
  state: HidPosState;
  scan: ScanEvent | null;
  ignored?: 'report-id' | 'length';
}

function decodeText(bytes: readonly number[], encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(Uint8Array.from(bytes));
  } catch {
    // Unknown encoding label in the profile: fall back to ASCII-ish latin1 rather than fail a scan.
    return String.fromCharCode(...bytes);
  }
}

function symbologyOf(bytes: Uint8Array, l: HidPosLayout): string | undefined {
  if (l.symbologyIndex === null) return undefined;
  const raw = Array.from(bytes.subarray(l.symbologyIndex, l.symbologyIndex + l.symbologyLength));
  const text = raw
    .filter((b) => b >= 0x21 && b <= 0x7e)
    .map((b) => String.fromCharCode(b))
    .join('');
  return text === '' ? undefined : text;
}

export function decodeHidPosReport(state: HidPosState, bytes: Uint8Array, t: number, l: HidPosLayout, source: string): HidPosStep {
  if (l.reportId !== null && bytes[0] !== l.reportId) return { state, scan: null, ignored: 'report-id' };
  const len = bytes[l.lengthIndex];
  // A length the layout cannot hold, or a report too short for its own length, is line noise.
  if (len === undefined || len > l.dataMax || bytes.length < l.dataIndex + len) {
    return { state, scan: null, ignored: 'length' };
  }
  const cont = l.continuationIndex !== null && ((bytes[l.continuationIndex] ?? 0) & l.continuationMask) !== 0;

  const stale = state.pendingSince !== null && t - state.pendingSince > l.continuationTimeoutMs;
  const prior = stale ? [] : state.pending;
  const pending = [...prior, ...bytes.subarray(l.dataIndex, l.dataIndex + len)];
  const symbology = (stale ? undefined : state.symbology) ?? symbologyOf(bytes, l);

  if (pending.length > MAX_SCAN_LENGTH) return { state: initialHidPosState, scan: null, ignored: 'length' };
  if (cont) return { state: { pending, pendingSince: t, symbology }, scan: null };

  const code = sanitizeScanCode(decodeText(pending, l.encoding));
  if (code === '') return { state: initialHidPosState, scan: null };
  const scan: ScanEvent = { type: 'scan', code, source, at: t };
  if (symbology !== undefined) scan.symbology = symbology;
  return { state: initialHidPosState, scan };
}
