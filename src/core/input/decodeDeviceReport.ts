import type { InputEvent } from './InputEvent.js';
import type { InputProfile } from './InputProfile.js';
import {
  abortBurst,
  burstDeadline,
  expireBurst,
  initialBurstState,
  stepBurst,
  type BurstConfig,
  type BurstState,
} from './classifyBurst.js';
import { decodeBootReport, initialBootState, type BootState } from './decodeBootReport.js';
import { decodeHidPosReport, initialHidPosState, type HidPosState } from './decodeHidPosReport.js';
import { strokeFromPress } from './strokeFromPress.js';

/**
 * Everything one HID device's reports go through, as pure functions over an explicit state:
 * raw report → (boot decode → keymap → scan/typing classifier) or (HID-POS decode) → events.
 * Never throws on any byte sequence; a report it cannot read is counted in `ignored`.
 */
export interface DecoderState {
  readonly boot: BootState;
  readonly burst: BurstState;
  readonly pos: HidPosState;
}

export interface DecoderStep {
  state: DecoderState;
  events: InputEvent[];
  ignored?: string;
}

export const initialDecoderState: DecoderState = {
  boot: initialBootState,
  burst: initialBurstState,
  pos: initialHidPosState,
};

export function burstConfigFor(p: InputProfile, source: string): BurstConfig {
  const mode = p.role === 'scanner' ? 'scanner' : p.scanDetection ? 'mixed' : 'keys';
  return { mode, terminator: p.terminator, maxGapMs: p.burst.maxGapMs, minLength: p.burst.minLength, source };
}

export function decodeDeviceReport(state: DecoderState, bytes: Uint8Array, t: number, p: InputProfile, source: string): DecoderStep {
  if (p.protocol === 'hid-pos') {
    const r = decodeHidPosReport(state.pos, bytes, t, p.hidPos, source);
    const step: DecoderStep = { state: { ...state, pos: r.state }, events: r.scan ? [r.scan] : [] };
    if (r.ignored !== undefined) step.ignored = r.ignored;
    return step;
  }
  const r = decodeBootReport(state.boot, bytes, { reportId: p.reportId });
  if (r.status === 'ignored') return { state, events: [], ignored: r.reason };
  const cfg = burstConfigFor(p, source);
  let burst = state.burst;
  const events: InputEvent[] = [];
  for (const press of r.presses) {
    const step = stepBurst(burst, strokeFromPress(press, t, p.keymap), cfg);
    burst = step.state;
    events.push(...step.events);
  }
  return { state: { ...state, boot: r.state, burst }, events };
}

export function decoderDeadline(state: DecoderState, p: InputProfile, source: string): number | null {
  return p.protocol === 'hid-pos' ? null : burstDeadline(state.burst, burstConfigFor(p, source));
}

export function expireDecoder(state: DecoderState, now: number, p: InputProfile, source: string): DecoderStep {
  const r = expireBurst(state.burst, now, burstConfigFor(p, source));
  return { state: { ...state, burst: r.state }, events: r.events };
}

/** Device lost: forget held keys and any half-read scan (see abortBurst), keep typed keys. */
export function resetDecoder(state: DecoderState, p: InputProfile, source: string): DecoderStep {
  const r = abortBurst(state.burst, burstConfigFor(p, source));
  return { state: initialDecoderState, events: r.events };
}
