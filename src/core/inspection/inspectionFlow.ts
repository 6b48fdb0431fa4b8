/**
 * The kaçak/usulsüz inspection form (tutanak, README "Inspections") as a pure state machine a UI
 * drives, as core/reading/ReadingEntry.ts does for readings:
 *
 *   starting ─opened─▶ meter → seals → finding (→ subtype (→ exemption)) → appliances → user
 *       │                │      → witnesses → officer → actions → statement (→ no-witness-reason)
 *       │                │      → review (F3 → method-pick → method-reason) ─Enter─▶ confirm ─Enter─▶ sealing
 *       └─open-failed─▶ failed   └─Back─▶ leave ─1─▶ save, close; ─2─▶ discarding ─▶ discarded
 *   sealing ─sealed─▶ sealed ─Enter/F1─▶ printing ─printed─▶ printed (F2: reprint)
 *       └─seal-failed─▶ review (with the reason)    └─print-failed─▶ print-failed (Enter: again)
 *
 * `apply(state, action)` returns a new state and never mutates its argument; the draft is replaced,
 * never edited in place. Actions are the keypad vocabulary (core/input/InputEvent.ts) and the
 * outcomes of the app calls the machine asked for. Those calls come back as `effects` on the state
 * a transition returns (save the draft, preview, confirm, print, discard, close the screen): the
 * driver carries them out in order and reports each outcome as an action. `preview` must be
 * answered before the next key: the review only lets on a draft whose own preview is clean.
 *
 * Every change of the draft is saved after the transition that made it (autosave in flowMoves.ts),
 * except key by key while a text field of the draft is typed (meter, user: saved on moving on).
 *
 * The report is sealed only by the app's confirm, which validates the draft again (DraftInvalidError);
 * the machine asks for it only from the confirmation step, reached from a clean preview.
 */
import { emptyDraft, type SealedReport } from './report.js';
import { meterFormOf, meterKey, meterScan } from './flowMeter.js';
import { autosave, emit, refreshPreview, to, type OpenState } from './flowMoves.js';
import { formKey } from './flowSteps.js';
import type { FlowAction, FlowContext, FlowPreview, FlowState, InspectionPlan, KeyAction } from './flowTypes.js';
import { flowView } from './flowView.js';

export * from './flowTypes.js';
export { flowView, type FlowView, type FlowScreen, type SoftKey } from './flowView.js';

/** Before the report is begun (its number being reserved): keys do nothing yet. */
export function opening(ctx: FlowContext): FlowState {
  return {
    ctx,
    plan: null,
    step: { kind: 'starting' },
    draft: null,
    saved: null,
    meter: meterFormOf(emptyDraft()),
    problem: null,
    preview: null,
    previewOf: null,
    effects: [],
  };
}

/** The form on a begun (or resumed) report: the meter step, fields filled from the draft. */
export function start(plan: InspectionPlan, ctx: FlowContext): FlowState {
  return { ...opening(ctx), plan, step: { kind: 'meter' }, draft: plan.draft, saved: plan.draft, meter: meterFormOf(plan.draft) };
}

const isOpen = (s: FlowState): s is OpenState => s.plan !== null && s.draft !== null;

function key(s: FlowState, k: KeyAction): FlowState {
  if (!isOpen(s)) {
    // Only the "could not begin" screen answers keys before the report exists.
    return s.step.kind === 'failed' && (k.key === 'enter' || k.key === 'back') ? emit(s, { do: 'close' }) : s;
  }
  return s.step.kind === 'meter' ? meterKey(s, k) : formKey(s, k);
}

function scan(s: FlowState, code: string): FlowState {
  if (!isOpen(s)) return s;
  if (s.step.kind === 'meter') return meterScan(s, code);
  if (s.step.kind === 'seal-no') return to(s, { kind: 'seal-state', sealNo: code.trim() });
  return s;
}

function previewed(s: FlowState, draft: unknown, preview: FlowPreview): FlowState {
  // A preview of a draft since replaced is not this draft's: ignore it.
  return s.draft === draft ? { ...s, preview, previewOf: s.draft } : s;
}

function report(s: FlowState): SealedReport | null {
  const st = s.step;
  return st.kind === 'printing' || st.kind === 'sealed' || st.kind === 'print-failed' || st.kind === 'printed' ? st.report : null;
}

export function apply(state: FlowState, action: FlowAction): FlowState {
  return autosave(transition(state.effects.length ? { ...state, effects: [] } : state, action));
}

function transition(s: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'key':
      return key(s, action);
    case 'scan':
      return scan(s, action.code);
    case 'opened':
      return start(action.plan, s.ctx);
    case 'open-failed':
      return to(s, { kind: 'failed', reason: action.reason });
    case 'save-failed':
      return { ...s, problem: { key: 'insp.saveFailed', reason: action.reason } };
    case 'previewed':
      return previewed(s, action.draft, action.preview);
    case 'preview-failed':
      return previewed(s, action.draft, { errors: [], accrualProblem: { code: 'error', message: action.reason } });
    case 'sealed':
      return to(s, { kind: 'sealed', report: action.report });
    case 'seal-failed':
      if (!isOpen(s)) return s;
      // Back to the review with the reason; the preview says what is left to fix.
      return { ...refreshPreview(to(s, { kind: 'review' })), problem: { key: 'error', text: action.reason } };
    case 'printed': {
      const r = report(s);
      return r ? to(s, { kind: 'printed', report: r, doc: action.doc }) : s;
    }
    case 'print-failed': {
      const r = report(s);
      return r ? to(s, { kind: 'print-failed', report: r, reason: action.reason }) : s;
    }
    case 'discarded':
      return to(s, { kind: 'discarded' });
    case 'discard-failed':
      return to(s, { kind: 'failed', reason: action.reason });
  }
}

/** The machine as one namespace: `InspectionFlow.apply(state, { type: 'key', key: 'enter' })`. */
export const InspectionFlow = Object.freeze({ opening, start, apply, view: flowView });
