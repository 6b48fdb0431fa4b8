/**
 * What the inspection screen shows for a state of the form (inspectionFlow.ts), as data: the UI
 * words and lays it out (adapters/ui/screens/InspectionScreen.ts) and looks nothing up itself.
 * Labels come from the configuration; catalogue keys are left to the UI.
 */
import type { Accrual } from './computeAccrual.js';
import { ESTIMATION_METHODS, type EstimationMethod } from './config.js';
import { subtypesOf } from './flowSteps.js';
import { MAIN_STEPS, SEAL_STATES, type FlowPreview, type FlowProblem, type FlowState, type MainStep, type MeterForm } from './flowTypes.js';
import type { AccrualPendingReason } from './errors.js';
import type { FindingKind, SealEntry, SealStatus } from './report.js';

/** What a soft key does on this screen (F1, F2, F3 in order); the UI words it. */
export type SoftKey = 'noMeter' | 'scan' | 'add' | 'method' | 'print' | 'reprint';

export type FlowScreen =
  | { readonly kind: 'starting' }
  | { readonly kind: 'failed'; readonly reason: string }
  | {
      readonly kind: 'meter';
      readonly corrects?: string;
      readonly job?: { readonly address: string; readonly meterSerial: string };
      readonly form: MeterForm;
      /** How the draft's serial was entered, once there is one. */
      readonly entered: 'scanned' | 'typed' | null;
      /** The serial typed or scanned is not the job's meter. */
      readonly mismatch: boolean;
    }
  | { readonly kind: 'seals'; readonly seals: readonly SealEntry[] }
  | { readonly kind: 'seal-no'; readonly text: string }
  | { readonly kind: 'seal-state'; readonly sealNo: string; readonly states: readonly SealStatus[] }
  | { readonly kind: 'finding' }
  | { readonly kind: 'subtype'; readonly labels: readonly string[] }
  | { readonly kind: 'appliances'; readonly appliances: ReadonlyArray<{ readonly label: string; readonly kw: string }> }
  | { readonly kind: 'appliance-type'; readonly labels: readonly string[] }
  | { readonly kind: 'appliance-kw'; readonly label: string; readonly text: string }
  | { readonly kind: 'user'; readonly name: string }
  | { readonly kind: 'witnesses'; readonly names: readonly string[] }
  | { readonly kind: 'witness-name'; readonly text: string }
  | { readonly kind: 'actions'; readonly actions: ReadonlyArray<{ readonly label: string; readonly ticked: boolean }> }
  | { readonly kind: 'officer'; readonly officer: { readonly operatorId: string; readonly name: string } | null }
  | { readonly kind: 'officer-id'; readonly text: string }
  | { readonly kind: 'officer-name'; readonly operatorId: string; readonly text: string }
  | { readonly kind: 'officer-confirm'; readonly operatorId: string; readonly name: string }
  | { readonly kind: 'no-witness-reason'; readonly statement: 'refused' | 'absent'; readonly text: string }
  | { readonly kind: 'exemption'; readonly subtypeLabel: string }
  | { readonly kind: 'method-pick'; readonly methods: readonly EstimationMethod[]; readonly current: EstimationMethod }
  | { readonly kind: 'method-reason'; readonly method: EstimationMethod; readonly text: string }
  | { readonly kind: 'statement' }
  | { readonly kind: 'statement-text'; readonly text: string }
  | {
      readonly kind: 'review';
      readonly finding: FindingKind | null;
      /** The chosen subtype's label (null when it is not in the configuration). */
      readonly subtypeLabel: string | null;
      readonly preview: FlowPreview | null;
      readonly accrual: Accrual | null;
      /** The preview lists problems or could not compute the accrual. */
      readonly needsFix: boolean;
      /** The office will compute the accrual (the device lacks the data): sealable all the same. */
      readonly pending: AccrualPendingReason | null;
      /** DMHY art. 53: no charge. */
      readonly exempt: boolean;
      readonly meter: { readonly serial: string; readonly index: number | null } | null;
      readonly sealCount: number;
    }
  | { readonly kind: 'confirm' }
  | { readonly kind: 'leave' }
  | { readonly kind: 'discarding' }
  | { readonly kind: 'sealing' }
  | { readonly kind: 'sealed' | 'printing'; readonly reportNo: string; readonly hash: string }
  | { readonly kind: 'printed'; readonly reportNo: string; readonly hash: string; readonly savedAt?: string }
  | { readonly kind: 'print-failed'; readonly reportNo: string; readonly reason: string }
  | { readonly kind: 'discarded' };

export interface FlowView {
  /** The report number as the title shows it (the year and sequence: "2026-000031"); '' before it is reserved. */
  readonly shortNo: string;
  /** Main steps only: "n/total". */
  readonly progress: { readonly n: number; readonly total: number } | null;
  readonly screen: FlowScreen;
  /** The problem to show on this screen (steps with a hint line show it; picks and fields do not). */
  readonly problem: FlowProblem | null;
  /** F1, F2, F3. */
  readonly keys: readonly [SoftKey?, SoftKey?, SoftKey?];
}

/** The evidence hash as the screen shows it: its first 16 hex digits. */
const shortHash = (h: string) => h.slice(0, 16);

function screenOf(s: FlowState): { screen: FlowScreen; keys?: [SoftKey?, SoftKey?, SoftKey?]; problem?: true } {
  const st = s.step;
  const d = s.draft;
  const cfg = s.ctx.config;
  if (st.kind === 'failed') return { screen: st };
  if (!d || st.kind === 'starting') return { screen: { kind: 'starting' } };
  switch (st.kind) {
    case 'meter': {
      const job = s.plan?.job;
      const screen: FlowScreen = {
        kind: 'meter',
        ...(s.plan?.corrects ? { corrects: s.plan.corrects } : {}),
        ...(job ? { job } : {}),
        form: s.meter,
        entered: d.meter?.serial ? (d.meter.scanned ? 'scanned' : 'typed') : null,
        mismatch: !!job && !!s.meter.serial && s.meter.serial !== job.meterSerial,
      };
      return { screen, keys: s.meter.noMeter ? ['noMeter'] : ['noMeter', 'scan'], problem: true };
    }
    case 'seals':
      return { screen: { kind: 'seals', seals: d.seals }, keys: ['add'], problem: true };
    case 'seal-state':
      return { screen: { ...st, states: SEAL_STATES } };
    case 'subtype':
      return { screen: { kind: 'subtype', labels: subtypesOf(s, d).map((x) => x.label) } };
    case 'appliances': {
      const label = (type: string) => cfg.applianceTypes.find((a) => a.type === type)?.label ?? type;
      return {
        screen: { kind: 'appliances', appliances: d.appliances.map((a) => ({ label: label(a.type), kw: a.kw })) },
        keys: ['add'],
        problem: true,
      };
    }
    case 'appliance-type':
      return { screen: { kind: 'appliance-type', labels: cfg.applianceTypes.map((a) => a.label) } };
    case 'user':
      return { screen: { kind: 'user', name: d.user.name }, problem: true };
    case 'witnesses':
      return { screen: { kind: 'witnesses', names: d.witnesses.map((w) => w.name) }, keys: ['add'], problem: true };
    case 'actions':
      return {
        screen: { kind: 'actions', actions: cfg.actions.map((a) => ({ label: a.label, ticked: d.actions.includes(a.code) })) },
        problem: true,
      };
    case 'review': {
      const p = s.preview;
      const screen: FlowScreen = {
        kind: 'review',
        finding: d.finding,
        subtypeLabel: subtypesOf(s, d).find((x) => x.code === d.subtype)?.label ?? null,
        preview: p,
        accrual: p?.accrual ?? null,
        needsFix: !!(p?.errors.length || p?.accrualProblem),
        pending: p?.accrualPending ?? null,
        exempt: p?.exempt === true,
        meter: d.meter ? { serial: d.meter.serial, index: d.meter.index } : null,
        sealCount: d.seals.length,
      };
      return { screen, keys: [undefined, undefined, d.finding === 'kacak' ? 'method' : undefined], problem: true };
    }
    case 'sealed':
      return { screen: { kind: 'sealed', reportNo: st.report.reportNo, hash: shortHash(st.report.evidenceSha256) }, keys: ['print'] };
    case 'printing':
      return { screen: { kind: 'printing', reportNo: st.report.reportNo, hash: shortHash(st.report.evidenceSha256) } };
    case 'printed': {
      const screen: FlowScreen = {
        kind: 'printed',
        reportNo: st.report.reportNo,
        hash: shortHash(st.report.evidenceSha256),
        ...(st.doc.savedAt ? { savedAt: st.doc.savedAt } : {}),
      };
      return { screen, keys: [undefined, 'reprint'] };
    }
    case 'print-failed':
      return { screen: { kind: 'print-failed', reportNo: st.report.reportNo, reason: st.reason }, keys: ['print'] };
    case 'officer':
      return { screen: { kind: 'officer', officer: d.officer ?? null }, keys: ['add'], problem: true };
    case 'officer-id':
      return { screen: st, problem: true };
    case 'officer-name':
    case 'officer-confirm':
    case 'no-witness-reason':
    case 'method-reason':
      return { screen: st };
    case 'exemption':
      return { screen: { kind: 'exemption', subtypeLabel: subtypesOf(s, d).find((x) => x.code === d.subtype)?.label ?? d.subtype ?? '' } };
    case 'method-pick':
      return { screen: { kind: 'method-pick', methods: ESTIMATION_METHODS, current: d.method ?? cfg.estimation.defaultMethod } };
    case 'appliance-kw':
      return { screen: { kind: 'appliance-kw', label: st.label, text: st.text }, problem: true };
    case 'seal-no':
    case 'witness-name':
    case 'statement-text':
      return { screen: { kind: st.kind, text: st.text } };
    case 'finding':
    case 'statement':
    case 'confirm':
    case 'leave':
    case 'discarding':
    case 'sealing':
    case 'discarded':
      return { screen: { kind: st.kind } };
  }
}

export function flowView(s: FlowState): FlowView {
  const no = s.plan?.reportNo ?? '';
  const i = MAIN_STEPS.indexOf(s.step.kind as MainStep);
  const r = screenOf(s);
  return {
    shortNo: no.replace(/^TT-.*-(\d{4}-\d+)$/, '$1'),
    progress: i >= 0 ? { n: i + 1, total: MAIN_STEPS.length } : null,
    screen: r.screen,
    problem: r.problem ? s.problem : null,
    keys: r.keys ?? [],
  };
}
