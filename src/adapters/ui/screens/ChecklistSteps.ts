/**
 * The step machine shared by the field-work screens (cut, reconnection, meter exchange): the
 * meter scan (a mismatch stops the job), the safety checklist one question at a time (1 yes,
 * 2 no; a hazard "yes" stops with the emergency instructions), indexes (validated by the reading
 * rules' ReadingEntry, so an index is checked exactly as a reading is), seal numbers (scanned or
 * keyed, format-checked), a summary to confirm, then print. F1 at any open step records the job
 * as not done with a code (nobody home, no access…). Nothing is recorded before the confirm, and
 * "Kaydedildi" shows only once the app's promise resolved.
 *
 * A screen subclass gives the plan (its steps in order), what to commit and the summary lines.
 */
import type { PrintedDocument } from '../../../app/AppServices.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord } from '../../../core/jobs/types.js';
import { isAppError } from '../../../core/errors/AppError.js';
import {
  answerItem,
  answerOutcome,
  checklistItems,
  checklistKindOf,
  checkSealNo,
  fieldWorkText,
  type ChecklistAnswer,
  type ChecklistItem,
  type ChecklistKind,
  type FieldWork,
  type NotDoneCode,
} from '../../../core/fieldwork/index.js';
import { parseKeyedIndex, ReadingEntry, type EntryState, type LowerChoice } from '../../../core/reading/index.js';
import { isoInstant } from '../../../core/time/calendar.js';
import { readingText } from '../i18n/index.js';
import type { Size, SoftKeys } from '../view/frame.js';
import { formatIndex } from '../view/format.js';
import { jobDetailLines, meterLines } from '../view/jobRow.js';
import { blank, clip, line, wrapLines, type Line } from '../view/text.js';
import { editText, fieldLine, pickRows, pinned } from '../view/widgets.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

/** Which meter / seal a step is about. */
export type Role = 'cut' | 'reconnect' | 'removed' | 'installed';

export type PlanStep =
  | { t: 'pre' }
  | { t: 'scan' }
  | { t: 'check'; phase: 'before' | 'after' }
  | { t: 'index'; role: Role }
  | { t: 'seal'; role: Role; multi: boolean; min: number }
  | { t: 'serial' }
  | { t: 'ask'; q: 'installNew' | 'removeOld' }
  | { t: 'confirm' };

type Step =
  | { s: 'plan' }
  | { s: 'stopped'; why: string; code?: string; hazard?: boolean }
  | { s: 'notdone-pick'; selected: number; typed: string }
  | { s: 'notdone-note'; code: NotDoneCode; note: string }
  | { s: 'notdone-confirm'; code: NotDoneCode; note: string }
  | { s: 'saving' }
  | { s: 'saved'; work: FieldWork }
  | { s: 'printing'; work: FieldWork }
  | { s: 'printed'; work: FieldWork; doc: PrintedDocument }
  | { s: 'print-failed'; work: FieldWork; reason: string }
  | { s: 'failed'; reason: string; back: 'plan' | 'leave' | 'start' };

/** What the crew has entered so far. */
export interface Collected {
  scanned?: string;
  answers: ChecklistAnswer[];
  /** Index by role. */
  index: Partial<Record<Role, number>>;
  seals: Partial<Record<Role, string[]>>;
  newSerial?: string;
  installNew: boolean;
  removeOld: boolean;
}

const CHOICES: readonly LowerChoice[] = ['rollover', 'meter-changed', 'misread'];

export abstract class FieldFlowScreen extends BaseScreen {
  readonly jobId: string;
  protected readonly rec: JobRecord | undefined;
  protected readonly kind: ChecklistKind;
  protected data: Collected = { answers: [], index: {}, seals: {}, installNew: true, removeOld: true };
  protected at = 0;
  protected step: Step = { s: 'plan' };
  protected field = '';
  protected notice: string | null = null;
  private entry: EntryState | null = null;
  private choice = 0;
  private pickTop = 0;
  /** Index of the checklist item being asked within the current check step. */
  private item = 0;

  constructor(ctx: UiContext, jobId: string) {
    super(ctx);
    this.jobId = jobId;
    this.rec = ctx.app.job(jobId);
    this.kind = (this.rec && checklistKindOf(this.rec.job.kind)) || 'cut';
    if (!this.rec) this.step = { s: 'failed', reason: ctx.t('error.Job_NotFound'), back: 'leave' };
    else if (this.rec.state !== 'open') this.step = { s: 'failed', reason: ctx.t(this.rec.state === 'cancelled' ? 'error.Job_Cancelled' : 'error.Job_AlreadyDone'), back: 'leave' };
  }

  // ------------------------------------------------------------ subclass API

  protected abstract plan(): PlanStep[];
  protected abstract title(): string;
  protected abstract commit(): Promise<FieldWork>;
  protected abstract summary(cols: number): Line[];
  /** The cut's precondition step (other screens have none). */
  protected preBody(_size: Size): { body: Line[]; keys: SoftKeys } {
    return { body: [], keys: [] };
  }
  protected preKey(_e: InputEvent & { type: 'key' }): void {}
  /** A failed commit: the cut goes back to its preconditions when they no longer hold. */
  protected onCommitError(e: unknown): void {
    this.step = { s: 'failed', reason: this.ctx.errorText(e), back: isAppError(e, 'Input_Invalid') ? 'plan' : 'leave' };
  }

  protected cur(): PlanStep | undefined {
    return this.plan()[this.at];
  }

  protected next(): void {
    this.at++;
    this.field = '';
    this.notice = null;
    this.item = 0;
    this.enter();
  }

  protected prev(): void {
    if (this.at === 0) return this.ctx.nav.pop();
    this.at--;
    this.field = '';
    this.notice = null;
    const p = this.cur();
    // Going back into a checklist drops its answers (they are asked again, in order).
    if (p?.t === 'check') {
      const ids = new Set(checklistItems(this.ctx.app.fieldReference, this.kind, p.phase).map((i) => i.id));
      this.data.answers = this.data.answers.filter((a) => !ids.has(a.id));
      this.item = 0;
    }
    this.enter();
  }

  /** Sets up the step now current (index machine, skipping steps that do not apply). */
  private enter(): void {
    const p = this.cur();
    if (!p) return;
    if (p.t === 'check' && checklistItems(this.ctx.app.fieldReference, this.kind, p.phase).length === 0) return this.next();
    if (p.t === 'index' && p.role !== 'installed') this.startEntry(p.role);
  }

  private startEntry(role: Role): void {
    const { app } = this.ctx;
    const m = this.rec!.job.meter;
    try {
      this.entry = ReadingEntry.start({
        // Gas has been off since the cut: no consumption is expected, so no high/low limits and zero is normal.
        meter: { digits: m.digits, lastIndex: m.lastIndex, lastReadDate: m.lastReadDate, ...(m.expectedDailyM3 && role !== 'reconnect' ? { expectedDailyM3: m.expectedDailyM3 } : {}), active: role !== 'reconnect' },
        readDate: app.today(),
        rules: app.readingRules,
        operatorId: app.session()?.operatorId ?? '?',
      });
    } catch (e) {
      this.step = { s: 'failed', reason: this.ctx.errorText(e), back: 'leave' };
    }
  }

  protected stop(why: string, code?: string, hazard = false): void {
    this.step = { s: 'stopped', why, ...(code ? { code } : {}), hazard };
  }

  private codes(): readonly NotDoneCode[] {
    return this.ctx.app.fieldReference.notDoneCodes[this.kind];
  }

  private openNotDone(code?: string): void {
    const i = code ? this.codes().findIndex((c) => c.code === code) : 0;
    this.step = { s: 'notdone-pick', selected: Math.max(0, i), typed: '' };
  }

  // ------------------------------------------------------------ input

  handle(e: InputEvent): void {
    const st = this.step;
    if (e.type === 'scan') {
      if (st.s === 'plan') this.scanned(e.code);
      return;
    }
    switch (st.s) {
      case 'plan':
        if (e.key === 'f1' && this.cur()?.t !== 'confirm') return this.openNotDone();
        if (e.key === 'f2' && this.ctx.promptScan) return this.ctx.promptScan();
        return this.planKey(e);
      case 'stopped':
        if (e.key === 'enter' || e.key === 'f1') return this.openNotDone(st.code);
        if (e.key === 'back' && !st.hazard) {
          this.step = { s: 'plan' };
          if (this.cur()?.t === 'check') this.item = Math.max(0, this.item);
        }
        return;
      case 'notdone-pick': {
        const codes = this.codes();
        if (e.key === 'up' || e.key === 'down') this.step = { ...st, selected: Math.min(codes.length - 1, Math.max(0, st.selected + (e.key === 'up' ? -1 : 1))) };
        else if (e.key === 'digit') {
          // Codes are two digits: "0","1" picks 01; the list follows the keys.
          const typed = (st.typed + (e.value ?? '')).slice(-2);
          const i = codes.findIndex((c) => c.code === typed);
          this.step = { s: 'notdone-pick', typed: typed.length === 2 ? '' : typed, selected: i >= 0 ? i : st.selected };
        } else if (e.key === 'back') this.step = { s: 'plan' };
        else if (e.key === 'enter') {
          const code = codes[st.selected]!;
          this.step = code.requiresNote ? { s: 'notdone-note', code, note: '' } : { s: 'notdone-confirm', code, note: '' };
        }
        return;
      }
      case 'notdone-note': {
        const v = editText(st.note, e, 'text', 200);
        if (v !== null) this.step = { ...st, note: v };
        else if (e.key === 'enter' && st.note.trim() !== '') this.step = { s: 'notdone-confirm', code: st.code, note: st.note };
        else if (e.key === 'back') this.step = { s: 'notdone-pick', selected: this.codes().indexOf(st.code), typed: '' };
        return;
      }
      case 'notdone-confirm':
        if (e.key === 'enter') return this.saveNotDone(st.code, st.note);
        if (e.key === 'back') this.step = { s: 'notdone-pick', selected: this.codes().indexOf(st.code), typed: '' };
        return;
      case 'saved':
        if (this.printable(st.work) && (e.key === 'enter' || e.key === 'f1')) return this.print(st.work);
        if (!this.printable(st.work) && (e.key === 'enter' || e.key === 'back')) return this.ctx.nav.pop();
        return;
      case 'printed':
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        else if (e.key === 'f2') this.ctx.nav.replace({ name: 'reprint', documentNo: st.doc.documentNo });
        return;
      case 'print-failed':
        if (e.key === 'enter' || e.key === 'f1') return this.print(st.work);
        if (e.key === 'back') this.ctx.nav.pop();
        return;
      case 'failed':
        if (e.key === 'enter' || e.key === 'back') {
          if (st.back === 'leave') this.ctx.nav.pop();
          else if (st.back === 'start') {
            this.at = 0;
            this.step = { s: 'plan' };
            this.enter();
          } else this.step = { s: 'plan' };
        }
        return;
      case 'saving':
      case 'printing':
        return;
    }
  }

  private planKey(e: InputEvent & { type: 'key' }): void {
    const p = this.cur();
    if (!p) return;
    if (e.key === 'back' && p.t !== 'pre' && !(p.t === 'index' && this.entry?.step === 'choose')) {
      if (this.field !== '' && p.t !== 'check') {
        this.field = '';
        return;
      }
      return this.prev();
    }
    switch (p.t) {
      case 'pre':
        return this.preKey(e);
      case 'scan':
      case 'serial':
      case 'seal': {
        const v = editText(this.field, e, 'text', 32);
        if (v !== null) {
          this.field = v;
          this.notice = null;
        } else if (e.key === 'enter') this.submitText(p, this.field);
        return;
      }
      case 'check':
        return this.checkKey(p.phase, e);
      case 'index':
        return this.indexKey(p.role, e);
      case 'ask':
        if (e.key === 'digit' && (e.value === '1' || e.value === '2')) {
          const yes = e.value === '1';
          if (p.q === 'installNew') this.data.installNew = yes;
          else this.data.removeOld = yes;
          this.next();
        }
        return;
      case 'confirm':
        if (e.key === 'enter') this.save();
        return;
    }
  }

  /** A scan: into the field of a scan/serial/seal step, and submitted at once. */
  private scanned(code: string): void {
    const p = this.cur();
    if (p && (p.t === 'scan' || p.t === 'serial' || p.t === 'seal')) this.submitText(p, code);
  }

  private submitText(p: Extract<PlanStep, { t: 'scan' | 'serial' | 'seal' }>, raw: string): void {
    const { t } = this.ctx;
    const text = raw.trim();
    this.field = '';
    if (p.t === 'scan') {
      if (text === '') return;
      const m = this.rec!.job.meter;
      void this.ctx.app.recordScan(this.jobId, text).catch(() => undefined);
      if (text !== m.serial && text !== m.barcode) return this.stop(t('fw.scan.mismatch', { code: text, serial: m.serial }), this.kind === 'reconnect' ? '21' : '99');
      this.data.scanned = text;
      return this.next();
    }
    if (p.t === 'serial') {
      if (!/^[A-Za-z0-9-]{1,32}$/.test(text)) {
        this.notice = t('fw.serial.bad');
        return;
      }
      if (this.data.removeOld && text === this.rec!.job.meter.serial) {
        this.notice = t('fw.serial.same');
        return;
      }
      this.data.newSerial = text;
      return this.next();
    }
    // seal
    const list = this.data.seals[p.role] ?? [];
    if (text === '') {
      if (p.multi && list.length >= p.min) return this.next();
      this.notice = fieldWorkText({ key: 'seal.empty', params: {} }, t.locale);
      return;
    }
    const s = checkSealNo(text, this.ctx.app.fieldReference);
    if (!s.ok) {
      this.notice = fieldWorkText(s.message, t.locale);
      return;
    }
    if (list.includes(s.sealNo)) {
      this.notice = t('fw.seal.twice', { no: s.sealNo });
      return;
    }
    this.data.seals[p.role] = [...list, s.sealNo];
    this.notice = null;
    if (!p.multi) this.next();
  }

  private checkItems(phase: 'before' | 'after'): readonly ChecklistItem[] {
    return checklistItems(this.ctx.app.fieldReference, this.kind, phase);
  }

  private checkKey(phase: 'before' | 'after', e: InputEvent & { type: 'key' }): void {
    if (e.key !== 'digit' || (e.value !== '1' && e.value !== '2')) return;
    const items = this.checkItems(phase);
    const it = items[this.item];
    if (!it) return this.next();
    const answer = e.value === '1';
    const outcome = answerOutcome(it, answer);
    this.data.answers = [...this.data.answers.filter((a) => a.id !== it.id), answerItem(it, answer)];
    const { t } = this.ctx;
    if (outcome === 'hazard') return this.stop(t('fw.hazard'), it.failCode ?? '99', true);
    if (outcome === 'stop') return this.stop(t('fw.check.stop', { item: it.label }), it.failCode);
    this.item++;
    if (this.item >= items.length) this.next();
  }

  private indexKey(role: Role, e: InputEvent & { type: 'key' }): void {
    const { t } = this.ctx;
    if (role === 'installed') {
      const v = editText(this.field, e, 'digits', 16);
      if (v !== null) {
        this.field = v;
        return;
      }
      if (e.key !== 'enter') return;
      const digits = this.rec!.job.meter.digits;
      const r = parseKeyedIndex(this.field, digits);
      this.field = '';
      if (!r.ok) {
        this.notice = readingText(r.message, t.locale);
        return;
      }
      this.data.index.installed = r.index;
      return this.next();
    }
    const entry = this.entry;
    if (!entry) return;
    const at = isoInstant(this.ctx.app.now());
    if (entry.step === 'choose') {
      const allowed = CHOICES.filter((c) => entry.allowed.includes(c));
      if (e.key === 'up' || e.key === 'down') this.choice = (this.choice + (e.key === 'up' ? allowed.length - 1 : 1)) % allowed.length;
      else if (e.key === 'digit' && Number(e.value) >= 1 && Number(e.value) <= allowed.length) this.take(role, ReadingEntry.choose(entry, allowed[Number(e.value) - 1]!, at));
      else if (e.key === 'enter' && allowed[this.choice]) this.take(role, ReadingEntry.choose(entry, allowed[this.choice]!, at));
      else if (e.key === 'back') this.startEntry(role);
      return;
    }
    const v = editText(this.field, e, 'digits', 16);
    if (v !== null) {
      this.field = v;
      return;
    }
    if (e.key === 'enter') {
      const keyed = this.field;
      this.field = '';
      this.take(role, ReadingEntry.submit(entry, keyed, at));
    }
  }

  private take(role: Role, next: EntryState): void {
    this.entry = next;
    this.choice = 0;
    if (next.step !== 'done') return;
    const o = next.outcome;
    if (o.kind === 'reading') {
      this.data.index[role] = o.index;
      return this.next();
    }
    // The dials say another meter is on the wall: the job is not this meter's.
    this.stop(this.ctx.t('fw.index.meterChanged'), '99');
  }

  // ------------------------------------------------------------ commit and print

  private save(): void {
    this.step = { s: 'saving' };
    let p: Promise<FieldWork>;
    try {
      p = this.commit();
    } catch (e) {
      p = Promise.reject(e);
    }
    this.settle(p, (work) => (this.step = { s: 'saved', work }), (err) => this.onCommitError(err));
  }

  private saveNotDone(code: NotDoneCode, note: string): void {
    this.step = { s: 'saving' };
    const trimmed = note.trim();
    this.settle(
      this.ctx.app.recordNotDone({ jobId: this.jobId, reasonCode: code.code, checklist: this.data.answers, ...(trimmed ? { note: trimmed } : {}) }),
      (work) => (this.step = { s: 'saved', work }),
      (err) => (this.step = { s: 'failed', reason: this.ctx.errorText(err), back: 'leave' }),
    );
  }

  private printable(w: FieldWork): boolean {
    return w.kind !== 'not-done';
  }

  private print(work: FieldWork): void {
    this.step = { s: 'printing', work };
    this.settle(
      this.ctx.app.printFieldWork(work.id),
      (doc) => (this.step = { s: 'printed', work, doc }),
      (err) => (this.step = { s: 'print-failed', work, reason: this.ctx.errorText(err) }),
    );
  }

  // ------------------------------------------------------------ view

  view(size: Size): ScreenView {
    const { t } = this.ctx;
    const cols = size.cols;
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    const base = { title: this.title(), titleRight: this.rec ? t('job.seq', { n: this.rec.job.routeSeq }) : '' };
    const st = this.step;
    switch (st.s) {
      case 'plan':
        return { ...base, ...this.planView(size) };
      case 'stopped':
        return {
          ...base,
          body: pinned(text(st.why, 'bold'), text(st.hazard ? t('fw.stopped.hazardHint') : t('fw.stopped.hint')), size.rows),
          keys: [t('key.notDone')],
        };
      case 'notdone-pick': {
        const head = [line(clip(t('fw.notDone.pick'), cols), 'bold')];
        const { rows, win } = pickRows(this.codes().map((c) => `${c.code} ${c.label}`), st.selected, size.rows - head.length, cols, this.pickTop);
        this.pickTop = win.top;
        return { ...base, title: t('fw.notDone.title'), body: [...head, ...rows], keys: [] };
      }
      case 'notdone-note':
        return { ...base, title: t('fw.notDone.title'), body: pinned([...text(`${st.code.code} ${st.code.label}`, 'bold'), line(t('noRead.note'))], wrapLines(`${st.note}_`, cols, 'inverse'), size.rows), keys: [] };
      case 'notdone-confirm':
        return {
          ...base,
          title: t('fw.notDone.title'),
          body: pinned(
            [...text(t('fw.notDone.confirm', { code: st.code.code, label: st.code.label }), 'bold'), ...(st.note ? text(st.note) : []), ...(st.code.noticeLeft ? text(t('fw.notDone.notice')) : []), ...(st.code.emergency ? text(t('fw.notDone.emergency'), 'bold') : [])],
            text(t('reading.enterConfirm')),
            size.rows,
          ),
          keys: [],
        };
      case 'saving':
        return { ...base, body: text(t('bill.saving'), 'bold'), keys: [] };
      case 'saved':
        if (st.work.kind === 'not-done') return { ...base, body: pinned([...text(t('bill.saved'), 'bold'), ...text(t('fw.notDone.saved', { code: st.work.reasonCode }))], text(t('bill.doneHint')), size.rows), keys: [] };
        return { ...base, body: pinned([...text(t('bill.saved'), 'bold'), ...text(t('fw.saved.event'))], text(t('fw.printHint')), size.rows), keys: [t('key.print')] };
      case 'printing':
        return { ...base, body: text(t('bill.printing'), 'bold'), keys: [] };
      case 'printed': {
        const top = [...text(t('bill.printed'), 'bold'), ...text(t('fw.documentNo', { no: st.doc.documentNo }))];
        if (st.doc.savedAt) top.push(...text(t('bill.savedAt', { path: st.doc.savedAt })));
        return { ...base, body: pinned(top, text(t('bill.nextHint')), size.rows), keys: [undefined, t('key.reprint')] };
      }
      case 'print-failed':
        return { ...base, body: pinned([...text(t('bill.saved'), 'bold'), ...text(t('bill.printFailed', { reason: st.reason }), 'bold')], text(t('bill.retryHint')), size.rows), keys: [t('key.print')] };
      case 'failed':
        return { ...base, body: pinned(text(st.reason, 'bold'), text(t(st.back === 'leave' ? 'bill.doneHint' : 'fw.failed.back')), size.rows), keys: [] };
    }
  }

  private planView(size: Size): { body: Line[]; keys: SoftKeys } {
    const { t } = this.ctx;
    const cols = size.cols;
    const p = this.cur();
    const rec = this.rec!;
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    const notice = this.notice ? text(this.notice, 'bold') : [];
    const stepNo = line(clip(t('fw.step', { n: this.at + 1, of: this.plan().length }), cols));
    const keys: SoftKeys = [t('key.notDone'), this.ctx.promptScan ? t('key.scan') : undefined];
    if (!p) return { body: [], keys: [] };
    switch (p.t) {
      case 'pre':
        return this.preBody(size);
      case 'scan':
        return { body: pinned([...jobDetailLines(rec, cols, t, 2), ...meterLines(rec, cols, t), blank, ...text(t('fw.scan.ask'))], [...notice, fieldLine(t('fw.scan.code'), this.field, cols, { active: true })], size.rows), keys };
      case 'serial':
        return { body: pinned([stepNo, ...text(t('fw.serial.ask'), 'bold')], [...notice, fieldLine(t('fw.serial.field'), this.field, cols, { active: true })], size.rows), keys };
      case 'seal': {
        const list = this.data.seals[p.role] ?? [];
        const top = [stepNo, ...text(t(`fw.seal.ask.${p.role}`), 'bold'), ...text(t('fw.seal.example', { example: this.ctx.app.fieldReference.sealFormat.example }))];
        if (list.length) top.push(...text(t('fw.seal.list', { list: list.join(', ') })));
        if (p.multi) top.push(...text(t(list.length >= p.min ? 'fw.seal.moreHint' : 'fw.seal.firstHint')));
        return { body: pinned(top, [...notice, fieldLine(t('fw.seal.field'), this.field, cols, { active: true })], size.rows), keys };
      }
      case 'check': {
        const items = this.checkItems(p.phase);
        const it = items[this.item];
        const top = [line(clip(t('fw.check.title', { n: this.item + 1, of: items.length }), cols), 'bold'), blank, ...text(it?.label ?? '', 'bold')];
        return { body: pinned(top, [...text(t('fw.check.keys'))], size.rows), keys };
      }
      case 'index': {
        const m = rec.job.meter;
        const top = [stepNo, ...text(t(`fw.index.ask.${p.role}`), 'bold')];
        if (p.role !== 'installed') top.push(...text(t('job.previous', { index: formatIndex(m.lastIndex, m.digits), date: m.lastReadDate })));
        const bottom: Line[] = [...notice];
        const entry = this.entry;
        if (p.role !== 'installed' && entry && entry.step !== 'done' && entry.step !== 'cancelled' && entry.notice) bottom.push(...text(readingText(entry.notice, t.locale), 'bold'));
        if (p.role !== 'installed' && entry?.step === 'choose') {
          CHOICES.filter((c) => entry.allowed.includes(c)).forEach((c, i) => bottom.push(line(clip(`${i + 1} ${t(`reading.choose.${c}`)}`, cols), i === this.choice ? 'inverse' : undefined)));
        } else bottom.push(fieldLine(entry?.step === 'rekey' && p.role !== 'installed' ? t('reading.rekey') : t('reading.index'), this.field, cols, { active: true }));
        return { body: pinned(top, bottom, size.rows), keys };
      }
      case 'ask':
        return { body: pinned([stepNo, ...text(t(`fw.ask.${p.q}`), 'bold')], text(t('fw.check.keys')), size.rows), keys };
      case 'confirm':
        return { body: pinned(this.summary(cols), text(t('bill.confirm')), size.rows), keys: [] };
    }
  }
}
