/**
 * Drives the pure inspection flow (src/core/inspection/inspectionFlow.ts) without a terminal or a
 * store: key helpers, and a simulated app that answers the machine's effects the way the screen
 * does (preview at once, the rest later) with the real validation and sealing of core.
 */
import {
  InspectionFlow,
  type FlowAction,
  type FlowEffect,
  type FlowState,
  type InspectionPlan,
  type KeyAction,
} from '../../../src/core/inspection/inspectionFlow.js';
import {
  emptyDraft,
  sealReport,
  validateDraft,
  type InspectionConfig,
  type InspectionDraft,
  type SealedReport,
} from '../../../src/core/inspection/index.js';
import type { InputKey } from '../../../src/core/input/InputEvent.js';
import { shippedConfig } from './fixtures.js';

export const config: InspectionConfig = shippedConfig();
export const REPORT_NO = 'TT-HT-0042-2026-000031';
export const AT = '2026-11-25T10:00:00.000+03:00';

export const plan = (over: Partial<InspectionPlan> = {}): InspectionPlan => ({
  reportNo: REPORT_NO,
  draft: emptyDraft(),
  job: { address: 'Vişnelik Mah. 12', meterSerial: 'M10000001' },
  ...over,
});

export const begin = (p: InspectionPlan = plan()) => InspectionFlow.start(p, { config });

export const key = (k: InputKey, value?: string): KeyAction => ({ type: 'key', key: k, ...(value === undefined ? {} : { value }) });
/** Typing: digits as digit keys, anything else as char keys. */
export const type = (s: string): KeyAction[] => [...s].map((c) => (/[0-9]/.test(c) ? key('digit', c) : key('char', c)));

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Applies actions in turn, each to a frozen state (a mutation throws in strict mode). */
export function run(s: FlowState, ...actions: Array<FlowAction | FlowAction[]>): FlowState {
  for (const a of actions.flat()) s = InspectionFlow.apply(deepFreeze(s), a);
  return s;
}

export const effectsOf = (s: FlowState, kind: FlowEffect['do']) => s.effects.filter((e) => e.do === kind);

/**
 * The app as the screen calls it: keeps the saved draft, previews with validateDraft (and, when
 * asked, no accrual), seals with sealReport after validating again, as InspectionService.confirm does.
 */
export class SimApp {
  saved: InspectionDraft | null = null;
  saves = 0;
  sealed: SealedReport | null = null;
  printed = 0;
  discarded = false;
  discards = 0;
  closed = false;
  /** Outcomes waiting to be delivered (the app's promises), oldest first. */
  readonly pending: FlowAction[] = [];

  constructor(private readonly o: { noAccrual?: boolean; failing?: () => boolean } = {}) {}

  /** Carries out the effects of `s`; the preview is answered at once, as the screen does. */
  effects(s: FlowState): FlowState {
    for (const fx of s.effects) s = this.effect(s, fx);
    return s;
  }

  private fails(): boolean {
    return this.o.failing?.() ?? false;
  }

  private effect(s: FlowState, fx: FlowEffect): FlowState {
    switch (fx.do) {
      case 'preview': {
        const preview = {
          errors: validateDraft(fx.draft, config),
          ...(this.o.noAccrual ? { accrualPending: 'no-tariff' as const } : {}),
        };
        return this.effects(InspectionFlow.apply(deepFreeze(s), { type: 'previewed', draft: fx.draft, preview }));
      }
      case 'save':
        if (this.fails()) this.pending.push({ type: 'save-failed', reason: 'disk gone' });
        else {
          this.saved = structuredClone(fx.draft);
          this.saves++;
        }
        return s;
      case 'confirm': {
        const errors = validateDraft(fx.draft, config);
        if (errors.length || this.fails()) this.pending.push({ type: 'seal-failed', reason: errors.length ? 'draft invalid' : 'store' });
        else {
          this.sealed = sealReport(
            fx.draft,
            {
              reportNo: fx.reportNo,
              at: AT,
              deviceId: 'HT-0042',
              crew: [{ operatorId: '1001', name: 'Ali Kaya' }],
              site: { installationNo: '1000001', address: 'x' },
            },
            config,
            this.o.noAccrual ? { kind: 'pending', reason: 'no-tariff', detail: 'no tariff' } : undefined,
          );
          this.pending.push({ type: 'sealed', report: this.sealed });
        }
        return s;
      }
      case 'print':
        if (this.fails()) this.pending.push({ type: 'print-failed', reason: 'paper out' });
        else {
          this.printed++;
          this.pending.push({ type: 'printed', doc: { documentNo: fx.reportNo } });
        }
        return s;
      case 'discard':
        if (this.fails()) this.pending.push({ type: 'discard-failed', reason: 'store' });
        else {
          this.discarded = true;
          this.discards++;
          this.pending.push({ type: 'discarded' });
        }
        return s;
      case 'close':
      case 'reprint':
        this.closed = true;
        return s;
      case 'prompt-scan':
        return s;
    }
  }

  /** One action through the machine, then its effects. */
  step(s: FlowState, a: FlowAction): FlowState {
    return this.effects(InspectionFlow.apply(deepFreeze(s), a));
  }
}
