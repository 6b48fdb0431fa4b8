/**
 * Cut, reconnection and meter exchange at the meter, as a pure state machine a UI drives (the
 * same pattern as core/reading/ReadingEntry.ts):
 *
 *   start(plan, ctx) → state;   apply(state, action) → state;   viewOf(state) → what to paint
 *
 * `apply` never mutates its argument. Work outside the machine (recording, printing, checking a
 * supervisor's PIN, leaving the screen) comes back in `state.effects` for the caller to run; the
 * caller reports each result as an action (`saved`, `printed`, `granted`…). The facts of the
 * moment (instant, today, the cut's preconditions) come in as action `now` before an input, so
 * the machine needs no clock.
 *
 * Steps per job kind are in flow/plan.ts; the plan's steps in flow/steps.ts; the cut's
 * preconditions and supervisor override in flow/pre.ts; stop, not-done, save and print in
 * flow/outcome.ts; the meter's scan and "barkod okunamıyor" in flow/scan.ts; the view model in
 * flow/view.ts. Nothing is recorded before the confirm (or the not-done confirm): the only
 * effects that record are `commit` and `notDone`, plus the scan log.
 */
import { checklistKindOf } from './checklist.js';
import { authorized, preInput } from './flow/pre.js';
import { offPlanInput, openNotDone, result } from './flow/outcome.js';
import { currentStep } from './flow/plan.js';
import { jobOfMeter, overrideInput, scanOffPlan, scanStepInput, submitScan } from './flow/scan.js';
import { planInput, scanned, withEffect } from './flow/steps.js';
import type { FlowAction, FlowContext, FlowPlan, FlowState } from './flow/types.js';
import { inputOf, needsCheck, viewOf } from './flow/view.js';

export * from './flow/types.js';
export type { ConfirmSummary, FlowInput, FlowScreenModel, FlowView, PreStatus, SoftKey } from './flow/view.js';
export { commitRequest, planSteps } from './flow/plan.js';

/** Opens the flow on a job; a missing or closed job starts (and stays) failed. */
export function start(plan: FlowPlan, ctx: FlowContext): FlowState {
  const rec = ctx.record;
  const base: FlowState = {
    plan,
    ctx,
    kind: (rec && checklistKindOf(rec.job.kind)) || 'cut',
    phase: { s: 'plan' },
    at: 0,
    item: 0,
    field: '',
    notice: null,
    data: { answers: [], index: {}, seals: {}, installNew: true, removeOld: true },
    entry: null,
    choice: 0,
    pre: { grant: null, form: null, problem: null },
    now: { at: '', today: '', check: null },
    effects: [],
  };
  if (!rec) return { ...base, phase: { s: 'failed', reason: { ui: 'error.Job_NotFound' }, back: 'leave' } };
  if (rec.state !== 'open')
    return {
      ...base,
      phase: { s: 'failed', reason: { ui: rec.state === 'cancelled' ? 'error.Job_Cancelled' : 'error.Job_AlreadyDone' }, back: 'leave' },
    };
  return base;
}

export function apply(state: FlowState, a: FlowAction): FlowState {
  const s: FlowState = state.effects.length ? { ...state, effects: [] } : state;
  switch (a.t) {
    case 'now':
      return { ...s, now: a.now };
    case 'saved':
    case 'saveFailed':
    case 'printed':
    case 'printFailed':
      return result(s, a);
    case 'granted':
    case 'refused':
      return authorized(s, a);
    case 'jobOfMeter':
      return jobOfMeter(s, a);
    case 'scan':
      if (s.phase.s !== 'plan') return scanOffPlan(s, a.code);
      return currentStep(s)?.t === 'scan' ? submitScan(s, a.code) : scanned(s, a.code);
    default:
      break;
  }
  const st = s.phase;
  if (st.s === 'scan-override') return overrideInput(s, st.selected, a);
  if (st.s !== 'plan') return offPlanInput(s, st, a);
  const p = currentStep(s);
  if (a.t === 'soft' && a.n === 1 && p?.t !== 'confirm') return openNotDone(s);
  if (a.t === 'soft' && a.n === 2) return withEffect(s, { t: 'promptScan' });
  if (p?.t === 'pre') return preInput(s, a);
  if (p?.t === 'scan') return scanStepInput(s, a);
  return planInput(s, a);
}

/** The machine as one namespace: `FieldWorkFlow.apply(state, { t: 'enter' })`. */
export const FieldWorkFlow = Object.freeze({ start, apply, viewOf, inputOf, needsCheck });
