/**
 * The screen router: a stack of screens (login, or the job list with screens pushed on it), the
 * queue of modals that interrupt them, the status bar, the idle lock, and the one place input
 * arrives. It turns all of that into lines for the painter; it never touches blessed. What the
 * app's notices show is in noticeModals.ts; loading and building screens in screenLoader.ts.
 *
 * A screen that throws is a UI bug: it is reported in a modal and the app keeps running.
 */
import type { AppServices, StatusSnapshot } from '../../app/AppServices.js';
import type { InputEvent } from '../../core/input/InputEvent.js';
import { errorText } from './errorText.js';
import { ConfirmGuard } from './confirmGuard.js';
import type { Translator } from './i18n/index.js';
import { composeFrame, frameLayout, type ModalView, type Size } from './view/frame.js';
import { renderStatusBar } from './view/statusBar.js';
import { lineText, type Line } from './view/text.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { Parking } from './parkedSession.js';
import { NoticeModals } from './noticeModals.js';
import { buildScreen, ScreenLoader, type ScreensModule } from './screenLoader.js';
import type { Nav, Route, Screen, UiContext } from './screens/Screen.js';
import type { Log } from '../../ports/Logger.js';

export interface RouterDeps {
  app: AppServices;
  t: Translator;
  paint(lines: Line[]): void;
  size(): Size;
  promptScan?: (() => void) | undefined;
  log?: Log;
  /** Repaint period for the clock and countdowns; 0 disables (tests). Default 1000 ms. */
  tickMs?: number;
}

export class Router implements Nav {
  private stack: Screen[] = [];
  private modals: ModalView[] = [];
  private prompt: string | undefined;
  private lastFrame = '';
  private status: StatusSnapshot;
  private readonly unsubs: Array<() => void> = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private lastInputAt = 0;
  /** The route each screen was opened with, for drafts of screens that do not describe their own. */
  private readonly routes = new WeakMap<Screen, Route>();
  /** Screens kept by an idle lock until someone logs in (parkedSession.ts). */
  private readonly parking: Parking;
  private readonly loader: ScreenLoader;
  private readonly notices: NoticeModals;
  readonly ctx: UiContext;
  /** Confirm screens take a key only after a pause (confirmGuard.ts); `onConfirm`: the frame painted last is one. */
  private readonly guard = new ConfirmGuard();
  private onConfirm = false;

  constructor(private readonly d: RouterDeps) {
    this.status = d.app.status();
    this.ctx = {
      app: d.app,
      t: d.t,
      nav: this,
      invalidate: () => this.repaint(),
      promptScan: d.promptScan,
      errorText: (e) => errorText(e, d.t),
    };
    this.parking = new Parking({ app: d.app, routeOf: (s) => this.routes.get(s), log: d.log });
    this.loader = new ScreenLoader({
      log: d.log,
      closed: () => this.closed,
      ran: () => this.repaint(),
      replay: (e) => this.input(e),
    });
    this.notices = new NoticeModals({
      app: d.app,
      t: d.t,
      loggedOut: () => this.stack[0] instanceof LoginScreen,
      closeScreensOf: (jobId) => this.closeScreensOf(jobId),
      refreshList: (flash) => (this.stack[0] as (Screen & { refresh?: (f?: string) => void }) | undefined)?.refresh?.(flash),
      modal: (m) => this.modal(m),
      showing: (m) => this.modals.includes(m),
      repaint: () => this.repaint(),
    });
  }

  start(): void {
    this.stack = [new LoginScreen(this.ctx)];
    this.unsubs.push(
      this.d.app.onStatus((s) => {
        this.status = s;
        this.repaint();
      }),
      this.d.app.onNotice((n) => this.notices.show(n)),
    );
    const tick = this.d.tickMs ?? 1000;
    if (tick > 0) {
      this.timer = setInterval(() => {
        this.checkIdle();
        this.repaint();
      }, tick);
      this.timer.unref?.();
    }
    this.repaint();
    // Load the other screens now, while the crew types their id.
    setImmediate(() => void this.loader.load().catch((e: unknown) => this.d.log?.('error', 'loading screens failed', { err: String(e) })));
  }

  close(): void {
    this.closed = true;
    for (const u of this.unsubs.splice(0)) u();
    if (this.timer) clearInterval(this.timer);
    for (const s of this.stack) s.dispose?.();
    this.stack = [];
    this.parking.drop();
  }

  input(e: InputEvent): void {
    if (this.closed) return;
    this.lastInputAt = this.d.app.now();
    this.notices.keyPressed();
    if (this.loader.hold(e)) return;
    this.dispatch(e);
  }

  private dispatch(e: InputEvent): void {
    try {
      if (this.modals.length > 0) {
        // A modal needs Enter: a reflexive Esc or a scan must not dismiss news unread.
        if (e.type === 'key' && e.key === 'enter') this.modals.shift();
      } else if (this.guard.accept(e, this.onConfirm, this.d.app.confirmPauseMs ?? 0)) this.top()?.handle(e);
    } catch (err) {
      this.d.log?.('error', 'screen failed on input', { err: String(err) });
      this.modal({ title: this.d.t('notice.error.title'), body: errorText(err, this.d.t), footer: this.d.t('notice.ok') });
    }
    this.repaint();
  }

  /** Demo scan prompt state from TerminalKeyInput. */
  setPrompt(p: { open: boolean; text: string }): void {
    this.prompt = p.open ? p.text : undefined;
    this.repaint();
  }

  private top(): Screen | undefined {
    return this.stack[this.stack.length - 1];
  }

  private create(m: ScreensModule, r: Route): Screen {
    const s = buildScreen(m, r, this.ctx);
    this.routes.set(s, r);
    return s;
  }

  push(r: Route): void {
    this.loader.run((m) => this.stack.push(this.create(m, r)));
  }

  replace(r: Route): void {
    this.loader.run((m) => {
      this.stack.pop()?.dispose?.();
      this.stack.push(this.create(m, r));
    });
  }

  pop(): void {
    if (this.stack.length <= 1) return;
    this.stack.pop()?.dispose?.();
    this.top()?.resume?.();
  }

  home(): void {
    this.loader.run((m) => {
      // After a login: the screens an idle lock kept come back for the same operator.
      const kept = this.parking.unpark();
      const root = this.stack[0];
      if (kept) {
        for (const s of this.stack.splice(0, this.stack.length, ...kept)) s.dispose?.();
        for (const s of new Set([this.stack[0], this.top()])) s?.resume?.();
      } else if (root instanceof m.JobListScreen) {
        while (this.stack.length > 1) this.stack.pop()?.dispose?.();
        root.resume();
      } else {
        for (const s of this.stack.splice(0)) s.dispose?.();
        this.stack = [new m.JobListScreen(this.ctx)];
      }
      this.notices.flush();
    });
  }

  login(): void {
    for (const s of this.stack.splice(0)) s.dispose?.();
    this.parking.drop();
    this.stack = [new LoginScreen(this.ctx)];
  }

  /**
   * A handheld left on a counter must not stay logged in: after the idle timeout the session is
   * locked (not the shift: unsent records stay queued) and the login screen comes back. The open
   * screens are kept as they are for the same operator (parkedSession.ts, issue 19).
   */
  checkIdle(): void {
    const { app, t } = this.d;
    const limit = app.sessionTimeoutMs;
    const who = app.session();
    if (limit <= 0 || !who || this.stack[0] instanceof LoginScreen) return;
    if (this.lastInputAt === 0) this.lastInputAt = app.now();
    if (app.now() - this.lastInputAt < limit) return;
    this.lastInputAt = app.now();
    this.modals = [];
    const drafts = this.parking.drafts(this.stack);
    void app.lockSession('idle', drafts).then(
      () => {
        if (this.closed) return;
        this.parking.park(who.operatorId, this.stack);
        this.stack = [new LoginScreen(this.ctx)];
        const body = drafts.length > 0 ? `${t('notice.locked.body')}\n${t('notice.locked.draft')}` : t('notice.locked.body');
        this.modal({ title: t('notice.locked.title'), body, footer: t('notice.ok') });
      },
      (e: unknown) => this.d.log?.('error', 'session lock failed', { err: String(e) }),
    );
  }

  modal(m: ModalView): void {
    this.modals.push(m);
    this.repaint();
  }

  /** Closes the screens of a job open on screen (a cancellation); true when there were some. */
  private closeScreensOf(jobId: string): boolean {
    const open = this.stack.findIndex((s) => s.jobId === jobId);
    if (open < 0) return false;
    while (this.stack.length > open) this.stack.pop()?.dispose?.();
    this.top()?.resume?.();
    return true;
  }

  /** The frame as lines, for the painter and for layout tests. */
  frame(size: Size = this.d.size()): Line[] {
    const top = this.top();
    const L = frameLayout(size);
    const v = top?.view({ cols: size.cols, rows: L.bodyRows }) ?? { title: '', body: [], keys: [] };
    this.onConfirm = v.confirm === true && this.modals.length === 0;
    return composeFrame(
      {
        status: renderStatusBar(this.status, this.d.app.now(), size.cols, this.d.t),
        title: v.title,
        ...(v.titleRight !== undefined ? { titleRight: v.titleRight } : {}),
        body: v.body,
        keys: v.keys,
        // Every screen above the job list shows its way back unless it says Esc does nothing now.
        back: v.back === undefined ? (this.stack.length > 1 ? this.d.t('key.back') : undefined) : (v.back ?? undefined),
        modal: this.modals[0],
        prompt: this.prompt === undefined ? undefined : `${this.d.t('key.scan')}: ${this.prompt}_`,
      },
      size,
    );
  }

  repaint(): void {
    if (this.closed) return;
    let lines: Line[];
    try {
      lines = this.frame();
    } catch (err) {
      // A screen that cannot draw itself is closed rather than leaving the crew at a frozen screen.
      this.d.log?.('error', 'screen failed to render', { err: String(err) });
      if (this.stack.length <= 1) return;
      this.stack.pop()?.dispose?.();
      this.modals.push({ title: this.d.t('notice.error.title'), body: errorText(err, this.d.t), footer: this.d.t('notice.ok') });
      return this.repaint();
    }
    const key = lines.map((l) => l.map((s) => `${s.style ?? ''}\u0001${s.text}`).join('\u0002')).join('\n');
    if (key === this.lastFrame) return;
    this.lastFrame = key;
    this.d.paint(lines);
  }

  /** Plain text of the current frame (debugging, tests). */
  text(size?: Size): string[] {
    return this.frame(size).map(lineText);
  }
}
