/**
 * Safety checklists (docs/domain.md §3, *assumed*, configurable per job kind): every item must be
 * answered, in the order of the reference (reconnection and meter exchange: valve opened, then
 * tightness, then appliances); the unsafe answer to an ordinary item stops the job, to a hazard
 * (gas smell) it stops it with the emergency instructions. Key 1 is the safe answer of every item
 * and key 2 the unsafe one. Answers go into the event in the order asked, each naming its item,
 * `ok` meaning "safe / done".
 */
import type { ChecklistItem, ChecklistKind, FieldWorkReference } from './reference.js';
import type { JobKind } from '../contract/job.js';
import { VALVE_RECLOSED_TEXT } from '../documents/fieldWorkTexts.js';

export interface ChecklistAnswer {
  readonly id: string;
  readonly label: string;
  /** What the crew answered to the question as worded (yes/no): kept for the event and older records. */
  readonly answer: boolean;
  /** Safe / done. */
  readonly ok: boolean;
  /** The answer as the slip prints it ("YOK", "AÇILDI"); absent on records made before it existed. */
  readonly result?: string;
}

/** Id of the answer a not-done record carries when the gas was opened and closed again before leaving. */
export const VALVE_RECLOSED_ID = 'valve-reclosed';

export function checklistKindOf(kind: JobKind): ChecklistKind | null {
  switch (kind) {
    case 'cut':
      return 'cut';
    case 'reconnect':
      return 'reconnect';
    case 'meter-removal':
    case 'meter-installation':
      return 'meter';
    default:
      return null;
  }
}

export function checklistItems(ref: FieldWorkReference, kind: ChecklistKind, phase: 'before' | 'after'): readonly ChecklistItem[] {
  return ref.checklists[kind].filter((i) => i.phase === phase);
}

/** The answer to an item: `safe` true is key 1 (the safe answer), false key 2. */
export function answerItem(item: ChecklistItem, safe: boolean): ChecklistAnswer {
  return { id: item.id, label: item.label, answer: item.hazard ? !safe : safe, ok: safe, result: safe ? item.safe : item.unsafe };
}

/** What an answer means for the flow: go on, or stop (hazard: emergency instructions). */
export function answerOutcome(item: ChecklistItem, safe: boolean): 'continue' | 'stop' | 'hazard' {
  if (safe) return 'continue';
  return item.hazard ? 'hazard' : 'stop';
}

/**
 * The answer recorded when the crew closed the valve again after opening it (not-done after the
 * valve was opened), worded as a slip line (core/documents/fieldWorkTexts.ts).
 */
export function valveReclosed(): ChecklistAnswer {
  return { id: VALVE_RECLOSED_ID, label: VALVE_RECLOSED_TEXT.label, answer: true, ok: true, result: VALVE_RECLOSED_TEXT.result };
}

/**
 * Whether the answers leave the gas open: an item that opens the valve was answered done and no
 * "valve closed again" answer follows it.
 */
export function gasLeftOpen(ref: FieldWorkReference, kind: ChecklistKind, answers: readonly { id: string; ok: boolean }[]): boolean {
  const opens = new Set(ref.checklists[kind].filter((i) => i.opensValve).map((i) => i.id));
  let open = false;
  for (const a of answers) {
    if (opens.has(a.id) && a.ok) open = true;
    if (a.id === VALVE_RECLOSED_ID && a.ok) open = false;
  }
  return open;
}

/**
 * Checks a complete checklist against the reference before it is committed: every item of the
 * kind (of the phases asked: a meter removed with none fitted has no after-checks) answered once,
 * in the reference's order, and all safe. Returns the problems (empty = complete and safe).
 */
export function checklistProblems(
  ref: FieldWorkReference,
  kind: ChecklistKind,
  answers: readonly { id: string; ok: boolean }[],
  phases: readonly ('before' | 'after')[] = ['before', 'after'],
): string[] {
  const items = phases.flatMap((p) => checklistItems(ref, kind, p));
  const problems: string[] = [];
  for (const it of items) {
    const a = answers.filter((x) => x.id === it.id);
    if (a.length === 0) problems.push(`${it.id}: not answered`);
    else if (a.length > 1) problems.push(`${it.id}: answered twice`);
    else if (!a[0]!.ok) problems.push(`${it.id}: not safe`);
  }
  for (const a of answers) if (!items.some((i) => i.id === a.id)) problems.push(`${a.id}: not in the ${kind} checklist`);
  // In order: a tightness check answered before the valve was opened proves nothing (docs/domain.md §3).
  const order = answers.map((a) => items.findIndex((i) => i.id === a.id)).filter((n) => n >= 0);
  order.forEach((n, k) => {
    if (k > 0 && n < order[k - 1]!) problems.push(`${items[n]!.id}: answered after ${items[order[k - 1]!]!.id}, out of order`);
  });
  return problems;
}

/** The event's `checklist`: id, label, ok (safe/done), and `answer` as given (addition within v1). */
export function checklistForEvent(answers: readonly ChecklistAnswer[]): { id: string; label: string; ok: boolean; answer: boolean }[] {
  return answers.map((a) => ({ id: a.id, label: a.label.slice(0, 200), ok: a.ok, answer: a.answer }));
}
