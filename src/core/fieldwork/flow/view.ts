/**
 * What the screen shows for a flow state, untranslated: which step, its field and notice, the
 * summary to confirm, which soft keys are live, and which field (if any) the keys edit. The
 * screen only words and lays this out (adapters/ui/screens/ChecklistSteps.ts).
 */
import type { LowerChoice, Message as ReadingMessage } from '../../reading/index.js';
import type { CutCheck } from '../cutPreconditions.js';
import type { NotDoneCode } from '../reference.js';
import type { FieldWork } from '../types.js';
import { reconnectFindings, type ReconnectFinding } from '../reconnectCheck.js';
import { SCAN_OVERRIDE_REASONS, type ScanOverrideReason } from '../../reading/scanGate.js';
import { codes, offersInspection, printable } from './outcome.js';
import { currentStep, installing, removing, stepsOf } from './plan.js';
import { canOverride } from './scan.js';
import { checkItems } from './steps.js';
import {
  CHOICES,
  type Collected,
  type FlowGrant,
  type FlowState,
  type FlowText,
  type OtherJob,
  type OverrideForm,
  type PrintedDoc,
  type Role,
} from './types.js';

/** Soft keys F1…F4 by what they do; the screen labels them. */
export type SoftKey = 'notDone' | 'scan' | 'print' | 'reprint' | 'supervisor' | 'inspect' | 'unreadable' | 'openJob';

/** The barcode declared unreadable, as the confirm shows it (the crew sees it goes with the record). */
export interface ShownOverride {
  /** The reason's code; the screen words it (src/catalogues/scanOverrideReasons.ts). */
  readonly reasonCode: string;
}

/** The field the crew is typing into: the screen's editor turns keys into its next text. */
export interface FlowInput {
  readonly text: string;
  readonly rule: 'text' | 'digits';
  readonly max: number;
}

export type ConfirmSummary = (
  | { readonly kind: 'cut'; readonly index: number; readonly sealNo: string; readonly checks: number; readonly grant: FlowGrant | null }
  | {
      readonly kind: 'reconnect';
      readonly index: number;
      readonly removedSealNo: string;
      readonly checks: number;
      /** What differs from the cut the office sent (job.cut); the app records the same. */
      readonly findings: readonly ReconnectFinding[];
    }
  | {
      readonly kind: 'meter';
      readonly removed?: { readonly index: number; readonly seals: readonly string[] };
      readonly installed?: { readonly serial: string; readonly index: number; readonly seals: readonly string[] };
      readonly checks: number;
    }
) & {
  /** Present when the job's meter was not scanned: its barcode was declared unreadable. */
  readonly scanOverride?: ShownOverride;
};

export type PreStatus = 'go' | 'blockedOverride' | 'blocked';

/** One step of the plan: its number among all steps, the typed field and the notice under it. */
interface StepBase {
  readonly stepNo: number;
  readonly of: number;
  readonly field: string;
  readonly notice: FlowText | null;
}

export type FlowView =
  | { readonly v: 'none' }
  | {
      readonly v: 'pre';
      readonly form: OverrideForm | null;
      readonly grant: FlowGrant | null;
      readonly problem: FlowText | null;
      readonly status: PreStatus;
      readonly canOverride: boolean;
    }
  /** `override`: the barcode already declared unreadable (Back to this step); a new scan replaces it. */
  | (StepBase & { readonly v: 'scan'; readonly override?: ShownOverride })
  | { readonly v: 'scan-override'; readonly reasons: readonly ScanOverrideReason[]; readonly selected: number }
  | (StepBase & { readonly v: 'serial' })
  | (StepBase & {
      readonly v: 'seal';
      readonly role: Role;
      readonly list: readonly string[];
      readonly multi: boolean;
      readonly enough: boolean;
      readonly example: string;
    })
  | (StepBase & {
      readonly v: 'check';
      readonly n: number;
      readonly count: number;
      readonly question: string;
      /** What keys 1 and 2 answer: 1 always the safe answer. */
      readonly safe: string;
      readonly unsafe: string;
    })
  | (StepBase & {
      readonly v: 'index';
      readonly role: Role;
      readonly entryNotice: ReadingMessage | null;
      readonly choose: { readonly options: readonly LowerChoice[]; readonly selected: number } | null;
      readonly rekey: boolean;
    })
  | (StepBase & { readonly v: 'ask'; readonly q: 'installNew' | 'removeOld' })
  | { readonly v: 'confirm'; readonly summary: ConfirmSummary }
  /** `wrongScan`: stopped by a scan of another meter (Esc re-scans, F1 code 11, F4 `other` when found). */
  | {
      readonly v: 'stopped';
      readonly why: FlowText;
      readonly hazard: boolean;
      readonly wrongScan?: { readonly code: string; readonly other?: OtherJob };
    }
  | { readonly v: 'hazard-confirm'; readonly question: string; readonly unsafe: string }
  | { readonly v: 'reclose' }
  | { readonly v: 'notdone-pick'; readonly codes: readonly NotDoneCode[]; readonly selected: number }
  | { readonly v: 'notdone-note'; readonly code: NotDoneCode; readonly note: string }
  | { readonly v: 'notdone-confirm'; readonly code: NotDoneCode; readonly note: string }
  | { readonly v: 'saving' }
  | { readonly v: 'saved'; readonly work: FieldWork; readonly printable: boolean }
  | { readonly v: 'printing' }
  | { readonly v: 'printed'; readonly doc: PrintedDoc; readonly inspect: boolean }
  | { readonly v: 'print-failed'; readonly reason: FlowText }
  | { readonly v: 'failed'; readonly reason: FlowText; readonly leave: boolean };

export interface FlowScreenModel {
  readonly view: FlowView;
  readonly keys: readonly (SoftKey | undefined)[];
  /** Back does nothing here (the screen shows no Esc): a job stopped by a gas smell has no way back. */
  readonly noBack?: true;
}

const PLAN_KEYS: readonly SoftKey[] = ['notDone', 'scan'];

/** `check`: the cut's preconditions as evaluated for this paint (the pre step only). */
export function viewOf(s: FlowState, check?: CutCheck | null): FlowScreenModel {
  const st = s.phase;
  switch (st.s) {
    case 'plan':
      return planView(s, check ?? null);
    case 'stopped':
      return {
        view: { v: 'stopped', why: st.why, hazard: st.hazard, ...(st.wrongScan ? { wrongScan: st.wrongScan } : {}) },
        keys: st.wrongScan?.other ? ['notDone', undefined, undefined, 'openJob'] : ['notDone'],
        ...(st.hazard ? { noBack: true as const } : {}),
      };
    case 'scan-override':
      return { view: { v: 'scan-override', reasons: SCAN_OVERRIDE_REASONS, selected: st.selected }, keys: [] };
    case 'hazard-confirm':
      return { view: { v: 'hazard-confirm', question: st.item.question, unsafe: st.item.unsafe }, keys: [] };
    case 'reclose':
      return { view: { v: 'reclose' }, keys: [] };
    case 'notdone-pick':
      return { view: { v: 'notdone-pick', codes: codes(s), selected: st.selected }, keys: [] };
    case 'notdone-note':
    case 'notdone-confirm':
      return { view: { v: st.s, code: st.code, note: st.note }, keys: [] };
    case 'saving':
    case 'printing':
      return { view: { v: st.s }, keys: [] };
    case 'saved':
      return { view: { v: 'saved', work: st.work, printable: printable(st.work) }, keys: printable(st.work) ? ['print'] : [] };
    case 'printed': {
      const inspect = offersInspection(st.work);
      return { view: { v: 'printed', doc: st.doc, inspect }, keys: inspect ? [undefined, 'reprint', 'inspect'] : [undefined, 'reprint'] };
    }
    case 'print-failed':
      return { view: { v: 'print-failed', reason: st.reason }, keys: ['print'] };
    case 'failed':
      return { view: { v: 'failed', reason: st.reason, leave: st.back === 'leave' }, keys: [] };
  }
}

function planView(s: FlowState, check: CutCheck | null): FlowScreenModel {
  const p = currentStep(s);
  if (!p) return { view: { v: 'none' }, keys: [] };
  // Checklist steps without a question are skipped, so they are not counted either.
  const shown = stepsOf(s).map((x) => !(x.t === 'check' && checkItems(s, x.phase).length === 0));
  const base: StepBase = {
    stepNo: shown.slice(0, s.at + 1).filter(Boolean).length,
    of: shown.filter(Boolean).length,
    field: s.field,
    notice: s.notice,
  };
  const d = s.data;
  switch (p.t) {
    case 'pre': {
      const { grant, form, problem } = s.pre;
      const canOverride = !!check && check.overridable && !grant;
      const status: PreStatus = check?.allowed || grant ? 'go' : check?.overridable ? 'blockedOverride' : 'blocked';
      return {
        view: { v: 'pre', form, grant, problem, status, canOverride },
        keys: form ? [] : ['notDone', undefined, canOverride ? 'supervisor' : undefined],
      };
    }
    case 'scan': {
      const override = shownOverride(d);
      // Back at the scan after another meter: say why the barcode cannot be declared unreadable now.
      const notice = base.notice ?? (d.mismatch !== undefined ? { ui: 'fw.scan.rescan' as const, params: { code: d.mismatch } } : null);
      return {
        view: { ...base, notice, v: 'scan', ...(override ? { override } : {}) },
        keys: canOverride(s) ? [...PLAN_KEYS, 'unreadable'] : PLAN_KEYS,
      };
    }
    case 'serial':
      return { view: { ...base, v: p.t }, keys: PLAN_KEYS };
    case 'seal': {
      const list = d.seals[p.role] ?? [];
      return {
        view: {
          ...base,
          v: 'seal',
          role: p.role,
          list,
          multi: p.multi,
          enough: list.length >= p.min,
          example: s.ctx.reference.sealFormat.example,
        },
        keys: PLAN_KEYS,
      };
    }
    case 'check': {
      const items = checkItems(s, p.phase);
      const it = items[s.item];
      return {
        view: {
          ...base,
          v: 'check',
          n: s.item + 1,
          count: items.length,
          question: it?.question ?? '',
          safe: it?.safe ?? '',
          unsafe: it?.unsafe ?? '',
        },
        keys: PLAN_KEYS,
      };
    }
    case 'index': {
      const e = p.role === 'installed' ? null : s.entry;
      const entryNotice = e && e.step !== 'done' && e.step !== 'cancelled' && e.notice ? e.notice : null;
      const choose = e?.step === 'choose' ? { options: CHOICES.filter((c) => e.allowed.includes(c)), selected: s.choice } : null;
      return { view: { ...base, v: 'index', role: p.role, entryNotice, choose, rekey: e?.step === 'rekey' }, keys: PLAN_KEYS };
    }
    case 'ask':
      return { view: { ...base, v: 'ask', q: p.q }, keys: PLAN_KEYS };
    case 'confirm':
      return { view: { v: 'confirm', summary: summaryOf(s) }, keys: [] };
  }
}

/** The reconnection compared with the cut, as the app will record it (reconnectCheck.ts). */
function findingsOf(s: FlowState): ReconnectFinding[] {
  const d = s.data;
  const cut = s.ctx.record?.job.cut;
  return reconnectFindings(
    cut,
    { removedSealNo: d.seals.reconnect?.[0] ?? '', index: d.index.reconnect ?? 0 },
    s.ctx.reference.reconnect.indexTolerance,
  );
}

/** The override the commit will carry (flow/plan.ts meterProof), for the crew to see. */
function shownOverride(d: Collected): ShownOverride | undefined {
  const o = d.scanned === undefined ? d.scanOverride : undefined;
  return o ? { reasonCode: o.reasonCode } : undefined;
}

function summaryOf(s: FlowState): ConfirmSummary {
  const d = s.data;
  const checks = d.answers.length;
  // A meter job that fits only a new meter scans nothing: no override to show either.
  const o = s.plan === 'cut' || s.plan === 'reconnect' || removing(s.plan, d) ? shownOverride(d) : undefined;
  const scanOverride = o ? { scanOverride: o } : {};
  if (s.plan === 'cut')
    return { kind: 'cut', index: d.index.cut ?? 0, sealNo: d.seals.cut?.[0] ?? '', checks, grant: s.pre.grant, ...scanOverride };
  if (s.plan === 'reconnect')
    return {
      kind: 'reconnect',
      index: d.index.reconnect ?? 0,
      removedSealNo: d.seals.reconnect?.[0] ?? '',
      checks,
      findings: findingsOf(s),
      ...scanOverride,
    };
  return {
    kind: 'meter',
    ...(removing(s.plan, d) ? { removed: { index: d.index.removed ?? 0, seals: d.seals.removed ?? [] } } : {}),
    ...(installing(s.plan, d)
      ? { installed: { serial: d.newSerial ?? '', index: d.index.installed ?? 0, seals: d.seals.installed ?? [] } }
      : {}),
    checks,
    ...scanOverride,
  };
}

/** The field the keys edit in this state, if any (digits and letters go to it, not to the machine). */
export function inputOf(s: FlowState): FlowInput | null {
  const st = s.phase;
  if (st.s === 'notdone-note') return { text: st.note, rule: 'text', max: 200 };
  if (st.s !== 'plan') return null;
  const p = currentStep(s);
  switch (p?.t) {
    case 'pre': {
      const f = s.pre.form;
      if (!f || f.stage === 'checking') return null;
      return f.stage === 'reason' ? { text: f.reason, rule: 'text', max: 200 } : { text: f[f.stage], rule: 'digits', max: 16 };
    }
    case 'scan':
    case 'serial':
    case 'seal':
      return { text: s.field, rule: 'text', max: 32 };
    case 'index':
      if (p.role === 'installed') return { text: s.field, rule: 'digits', max: 16 };
      return s.entry && s.entry.step !== 'choose' ? { text: s.field, rule: 'digits', max: 16 } : null;
    default:
      return null;
  }
}

/** The cut's precondition list is on screen: the caller evaluates the preconditions for it. */
export function needsCheck(s: FlowState): boolean {
  return s.phase.s === 'plan' && !s.pre.form && currentStep(s)?.t === 'pre';
}
