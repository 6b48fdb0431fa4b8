/**
 * Everything off the plan: a stopped job, the confirm of a hazard answer, the not-done record (F1
 * at any open step: nobody home, no access… with its code and, where the code needs one, a note),
 * waiting for the app, the printout and a failure. Nothing is recorded before a confirm, and
 * "saved" is reached only from the app's answer (action `saved`).
 *
 * After a hazard (gas smell) only an emergency code can be recorded and no key leads back to the
 * plan; after the valve was opened, a not-done record first asks the crew to close it again, so
 * the record never leaves the gas open unsaid (docs/domain.md §3).
 */
import { isAppError } from '../../errors/AppError.js';
import { gasLeftOpen, VALVE_RECLOSED_ID, valveReclosed } from '../checklist.js';
import type { NotDoneCode } from '../reference.js';
import type { FieldWork } from '../types.js';
import { answered, withEffect } from './steps.js';
import type { FlowAction, FlowState, Phase } from './types.js';

/** The codes the crew may pick: after a hazard, only the emergency ones. */
export function codes(s: FlowState): readonly NotDoneCode[] {
  const all = s.ctx.reference.notDoneCodes[s.kind];
  const emergency = all.filter((c) => c.emergency);
  return s.halt && emergency.length ? emergency : all;
}

export function openNotDone(s: FlowState, code?: string): FlowState {
  if (gasLeftOpen(s.ctx.reference, s.kind, s.data.answers)) return { ...s, phase: { s: 'reclose', ...(code ? { code } : {}) } };
  const i = code ? codes(s).findIndex((c) => c.code === code) : 0;
  return { ...s, phase: { s: 'notdone-pick', selected: Math.max(0, i), typed: '' } };
}

/**
 * Back from the not-done list: to the "valve closed again" question when it was answered (and the
 * answer taken back, so the plan never goes on with it), else to the hazard stop, else to the plan.
 */
function backFromNotDone(s: FlowState): FlowState {
  const answers = s.data.answers;
  if (answers.at(-1)?.id === VALVE_RECLOSED_ID)
    return { ...s, phase: { s: 'reclose' }, data: { ...s.data, answers: answers.slice(0, -1) } };
  return { ...s, phase: s.halt ?? { s: 'plan' } };
}

export function printable(w: FieldWork): boolean {
  return w.kind !== 'not-done';
}

/** A reconnection that differs from its cut: once its receipt is printed, an inspection is offered on the spot (F3). */
export function offersInspection(w: FieldWork): boolean {
  return w.kind === 'reconnect' && !!w.findings?.length;
}

function print(s: FlowState, work: FieldWork): FlowState {
  return withEffect({ ...s, phase: { s: 'printing', work } }, { t: 'print', workId: work.id });
}

function pick(s: FlowState, code: NotDoneCode): FlowState {
  return { ...s, phase: { s: 'notdone-pick', selected: codes(s).indexOf(code), typed: '' } };
}

function saveNotDone(s: FlowState, code: NotDoneCode, note: string): FlowState {
  const trimmed = note.trim();
  // Code 11 after a scan of another meter keeps what was scanned (issue 19, as reading.skipped does).
  const wrong = code.wrongMeter ? s.data.mismatch : undefined;
  const request = {
    jobId: s.ctx.jobId,
    reasonCode: code.code,
    checklist: [...s.data.answers],
    ...(trimmed ? { note: trimmed } : {}),
    ...(wrong ? { scannedSerial: wrong } : {}),
  };
  return withEffect({ ...s, phase: { s: 'saving', what: 'notDone' } }, { t: 'notDone', request });
}

/** An input in any phase but the plan. */
export function offPlanInput(s: FlowState, st: Exclude<Phase, { s: 'plan' }>, a: FlowAction): FlowState {
  switch (st.s) {
    case 'hazard-confirm':
      if (a.t === 'enter') return answered(s, st.item, false);
      if (a.t === 'back') return { ...s, phase: { s: 'plan' } };
      return s;
    case 'reclose':
      if (a.t === 'digit' && a.d === '1')
        return openNotDone({ ...s, data: { ...s.data, answers: [...s.data.answers, valveReclosed()] } }, st.code);
      if (a.t === 'back') return { ...s, phase: s.halt ?? { s: 'plan' } };
      return s;
    case 'stopped':
      if (a.t === 'enter' || (a.t === 'soft' && a.n === 1)) return openNotDone(s, st.code);
      // Another meter was scanned and it is the meter of an open job on this route: work that one instead.
      if (a.t === 'soft' && a.n === 4 && st.wrongScan?.other)
        return withEffect(s, { t: 'openJob', jobId: st.wrongScan.other.jobId, code: st.wrongScan.code });
      // After a hazard only a code can follow: the crew may not answer the question again.
      if (a.t === 'back' && !st.hazard) return { ...s, phase: { s: 'plan' } };
      return s;
    case 'notdone-pick': {
      const list = codes(s);
      if (a.t === 'move') return { ...s, phase: { ...st, selected: Math.min(list.length - 1, Math.max(0, st.selected + a.by)) } };
      if (a.t === 'digit') {
        // Codes are two digits: "0","1" picks 01; the list follows the keys.
        const typed = (st.typed + a.d).slice(-2);
        const i = list.findIndex((c) => c.code === typed);
        return { ...s, phase: { s: 'notdone-pick', typed: typed.length === 2 ? '' : typed, selected: i >= 0 ? i : st.selected } };
      }
      if (a.t === 'back') return backFromNotDone(s);
      if (a.t === 'enter') {
        const code = list[st.selected]!;
        return { ...s, phase: code.requiresNote ? { s: 'notdone-note', code, note: '' } : { s: 'notdone-confirm', code, note: '' } };
      }
      return s;
    }
    case 'notdone-note':
      if (a.t === 'edit') return { ...s, phase: { ...st, note: a.text } };
      if (a.t === 'enter' && st.note.trim() !== '') return { ...s, phase: { s: 'notdone-confirm', code: st.code, note: st.note } };
      if (a.t === 'back') return pick(s, st.code);
      return s;
    case 'notdone-confirm':
      if (a.t === 'enter') return saveNotDone(s, st.code, st.note);
      if (a.t === 'back') return pick(s, st.code);
      return s;
    case 'saved':
      if (printable(st.work) && (a.t === 'enter' || (a.t === 'soft' && a.n === 1))) return print(s, st.work);
      if (!printable(st.work) && (a.t === 'enter' || a.t === 'back')) return withEffect(s, { t: 'leave' });
      return s;
    case 'printed':
      if (a.t === 'enter' || a.t === 'back') return withEffect(s, { t: 'leave' });
      if (a.t === 'soft' && a.n === 2) return withEffect(s, { t: 'reprint', documentNo: st.doc.documentNo });
      if (offersInspection(st.work) && a.t === 'soft' && a.n === 3) return withEffect(s, { t: 'inspect' });
      return s;
    case 'print-failed':
      if (a.t === 'enter' || (a.t === 'soft' && a.n === 1)) return print(s, st.work);
      if (a.t === 'back') return withEffect(s, { t: 'leave' });
      return s;
    case 'failed':
      if (a.t === 'enter' || a.t === 'back') return st.back === 'leave' ? withEffect(s, { t: 'leave' }) : { ...s, phase: { s: 'plan' } };
      return s;
    case 'saving':
    case 'printing':
    case 'scan-override': // flow/scan.ts
      return s;
  }
}

/** The app's answer to `commit`, `notDone` or `print`; ignored unless the flow waits for it. */
export function result(s: FlowState, a: FlowAction): FlowState {
  const st = s.phase;
  if (st.s === 'saving') {
    if (a.t === 'saved') return { ...s, phase: { s: 'saved', work: a.work } };
    if (a.t !== 'saveFailed') return s;
    if (st.what === 'notDone') return { ...s, phase: { s: 'failed', reason: { error: a.error }, back: 'leave' } };
    return commitFailed(s, a.error);
  }
  if (st.s === 'printing') {
    if (a.t === 'printed') return { ...s, phase: { s: 'printed', work: st.work, doc: a.doc } };
    if (a.t === 'printFailed') return { ...s, phase: { s: 'print-failed', work: st.work, reason: { error: a.error } } };
  }
  return s;
}

/** A refused commit: the cut goes back to its preconditions when they no longer hold. */
function commitFailed(s: FlowState, error: unknown): FlowState {
  if (s.plan === 'cut' && isAppError(error, 'Job_WrongState') && error.context.reason === 'preconditions') {
    // Something changed since the crew looked (the clock passed 17:30, the link went stale).
    return { ...s, at: 0, phase: { s: 'plan' }, pre: { ...s.pre, problem: { ui: 'fw.pre.changed' } } };
  }
  return { ...s, phase: { s: 'failed', reason: { error }, back: isAppError(error, 'Input_Invalid') ? 'plan' : 'leave' } };
}
