/** Moves between the inspection form's steps; each returns a new state (inspectionFlow.ts). */
import type { FlowEffect, FlowState, FlowStep, InspectionPlan, KeyAction, MainStep } from './flowTypes.js';
import { MAIN_STEPS } from './flowTypes.js';
import type { InspectionDraft } from './report.js';

/** A state whose report has been begun: the keys edit its draft. */
export type OpenState = FlowState & { readonly plan: InspectionPlan; readonly draft: InspectionDraft };

export const to = <S extends FlowState>(s: S, step: FlowStep): S => ({ ...s, step });

/** The same step with a new draft (never edited in place). */
export const withDraft = (s: OpenState, patch: Partial<InspectionDraft>): OpenState => ({ ...s, draft: { ...s.draft, ...patch } });

export const emit = <S extends FlowState>(s: S, ...fx: FlowEffect[]): S => ({ ...s, effects: [...s.effects, ...fx] });

/** Asks for the preview of the current draft; until it arrives the review cannot go on. */
export function refreshPreview(s: OpenState): OpenState {
  return emit({ ...s, preview: null, previewOf: null }, { do: 'preview', reportNo: s.plan.reportNo, draft: s.draft });
}

/**
 * Moves to a main step (or, with `subtype`, to the subtype pick) and keeps the draft on disk:
 * the draft is saved on every such move, so leaving or a flat battery keeps it. Clears the problem.
 */
export function go(s: OpenState, next: MainStep, subtype = false): OpenState {
  let out: OpenState = { ...s, problem: null, step: subtype ? { kind: 'subtype' } : { kind: next } };
  if (next === 'review') out = refreshPreview(out);
  return emit({ ...out, saved: s.draft }, { do: 'save', reportNo: s.plan.reportNo, draft: s.draft });
}

/** Steps whose text field edits the draft key by key: saved when the crew moves on, not per key. */
const TYPING = new Set<FlowStep['kind']>(['meter', 'user']);
/** Steps where the draft no longer changes (sealing and after) or is being thrown away. */
const SETTLED = new Set<FlowStep['kind']>(['sealing', 'sealed', 'printing', 'printed', 'print-failed', 'discarding', 'discarded']);

/**
 * After every transition: a draft changed since it was last saved is saved now (a seal, an
 * appliance, a witness, an action, a removal), except while a text field is being typed.
 */
export function autosave(s: FlowState): FlowState {
  if (s.plan === null || s.draft === null || s.draft === s.saved) return s;
  if (TYPING.has(s.step.kind) || SETTLED.has(s.step.kind)) return s;
  return emit({ ...s, saved: s.draft }, { do: 'save', reportNo: s.plan.reportNo, draft: s.draft });
}

/** The draft without a key (an absent key, never one set to undefined: drafts compare and hash as JSON). */
export function without(d: InspectionDraft, ...keys: Array<keyof InspectionDraft>): InspectionDraft {
  const out = { ...d };
  for (const k of keys) delete out[k];
  return out;
}

/** Enter: the next main step; Back: the previous one (both save the draft). */
export function nav(s: OpenState, k: KeyAction): OpenState {
  const i = MAIN_STEPS.indexOf(s.step.kind as MainStep);
  if (i < 0) return s;
  if (k.key === 'enter' && i + 1 < MAIN_STEPS.length) return go(s, MAIN_STEPS[i + 1]!);
  if (k.key === 'back') return go(s, i === 0 ? 'meter' : MAIN_STEPS[i - 1]!);
  return s;
}
