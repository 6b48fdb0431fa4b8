/**
 * The plan's own steps: meter scan (flow/scan.ts: a mismatch stops the job), the safety checklist one question
 * at a time (key 1 the item's safe answer, key 2 its unsafe one; a hazard's unsafe answer, once
 * confirmed with Enter, stops with the emergency instructions), indexes
 * (validated by the reading rules' ReadingEntry, so an index is checked exactly as a reading is),
 * seal numbers (scanned or keyed, format-checked, never one already entered on this job), a yes/no question of the meter plans, and the
 * confirm, which is the only step that asks the app to record anything.
 * Each function takes a state and returns a new one; none mutates its argument.
 */
import { parseKeyedIndex, ReadingEntry, type EntryState } from '../../reading/index.js';
import { answerItem, answerOutcome, checklistItems } from '../checklist.js';
import type { ChecklistItem } from '../reference.js';
import { checkSealNo } from '../seal.js';
import { commitRequest, currentStep, stepsOf } from './plan.js';
import { CHOICES, type FlowAction, type FlowEffect, type FlowState, type FlowText, type PlanStep, type Role } from './types.js';

export function withEffect(s: FlowState, e: FlowEffect): FlowState {
  return { ...s, effects: [...s.effects, e] };
}

export function stop(s: FlowState, why: FlowText, code?: string, hazard = false): FlowState {
  const phase = { s: 'stopped', why, ...(code ? { code } : {}), hazard } as const;
  // After a hazard the job is over: the not-done list and its Back lead back here, never to the plan.
  return { ...s, phase, ...(hazard ? { halt: phase } : {}) };
}

/** The not-done code a scan of another meter proposes (docs/domain.md §2, code 11), else 99. */
export function wrongMeterCode(s: FlowState): string {
  return s.ctx.reference.notDoneCodes[s.kind].find((c) => c.wrongMeter)?.code ?? '99';
}

export function checkItems(s: FlowState, phase: 'before' | 'after'): readonly ChecklistItem[] {
  return checklistItems(s.ctx.reference, s.kind, phase);
}

export function next(s: FlowState): FlowState {
  return enter({ ...s, at: s.at + 1, field: '', notice: null, item: 0 });
}

/** A checklist step with no question in the reference (the cut asks everything before its index). */
function empty(s: FlowState, p: PlanStep | undefined): boolean {
  return p?.t === 'check' && checkItems(s, p.phase).length === 0;
}

/**
 * Drops the answers of a checklist (they are asked again, in order), except an opened valve: the
 * gas is open until the crew says otherwise, so a not-done record still asks it closed.
 */
function dropAnswers(s: FlowState, p: PlanStep | undefined): FlowState {
  if (p?.t !== 'check') return s;
  const ids = new Set(
    checkItems(s, p.phase)
      .filter((i) => !(i.opensValve && s.data.answers.some((a) => a.id === i.id && a.ok)))
      .map((i) => i.id),
  );
  return { ...s, data: { ...s.data, answers: s.data.answers.filter((a) => !ids.has(a.id)) }, item: 0 };
}

/** One step back (over empty checklists); from the first step the screen is left, recording nothing. */
export function prev(s: FlowState): FlowState {
  let at = s.at - 1;
  while (at >= 0 && empty(s, stepsOf(s)[at])) at--;
  if (at < 0) return withEffect(s, { t: 'leave' });
  // Leaving a checklist half answered drops what it got so far, as going back into one does: a
  // tightness check answered before the valve is asked again must not outlive the valve's answer.
  const left = dropAnswers(s, currentStep(s));
  const out: FlowState = { ...left, at, field: '', notice: null };
  return enter(dropAnswers(out, currentStep(out)));
}

/** Sets up the step now current (index machine, skipping checklists with no question). */
export function enter(s: FlowState): FlowState {
  const p = currentStep(s);
  if (!p) return s;
  if (p.t === 'check' && checkItems(s, p.phase).length === 0) return next(s);
  if (p.t === 'index' && p.role !== 'installed') return startEntry(s, p.role);
  return s;
}

function startEntry(s: FlowState, role: Role): FlowState {
  const m = s.ctx.record!.job.meter;
  try {
    const entry = ReadingEntry.start({
      // Gas has been off since the cut: no consumption is expected, so no high/low limits and zero is normal.
      meter: {
        digits: m.digits,
        lastIndex: m.lastIndex,
        lastReadDate: m.lastReadDate,
        ...(m.expectedDailyM3 && role !== 'reconnect' ? { expectedDailyM3: m.expectedDailyM3 } : {}),
        active: role !== 'reconnect',
      },
      readDate: s.now.today,
      rules: s.ctx.readingRules,
      operatorId: s.ctx.operatorId,
    });
    return { ...s, entry };
  } catch (error) {
    return { ...s, phase: { s: 'failed', reason: { error }, back: 'leave' } };
  }
}

/** An input while the plan is on screen (not-done, scan prompt and the cut's pre step are handled by the caller). */
export function planInput(s: FlowState, a: FlowAction): FlowState {
  const p = currentStep(s);
  if (!p) return s;
  if (a.t === 'back' && p.t !== 'pre' && !(p.t === 'index' && s.entry?.step === 'choose')) {
    if (s.field !== '' && p.t !== 'check') return { ...s, field: '' };
    // A seal list is corrected from its end: Back drops the last seal entered before leaving the step.
    const list = p.t === 'seal' && p.multi ? (s.data.seals[p.role] ?? []) : [];
    if (p.t === 'seal' && list.length)
      return { ...s, notice: null, data: { ...s.data, seals: { ...s.data.seals, [p.role]: list.slice(0, -1) } } };
    return prev(s);
  }
  switch (p.t) {
    case 'pre':
      return s;
    case 'scan':
      return s; // flow/scan.ts
    case 'serial':
    case 'seal':
      if (a.t === 'edit') return { ...s, field: a.text, notice: null };
      if (a.t === 'enter') return submitText(s, p, s.field);
      return s;
    case 'check':
      return a.t === 'digit' ? answer(s, p.phase, a.d) : s;
    case 'index':
      return indexInput(s, p.role, a);
    case 'ask':
      if (a.t === 'digit' && (a.d === '1' || a.d === '2')) {
        const yes = a.d === '1';
        return next({ ...s, data: p.q === 'installNew' ? { ...s.data, installNew: yes } : { ...s.data, removeOld: yes } });
      }
      return s;
    case 'confirm':
      return a.t === 'enter' ? withEffect({ ...s, phase: { s: 'saving', what: 'commit' } }, { t: 'commit', request: commitRequest(s) }) : s;
  }
}

/** A scan: into the field of a serial/seal step, and submitted at once (the meter's scan step: flow/scan.ts). */
export function scanned(s: FlowState, code: string): FlowState {
  const p = currentStep(s);
  return p && (p.t === 'serial' || p.t === 'seal') ? submitText(s, p, code) : s;
}

function submitText(s0: FlowState, p: Extract<PlanStep, { t: 'serial' | 'seal' }>, raw: string): FlowState {
  const text = raw.trim();
  const s: FlowState = { ...s0, field: '' };
  const m = s.ctx.record!.job.meter;
  if (p.t === 'serial') {
    if (!/^[A-Za-z0-9-]{1,32}$/.test(text)) return { ...s, notice: { ui: 'fw.serial.bad' } };
    if (s.data.removeOld && text === m.serial) return { ...s, notice: { ui: 'fw.serial.same' } };
    return next({ ...s, data: { ...s.data, newSerial: text } });
  }
  const list = s.data.seals[p.role] ?? [];
  if (text === '') {
    if (p.multi && list.length >= p.min) return next(s);
    return { ...s, notice: { fieldwork: { key: 'seal.empty', params: {} } } };
  }
  const sn = checkSealNo(text, s.ctx.reference);
  if (!sn.ok) return { ...s, notice: { fieldwork: sn.message } };
  const no = sn.sealNo;
  // A single seal is replaced when the step is done again (Back to correct it), so its own value does not count.
  const kept = p.multi ? list : [];
  if (kept.includes(no)) return { ...s, notice: { ui: 'fw.seal.twice', params: { no } } };
  const other = (Object.entries(s.data.seals) as [Role, readonly string[]][]).find(([role, l]) => role !== p.role && l.includes(no));
  if (other) return { ...s, notice: { ui: other[0] === 'removed' ? 'fw.seal.removed' : 'fw.seal.used', params: { no } } };
  const added: FlowState = { ...s, data: { ...s.data, seals: { ...s.data.seals, [p.role]: [...kept, no] } }, notice: null };
  return p.multi ? added : next(added);
}

/** Key 1 is the item's safe answer, key 2 its unsafe one; a hazard's unsafe answer waits for Enter. */
function answer(s: FlowState, phase: 'before' | 'after', d: string): FlowState {
  if (d !== '1' && d !== '2') return s;
  const it = checkItems(s, phase)[s.item];
  if (!it) return next(s);
  const safe = d === '1';
  if (answerOutcome(it, safe) === 'hazard') return { ...s, phase: { s: 'hazard-confirm', item: it } };
  return answered(s, it, safe);
}

/** Records an answer and moves on, or stops the job on an unsafe one. */
export function answered(s: FlowState, it: ChecklistItem, safe: boolean): FlowState {
  const items = checkItems(s, it.phase);
  const out: FlowState = {
    ...s,
    phase: { s: 'plan' },
    data: { ...s.data, answers: [...s.data.answers.filter((x) => x.id !== it.id), answerItem(it, safe)] },
  };
  const outcome = answerOutcome(it, safe);
  if (outcome === 'hazard') return stop(out, { ui: 'fw.hazard' }, it.failCode ?? '99', true);
  if (outcome === 'stop') return stop(out, { ui: 'fw.check.stop', params: { item: it.label, answer: it.unsafe } }, it.failCode);
  const moved = { ...out, item: s.item + 1 };
  return moved.item >= items.length ? next(moved) : moved;
}

function indexInput(s: FlowState, role: Role, a: FlowAction): FlowState {
  if (role === 'installed') {
    if (a.t === 'edit') return { ...s, field: a.text };
    if (a.t !== 'enter') return s;
    const r = parseKeyedIndex(s.field, s.ctx.record!.job.meter.digits);
    if (!r.ok) return { ...s, field: '', notice: { reading: r.message } };
    return next({ ...s, field: '', data: { ...s.data, index: { ...s.data.index, installed: r.index } } });
  }
  const entry = s.entry;
  if (!entry) return s;
  const at = s.now.at;
  if (entry.step === 'choose') {
    const allowed = CHOICES.filter((c) => entry.allowed.includes(c));
    const n = a.t === 'digit' ? Number(a.d) : NaN;
    if (a.t === 'move') return { ...s, choice: (s.choice + (a.by < 0 ? allowed.length - 1 : 1)) % allowed.length };
    if (n >= 1 && n <= allowed.length) return take(s, role, ReadingEntry.choose(entry, allowed[n - 1]!, at));
    if (a.t === 'enter' && allowed[s.choice]) return take(s, role, ReadingEntry.choose(entry, allowed[s.choice]!, at));
    if (a.t === 'back') return startEntry(s, role);
    return s;
  }
  if (a.t === 'edit') return { ...s, field: a.text };
  if (a.t !== 'enter') return s;
  // A closed entry (the meter looked changed, then Back) throws Reading_WrongStep here, as before.
  return take({ ...s, field: '' }, role, ReadingEntry.submit(entry, s.field, at));
}

function take(s: FlowState, role: Role, entry: EntryState): FlowState {
  const out: FlowState = { ...s, entry, choice: 0 };
  if (entry.step !== 'done') return out;
  const o = entry.outcome;
  if (o.kind === 'reading') return next({ ...out, data: { ...out.data, index: { ...out.data.index, [role]: o.index } } });
  // The dials say another meter is on the wall: the job is not this meter's.
  return stop(out, { ui: 'fw.index.meterChanged' }, wrongMeterCode(s));
}
