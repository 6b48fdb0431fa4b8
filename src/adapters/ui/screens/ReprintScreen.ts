/**
 * A copy of a document printed today (the last one, or any), for a reason picked from a short
 * list; the app marks it as a copy on paper and in the ledger.
 */
import type { PrintedDocument } from '../../../app/AppServices.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { UiKey } from '../i18n/index.js';
import { TR } from '../i18n/tr.js';
import type { Size } from '../view/frame.js';
import { formatTimeOf } from '../view/format.js';
import { clip, line, wrapLines } from '../view/text.js';
import { pickRows, pinned } from '../view/widgets.js';
import { isListKey, moveSelection } from '../view/window.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

const REASONS: readonly UiKey[] = ['reprint.reason.1', 'reprint.reason.2', 'reprint.reason.3', 'reprint.reason.4'];

type Step =
  | { s: 'pick' }
  | { s: 'reason'; documentNo: string; selected: number }
  | { s: 'printing'; documentNo: string }
  | { s: 'done'; doc: PrintedDocument }
  | { s: 'failed'; documentNo: string; reason: string; why: string };

export class ReprintScreen extends BaseScreen {
  private step: Step;
  private selected = 0;
  private top = 0;
  private page = 5;

  constructor(ctx: UiContext, documentNo?: string) {
    super(ctx);
    this.step = documentNo ? { s: 'reason', documentNo, selected: 0 } : { s: 'pick' };
  }

  handle(e: InputEvent): void {
    if (e.type !== 'key') return;
    const st = this.step;
    const docs = this.ctx.app.documentsToday();
    switch (st.s) {
      case 'pick':
        if (e.key === 'back') return this.ctx.nav.pop();
        if (isListKey(e.key)) this.selected = moveSelection(this.selected, docs.length, e.key, this.page);
        else if (e.key === 'f1' && docs[0]) this.step = { s: 'reason', documentNo: docs[0].documentNo, selected: 0 };
        else if (e.key === 'enter' && docs[this.selected])
          this.step = { s: 'reason', documentNo: docs[this.selected]!.documentNo, selected: 0 };
        return;
      case 'reason':
        if (e.key === 'back') this.step = { s: 'pick' };
        else if (e.key === 'up' || e.key === 'down')
          this.step = { ...st, selected: (st.selected + (e.key === 'up' ? REASONS.length - 1 : 1)) % REASONS.length };
        else if (e.key === 'digit' && Number(e.value) >= 1 && Number(e.value) <= REASONS.length)
          this.print(st.documentNo, REASONS[Number(e.value) - 1]!);
        else if (e.key === 'enter') this.print(st.documentNo, REASONS[st.selected]!);
        return;
      case 'done':
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        return;
      case 'failed':
        if (e.key === 'enter') this.print(st.documentNo, st.reason as UiKey);
        else if (e.key === 'back') this.ctx.nav.pop();
        return;
      case 'printing':
        return;
    }
  }

  private print(documentNo: string, reason: UiKey): void {
    this.step = { s: 'printing', documentNo };
    // The reason goes to the ledger in Turkish whatever the screen language: the office reads it.
    this.settle(
      this.ctx.app.reprint(documentNo, TR[reason]),
      (doc) => (this.step = { s: 'done', doc }),
      (err) => (this.step = { s: 'failed', documentNo, reason, why: this.ctx.errorText(err) }),
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
        const docs = app.documentsToday();
        if (docs.length === 0) return { ...base, body: text(t('reprint.none')), keys: [] };
        const items = docs.map((d) => `${t('reprint.row', { time: formatTimeOf(d.at), title: d.title })} ${d.documentNo}`);
        const hint = [line(clip(t('reprint.hint'), cols))];
        const { rows, win } = pickRows(items, this.selected, size.rows - hint.length, cols, this.top);
        this.top = win.top;
        this.page = size.rows - hint.length;
        this.selected = Math.max(0, win.selected);
        return {
          ...base,
          body: [...rows, ...Array.from({ length: size.rows - hint.length - rows.length }, () => line('')), ...hint],
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
        return { ...base, titleRight: st.documentNo, body: text(t('bill.printing'), 'bold'), keys: [] };
      case 'done': {
        const top = [...text(t('reprint.done', { no: st.doc.documentNo }), 'bold'), ...text(t('bill.copy', { n: st.doc.copy }))];
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
