/**
 * The step sequences of cut, reconnection and meter exchange, and what a completed sequence asks
 * the app to record. The order of the questions within a checklist is the reference data's
 * (device/reference/fieldwork.json, docs/domain.md §3): the cut asks all of them (valve closed, flow
 * stopped) before its index and seal, so its after-checklist is empty and skipped.
 */
import type { Collected, CommitRequest, FlowPlan, FlowState, PlanStep, ScanOverrideInput } from './types.js';

const CUT: readonly PlanStep[] = [
  { t: 'pre' },
  { t: 'scan' },
  { t: 'check', phase: 'before' },
  { t: 'index', role: 'cut' },
  { t: 'seal', role: 'cut', multi: false, min: 1 },
  { t: 'check', phase: 'after' },
  { t: 'confirm' },
];

const RECONNECT: readonly PlanStep[] = [
  { t: 'scan' },
  { t: 'check', phase: 'before' },
  { t: 'seal', role: 'reconnect', multi: false, min: 1 },
  { t: 'index', role: 'reconnect' },
  { t: 'check', phase: 'after' },
  { t: 'confirm' },
];

const REMOVAL: readonly PlanStep[] = [{ t: 'scan' }, { t: 'index', role: 'removed' }, { t: 'seal', role: 'removed', multi: true, min: 0 }];
const INSTALL: readonly PlanStep[] = [
  { t: 'serial' },
  { t: 'index', role: 'installed' },
  { t: 'seal', role: 'installed', multi: true, min: 1 },
];

/**
 * The steps in order. A removal job may end without a new meter (removed for the lab), an
 * installation job without an old one (new connection): their plans follow the crew's answer.
 */
export function planSteps(plan: FlowPlan, d: Collected): readonly PlanStep[] {
  switch (plan) {
    case 'cut':
      return CUT;
    case 'reconnect':
      return RECONNECT;
    case 'meter-installation':
      return [
        { t: 'check', phase: 'before' },
        { t: 'ask', q: 'removeOld' },
        ...(d.removeOld ? REMOVAL : []),
        ...INSTALL,
        { t: 'check', phase: 'after' },
        { t: 'confirm' },
      ];
    case 'meter-removal':
      return [
        REMOVAL[0]!,
        { t: 'check', phase: 'before' },
        ...REMOVAL.slice(1),
        { t: 'ask', q: 'installNew' },
        // Removed for the lab with no meter fitted: the gas stays off, so nothing is opened or tested after.
        ...(d.installNew ? [...INSTALL, { t: 'check', phase: 'after' } as const] : []),
        { t: 'confirm' },
      ];
  }
}

export function stepsOf(s: FlowState): readonly PlanStep[] {
  return planSteps(s.plan, s.data);
}

export function currentStep(s: FlowState): PlanStep | undefined {
  return stepsOf(s)[s.at];
}

/** A meter job takes the old meter out (always for a removal job). */
export function removing(plan: FlowPlan, d: Collected): boolean {
  return plan !== 'meter-installation' || d.removeOld;
}

/** A meter job puts a new meter in (always for an installation job). */
export function installing(plan: FlowPlan, d: Collected): boolean {
  return plan === 'meter-installation' || d.installNew;
}

/** The proof of the job's meter the commit carries: the code scanned, or the declared unreadable barcode. */
export function meterProof(d: Collected): { scannedCode: string } | { scanOverride: ScanOverrideInput } {
  if (d.scanOverride && d.scanned === undefined) return { scanOverride: { reasonCode: d.scanOverride.reasonCode, at: d.scanOverride.at } };
  return { scannedCode: d.scanned ?? '' };
}

/**
 * What the confirm records. Missing values go as the screens sent them (-1, ''), for the app to
 * refuse with Input_Invalid: the app, not the UI, is the last check.
 */
export function commitRequest(s: FlowState): CommitRequest {
  const d = s.data;
  const jobId = s.ctx.jobId;
  const checklist = [...d.answers];
  switch (s.plan) {
    case 'cut':
      return {
        kind: 'cut',
        input: {
          jobId,
          ...meterProof(d),
          checklist,
          index: d.index.cut ?? -1,
          sealNo: d.seals.cut?.[0] ?? '',
          ...(s.pre.grant ? { grantId: s.pre.grant.grantId } : {}),
        },
      };
    case 'reconnect':
      return {
        kind: 'reconnect',
        input: {
          jobId,
          ...meterProof(d),
          checklist,
          index: d.index.reconnect ?? -1,
          removedSealNo: d.seals.reconnect?.[0] ?? '',
        },
      };
    default:
      return {
        kind: 'meter-exchange',
        input: {
          jobId,
          checklist,
          ...(removing(s.plan, d)
            ? { removed: { ...meterProof(d), finalIndex: d.index.removed ?? -1, sealNos: [...(d.seals.removed ?? [])] } }
            : {}),
          ...(installing(s.plan, d)
            ? { installed: { serial: d.newSerial ?? '', initialIndex: d.index.installed ?? -1, sealNos: [...(d.seals.installed ?? [])] } }
            : {}),
        },
      };
  }
}
