import { sanitizeScanCode, type InputEvent, type KeyEvent } from './InputEvent.js';
import type { Stroke } from './Stroke.js';

/**
 * Pure scan-versus-typing classifier for keyboard-wedge input. Timestamps come in with the strokes,
 * so it is deterministic; the adapter calls `expireBurst` at `burstDeadline` when no key follows.
 *
 * Modes:
 * - `keys`    pass-through: every stroke with an app key becomes a key event at once.
 * - `scanner` the device is a scanner (told apart by the profile): text until the terminator is a
 *             scan, never keys. A burst that stops without terminator is a scan if ≥ minLength
 *             (terminator lost or not configured), else dropped.
 * - `mixed`   one device carries both typing and a scanner (terminal keyboard with a wedge scanner,
 *             keypad with a built-in engine): a burst of ≥ minLength text strokes, each gap ≤
 *             maxGapMs, ending in the terminator is a scan; anything else is replayed as the key
 *             events it was. People cannot type 4+ keys 40 ms apart; scanners send one every few ms.
 *             Cost: a typed key reaches the UI maxGapMs late.
 */
export type BurstMode = 'keys' | 'scanner' | 'mixed';
export type Terminator = 'enter' | 'tab' | 'none';

export interface BurstConfig {
  mode: BurstMode;
  terminator: Terminator;
  maxGapMs: number;
  minLength: number;
  source: string;
}

export interface BurstState {
  readonly buf: readonly Stroke[];
}

export interface BurstStep {
  state: BurstState;
  events: InputEvent[];
}

export const initialBurstState: BurstState = { buf: [] };

function isTerminator(s: Stroke, cfg: BurstConfig): boolean {
  if (cfg.terminator === 'enter') return s.key === 'enter';
  if (cfg.terminator === 'tab') return s.name === 'Tab';
  return false;
}

function keyEvent(s: Stroke, source: string): KeyEvent[] {
  if (s.key === null) return [];
  const e: KeyEvent = { type: 'key', key: s.key, source, at: s.t };
  if (s.value !== undefined) e.value = s.value;
  return [e];
}

function scanEvent(buf: readonly Stroke[], at: number, source: string): InputEvent[] {
  const code = sanitizeScanCode(buf.map((s) => s.value ?? '').join(''));
  return code === '' ? [] : [{ type: 'scan', code, source, at }];
}

function lastT(state: BurstState): number | undefined {
  return state.buf[state.buf.length - 1]?.t;
}

/** End of a burst that no terminator closed (gap exceeded, or device gone). */
function endBurst(state: BurstState, cfg: BurstConfig): InputEvent[] {
  const buf = state.buf;
  if (buf.length === 0) return [];
  const at = buf[buf.length - 1]!.t;
  if (cfg.mode === 'scanner') return buf.length >= cfg.minLength ? scanEvent(buf, at, cfg.source) : [];
  if (cfg.terminator === 'none' && buf.length >= cfg.minLength) return scanEvent(buf, at, cfg.source);
  return buf.flatMap((s) => keyEvent(s, cfg.source));
}

export function stepBurst(state: BurstState, s: Stroke, cfg: BurstConfig): BurstStep {
  if (cfg.mode === 'keys') return { state, events: keyEvent(s, cfg.source) };

  const events: InputEvent[] = [];
  let buf = state.buf;
  const prev = lastT(state);
  // Out-of-order or stale timestamps end the burst too: a gap we cannot trust is not a scan.
  if (prev !== undefined && (s.t - prev > cfg.maxGapMs || s.t < prev)) {
    events.push(...endBurst(state, cfg));
    buf = [];
  }

  if (isTerminator(s, cfg)) {
    if (cfg.mode === 'scanner') events.push(...scanEvent(buf, s.t, cfg.source));
    else if (buf.length >= cfg.minLength) events.push(...scanEvent(buf, s.t, cfg.source));
    else events.push(...buf.flatMap((b) => keyEvent(b, cfg.source)), ...keyEvent(s, cfg.source));
    return { state: initialBurstState, events };
  }
  if (s.value !== undefined) return { state: { buf: [...buf, s] }, events };

  // A non-text key inside a burst: scanners do not send arrows or F-keys, so it is typing.
  if (cfg.mode === 'mixed') events.push(...buf.flatMap((b) => keyEvent(b, cfg.source)), ...keyEvent(s, cfg.source));
  return { state: initialBurstState, events };
}

/** When the adapter must call expireBurst if no stroke arrives first; null when nothing is pending. */
export function burstDeadline(state: BurstState, cfg: BurstConfig): number | null {
  const prev = lastT(state);
  return prev === undefined || cfg.mode === 'keys' ? null : prev + cfg.maxGapMs + 1;
}

export function expireBurst(state: BurstState, now: number, cfg: BurstConfig): BurstStep {
  const prev = lastT(state);
  if (prev === undefined || now - prev <= cfg.maxGapMs) return { state, events: [] };
  return { state: initialBurstState, events: endBurst(state, cfg) };
}

/** The device went away mid-burst: half a barcode is worse than none, so a partial scan is dropped. */
export function abortBurst(state: BurstState, cfg: BurstConfig): BurstStep {
  if (cfg.mode !== 'mixed') return { state: initialBurstState, events: [] };
  return { state: initialBurstState, events: state.buf.flatMap((s) => keyEvent(s, cfg.source)) };
}
