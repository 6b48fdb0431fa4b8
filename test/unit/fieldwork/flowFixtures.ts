/** Shared data for the field-work flow machine tests (not a test file itself). */
import { join } from 'node:path';
import { loadFieldWorkReference } from '../../../src/app/loadFieldWorkReference.js';
import type { Job } from '../../../src/core/contract/job.js';
import { FieldWorkFlow, type FlowAction, type FlowPlan, type FlowState } from '../../../src/core/fieldwork/fieldWorkFlow.js';
import type { CutCheck, FieldWork } from '../../../src/core/fieldwork/index.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { DEFAULT_READING_RULES } from '../../../src/core/reading/rules.js';
import { readingJob } from '../../helpers/sampleJobs.js';

export const ref = loadFieldWorkReference({ dir: join(process.cwd(), 'device/reference') });

export const TODAY = '2026-11-25';
export const AT = '2026-11-25T10:00:00.000+03:00';

const KIND: Record<FlowPlan, Job['kind']> = {
  cut: 'cut',
  reconnect: 'reconnect',
  'meter-removal': 'meter-removal',
  'meter-installation': 'meter-installation',
};

/** Job 300: meter M10000300, 5 digits, last index 3100 on 2026-10-26, 3.5 m³/day expected. */
export function record(plan: FlowPlan, state: JobRecord['state'] = 'open'): JobRecord {
  const job = readingJob(300, { jobId: 'J-FW01', kind: KIND[plan], routeSeq: 1 });
  return { job, state, receivedAt: '', updatedAt: '', workIds: [] };
}
export const SERIAL = 'M10000300';
export const GOOD_INDEX = '3200';

export const ALLOWED: CutCheck = { at: 0, items: [], failed: [], allowed: true, overridable: false };
export const STALE: CutCheck = { at: 0, items: [], failed: ['sync-fresh'], allowed: false, overridable: true };
export const WEEKEND: CutCheck = { at: 0, items: [], failed: ['working-day'], allowed: false, overridable: false };

/** `rec` null: the job is not in the store. */
export function begin(plan: FlowPlan, rec: JobRecord | null = record(plan)): FlowState {
  return FieldWorkFlow.start(plan, {
    jobId: 'J-FW01',
    record: rec ?? undefined,
    reference: ref,
    readingRules: DEFAULT_READING_RULES,
    operatorId: 'op-7',
  });
}

export const now = (check: CutCheck | null = ALLOWED): FlowAction => ({ t: 'now', now: { at: AT, today: TODAY, check } });

/** Applies actions in order, each after the facts of the moment (as the screen does). */
export function run(s: FlowState, ...actions: FlowAction[]): FlowState {
  for (const a of actions) s = FieldWorkFlow.apply(FieldWorkFlow.apply(s, now(s.now.check ?? ALLOWED)), a);
  return s;
}

export const enter: FlowAction = { t: 'enter' };
export const back: FlowAction = { t: 'back' };
export const f = (n: 1 | 2 | 3 | 4): FlowAction => ({ t: 'soft', n });
export const digit = (d: string): FlowAction => ({ t: 'digit', d });
export const edit = (text: string): FlowAction => ({ t: 'edit', text });
export const scan = (code: string): FlowAction => ({ t: 'scan', code });
/** Checklist answers, "1" yes "2" no, one digit each. */
export const answers = (s: string): FlowAction[] => [...s].map(digit);
/** Types a text into the current field and presses Enter. */
export const typed = (text: string): FlowAction[] => [edit(text), enter];

/** A work record as the app would answer (the machine reads only id, kind and reasonCode). */
export function work(kind: FieldWork['kind'], reasonCode = '01'): FieldWork {
  return { id: `W-${kind}`, jobId: 'J-FW01', at: AT, operatorId: 'op-7', kind, reasonCode, checklist: [] } as unknown as FieldWork;
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
