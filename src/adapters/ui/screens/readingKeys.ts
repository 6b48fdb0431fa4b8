/**
 * Pure pieces of the reading screen (ReadingScreen.ts), kept apart so the screen file stays small:
 * the no-read pick list's keys, the supervisor's id and PIN fields, and the machine's override as
 * the work record stores it.
 */
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord, Override as WorkOverride } from '../../../core/jobs/types.js';
import { SCAN_OVERRIDE_REASONS, type NoReadCode, type Override, type ScanOverrideReason } from '../../../core/reading/index.js';
import type { Route } from './Screen.js';
import type { Step, SupervisorField } from './ReadingScreenView.js';
import { editText } from '../view/widgets.js';

/** A key on the no-read pick list: the next step, or null when the key does nothing there. */
export function noReadPickKey(
  st: Extract<Step, { s: 'noRead-pick' }>,
  e: InputEvent & { type: 'key' },
  codes: readonly NoReadCode[],
): Step | null {
  if (e.key === 'up' || e.key === 'down')
    return { ...st, typed: '', selected: Math.min(codes.length - 1, Math.max(0, st.selected + (e.key === 'up' ? -1 : 1))) };
  if (e.key === 'digit') {
    // Codes are two digits: the crew keys "0","7" for 07; the list follows the keys.
    const typed = (st.typed + e.value).slice(-2);
    const i = codes.findIndex((c) => c.code === typed);
    return { s: 'noRead-pick', typed: typed.length === 2 ? '' : typed, selected: i >= 0 ? i : st.selected };
  }
  if (e.key === 'clear') return { ...st, typed: '' };
  if (e.key === 'back') return { s: 'entry' };
  if (e.key === 'enter') {
    const code = codes[st.selected];
    if (!code) return null;
    return code.requiresNote ? { s: 'noRead-note', code, note: '' } : { s: 'noRead-confirm', code, note: '' };
  }
  return null;
}

/** Where the no-read pick list opens: on `preselect` (code 11 after another meter's scan), else the first code. */
export function pickIndex(codes: readonly NoReadCode[], preselect?: string): number {
  return preselect === undefined
    ? 0
    : Math.max(
        0,
        codes.findIndex((c) => c.code === preselect),
      );
}

/**
 * A key on the supervisor's id / PIN fields (the machine's supervise step): the edited fields,
 * 'submit' (Enter on the PIN: the app checks it), 'leave' (Back from the id: the reading starts
 * over), or null when the key does nothing there.
 */
export function supervisorFieldKey(f: SupervisorField, e: InputEvent & { type: 'key' }): SupervisorField | 'submit' | 'leave' | null {
  const v = f.focus === 'id' ? editText(f.id, e, 'text', 16) : editText(f.pin, e, 'digits', 12);
  if (v !== null) return f.focus === 'id' ? { ...f, id: v } : { ...f, pin: v };
  if (e.key === 'back') return f.focus === 'pin' ? { ...f, focus: 'id', pin: '' } : 'leave';
  if (e.key === 'enter' && f.focus === 'id' && f.id.trim() !== '') return { ...f, focus: 'pin' };
  if (e.key === 'enter' && f.focus === 'pin') return 'submit';
  return null;
}

/** "Barkod okunamıyor" pick list: a move, Back, or the reason taken (Enter or its number). */
export function overridePickKey(
  st: Extract<Step, { s: 'override-pick' }>,
  e: InputEvent & { type: 'key' },
): { step: Step; reason?: ScanOverrideReason } | null {
  const n = SCAN_OVERRIDE_REASONS.length;
  if (e.key === 'up' || e.key === 'down') return { step: { ...st, selected: (st.selected + (e.key === 'up' ? n - 1 : 1)) % n } };
  if (e.key === 'back') return { step: { s: 'entry' } };
  if (e.key === 'enter' || (e.key === 'digit' && Number(e.value) >= 1 && Number(e.value) <= n))
    return { step: { s: 'entry' }, reason: SCAN_OVERRIDE_REASONS[e.key === 'enter' ? st.selected : Number(e.value) - 1]! };
  return null;
}

/** The screen that works a job: a reading job's reading screen (`scanned` counts as its scan), else the job screen. */
export function routeTo(rec: JobRecord | undefined, jobId: string, scanned?: string): Route {
  if (rec?.job.kind === 'reading') return { name: 'reading', jobId, ...(scanned ? { scanned } : {}) };
  return { name: 'job', jobId };
}

/** The reading machine's override → the work record's override shape of the app. */
export function toWorkOverride(o: Override): WorkOverride {
  switch (o.kind) {
    case 'outlier-confirmed':
      return { kind: o.kind, flags: [...o.flags], operatorId: o.operatorId, at: o.at };
    case 'rollover':
      return { kind: o.kind, operatorId: o.operatorId, at: o.at, reason: `${o.previousIndex}→${o.index}` };
    case 'meter-changed':
      return { kind: o.kind, operatorId: o.operatorId, at: o.at, reason: `${o.previousIndex}→${o.index}` };
    case 'supervisor-confirmed':
      return { kind: 'supervisor', operatorId: o.supervisorId, at: o.at, reason: `high ${o.consumptionM3} m³ keyed by ${o.operatorId}` };
    case 'held-for-office':
      return { kind: o.kind, operatorId: o.operatorId, at: o.at, reason: `${o.reason} ${o.consumptionM3} m³` };
  }
}
