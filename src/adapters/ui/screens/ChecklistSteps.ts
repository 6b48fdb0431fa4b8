/**
 * The screen shared by cut, reconnection and meter exchange. The flow itself (steps, checks,
 * seals, not-done codes, what is recorded when) is the pure machine core/fieldwork/fieldWorkFlow.ts;
 * this file only turns keys into the machine's actions, runs the effects it asks for (the app's
 * calls, navigation) and paints its view model. "Kaydedildi" shows only once the app's promise
 * resolved, because the machine reaches `saved` only from the app's answer.
 *
 * A screen subclass gives the plan, the title and the wording of the summary (and, for the cut,
 * the precondition step).
 */
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord } from '../../../core/jobs/types.js';
import type { CutCheck, FieldWork } from '../../../core/fieldwork/index.js';
import { fieldWorkText } from '../../../core/fieldwork/index.js';
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
import { readingText } from '../i18n/index.js';
import type { Size, SoftKeys } from '../view/frame.js';
import { formatIndex } from '../view/format.js';
import { jobDetailLines, meterLines } from '../view/jobRow.js';
import { blank, clip, line, wrapLines, type Line } from '../view/text.js';
import { editText, fieldLine, pickRows, pinned } from '../view/widgets.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

const KEY_LABEL = {
  notDone: 'key.notDone',
  scan: 'key.scan',
  print: 'key.print',
  reprint: 'key.reprint',
  supervisor: 'key.supervisor',
  inspect: 'key.inspect',
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
      return { t: 'soft', n: e.key === 'f1' ? 1 : e.key === 'f2' ? 2 : 3 };
    default:
      return null;
  }
}

export abstract class FieldFlowScreen extends BaseScreen {
  readonly jobId: string;
  protected readonly rec: JobRecord | undefined;
  protected state: FlowState;
  private pickTop = 0;

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
  /** The cut's precondition step (other screens have none). */
  protected preBody(_v: Extract<FlowView, { v: 'pre' }>, _check: CutCheck | null, _size: Size): Line[] {
    return [];
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

  // ------------------------------------------------------------ view

  view(size: Size): ScreenView {
    const { t } = this.ctx;
    const cols = size.cols;
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    const check = this.check();
    const m = FieldWorkFlow.viewOf(this.state, check);
    const keys: SoftKeys = [this.keyLabel(m.keys[0]), this.keyLabel(m.keys[1]), this.keyLabel(m.keys[2])];
    const base = { title: this.title(), titleRight: this.rec ? t('job.seq', { n: this.rec.job.routeSeq }) : '', keys };
    const v = m.view;
    switch (v.v) {
      case 'stopped':
        return {
          ...base,
          body: pinned(text(this.say(v.why), 'bold'), text(v.hazard ? t('fw.stopped.hazardHint') : t('fw.stopped.hint')), size.rows),
        };
      case 'hazard-confirm':
        return {
          ...base,
          body: pinned(
            [...text(v.question, 'bold'), ...text(t('fw.hazard.confirm', { answer: v.unsafe }), 'bold')],
            text(t('fw.hazard.confirmKeys')),
            size.rows,
          ),
          confirm: true,
        };
      case 'reclose':
        return { ...base, body: pinned(text(t('fw.reclose.ask'), 'bold'), text(t('fw.reclose.keys')), size.rows) };
      case 'notdone-pick': {
        const head = [line(clip(t('fw.notDone.pick'), cols), 'bold')];
        const { rows, win } = pickRows(
          v.codes.map((c) => `${c.code} ${c.label}`),
          v.selected,
          size.rows - head.length,
          cols,
          this.pickTop,
        );
        this.pickTop = win.top;
        return { ...base, title: t('fw.notDone.title'), body: [...head, ...rows] };
      }
      case 'notdone-note':
        return {
          ...base,
          title: t('fw.notDone.title'),
          body: pinned(
            [...text(`${v.code.code} ${v.code.label}`, 'bold'), line(t('noRead.note'))],
            wrapLines(`${v.note}_`, cols, 'inverse'),
            size.rows,
          ),
        };
      case 'notdone-confirm': {
        const c = v.code;
        const top = [
          ...text(t('fw.notDone.confirm', { code: c.code, label: c.label }), 'bold'),
          ...(v.note ? text(v.note) : []),
          ...(c.noticeLeft ? text(t('fw.notDone.notice')) : []),
          ...(c.emergency ? text(t('fw.notDone.emergency'), 'bold') : []),
        ];
        return { ...base, title: t('fw.notDone.title'), body: pinned(top, text(t('reading.enterConfirm')), size.rows), confirm: true };
      }
      case 'saving':
        return { ...base, body: text(t('bill.saving'), 'bold') };
      case 'saved':
        if (v.work.kind === 'not-done')
          return {
            ...base,
            body: pinned(
              [...text(t('bill.saved'), 'bold'), ...text(t('fw.notDone.saved', { code: v.work.reasonCode }))],
              text(t('bill.doneHint')),
              size.rows,
            ),
          };
        return {
          ...base,
          body: pinned([...text(t('bill.saved'), 'bold'), ...text(t('fw.saved.event'))], text(t('fw.printHint')), size.rows),
        };
      case 'printing':
        return { ...base, body: text(t('bill.printing'), 'bold') };
      case 'printed': {
        const top = [...text(t('bill.printed'), 'bold'), ...text(t('fw.documentNo', { no: v.doc.documentNo }))];
        if (v.doc.savedAt) top.push(...text(t('bill.savedAt', { path: v.doc.savedAt })));
        if (v.inspect) top.push(...text(t('fw.finding.offer'), 'bold'));
        return { ...base, body: pinned(top, text(t('bill.nextHint')), size.rows) };
      }
      case 'print-failed':
        return {
          ...base,
          body: pinned(
            [...text(t('bill.saved'), 'bold'), ...text(t('bill.printFailed', { reason: this.say(v.reason) }), 'bold')],
            text(t('bill.retryHint')),
            size.rows,
          ),
        };
      case 'failed':
        return {
          ...base,
          body: pinned(text(this.say(v.reason), 'bold'), text(t(v.leave ? 'bill.doneHint' : 'fw.failed.back')), size.rows),
        };
      default:
        return { ...base, body: this.stepBody(v, check, size), ...(v.v === 'confirm' ? { confirm: true } : {}) };
    }
  }

  private keyLabel(k: SoftKey | undefined): string | undefined {
    if (k === undefined || (k === 'scan' && !this.ctx.promptScan)) return undefined;
    return this.ctx.t(KEY_LABEL[k]);
  }

  private stepBody(v: FlowView, check: CutCheck | null, size: Size): Line[] {
    const { t } = this.ctx;
    const cols = size.cols;
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    if (v.v === 'none') return [];
    if (v.v === 'pre') return this.preBody(v, check, size);
    if (v.v === 'confirm') return pinned(this.summary(v.summary, cols), text(t('bill.confirm')), size.rows);
    if (!('stepNo' in v)) return [];
    const rec = this.rec!;
    const notice = v.notice ? text(this.say(v.notice), 'bold') : [];
    const stepNo = line(clip(t('fw.step', { n: v.stepNo, of: v.of }), cols));
    switch (v.v) {
      case 'scan':
        return pinned(
          [...jobDetailLines(rec, cols, t, 2), ...meterLines(rec, cols, t), blank, ...text(t('fw.scan.ask'))],
          [...notice, fieldLine(t('fw.scan.code'), v.field, cols, { active: true })],
          size.rows,
        );
      case 'serial':
        return pinned(
          [stepNo, ...text(t('fw.serial.ask'), 'bold')],
          [...notice, fieldLine(t('fw.serial.field'), v.field, cols, { active: true })],
          size.rows,
        );
      case 'seal': {
        const top = [stepNo, ...text(t(`fw.seal.ask.${v.role}`), 'bold'), ...text(t('fw.seal.example', { example: v.example }))];
        if (v.list.length) top.push(...text(t('fw.seal.list', { list: v.list.join(', ') })));
        if (v.multi) top.push(...text(t(v.enough ? 'fw.seal.moreHint' : 'fw.seal.firstHint')));
        if (v.multi && v.list.length) top.push(...text(t('fw.seal.backHint')));
        return pinned(top, [...notice, fieldLine(t('fw.seal.field'), v.field, cols, { active: true })], size.rows);
      }
      case 'check': {
        // The plan's step number first, as every other step shows it: "Adım 3/7" then "2/2" of its questions (issue 19).
        const top = [stepNo, line(clip(t('fw.check.title', { n: v.n, of: v.count }), cols), 'bold'), ...text(v.question, 'bold')];
        // The keys name the answers: 1 is always the safe one, whatever the question.
        return pinned(top, [...text(t('fw.check.answers', { safe: v.safe, unsafe: v.unsafe }))], size.rows);
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
        return pinned(top, bottom, size.rows);
      }
      case 'ask':
        return pinned([stepNo, ...text(t(`fw.ask.${v.q}`), 'bold')], text(t('fw.check.keys')), size.rows);
    }
  }
}
