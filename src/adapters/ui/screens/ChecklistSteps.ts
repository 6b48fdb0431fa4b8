/**
 * The screen shared by cut, reconnection and meter exchange. The flow itself (steps, checks,
 * seals, not-done codes, what is recorded when) is the pure machine core/fieldwork/fieldWorkFlow.ts;
 * this file only turns keys into the machine's actions, runs the effects it asks for (the app's
 * calls, navigation) and paints its view model. "Kaydedildi" shows only once the app's promise
 * resolved, because the machine reaches `saved` only from the app's answer.
 *
 * The scan step's keys match the reading screen's: F3 "barkod okunamıyor" (a reason from the list),
 * and after another meter F1 code 11 (the scanned code kept) or F4 that meter's own job.
 *
 * A screen subclass gives the plan, the title and the wording of the summary (and, for the cut,
 * the precondition step).
 */
import type { DraftInfo } from '../../../app/AppServices.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord } from '../../../core/jobs/types.js';
import type { CutCheck, FieldWork } from '../../../core/fieldwork/index.js';
import {
  FieldWorkFlow,
  type CommitRequest,
  type ConfirmSummary,
  type FlowAction,
  type FlowEffect,
  type FlowPlan,
  type FlowState,
  type FlowText,
  type FlowView,
  type SoftKey,
} from '../../../core/fieldwork/fieldWorkFlow.js';
import { isoInstant } from '../../../core/time/calendar.js';
import { fieldWorkText, readingText, scanOverrideLabel } from '../i18n/index.js';
import type { Size, SoftKeys } from '../view/frame.js';
import { formatIndex } from '../view/format.js';
import { jobDetailLines, meterLines } from '../view/jobRow.js';
import { blank, clip, line, wrapLines, type Line } from '../view/text.js';
import { editText, fieldLine, noteLines, pickRows } from '../view/widgets.js';
import { Scroller, type ScrollParts } from '../view/scroll.js';
import { isListKey, moveSelection } from '../view/window.js';
import { BaseScreen } from './BaseScreen.js';
import { routeTo } from './readingKeys.js';
import type { ScreenView, UiContext } from './Screen.js';

const KEY_LABEL = {
  notDone: 'key.notDone',
  scan: 'key.scan',
  print: 'key.print',
  reprint: 'key.reprint',
  supervisor: 'key.supervisor',
  inspect: 'key.inspect',
  unreadable: 'key.unreadable',
  openJob: 'key.openJob',
} as const;

/** Keys that are not edits of the field being typed, as the machine's actions. */
function keyAction(e: InputEvent & { type: 'key' }): FlowAction | null {
  switch (e.key) {
    case 'enter':
    case 'back':
      return { t: e.key };
    case 'up':
    case 'down':
      return { t: 'move', by: e.key === 'up' ? -1 : 1 };
    case 'digit':
      return { t: 'digit', d: e.value ?? '' };
    case 'f1':
    case 'f2':
    case 'f3':
    case 'f4':
      return { t: 'soft', n: e.key === 'f1' ? 1 : e.key === 'f2' ? 2 : e.key === 'f3' ? 3 : 4 };
    default:
      return null;
  }
}

export abstract class FieldFlowScreen extends BaseScreen {
  readonly jobId: string;
  protected readonly rec: JobRecord | undefined;
  protected state: FlowState;
  private pickTop = 0;
  private pickPage = 5;
  /** Every step's body scrolls at 40×15 (issue 19: the cut gates showed 5 of 10 lines). */
  private readonly scroll = new Scroller();

  constructor(ctx: UiContext, jobId: string, plan: FlowPlan) {
    super(ctx);
    this.jobId = jobId;
    this.rec = ctx.app.job(jobId);
    const { app } = ctx;
    this.state = FieldWorkFlow.start(plan, {
      jobId,
      record: this.rec,
      reference: app.fieldReference,
      readingRules: app.readingRules,
      operatorId: app.session()?.operatorId ?? '?',
    });
  }

  // ------------------------------------------------------------ subclass API

  protected abstract title(): string;
  protected abstract summary(s: ConfirmSummary, cols: number): Line[];
  /** The cut's precondition step (other screens have none); `size` is the body (its cols may be one less when it scrolls). */
  protected preBody(_v: Extract<FlowView, { v: 'pre' }>, _check: CutCheck | null, _size: Size): ScrollParts {
    return { top: [], bottom: [] };
  }

  /** A machine text in the crew's language. */
  protected say(x: FlowText): string {
    const { t } = this.ctx;
    if ('ui' in x) return t(x.ui, x.params);
    if ('fieldwork' in x) return fieldWorkText(x.fieldwork, t.locale);
    if ('reading' in x) return readingText(x.reading, t.locale);
    return this.ctx.errorText(x.error);
  }

  private check(): CutCheck | null {
    return FieldWorkFlow.needsCheck(this.state) ? this.ctx.app.cutCheck(this.jobId) : null;
  }

  // ------------------------------------------------------------ input and effects

  handle(e: InputEvent): void {
    const s = this.state;
    const v = FieldWorkFlow.viewOf(s, this.check()).view;
    // ↑/↓ pick in the not-done and reason lists and the index choices; elsewhere they scroll a long body.
    const list = v.v === 'notdone-pick' || v.v === 'scan-override';
    if (v.v === 'notdone-pick' && e.type === 'key' && isListKey(e.key) && e.key !== 'up' && e.key !== 'down') {
      const to = moveSelection(v.selected, v.codes.length, e.key, this.pickPage);
      for (let i = v.selected; i !== to; i += to > i ? 1 : -1) this.act({ t: 'move', by: to > i ? 1 : -1 });
      return;
    }
    if (!list && this.scroll.key(e, !(v.v === 'index' && v.choose))) return;
    let a: FlowAction | null;
    if (e.type === 'scan') a = { t: 'scan', code: e.code };
    else {
      const input = FieldWorkFlow.inputOf(s);
      const edited = input ? editText(input.text, e, input.rule, input.max) : null;
      a = edited !== null ? { t: 'edit', text: edited } : keyAction(e);
    }
    if (!a) return;
    const { app } = this.ctx;
    const now = { at: isoInstant(app.now()), today: app.today(), check: this.check() };
    this.apply(FieldWorkFlow.apply(s, { t: 'now', now }), a);
  }

  private apply(s: FlowState, a: FlowAction): void {
    this.state = FieldWorkFlow.apply(s, a);
    for (const fx of this.state.effects) this.run(fx);
  }

  /** Hands the result of an effect to the machine. */
  private act(a: FlowAction): void {
    this.apply(this.state, a);
  }

  /** Runs an effect; its result goes back to the machine (only while the screen is open: settle). */
  private run(fx: FlowEffect): void {
    const { app, nav } = this.ctx;
    const failed = (t: 'saveFailed' | 'printFailed' | 'refused') => (error: unknown) => this.act({ t, error });
    switch (fx.t) {
      case 'recordScan':
        void app.recordScan(fx.jobId, fx.code).catch(() => undefined);
        return;
      case 'findJob': {
        // As the reading screen does: the scanned meter may be another open job on this route.
        const other = app.findByCode(fx.code);
        const open = other && other.job.jobId !== this.jobId && other.state === 'open' ? other : undefined;
        return this.act({ t: 'jobOfMeter', code: fx.code, job: open ? { jobId: open.job.jobId, seq: open.job.routeSeq } : null });
      }
      case 'openJob':
        return nav.replace(routeTo(app.job(fx.jobId), fx.jobId, fx.code));
      case 'commit': {
        let p: Promise<FieldWork>;
        try {
          p = this.commit(fx.request);
        } catch (e) {
          p = Promise.reject(e);
        }
        return this.settle(p, (work) => this.act({ t: 'saved', work }), failed('saveFailed'));
      }
      case 'notDone':
        return this.settle(app.recordNotDone(fx.request), (work) => this.act({ t: 'saved', work }), failed('saveFailed'));
      case 'print':
        return this.settle(app.printFieldWork(fx.workId), (doc) => this.act({ t: 'printed', doc }), failed('printFailed'));
      case 'authorize':
        return this.settle(app.authorizeOverride(fx.request), (grant) => this.act({ t: 'granted', grant }), failed('refused'));
      case 'leave':
        return nav.pop();
      case 'reprint':
        return nav.replace({ name: 'reprint', documentNo: fx.documentNo });
      case 'inspect':
        return nav.replace({ name: 'inspection', jobId: this.jobId });
      case 'promptScan':
        return this.ctx.promptScan?.();
    }
  }

  private commit(r: CommitRequest): Promise<FieldWork> {
    const { app } = this.ctx;
    if (r.kind === 'cut') return app.confirmCut(r.input);
    if (r.kind === 'reconnect') return app.confirmReconnect(r.input);
    return app.confirmMeterExchange(r.input);
  }

  /** Unconfirmed work for the audit of an abandoned idle-lock draft: the step, never the values. */
  draft(): DraftInfo | null {
    const v = FieldWorkFlow.viewOf(this.state, null).view;
    const done = ['none', 'saving', 'saved', 'printing', 'printed', 'print-failed', 'failed'].includes(v.v);
    if (done || (v.v === 'pre' && !v.form)) return null;
    return { screen: this.state.plan, jobId: this.jobId, detail: { step: v.v, ...('stepNo' in v ? { stepNo: v.stepNo } : {}) } };
  }

  // ------------------------------------------------------------ view

  view(size: Size): ScreenView {
    const { t } = this.ctx;
    const check = this.check();
    const m = FieldWorkFlow.viewOf(this.state, check);
    const keys: SoftKeys = [this.keyLabel(m.keys[0]), this.keyLabel(m.keys[1]), this.keyLabel(m.keys[2]), this.keyLabel(m.keys[3])];
    const v = m.view;
    const notDone = v.v === 'notdone-pick' || v.v === 'notdone-note' || v.v === 'notdone-confirm';
    const base = {
      title: notDone ? t('fw.notDone.title') : v.v === 'scan-override' ? t('reading.override.title') : this.title(),
      titleRight: this.rec ? t('job.seq', { n: this.rec.job.routeSeq }) : '',
      keys,
      // Esc does nothing while the app works, nor once a gas smell stopped the job.
      ...(v.v === 'saving' || v.v === 'printing' || m.noBack ? { back: null } : {}),
    };
    if (v.v === 'scan-override') {
      const head = [line(clip(t('reading.override.pick'), size.cols), 'bold')];
      const items = v.reasons.map((r, i) => `${i + 1} ${scanOverrideLabel(r.code, t.locale) ?? r.code}`);
      const { rows, win } = pickRows(items, v.selected, Math.max(1, size.rows - head.length), size.cols, this.pickTop);
      this.pickTop = win.top;
      return { ...base, body: [...head, ...rows] };
    }
    if (v.v === 'notdone-pick') {
      const head = [line(clip(t('fw.notDone.pick'), size.cols), 'bold')];
      this.pickPage = Math.max(1, size.rows - head.length);
      const items = v.codes.map((c) => `${c.code} ${c.label}`);
      const { rows, win } = pickRows(items, v.selected, this.pickPage, size.cols, this.pickTop);
      this.pickTop = win.top;
      return { ...base, body: [...head, ...rows] };
    }
    const key = `${v.v}:${'stepNo' in v ? v.stepNo : ''}:${v.v === 'check' ? v.n : ''}`;
    const body = this.scroll.paint((cols) => this.parts(v, check, { cols, rows: size.rows }), size.cols, size.rows, key);
    // Screens that record or leave for good on a key are debounced by the router (confirmGuard.ts).
    const confirm = v.v === 'hazard-confirm' || v.v === 'notdone-confirm' || v.v === 'confirm';
    return { ...base, body, ...(confirm ? { confirm: true } : {}) };
  }

  /** The body of a step: what scrolls, and what stays at the bottom (the field, the keys). */
  private parts(v: FlowView, check: CutCheck | null, size: Size): ScrollParts {
    const { t } = this.ctx;
    const cols = size.cols;
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    const pin = (top: Line[], bottom: Line[]): ScrollParts => ({ top, bottom });
    switch (v.v) {
      case 'stopped': {
        const other = v.wrongScan?.other;
        const hint = v.hazard ? 'fw.stopped.hazardHint' : v.wrongScan ? 'fw.stopped.wrongMeterHint' : 'fw.stopped.hint';
        return pin(
          [...text(this.say(v.why), 'bold'), ...(other ? text(t('reading.scan.otherJob', { seq: other.seq }), 'bold') : [])],
          text(t(hint)),
        );
      }
      case 'hazard-confirm':
        return pin(
          [...text(v.question, 'bold'), ...text(t('fw.hazard.confirm', { answer: v.unsafe }), 'bold')],
          text(t('fw.hazard.confirmKeys')),
        );
      case 'reclose':
        return pin(text(t('fw.reclose.ask'), 'bold'), text(t('fw.reclose.keys')));
      case 'notdone-note':
        // The cap is visible (issue 19: notes stopped at 200 characters without a word).
        return pin(
          [...text(`${v.code.code} ${v.code.label}`, 'bold'), line(t('noRead.note'))],
          noteLines(v.note, FieldWorkFlow.inputOf(this.state)?.max ?? 200, cols, t),
        );
      case 'notdone-confirm': {
        const c = v.code;
        const top = [
          ...text(t('fw.notDone.confirm', { code: c.code, label: c.label }), 'bold'),
          ...(v.note ? text(v.note) : []),
          ...(c.noticeLeft ? text(t('fw.notDone.notice')) : []),
          ...(c.emergency ? text(t('fw.notDone.emergency'), 'bold') : []),
        ];
        return pin(top, text(t('reading.enterConfirm')));
      }
      case 'saving':
        return pin(text(t('bill.saving'), 'bold'), []);
      case 'saved':
        if (v.work.kind === 'not-done')
          return pin(
            [...text(t('bill.saved'), 'bold'), ...text(t('fw.notDone.saved', { code: v.work.reasonCode }))],
            text(t('bill.doneHint')),
          );
        return pin([...text(t('bill.saved'), 'bold'), ...text(t('fw.saved.event'))], text(t('fw.printHint')));
      case 'printing':
        return pin(text(t('bill.printing'), 'bold'), []);
      case 'printed': {
        const top = [...text(t('bill.printed'), 'bold'), ...text(t('fw.documentNo', { no: v.doc.documentNo }))];
        if (v.doc.savedAt) top.push(...text(t('bill.savedAt', { path: v.doc.savedAt })));
        if (v.inspect) top.push(...text(t('fw.finding.offer'), 'bold'));
        return pin(top, text(t('bill.nextHint')));
      }
      case 'print-failed':
        return pin(
          [...text(t('bill.saved'), 'bold'), ...text(t('bill.printFailed', { reason: this.say(v.reason) }), 'bold')],
          text(t('bill.retryHint')),
        );
      case 'failed':
        return pin(text(this.say(v.reason), 'bold'), text(t(v.leave ? 'bill.doneHint' : 'fw.failed.back')));
      default:
        return this.stepBody(v, check, size);
    }
  }

  private keyLabel(k: SoftKey | undefined): string | undefined {
    if (k === undefined || (k === 'scan' && !this.ctx.promptScan)) return undefined;
    return this.ctx.t(KEY_LABEL[k]);
  }

  private stepBody(v: FlowView, check: CutCheck | null, size: Size): ScrollParts {
    const { t } = this.ctx;
    const cols = size.cols;
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    const pin = (top: Line[], bottom: Line[]): ScrollParts => ({ top, bottom });
    if (v.v === 'pre') return this.preBody(v, check, size);
    if (v.v === 'confirm') {
      // The crew sees the override goes with the record (issue 19), as on the reading's preview.
      const o = v.summary.scanOverride;
      const override = o ? text(t('bill.scanOverride', { reason: scanOverrideLabel(o.reasonCode, t.locale) ?? o.reasonCode }), 'bold') : [];
      return pin([...this.summary(v.summary, cols), ...override], text(t('bill.confirm')));
    }
    if (!('stepNo' in v)) return { top: [], bottom: [] };
    const rec = this.rec!;
    const notice = v.notice ? text(this.say(v.notice), 'bold') : [];
    const stepNo = line(clip(t('fw.step', { n: v.stepNo, of: v.of }), cols));
    switch (v.v) {
      case 'scan': {
        const unreadable = FieldWorkFlow.viewOf(this.state).keys.includes('unreadable') ? text(t('fw.scan.unreadable')) : [];
        const override = v.override
          ? text(
              t('reading.scan.override', { reason: scanOverrideLabel(v.override.reasonCode, t.locale) ?? v.override.reasonCode }),
              'bold',
            )
          : [];
        return pin(
          [...jobDetailLines(rec, cols, t, 2), ...meterLines(rec, cols, t), blank, ...text(t('fw.scan.ask')), ...unreadable],
          [...override, ...notice, fieldLine(t('fw.scan.code'), v.field, cols, { active: true })],
        );
      }
      case 'serial':
        return pin(
          [stepNo, ...text(t('fw.serial.ask'), 'bold')],
          [...notice, fieldLine(t('fw.serial.field'), v.field, cols, { active: true })],
        );
      case 'seal': {
        const top = [stepNo, ...text(t(`fw.seal.ask.${v.role}`), 'bold'), ...text(t('fw.seal.example', { example: v.example }))];
        if (v.list.length) top.push(...text(t('fw.seal.list', { list: v.list.join(', ') })));
        if (v.multi) top.push(...text(t(v.enough ? 'fw.seal.moreHint' : 'fw.seal.firstHint')));
        if (v.multi && v.list.length) top.push(...text(t('fw.seal.backHint')));
        return pin(top, [...notice, fieldLine(t('fw.seal.field'), v.field, cols, { active: true })]);
      }
      case 'check': {
        // The plan's step number first, as every other step shows it: "Adım 3/7" then "2/2" of its questions (issue 19).
        const top = [stepNo, line(clip(t('fw.check.title', { n: v.n, of: v.count }), cols), 'bold'), ...text(v.question, 'bold')];
        // The keys name the answers: 1 is always the safe one, whatever the question.
        return pin(top, [...text(t('fw.check.answers', { safe: v.safe, unsafe: v.unsafe }))]);
      }
      case 'index': {
        const m = rec.job.meter;
        const top = [stepNo, ...text(t(`fw.index.ask.${v.role}`), 'bold')];
        if (v.role !== 'installed')
          top.push(...text(t('job.previous', { index: formatIndex(m.lastIndex, m.digits), date: m.lastReadDate })));
        const bottom: Line[] = [...notice];
        if (v.entryNotice) bottom.push(...text(readingText(v.entryNotice, t.locale), 'bold'));
        if (v.choose)
          v.choose.options.forEach((c, i) =>
            bottom.push(line(clip(`${i + 1} ${t(`reading.choose.${c}`)}`, cols), i === v.choose!.selected ? 'inverse' : undefined)),
          );
        else bottom.push(fieldLine(v.rekey ? t('reading.rekey') : t('reading.index'), v.field, cols, { active: true }));
        return pin(top, bottom);
      }
      case 'ask':
        return pin([stepNo, ...text(t(`fw.ask.${v.q}`), 'bold')], text(t('fw.check.keys')));
    }
  }
}
