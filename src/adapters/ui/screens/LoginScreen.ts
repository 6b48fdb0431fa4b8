/**
 * Operator id and PIN keyed on the keypad. Enter moves from the id to the PIN and then logs in;
 * Back from the PIN returns to the id; Clear erases one character. A badge scan fills the id; in
 * the PIN field a scan (or a PIN typed as fast as a scanner sends) is refused with a message.
 */
import { isAppError } from '../../../core/errors/AppError.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { Size } from '../view/frame.js';
import { formatWait } from '../view/format.js';
import { blank, line, wrapLines, type Line } from '../view/text.js';
import { editText, fieldLine, pinned } from '../view/widgets.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

type Problem = { kind: 'text'; text: string } | { kind: 'locked'; until: number };

export class LoginScreen extends BaseScreen {
  private id = '';
  private pin = '';
  private focus: 'id' | 'pin' = 'id';
  private busy = false;
  private problem: Problem | null = null;

  constructor(ctx: UiContext) {
    super(ctx);
  }

  handle(e: InputEvent): void {
    if (this.busy) return;
    if (e.type === 'scan') {
      // A burst in the PIN field is a PIN typed too fast or a badge scanned at the wrong moment:
      // never taken (a PIN read as a badge would be shown in clear as the id).
      if (this.focus === 'pin') {
        this.pin = '';
        this.problem = { kind: 'text', text: this.ctx.t('login.pinBurst') };
        return;
      }
      this.problem = null;
      this.id = e.code.slice(0, 16);
      this.focus = 'pin';
      this.pin = '';
      return;
    }
    const edited = this.focus === 'id' ? editText(this.id, e, 'text', 16) : editText(this.pin, e, 'digits', 12);
    if (edited !== null) {
      if (this.focus === 'id') this.id = edited;
      else this.pin = edited;
      return;
    }
    switch (e.key) {
      case 'up':
      case 'down':
        this.focus = this.focus === 'id' ? 'pin' : 'id';
        return;
      case 'back':
        if (this.focus === 'pin') {
          this.focus = 'id';
          this.pin = '';
        } else this.id = '';
        this.problem = null;
        return;
      case 'enter':
        if (this.id.trim() === '') {
          this.problem = { kind: 'text', text: this.ctx.t('login.emptyId') };
          this.focus = 'id';
        } else if (this.focus === 'id') this.focus = 'pin';
        else this.submit();
        return;
      default:
    }
  }

  private submit(): void {
    this.busy = true;
    this.problem = null;
    const { app, t } = this.ctx;
    this.settle(
      app.login(this.id.trim(), this.pin),
      () => {
        this.busy = false;
        this.ctx.nav.home();
        // Issue 19: documents left unprinted (a crash between save and print, Esc, a failed print,
        // an earlier shift) are named at start-up, before the day's work buries them.
        const n = app.unprintedDocuments().length;
        if (n > 0) this.ctx.nav.modal({ title: t('unprinted.title'), body: t('unprinted.startup', { n }), footer: t('notice.ok') });
      },
      (err) => {
        this.busy = false;
        this.pin = '';
        if (isAppError(err, 'Auth_Locked')) {
          const retry = Number(err.context.retryInMs ?? 0);
          this.problem = { kind: 'locked', until: app.now() + retry };
        } else if (isAppError(err, 'Auth_Failed')) this.problem = { kind: 'text', text: t('login.failed') };
        else this.problem = { kind: 'text', text: this.ctx.errorText(err) };
      },
    );
  }

  view(size: Size): ScreenView {
    const { t, app } = this.ctx;
    const lw = Math.max(t('login.operator').length, t('login.pin').length);
    const top: Line[] = [
      blank,
      fieldLine(t('login.operator'), this.id, size.cols, { active: this.focus === 'id' && !this.busy, labelWidth: lw }),
      fieldLine(t('login.pin'), this.pin, size.cols, { active: this.focus === 'pin' && !this.busy, labelWidth: lw, mask: true }),
      blank,
    ];
    let bottom: Line[];
    if (this.busy) bottom = [line(t('login.checking'))];
    else if (this.problem?.kind === 'locked') {
      const left = this.problem.until - app.now();
      bottom =
        left > 0
          ? wrapLines(t('login.locked', { wait: formatWait(left, t) }), size.cols, 'bold')
          : wrapLines(t('login.lockedOver'), size.cols);
    } else if (this.problem) bottom = wrapLines(this.problem.text, size.cols, 'bold');
    else bottom = wrapLines(t('login.hint'), size.cols);
    return {
      title: t('login.title'),
      titleRight: app.demo ? `${t('app.title')} ${t('app.demo')}` : t('app.title'),
      body: pinned([...top, ...bottom], [], size.rows),
      keys: [],
    };
  }
}
