/**
 * The cut's first step: the legal preconditions (cutPreconditions.ts), evaluated now by the caller
 * and handed in as `now.check` (the commit evaluates them again). A failure the reference data
 * lets a supervisor override needs the supervisor's id, PIN and a reason; the app checks the PIN
 * (effect `authorize`) and answers with `granted` or `refused`.
 */
import { cutDecision } from '../cutPreconditions.js';
import { next, withEffect } from './steps.js';
import type { FlowAction, FlowState, OverrideForm } from './types.js';

export function preInput(s: FlowState, a: FlowAction): FlowState {
  if (s.pre.form) return formInput(s, s.pre.form, a);
  if (a.t === 'back') return withEffect(s, { t: 'leave' });
  const c = s.now.check;
  if (!c) return s;
  if (a.t === 'enter') {
    const grant = s.pre.grant;
    const d = cutDecision(c, grant ? { supervisorId: grant.supervisorId, reason: grant.reason } : undefined, s.ctx.reference);
    if (d.ok) return next({ ...s, pre: { ...s.pre, problem: null } });
    return {
      ...s,
      pre: {
        ...s.pre,
        problem: d.message ? { fieldwork: d.message } : { ui: c.overridable ? 'fw.pre.blockedOverride' : 'fw.pre.blocked' },
      },
    };
  }
  if (a.t === 'soft' && a.n === 3 && c.overridable && !s.pre.grant)
    return { ...s, pre: { ...s.pre, form: { stage: 'id', id: '', pin: '', reason: '' } } };
  return s;
}

function setForm(s: FlowState, form: OverrideForm | null): FlowState {
  return { ...s, pre: { ...s.pre, form } };
}

function clean(f: OverrideForm): OverrideForm {
  const { problem: _gone, ...rest } = f;
  return rest;
}

function formInput(s: FlowState, f: OverrideForm, a: FlowAction): FlowState {
  if (f.stage === 'checking') return s;
  if (a.t === 'back') return setForm(s, f.stage === 'id' ? null : clean({ ...f, stage: f.stage === 'reason' ? 'pin' : 'id' }));
  const field = f.stage;
  if (a.t === 'edit') return setForm(s, clean({ ...f, [field]: a.text }));
  if (a.t !== 'enter') return s;
  if (field === 'id' && f.id !== '') return setForm(s, { ...f, stage: 'pin' });
  if (field === 'pin' && f.pin !== '') return setForm(s, { ...f, stage: 'reason' });
  if (field !== 'reason') return s;
  const min = s.ctx.reference.cut.minOverrideReasonLength;
  if (f.reason.trim().length < min)
    return setForm(s, { ...f, problem: { fieldwork: { key: 'override.reasonShort', params: { min: String(min) } } } });
  return withEffect(setForm(s, { ...f, stage: 'checking' }), {
    t: 'authorize',
    request: { jobId: s.ctx.jobId, supervisorId: f.id, pin: f.pin, reason: f.reason },
  });
}

/** The app's answer to `authorize`; ignored unless the form waits for it. */
export function authorized(s: FlowState, a: FlowAction): FlowState {
  const f = s.pre.form;
  if (f?.stage !== 'checking') return s;
  if (a.t === 'granted') return { ...s, pre: { grant: a.grant, form: null, problem: null } };
  if (a.t === 'refused') return setForm(s, { ...f, stage: 'pin', pin: '', problem: { error: a.error } });
  return s;
}
