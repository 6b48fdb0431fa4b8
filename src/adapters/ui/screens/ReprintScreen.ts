/**
 * A copy of a document printed today (the last one, or any), for a reason picked from a short
 * list; the app marks it as a copy on paper and in the ledger. Documents saved but never printed
 * (issue 19) come first, marked `*`, and Enter prints them as copy 1 with no reason asked.
 */
import type { PrintedDocument } from '../../../app/AppServices.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { UiKey } from '../i18n/index.js';
import { TR } from '../i18n/tr.js';
import type { Size } from '../view/frame.js';
import { documentEntryLines, type DocumentEntry } from '../view/documentRow.js';
import { clip, line, wrapLines, type Line } from '../view/text.js';
import { pinned } from '../view/widgets.js';
import { isListKey, listWindow, moveSelection } from '../view/window.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

const REASONS: readonly UiKey[] = ['reprint.reason.1', 'reprint.reason.2', 'reprint.reason.3', 'reprint.reason.4'];

type Step =
  | { s: 'pick' }
  | { s: 'reason'; documentNo: string; selected: number }
  | { s: 'printing'; documentNo: string }
  | { s: 'done'; doc: PrintedDocument }
  /** `reason` absent: a first print of an unprinted document. */
  | { s: 'failed'; documentNo: string; reason?: UiKey; why: string };

export class ReprintScreen extends BaseScreen {
  private step: Step;
  private selected = 0;
  private top = 0;
  private page = 5;

  constructor(ctx: UiContext, documentNo?: string) {
    super(ctx);
    this.step = documentNo ? { s: 'reason', documentNo, selected: 0 } : { s: 'pick' };
  }

  /** Nothing keyed here is lost at an idle lock (a print is recorded by the app). */
  draft(): null {
    return null;
  }

  handle(e: InputEvent): void {
    if (e.type !== 'key') return;
    const st = this.step;
    switch (st.s) {
      case 'pick': {
        const docs = this.entries();
        const last = docs.find((d) => !d.unprinted);
        const sel = docs[this.selected];
        if (e.key === 'back') return this.ctx.nav.pop();
        if (isListKey(e.key)) this.selected = moveSelection(this.selected, docs.length, e.key, this.page);
        else if (e.key === 'f1' && last) this.step = { s: 'reason', documentNo: last.documentNo, selected: 0 };
        else if (e.key === 'enter' && sel) {
          if (sel.unprinted) this.print(sel.documentNo);
          else this.step = { s: 'reason', documentNo: sel.documentNo, selected: 0 };
        }
        return;
      }
      case 'reason':
        if (e.key === 'back') this.step = { s: 'pick' };
        else if (e.key === 'up' || e.key === 'down')
          this.step = { ...st, selected: (st.selected + (e.key === 'up' ? REASONS.length - 1 : 1)) % REASONS.length };
        else if (isListKey(e.key)) this.step = { ...st, selected: moveSelection(st.selected, REASONS.length, e.key, REASONS.length) };
        else if (e.key === 'digit' && Number(e.value) >= 1 && Number(e.value) <= REASONS.length)
          this.print(st.documentNo, REASONS[Number(e.value) - 1]!);
        else if (e.key === 'enter') this.print(st.documentNo, REASONS[st.selected]!);
        return;
      case 'done':
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        return;
      case 'failed':
        if (e.key === 'enter') this.print(st.documentNo, st.reason);
        else if (e.key === 'back') this.ctx.nav.pop();
        return;
      case 'printing':
        return;
    }
  }

  /** Unprinted documents first (oldest first), then today's printed ones (newest first). */
  private entries(): DocumentEntry[] {
    const { app } = this.ctx;
    const who = (jobId: string | undefined) => {
      const r = jobId ? app.job(jobId) : undefined;
      return r ? { routeSeq: r.job.routeSeq, customer: r.job.customer.name } : {};
    };
    const unprinted = app.unprintedDocuments();
    const skip = new Set(unprinted.map((d) => d.documentNo));
    return [
      ...unprinted.map((d) => ({ documentNo: d.documentNo, type: d.type, at: d.at, unprinted: true, ...who(d.jobId) })),
      ...app
        .documentsToday()
        .filter((d) => !skip.has(d.documentNo))
        .map((d) => ({ documentNo: d.documentNo, type: d.type, at: d.at, unprinted: false, ...who(d.jobId) })),
    ];
  }

  /** With a reason: a copy; without: the first print of an unprinted document. */
  private print(documentNo: string, reason?: UiKey): void {
    this.step = { s: 'printing', documentNo };
    // The reason goes to the ledger in Turkish whatever the screen language: the office reads it.
    this.settle(
      reason ? this.ctx.app.reprint(documentNo, TR[reason]) : this.ctx.app.printUnprinted(documentNo),
      (doc) => (this.step = { s: 'done', doc }),
      (err) => (this.step = { s: 'failed', documentNo, ...(reason ? { reason } : {}), why: this.ctx.errorText(err) }),
    );
  }

  view(size: Size): ScreenView {
    const { t, app } = this.ctx;
    const cols = size.cols;
    const st = this.step;
    const base = { title: t('reprint.title') };
    const text = (s: string, style?: 'bold') => wrapLines(s, cols, style);
    switch (st.s) {
      case 'pick': {
        const docs = this.entries();
        if (docs.length === 0) return { ...base, body: text(t('reprint.none')), keys: [] };
        const hint = [line(clip(t('reprint.hint'), cols))];
        if (docs.some((d) => d.unprinted)) hint.unshift(line(clip(t('reprint.unprintedHint'), cols), 'bold'));
        const today = app.today();
        const per = documentEntryLines(docs[0]!, cols, today, t).length;
        const height = Math.max(1, Math.floor((size.rows - hint.length) / per));
        const win = listWindow(docs.length, this.selected, height, this.top);
        this.top = win.top;
        this.page = height;
        this.selected = Math.max(0, win.selected);
        const rows: Line[] = [];
        for (let i = win.top; i < win.end; i++) {
          const ls = documentEntryLines(docs[i]!, cols, today, t);
          // ↑/↓ in the last column when more entries are hidden above or below.
          if (i === win.top && win.top > 0) ls[0] = ls[0]!.slice(0, cols - 1) + '↑';
          if (i === win.end - 1 && win.end < docs.length) ls[ls.length - 1] = ls[ls.length - 1]!.slice(0, cols - 1) + '↓';
          rows.push(...ls.map((s) => line(s, i === win.selected ? 'inverse' : undefined)));
        }
        return {
          ...base,
          body: [...rows, ...Array.from({ length: Math.max(0, size.rows - hint.length - rows.length) }, () => line('')), ...hint],
          keys: [t('key.last')],
        };
      }
      case 'reason':
        return {
          ...base,
          titleRight: st.documentNo,
          body: [
            line(clip(t('reprint.reason'), cols), 'bold'),
            ...REASONS.map((k, i) => line(clip(`${i + 1} ${t(k)}`, cols), i === st.selected ? 'inverse' : undefined)),
          ],
          keys: [],
        };
      case 'printing':
        return { ...base, titleRight: st.documentNo, body: text(t('bill.printing'), 'bold'), keys: [], back: null };
      case 'done': {
        const top =
          st.doc.copy === 1
            ? text(t('reprint.printed', { no: st.doc.documentNo }), 'bold')
            : [...text(t('reprint.done', { no: st.doc.documentNo }), 'bold'), ...text(t('bill.copy', { n: st.doc.copy }))];
        if (st.doc.savedAt) top.push(...text(t('bill.savedAt', { path: st.doc.savedAt })));
        return { ...base, body: pinned(top, text(t('bill.doneHint')), size.rows), keys: [] };
      }
      case 'failed':
        return {
          ...base,
          body: pinned(text(t('bill.printFailed', { reason: st.why }), 'bold'), text(t('bill.retryHint')), size.rows),
          keys: [],
        };
    }
  }
}
