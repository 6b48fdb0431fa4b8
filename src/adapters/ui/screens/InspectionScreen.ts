/**
 * A kaçak/usulsüz inspection report (tutanak), step by step, keypad-first: scan the meter (or key
 * its serial), key the index; seals (number, then 1–4 for its state); finding and type from
 * numbered lists; appliances (numbered type, kW in digits, pre-filled); the person using the gas
 * and witnesses (short text); the second official (sicil no, name, confirmed); actions ticked by
 * digit; the statement, "imzadan imtina etti" or the user absent (then a witness or a reason);
 * then the summary with the accrual, confirmation (the report is sealed: no changes after), and
 * printing of both copies.
 *
 * The report number is reserved when the screen opens; the draft is saved after every step, so
 * leaving (or a flat battery) keeps it: opening the job again resumes it. Leaving can also void it.
 *
 * Keys: digits/letters edit or pick, Clear erases, Enter goes forward, Back goes one step back,
 * F1 adds (seal, appliance, witness, official) or "no meter", F2 scan prompt (demo), F3 another
 * estimate method (with its reason).
 *
 * The form itself (steps, keys, the draft) is the pure machine core/inspection/inspectionFlow.ts:
 * this screen hands it keys and scans, carries out the app calls it asks for (effects) and paints
 * its view model.
 */
import type { DraftInfo } from '../../../app/AppServices.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import {
  InspectionFlow,
  type FlowAction,
  type FlowEffect,
  type FlowProblem,
  type FlowScreen,
  type FlowState,
  type SoftKey,
} from '../../../core/inspection/inspectionFlow.js';
import type { UiKey } from '../i18n/index.js';
import type { Size, SoftKeys } from '../view/frame.js';
import { formatMoney } from '../view/format.js';
import { blank, clip, line, wrapLines, type Line } from '../view/text.js';
import { fieldLine } from '../view/widgets.js';
import { Scroller, type ScrollParts } from '../view/scroll.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

const SOFT_KEYS: Readonly<Record<SoftKey, UiKey>> = {
  noMeter: 'key.noMeter',
  scan: 'key.scan',
  add: 'key.add',
  method: 'key.method',
  print: 'key.print',
  reprint: 'key.reprint',
};

export class InspectionScreen extends BaseScreen {
  readonly jobId: string;
  private flow: FlowState;
  /** Long steps (the review above all) scroll at 40×15 (issue 19); hints stay at the bottom. */
  private readonly scroll = new Scroller();

  constructor(ctx: UiContext, jobId: string, corrects?: string) {
    super(ctx);
    this.jobId = jobId;
    const rec = ctx.app.job(jobId);
    const ins = ctx.app.inspections;
    this.flow = InspectionFlow.opening({ config: ins.config() });
    this.settle(
      corrects ? ins.beginCorrection(corrects) : ins.begin({ jobId }),
      (r) =>
        this.dispatch({
          type: 'opened',
          plan: {
            reportNo: r.reportNo,
            draft: structuredClone(r.draft),
            ...(r.corrects ? { corrects: r.corrects } : {}),
            ...(rec ? { job: { address: rec.job.customer.address, meterSerial: rec.job.meter.serial } } : {}),
          },
        }),
      (e) => this.dispatch({ type: 'open-failed', reason: ctx.errorText(e) }),
    );
  }

  // ------------------------------------------------------------------ input

  handle(e: InputEvent): void {
    // ↑/↓ switch the meter step's fields; elsewhere they scroll a long body, as PgUp/PgDn/Home/End do.
    if (this.scroll.key(e, InspectionFlow.view(this.flow).screen.kind !== 'meter')) return;
    this.dispatch(
      e.type === 'scan'
        ? { type: 'scan', code: e.code }
        : { type: 'key', key: e.key, ...(e.value === undefined ? {} : { value: e.value }) },
    );
  }

  private dispatch(a: FlowAction): void {
    this.flow = InspectionFlow.apply(this.flow, a);
    // The effects of this transition, in order; an outcome dispatched meanwhile brings its own.
    for (const fx of this.flow.effects) this.run(fx);
  }

  private run(fx: FlowEffect): void {
    const { app, errorText, nav } = this.ctx;
    const ins = app.inspections;
    const failed = (type: 'save-failed' | 'seal-failed' | 'print-failed' | 'discard-failed') => (e: unknown) =>
      this.dispatch({ type, reason: errorText(e) });
    switch (fx.do) {
      case 'save':
        return this.settle(ins.save(fx.reportNo, fx.draft), () => undefined, failed('save-failed'));
      case 'preview': {
        // Answered at once: the review must not show (or accept) an older draft's preview.
        let preview;
        try {
          preview = ins.preview(fx.reportNo, fx.draft);
        } catch (e) {
          return this.dispatch({ type: 'preview-failed', draft: fx.draft, reason: errorText(e) });
        }
        return this.dispatch({ type: 'previewed', draft: fx.draft, preview });
      }
      case 'confirm':
        return this.settle(
          ins.confirm(fx.reportNo, fx.draft),
          (report) => this.dispatch({ type: 'sealed', report }),
          failed('seal-failed'),
        );
      case 'print':
        return this.settle(ins.print(fx.reportNo), (doc) => this.dispatch({ type: 'printed', doc }), failed('print-failed'));
      case 'discard':
        return this.settle(ins.discard(fx.reportNo, fx.reason), () => this.dispatch({ type: 'discarded' }), failed('discard-failed'));
      case 'close':
        return nav.pop();
      case 'reprint':
        return nav.replace({ name: 'reprint', documentNo: fx.documentNo });
      case 'prompt-scan':
        return this.ctx.promptScan?.();
    }
  }

  /** The report's draft is saved after every step; an abandoned screen names where it stood. */
  draft(): DraftInfo | null {
    const kind = InspectionFlow.view(this.flow).screen.kind;
    if (['starting', 'failed', 'sealing', 'sealed', 'printing', 'printed', 'print-failed', 'discarded'].includes(kind)) return null;
    return { screen: 'inspection', jobId: this.jobId, detail: { step: kind, draftSaved: true } };
  }

  // ------------------------------------------------------------------ view

  view(size: Size): ScreenView {
    const v = InspectionFlow.view(this.flow);
    const first = this.render(size);
    const key = `${v.screen.kind}:${v.progress ? JSON.stringify(v.progress) : ''}`;
    const busy = ['starting', 'sealing', 'printing', 'discarding'].includes(v.screen.kind);
    const body = this.scroll.paint(
      (cols) => (cols === size.cols ? first : this.render({ cols, rows: size.rows })).content,
      size.cols,
      size.rows,
      key,
    );
    return { ...first.view, body, ...(busy ? { back: null } : {}) };
  }

  /** The step at `size`: its title and keys, and its body as what scrolls and what stays. */
  private render(size: Size): { view: Omit<ScreenView, 'body'>; content: ScrollParts } {
    const { t } = this.ctx;
    const cols = size.cols;
    const v = InspectionFlow.view(this.flow);
    const st = v.screen;
    const base = { title: clip(t('insp.title', { no: v.shortNo }), cols - 6), titleRight: v.progress ? t('insp.step', v.progress) : '' };
    // The scan prompt exists in demo mode only: F2 has no label (and does nothing) elsewhere.
    const word = (k: SoftKey | undefined) => (k === undefined || (k === 'scan' && !this.ctx.promptScan) ? undefined : t(SOFT_KEYS[k]));
    const keys: SoftKeys = [word(v.keys[0]), word(v.keys[1]), word(v.keys[2])];
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    const hint = (k: UiKey) => [...(v.problem ? text(this.problemText(v.problem), 'bold') : []), ...text(t(k))];
    const pinned = (top: Line[], bottom: Line[]): ScrollParts => ({ top, bottom });
    const pick = (head: string, items: readonly string[]): ScrollParts => {
      const rows = items.map((s, n) => line(clip(`${n + 1} ${s}`, cols)));
      return pinned([...text(head, 'bold'), ...rows], text(t('insp.pick.hint')));
    };
    const list = (title: UiKey, none: UiKey, items: readonly string[], k: UiKey): ScrollParts =>
      pinned([...text(t(title), 'bold'), ...(items.length ? items.flatMap((s) => text(`- ${s}`)) : text(t(none)))], hint(k));
    // A field being typed; only the steps whose view model carries a problem show one above the hint.
    const field = (head: string, label: string, value: string): ScrollParts =>
      pinned(text(head, 'bold'), [fieldLine(label, value, cols, { active: true }), ...hint('insp.text.hint')]);
    const body = (b: Line[] | ScrollParts) => ({ view: { ...base, keys }, content: Array.isArray(b) ? { top: b, bottom: [] } : b });
    switch (st.kind) {
      case 'starting':
        return body(text(t('insp.starting')));
      case 'failed':
        return body(pinned(text(st.reason, 'bold'), text(t('bill.doneHint'))));
      case 'meter':
        return body(this.meterLines(st, size, hint));
      case 'seals':
        return body(
          list(
            'insp.seals.title',
            'insp.seals.none',
            st.seals.map((s) => `${s.sealNo || '?'} ${t(`insp.seal.${s.status}`)}`),
            'insp.seals.hint',
          ),
        );
      case 'seal-no':
        return body(field(t('insp.seals.title'), t('insp.seal.no'), st.text));
      case 'seal-state':
        return body(
          pick(
            t('insp.seal.status', { no: st.sealNo }),
            st.states.map((s) => t(`insp.seal.${s}`)),
          ),
        );
      case 'finding':
        return body(pick(t('insp.finding.title'), [t('insp.finding.none'), t('insp.finding.kacak'), t('insp.finding.usulsuz')]));
      case 'subtype':
        return body(pick(t('insp.subtype.title'), st.labels));
      case 'appliances':
        return body(
          list(
            'insp.appliances.title',
            'insp.appliances.none',
            st.appliances.map((a) => `${a.label} ${a.kw} kW`),
            'insp.appliances.hint',
          ),
        );
      case 'appliance-type':
        return body(pick(t('insp.appliances.title'), st.labels));
      case 'appliance-kw':
        return body(field(t('insp.appliance.kw', { type: st.label }), 'kW', st.text));
      case 'user':
        return body(field(t('insp.user.title'), t('insp.user.name'), st.name));
      case 'witnesses':
        return body(list('insp.witnesses.title', 'insp.witnesses.none', st.names, 'insp.witnesses.hint'));
      case 'witness-name':
        return body(field(t('insp.witnesses.title'), t('insp.witness.name'), st.text));
      case 'actions': {
        const rows = st.actions.map((a, n) => line(clip(`${n + 1} [${a.ticked ? 'x' : ' '}] ${a.label}`, cols)));
        return body(pinned([...text(t('insp.actions.title'), 'bold'), ...rows], hint('insp.actions.hint')));
      }
      case 'statement':
        return body(pick(t('insp.statement.title'), [t('insp.statement.write'), t('insp.statement.refused'), t('insp.statement.absent')]));
      case 'officer': {
        const o = st.officer;
        const rows = o ? text(`${o.name} (${o.operatorId})`) : text(t('insp.officer.none'));
        return body(pinned([...text(t('insp.officer.title'), 'bold'), ...rows], hint('insp.officer.hint')));
      }
      case 'officer-id':
        return body(field(t('insp.officer.title'), t('insp.officer.id'), st.text));
      case 'officer-name':
        return body(field(t('insp.officer.title'), t('insp.officer.name'), st.text));
      case 'officer-confirm':
        return body(pick(t('insp.officer.confirm', { name: st.name, id: st.operatorId }), [t('insp.officer.yes'), t('insp.officer.no')]));
      case 'no-witness-reason':
        return body(field(t('insp.noWitness.title'), t('insp.noWitness.reason'), st.text));
      case 'exemption':
        return body(pick(t('insp.exemption.title', { subtype: st.subtypeLabel }), [t('insp.exemption.no'), t('insp.exemption.yes')]));
      case 'method-pick':
        return body(
          pick(
            t('insp.method.title', { method: t(`insp.method.${st.current}`) }),
            st.methods.map((m) => t(`insp.method.${m}`)),
          ),
        );
      case 'method-reason':
        return body(field(t('insp.method.reason', { method: t(`insp.method.${st.method}`) }), t('insp.noWitness.reason'), st.text));
      case 'discarding':
        return body(text(t('insp.discarding'), 'bold'));
      case 'statement-text':
        return body(
          pinned(text(t('insp.statement.title'), 'bold'), [...wrapLines(`${st.text}_`, cols, 'inverse'), ...text(t('insp.text.hint'))]),
        );
      case 'review': {
        const r = body(pinned(this.reviewLines(st, cols), hint(st.needsFix ? 'insp.review.fixHint' : 'insp.review.hint')));
        return { ...r, view: { ...r.view, title: t('insp.review.title') } };
      }
      case 'confirm':
        return body(pinned(text(t('insp.confirm'), 'bold'), text(t('insp.confirmHint'))));
      case 'leave':
        return body(pick(t('insp.leave'), [t('insp.leave.keep'), t('insp.leave.discard')]));
      case 'sealing':
        return body(text(t('insp.sealing'), 'bold'));
      case 'sealed':
        return body(
          pinned(
            [...text(t('insp.sealed'), 'bold'), ...text(st.reportNo), ...text(t('insp.hash', { hash: st.hash }))],
            text(t('insp.printHint')),
          ),
        );
      case 'printing':
        return body([...text(st.reportNo), ...text(t('bill.printing'), 'bold')]);
      case 'printed': {
        const top = [...text(t('insp.printed'), 'bold'), ...text(st.reportNo), ...text(t('insp.hash', { hash: st.hash }))];
        if (st.savedAt) top.push(...text(t('bill.savedAt', { path: st.savedAt })));
        return body(pinned(top, text(t('bill.nextHint'))));
      }
      case 'print-failed':
        return body(
          pinned(
            [...text(t('insp.sealed'), 'bold'), ...text(st.reportNo), ...text(t('bill.printFailed', { reason: st.reason }), 'bold')],
            text(t('bill.retryHint')),
          ),
        );
      case 'discarded':
        return body(pinned(text(t('insp.discarded'), 'bold'), text(t('bill.doneHint'))));
    }
  }

  private problemText(p: FlowProblem): string {
    const { t } = this.ctx;
    switch (p.key) {
      case 'error':
        return p.text;
      case 'insp.saveFailed':
        return t(p.key, { reason: p.reason });
      case 'insp.officer.need':
        return t(p.key, { min: p.min });
      case 'insp.appliance.bounds':
        return t(p.key, { min: p.min, max: p.max });
      default:
        return t(p.key);
    }
  }

  private meterLines(st: Extract<FlowScreen, { kind: 'meter' }>, size: Size, hint: (k: UiKey) => Line[]): ScrollParts {
    const { t } = this.ctx;
    const cols = size.cols;
    const text = (s: string, style?: 'bold') => wrapLines(s, cols, style);
    const top: Line[] = [];
    if (st.corrects) top.push(...text(t('insp.corrects', { no: st.corrects }), 'bold'));
    if (st.job) top.push(...text(st.job.address), ...text(t('insp.meter.expected', { serial: st.job.meterSerial })));
    if (st.form.noMeter) {
      top.push(blank, ...text(t('insp.meter.none'), 'bold'));
      return { top, bottom: hint('insp.meter.hint') };
    }
    top.push(...text(t('insp.meter.scan')));
    if (st.entered) top.push(...text(t(st.entered === 'scanned' ? 'insp.meter.scanned' : 'insp.meter.typed')));
    if (st.mismatch) top.push(...text(t('insp.meter.mismatch'), 'bold'));
    const fields = [
      fieldLine(t('insp.meter.serial'), st.form.serial, cols, { active: st.form.field === 'serial', labelWidth: 7 }),
      fieldLine(t('insp.meter.index'), st.form.index, cols, { active: st.form.field === 'index', labelWidth: 7 }),
    ];
    return { top, bottom: [...fields, ...hint('insp.meter.hint')] };
  }

  private reviewLines(r: Extract<FlowScreen, { kind: 'review' }>, cols: number): Line[] {
    const { t } = this.ctx;
    const p = r.preview;
    const text = (s: string, style?: 'bold') => wrapLines(s, cols, style);
    const finding =
      r.finding === null
        ? '?'
        : r.finding === 'none'
          ? t('insp.finding.none')
          : `${t(`insp.finding.${r.finding}`)} / ${r.subtypeLabel ?? '?'}`;
    // Most important first: a short screen drops lines from the end.
    const out: Line[] = [...text(t('insp.review.finding', { finding }), 'bold')];
    if (p?.errors.length) {
      out.push(...text(t('insp.review.problems'), 'bold'));
      for (const e of p.errors) out.push(...text(`- ${e.message}`));
    }
    if (p?.accrualProblem) out.push(...text(t('insp.review.noAccrual', { reason: p.accrualProblem.message }), 'bold'));
    if (r.pending) out.push(...text(t('insp.review.pending', { reason: t(`insp.pending.${r.pending}`) }), 'bold'));
    if (r.exempt) out.push(...text(t('insp.review.exempt'), 'bold'));
    const a = r.accrual;
    if (a) {
      out.push(...text(t('insp.review.total', { amount: formatMoney(a.total, t.locale) }), 'bold'));
      if (a.period && a.estimatedM3) out.push(...text(t('insp.review.estimate', { days: a.period.days, m3: a.estimatedM3 })));
      if (a.period) out.push(...text(t('insp.review.period', { from: a.period.from, to: a.period.to })));
      if (a.meteredM3 !== undefined) out.push(...text(t('insp.review.metered', { m3: a.meteredM3, billed: a.billedM3 ?? '' })));
      if (a.method) out.push(...text(t('insp.review.method', { method: t(`insp.method.${a.method}`) })));
      if (a.repeat) out.push(...text(t('insp.review.repeat'), 'bold'));
      if (a.assumed.length) out.push(...text(t('insp.review.assumed')));
    }
    out.push(...text(r.meter ? t('insp.review.meter', { serial: r.meter.serial, index: r.meter.index ?? '-' }) : t('insp.meter.none')));
    out.push(...text(t('insp.review.seals', { n: r.sealCount })));
    if (a)
      for (const l of a.lines)
        out.push(...text(`${l.description}: ${formatMoney(l.amount, t.locale)} + KDV ${formatMoney(l.vat, t.locale)}`));
    return out;
  }
}
