/**
 * The inspection form's steps after the meter, key by key: seals, finding and subtype, appliances,
 * the person using the gas, witnesses, actions, the statement, review and confirmation, and what
 * follows sealing. Lists grow with F1 and lose their last entry with Clear; picks are by digit.
 * Moves between main steps (go/nav) save the draft, and so does every other change of it once its
 * transition is done (autosave, flowMoves.ts).
 */
import { ESTIMATION_METHODS, exemptionApplies, kwInBounds } from './config.js';
import { digitOf, editText, isKw, pickNumber } from './flowKeys.js';
import { keptMeter } from './flowMeter.js';
import { emit, go, nav, refreshPreview, to, withDraft, without, type OpenState } from './flowMoves.js';
import { SEAL_STATES, type FlowState, type KeyAction } from './flowTypes.js';
import { OFFICER_ID, type FindingKind, type InspectionDraft } from './report.js';

const FINDINGS: readonly FindingKind[] = ['none', 'kacak', 'usulsuz'];

/** The subtypes the configuration lists for the draft's finding. */
export function subtypesOf(s: Pick<FlowState, 'ctx'>, d: InspectionDraft | null) {
  const f = d?.finding;
  return f === 'kacak' || f === 'usulsuz' ? s.ctx.config.subtypes[f] : [];
}

/** A key on a list step (seals, appliances, witnesses): F1 adds, Clear drops the last entry. */
function listKey<K extends 'seals' | 'appliances' | 'witnesses'>(s: OpenState, k: KeyAction, list: K, add: OpenState['step']): OpenState {
  if (k.key === 'f1') return to(s, add);
  if (k.key === 'clear') return withDraft(s, { [list]: s.draft[list].slice(0, -1) });
  return nav(s, k);
}

export function formKey(s: OpenState, k: KeyAction): FlowState {
  const st = s.step;
  const d = s.draft;
  const cfg = s.ctx.config;
  switch (st.kind) {
    case 'seals':
      return listKey(s, k, 'seals', { kind: 'seal-no', text: '' });
    case 'seal-no': {
      const v = editText(st.text, k, 'text', 32);
      if (v !== null) return to(s, { ...st, text: v });
      if (k.key === 'enter' && st.text.trim()) return to(s, { kind: 'seal-state', sealNo: st.text.trim() });
      if (k.key === 'enter' || k.key === 'back') return to(s, { kind: 'seals' });
      return s;
    }
    case 'seal-state': {
      const n = pickNumber(k, SEAL_STATES.length);
      if (n) return to(withDraft(s, { seals: [...d.seals, { sealNo: st.sealNo, status: SEAL_STATES[n - 1]! }] }), { kind: 'seals' });
      if (k.key === 'back') return to(s, { kind: 'seal-no', text: st.sealNo });
      return s;
    }
    case 'finding': {
      const n = pickNumber(k, FINDINGS.length);
      if (n) {
        const f = FINDINGS[n - 1]!;
        // Another finding invalidates the subtype (and its exemption answer) picked for the previous one.
        const next = d.finding !== f ? { ...s, draft: { ...without(d, 'occupantApplied'), finding: f, subtype: null } } : s;
        return f === 'none' ? go(next, 'appliances') : to(next, { kind: 'subtype' });
      }
      if (k.key === 'enter' && d.finding) return go(s, d.finding === 'none' ? 'appliances' : 'finding', d.finding !== 'none');
      if (k.key === 'back') return go(s, 'seals');
      return s;
    }
    case 'subtype': {
      const list = subtypesOf(s, d);
      const n = pickNumber(k, list.length);
      if (n) {
        const code = list[n - 1]!.code;
        const next = { ...s, draft: { ...without(d, 'occupantApplied'), subtype: code } };
        // DMHY art. 53: for these subtypes an application made beforehand exempts the charge.
        return exemptionApplies(cfg, d.finding, code) ? to(next, { kind: 'exemption' }) : go(next, 'appliances');
      }
      if (k.key === 'back') return to(s, { kind: 'finding' });
      return s;
    }
    case 'exemption': {
      const n = pickNumber(k, 2);
      if (n) return go(withDraft(s, { occupantApplied: n === 2 }), 'appliances');
      if (k.key === 'back') return to(s, { kind: 'subtype' });
      return s;
    }
    case 'appliances':
      return listKey(s, k, 'appliances', { kind: 'appliance-type' });
    case 'appliance-type': {
      const n = pickNumber(k, cfg.applianceTypes.length);
      if (n) {
        const t = cfg.applianceTypes[n - 1]!;
        return to(s, { kind: 'appliance-kw', type: t.type, label: t.label, text: t.kw });
      }
      if (k.key === 'back') return to(s, { kind: 'appliances' });
      return s;
    }
    case 'appliance-kw': {
      // One decimal point, keyed as '.' or ','; the rest of the field is digits.
      const point = k.key === 'char' && (k.value === '.' || k.value === ',') && !st.text.includes('.');
      const v = point ? `${st.text}.` : editText(st.text, k, 'digits', 6);
      if (v !== null) return to(s, { ...st, text: v });
      if (k.key === 'enter' && isKw(st.text) && !kwInBounds(cfg, st.text))
        return { ...s, problem: { key: 'insp.appliance.bounds', min: cfg.appliancePower.minKw, max: cfg.appliancePower.maxKw } };
      if (k.key === 'enter' && isKw(st.text))
        return to(withDraft({ ...s, problem: null }, { appliances: [...d.appliances, { type: st.type, kw: st.text }] }), {
          kind: 'appliances',
        });
      if (k.key === 'back') return to({ ...s, problem: null }, { kind: 'appliance-type' });
      return s;
    }
    case 'user': {
      const v = editText(d.user.name, k, 'text', 120);
      if (v !== null) return withDraft(s, { user: { ...d.user, name: v } });
      if (k.key === 'enter') return d.user.name.trim() ? go(s, 'witnesses') : { ...s, problem: { key: 'insp.user.needName' } };
      if (k.key === 'back') return go(s, 'appliances');
      return s;
    }
    case 'witnesses':
      return listKey(s, k, 'witnesses', { kind: 'witness-name', text: '' });
    case 'witness-name': {
      const v = editText(st.text, k, 'text', 120);
      if (v !== null) return to(s, { ...st, text: v });
      if (k.key === 'enter') {
        const name = st.text.trim();
        return to(name ? withDraft(s, { witnesses: [...d.witnesses, { name }] }) : s, { kind: 'witnesses' });
      }
      if (k.key === 'back') return to(s, { kind: 'witnesses' });
      return s;
    }
    case 'officer':
      if (k.key === 'f1') return to(s, { kind: 'officer-id', text: d.officer?.operatorId ?? '' });
      if (k.key === 'clear') return withDraft(s, { officer: null });
      if (k.key === 'enter' && !d.officer && cfg.officials.min > 1)
        return { ...s, problem: { key: 'insp.officer.need', min: cfg.officials.min } };
      return nav(s, k);
    case 'officer-id': {
      const v = editText(st.text, k, 'text', 16);
      if (v !== null) return to({ ...s, problem: null }, { ...st, text: v });
      if (k.key === 'enter' && OFFICER_ID.test(st.text))
        return to({ ...s, problem: null }, { kind: 'officer-name', operatorId: st.text, text: d.officer?.name ?? '' });
      if (k.key === 'enter') return { ...s, problem: { key: 'insp.officer.badId' } };
      if (k.key === 'back') return to({ ...s, problem: null }, { kind: 'officer' });
      return s;
    }
    case 'officer-name': {
      const v = editText(st.text, k, 'text', 120);
      if (v !== null) return to(s, { ...st, text: v });
      if (k.key === 'enter' && st.text.trim()) return to(s, { kind: 'officer-confirm', operatorId: st.operatorId, name: st.text.trim() });
      if (k.key === 'back') return to(s, { kind: 'officer-id', text: st.operatorId });
      return s;
    }
    case 'officer-confirm': {
      // The second official confirms on the device that they were there: 1 (or Enter) yes, 2 no.
      const n = digitOf(k);
      if (n === 1 || k.key === 'enter')
        return to(withDraft(s, { officer: { operatorId: st.operatorId, name: st.name } }), { kind: 'officer' });
      if (n === 2 || k.key === 'back') return to(s, { kind: 'officer-name', operatorId: st.operatorId, text: st.name });
      return s;
    }
    case 'actions': {
      const n = pickNumber(k, cfg.actions.length);
      if (!n) return nav(s, k);
      const code = cfg.actions[n - 1]!.code;
      return withDraft(s, { actions: d.actions.includes(code) ? d.actions.filter((a) => a !== code) : [...d.actions, code] });
    }
    case 'statement': {
      const n = digitOf(k);
      if (n === 1) return to(s, { kind: 'statement-text', text: d.statement?.kind === 'statement' ? d.statement.text : '' });
      if (n === 2 || n === 3) {
        const kind = n === 2 ? ('refused' as const) : ('absent' as const);
        // Nobody signs for the user: a witness, or the reason there is none (device/reference/README.md).
        if (d.witnesses.length) return go(withDraft(s, { statement: { kind } }), 'review');
        return to(s, { kind: 'no-witness-reason', statement: kind, text: d.noWitnessReason ?? '' });
      }
      if (k.key === 'enter' && d.statement) return go(s, 'review');
      if (k.key === 'back') return go(s, 'actions');
      return s;
    }
    case 'statement-text': {
      const v = editText(st.text, k, 'text', 500);
      if (v !== null) return to(s, { ...st, text: v });
      if (k.key === 'enter' && st.text.trim())
        return go(withDraft(s, { statement: { kind: 'statement', text: st.text.trim() } }), 'review');
      if (k.key === 'back') return to(s, { kind: 'statement' });
      return s;
    }
    case 'no-witness-reason': {
      const v = editText(st.text, k, 'text', 200);
      if (v !== null) return to(s, { ...st, text: v });
      if (k.key === 'enter' && st.text.trim())
        return go(withDraft(s, { statement: { kind: st.statement }, noWitnessReason: st.text.trim() }), 'review');
      if (k.key === 'back') return to(s, { kind: 'statement' });
      return s;
    }
    case 'review':
      return reviewKey(s, k);
    case 'method-pick': {
      const n = pickNumber(k, ESTIMATION_METHODS.length);
      if (n) {
        const method = ESTIMATION_METHODS[n - 1]!;
        if (method === cfg.estimation.defaultMethod)
          return refreshPreview(to({ ...s, draft: without(d, 'method', 'methodReason') }, { kind: 'review' }));
        return to(s, { kind: 'method-reason', method, text: d.method === method ? (d.methodReason ?? '') : '' });
      }
      if (k.key === 'back') return to(s, { kind: 'review' });
      return s;
    }
    case 'method-reason': {
      // A change of method changes the money: it needs a reason, printed with the accrual and in its trace.
      const v = editText(st.text, k, 'text', 200);
      if (v !== null) return to(s, { ...st, text: v });
      if (k.key === 'enter' && st.text.trim())
        return refreshPreview(to(withDraft(s, { method: st.method, methodReason: st.text.trim() }), { kind: 'review' }));
      if (k.key === 'back') return to(s, { kind: 'method-pick' });
      return s;
    }
    case 'confirm':
      if (k.key === 'enter') return emit(to(s, { kind: 'sealing' }), { do: 'confirm', reportNo: s.plan.reportNo, draft: d });
      if (k.key === 'back') return go(s, 'review');
      return s;
    case 'leave': {
      const n = digitOf(k);
      if (n === 1 || k.key === 'enter') {
        // Keep: what was typed on the meter step goes into the draft, saved before the screen closes.
        const kept = keptMeter(s);
        return emit({ ...kept, saved: kept.draft }, { do: 'save', reportNo: s.plan.reportNo, draft: kept.draft }, { do: 'close' });
      }
      // Asked once: the discarding step ignores keys until the app answers (discarded / discard-failed).
      if (n === 2)
        return emit(to(s, { kind: 'discarding' }), { do: 'discard', reportNo: s.plan.reportNo, reason: 'abandoned by the crew' });
      if (k.key === 'back') return to(s, { kind: 'meter' });
      return s;
    }
    default:
      return afterKey(s, k);
  }
}

/**
 * Review: F3 (kaçak only) asks for another estimate method and its reason; Enter goes to the
 * confirmation only when the preview of this very draft has no problem. An accrual the device
 * cannot compute (no tariff, no fee) does not stop it: the office computes it.
 */
function reviewKey(s: OpenState, k: KeyAction): OpenState {
  const d = s.draft;
  if (k.key === 'f3' && d.finding === 'kacak') return to(s, { kind: 'method-pick' });
  const p = s.preview;
  if (k.key === 'enter' && p && s.previewOf === d && p.errors.length === 0 && !p.accrualProblem) return to(s, { kind: 'confirm' });
  if (k.key === 'back') return go(s, 'statement');
  return s;
}

/** Steps after sealing or discarding, and the busy steps (a key there could submit twice). */
function afterKey(s: OpenState, k: KeyAction): FlowState {
  const st = s.step;
  switch (st.kind) {
    case 'sealed':
    case 'print-failed':
      if (k.key === 'enter' || k.key === 'f1')
        return emit(to(s, { kind: 'printing', report: st.report }), { do: 'print', reportNo: st.report.reportNo });
      if (k.key === 'back') return emit(s, { do: 'close' });
      return s;
    case 'printed':
      if (k.key === 'enter' || k.key === 'back') return emit(s, { do: 'close' });
      if (k.key === 'f2') return emit(s, { do: 'reprint', documentNo: st.doc.documentNo });
      return s;
    case 'discarded':
    case 'failed':
      if (k.key === 'enter' || k.key === 'back') return emit(s, { do: 'close' });
      return s;
    default:
      return s; // starting, sealing, printing: waiting for the app
  }
}
