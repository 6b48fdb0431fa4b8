/**
 * End of day: counts per job kind and result, invoice totals (bilgi fişleri apart), unsent records; F1 prints the
 * summary, F4 logs out. With unsent records the logout needs a supervisor's id and PIN (the app
 * checks them); a reader alone cannot leave data behind unnoticed.
 */
import { isAppError } from '../../../core/errors/AppError.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import { hasKey } from '../i18n/index.js';
import type { Size } from '../view/frame.js';
import { formatDate, formatMoney } from '../view/format.js';
import { line, wrapLines, type Line } from '../view/text.js';
import { editText, fieldLine, pinned } from '../view/widgets.js';
import { Scroller } from '../view/scroll.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

type Step =
  | { s: 'summary'; note?: string }
  | { s: 'confirm' }
  /** Issue 19: documents saved but never printed; '1' goes on to the logout anyway. */
  | { s: 'unprinted'; n: number }
  | { s: 'supervisor'; id: string; pin: string; focus: 'id' | 'pin'; problem?: string }
  | { s: 'busy'; text: string };

/** Results in the order the crew thinks of them; unknown ones after, as the app named them. */
const RESULT_ORDER = ['done', 'read', 'skipped', 'no-read', 'open', 'cancelled'];
const rank = (r: string) => (RESULT_ORDER.includes(r) ? RESULT_ORDER.indexOf(r) : RESULT_ORDER.length);

export class EndOfDayScreen extends BaseScreen {
  private step: Step = { s: 'summary' };
  /** The summary scrolls at 40×15 (issue 19); the question or note under it stays. */
  private readonly scroll = new Scroller();

  constructor(ctx: UiContext) {
    super(ctx);
  }

  /** Nothing keyed here is lost at an idle lock (a print is recorded by the app). */
  draft(): null {
    return null;
  }

  handle(e: InputEvent): void {
    if (e.type !== 'key') return;
    const st = this.step;
    const { app, t } = this.ctx;
    if (st.s !== 'supervisor' && st.s !== 'busy' && this.scroll.key(e)) return;
    switch (st.s) {
      case 'summary':
        if (e.key === 'back') return this.ctx.nav.pop();
        if (e.key === 'f1') {
          this.step = { s: 'busy', text: t('bill.printing') };
          this.settle(
            app.printDaySummary(),
            (doc) =>
              (this.step = {
                s: 'summary',
                note: [t('eod.printed'), doc.savedAt ? t('bill.savedAt', { path: doc.savedAt }) : ''].join(' ').trim(),
              }),
            (err) => (this.step = { s: 'summary', note: t('bill.printFailed', { reason: this.ctx.errorText(err) }) }),
          );
        } else if (e.key === 'f4') {
          const n = app.unprintedDocuments().length;
          this.step = n > 0 ? { s: 'unprinted', n } : this.logoutStep();
        }
        return;
      case 'unprinted':
        if (e.key === 'back') this.step = { s: 'summary' };
        else if (e.key === 'digit' && e.value === '1') this.step = this.logoutStep();
        return;
      case 'confirm':
        if (e.key === 'back') this.step = { s: 'summary' };
        else if (e.key === 'enter') this.logout();
        return;
      case 'supervisor': {
        const v = st.focus === 'id' ? editText(st.id, e, 'text', 16) : editText(st.pin, e, 'digits', 12);
        if (v !== null) this.step = st.focus === 'id' ? { ...st, id: v } : { ...st, pin: v };
        else if (e.key === 'up' || e.key === 'down') this.step = { ...st, focus: st.focus === 'id' ? 'pin' : 'id' };
        else if (e.key === 'back') this.step = st.focus === 'pin' ? { ...st, focus: 'id', pin: '' } : { s: 'summary' };
        else if (e.key === 'enter') {
          if (st.focus === 'id' && st.id.trim() !== '') this.step = { ...st, focus: 'pin' };
          else if (st.focus === 'pin') this.logout({ operatorId: st.id.trim(), pin: st.pin });
        }
        return;
      }
      case 'busy':
        return;
    }
  }

  /** With unsent records a supervisor must approve the logout; otherwise a plain confirm. */
  private logoutStep(): Step {
    return this.ctx.app.daySummary().unsent > 0 ? { s: 'supervisor', id: '', pin: '', focus: 'id' } : { s: 'confirm' };
  }

  private logout(supervisor?: { operatorId: string; pin: string }): void {
    const { t, app } = this.ctx;
    this.step = { s: 'busy', text: t('eod.loggingOut') };
    this.settle(
      app.logout(supervisor),
      () => this.ctx.nav.login(),
      (err) => {
        const problem = isAppError(err, 'Auth_Locked')
          ? t('error.Auth_Locked')
          : isAppError(err, 'Auth_Failed') && supervisor
            ? t('login.failed')
            : undefined;
        // Records may have become unsent since the summary: then a supervisor is asked for.
        if (isAppError(err, 'Auth_Failed') || isAppError(err, 'Auth_Locked'))
          this.step = {
            s: 'supervisor',
            id: supervisor?.operatorId ?? '',
            pin: '',
            focus: supervisor ? 'pin' : 'id',
            ...(problem ? { problem } : {}),
          };
        else this.step = { s: 'summary', note: this.ctx.errorText(err) };
      },
    );
  }

  private summaryLines(cols: number): Line[] {
    const { t, app } = this.ctx;
    const s = app.daySummary();
    const out: Line[] = [];
    for (const [kind, counts] of Object.entries(s.byKind)) {
      const parts = Object.entries(counts)
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([r, n]) => `${hasKey(`result.${r}`) ? t(`result.${r}` as 'result.open') : r} ${n}`);
      const k = hasKey(`kind.${kind}`) ? t(`kind.${kind}` as 'kind.reading') : kind;
      out.push(...wrapLines(t('eod.kindLine', { kind: k, counts: parts.join(', ') }), cols));
    }
    out.push(...wrapLines(t('eod.invoices', { n: s.invoiceCount, total: formatMoney(s.invoiceTotal, t.locale) }), cols));
    // Bilgi fişleri on their own line, never in the e-Arşiv figures (docs/invoice.md "Bilgi fişi").
    if (s.infoSlipCount > 0)
      out.push(...wrapLines(t('eod.infoSlips', { n: s.infoSlipCount, total: formatMoney(s.infoSlipTotal, t.locale) }), cols));
    // Done without an invoice: the office bills them after review (docs/invoice.md "Plausibility").
    if (s.heldForOfficeCount > 0) out.push(...wrapLines(t('eod.heldForOffice', { n: s.heldForOfficeCount }), cols));
    // Issue 19: documents saved but never printed, today's and older ones.
    const unprinted = app.unprintedDocuments().length;
    out.push(
      ...wrapLines(unprinted > 0 ? t('eod.unprinted', { n: unprinted }) : t('eod.allPrinted'), cols, unprinted > 0 ? 'bold' : undefined),
    );
    out.push(...wrapLines(s.unsent > 0 ? t('eod.unsent', { n: s.unsent }) : t('eod.allSent'), cols, s.unsent > 0 ? 'bold' : undefined));
    return out;
  }

  /** The summary, scrolling, with `note` (bold) pinned under it. */
  private summaryBody(size: Size, note: string | undefined): Line[] {
    return this.scroll.paint(
      (cols) => ({ top: this.summaryLines(cols), bottom: note ? wrapLines(note, cols, 'bold') : [] }),
      size.cols,
      size.rows,
    );
  }

  view(size: Size): ScreenView {
    const { t, app } = this.ctx;
    const cols = size.cols;
    const base = { title: t('eod.title', { date: formatDate(app.today(), t.locale) }) };
    const st = this.step;
    switch (st.s) {
      case 'summary':
        return {
          ...base,
          body: this.summaryBody(size, st.note),
          keys: [t('key.print'), undefined, undefined, t('key.logout')],
        };
      case 'confirm':
        return { ...base, body: this.summaryBody(size, t('eod.logoutConfirm')), keys: [] };
      case 'unprinted':
        return { ...base, body: this.summaryBody(size, t('eod.unprintedLogout', { n: st.n })), keys: [] };
      case 'supervisor': {
        const lw = Math.max(t('eod.supervisor').length, t('eod.supervisorPin').length);
        return {
          ...base,
          body: pinned(
            [
              ...wrapLines(t('eod.unsent', { n: app.daySummary().unsent }), cols, 'bold'),
              ...wrapLines(t('eod.needSupervisor'), cols),
              line(''),
            ],
            [
              fieldLine(t('eod.supervisor'), st.id, cols, { active: st.focus === 'id', labelWidth: lw }),
              fieldLine(t('eod.supervisorPin'), st.pin, cols, { active: st.focus === 'pin', labelWidth: lw, mask: true }),
              ...(st.problem ? wrapLines(st.problem, cols, 'bold') : []),
            ],
            size.rows,
          ),
          keys: [],
        };
      }
      case 'busy':
        return { ...base, body: wrapLines(st.text, cols, 'bold'), keys: [], back: null };
    }
  }
}
