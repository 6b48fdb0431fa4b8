/**
 * Safety checklists (docs/domain.md §3, *assumed*, configurable per job kind): every item must be
 * answered; a "no" to an ordinary item, or a "yes" to a hazard question (gas smell), stops the
 * job. Answers go into the event in the order asked, each naming its item, `ok` meaning "safe /
 * done" whatever the wording of the question.
 */
import type { ChecklistItem, ChecklistKind, FieldWorkReference } from './reference.js';
import type { JobKind } from '../contract/job.js';

export interface ChecklistAnswer {
  readonly id: string;
  readonly label: string;
  /** What the crew answered to the question as worded. */
  readonly answer: boolean;
  /** Safe / done: `answer` for ordinary items, `!answer` for hazard questions. */
  readonly ok: boolean;
}

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

export function answerItem(item: ChecklistItem, answer: boolean): ChecklistAnswer {
  return { id: item.id, label: item.label, answer, ok: item.hazard ? !answer : answer };
}

/** What the answer means for the flow: go on, or stop (hazard: emergency instructions). */
export function answerOutcome(item: ChecklistItem, answer: boolean): 'continue' | 'stop' | 'hazard' {
  if (item.hazard) return answer ? 'hazard' : 'continue';
  return answer ? 'continue' : 'stop';
}

/**
 * Checks a complete checklist against the reference before it is committed: every item of the
 * kind answered once, in order, and all safe. Returns the problems (empty = complete and safe).
 */
export function checklistProblems(ref: FieldWorkReference, kind: ChecklistKind, answers: readonly { id: string; ok: boolean }[]): string[] {
  const items = [...checklistItems(ref, kind, 'before'), ...checklistItems(ref, kind, 'after')];
  const problems: string[] = [];
  for (const it of items) {
    const a = answers.filter((x) => x.id === it.id);
    if (a.length === 0) problems.push(`${it.id}: not answered`);
    else if (a.length > 1) problems.push(`${it.id}: answered twice`);
    else if (!a[0]!.ok) problems.push(`${it.id}: not safe`);
  }
  for (const a of answers) if (!items.some((i) => i.id === a.id)) problems.push(`${a.id}: not in the ${kind} checklist`);
  return problems;
}

/** The event's `checklist`: id, label, ok (safe/done), and `answer` as given (addition within v1). */
export function checklistForEvent(answers: readonly ChecklistAnswer[]): { id: string; label: string; ok: boolean; answer: boolean }[] {
  return answers.map((a) => ({ id: a.id, label: a.label.slice(0, 200), ok: a.ok, answer: a.answer }));
}
