/**
 * The screen router: a stack of screens (login, or the job list with screens pushed on it), the
 * queue of modals that interrupt them (office messages, cancellations, urgent jobs), the status
 * bar, and the one place input arrives. It turns all of that into lines for the painter; it
 * never touches blessed.
 *
 * A cancellation of a job that is open on screen closes that job's screens at once (whatever
 * they were doing; results still in flight are ignored) and says why in a modal that needs Enter.
 * A screen that throws is a UI bug: it is reported in a modal and the app keeps running.
 */
import type { AppServices, Notice, StatusSnapshot } from '../../app/AppServices.js';
import type { InputEvent } from '../../core/input/InputEvent.js';
import { errorText } from './errorText.js';
import { ConfirmGuard } from './confirmGuard.js';
import type { Translator } from './i18n/index.js';
import { composeFrame, frameLayout, type ModalView, type Size } from './view/frame.js';
import { jobLabel } from './view/jobRow.js';
import { renderStatusBar } from './view/statusBar.js';
import { lineText, type Line } from './view/text.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { Parking } from './parkedSession.js';
import type { Nav, Route, Screen, UiContext } from './screens/Screen.js';
import type { Log } from '../../ports/Logger.js';

type ScreensModule = typeof import('./screens/index.js');

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
  private screens: ScreensModule | null = null;
  private loading: Promise<ScreensModule> | null = null;
  /** Input that arrived while a screen module was loading, replayed in order. */
  private queued: InputEvent[] = [];
  private navigating = 0;
  private closed = false;
  /** Notices that arrived while nobody was logged in, shown once the job list is. */
  private deferred: Notice[] = [];
  /** The urgent-job modal still waiting for Enter, so a burst of urgent jobs is one modal. */
  private urgent: { modal: ModalView; jobIds: string[] } | null = null;
  /** The route each screen was opened with, for drafts of screens that do not describe their own. */
  private readonly routes = new WeakMap<Screen, Route>();
  /** Screens kept by an idle lock until someone logs in (parkedSession.ts). */
  private readonly parking: Parking;
  /** Jobs announced in the list's flash since the last key, so batches add up (issue 19: "22" for 36). */
  private arrived = 0;
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
  }

  start(): void {
    this.stack = [new LoginScreen(this.ctx)];
    this.unsubs.push(
      this.d.app.onStatus((s) => {
        this.status = s;
        this.repaint();
      }),
      this.d.app.onNotice((n) => this.notice(n)),
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
    setImmediate(() => void this.load().catch((e: unknown) => this.d.log?.('error', 'loading screens failed', { err: String(e) })));
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
    this.arrived = 0;
    if (this.navigating > 0) {
      this.queued.push(e);
      return;
    }
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

  private load(): Promise<ScreensModule> {
    if (this.screens) return Promise.resolve(this.screens);
    this.loading ??= import('./screens/index.js').then((m) => (this.screens = m));
    return this.loading;
  }

  /** Runs `fn` with the screen module; input waits until it has run. */
  private withScreens(fn: (m: ScreensModule) => void): void {
    if (this.screens) {
      fn(this.screens);
      return;
    }
    this.navigating++;
    this.load().then(
      (m) => {
        this.navigating--;
        if (this.closed) return;
        fn(m);
        this.repaint();
        for (const e of this.queued.splice(0)) this.input(e);
      },
      (err: unknown) => {
        this.navigating--;
        this.d.log?.('error', 'loading screens failed', { err: String(err) });
      },
    );
  }

  private create(m: ScreensModule, r: Route): Screen {
    const s = this.build(m, r);
    this.routes.set(s, r);
    return s;
  }

  private build(m: ScreensModule, r: Route): Screen {
    switch (r.name) {
      case 'login':
        return new LoginScreen(this.ctx);
      case 'jobs':
        return new m.JobListScreen(this.ctx);
      case 'reading':
        return new m.ReadingScreen(this.ctx, r.jobId, r.scanned);
      case 'job':
        return new m.JobScreen(this.ctx, r.jobId);
      case 'reprint':
        return new m.ReprintScreen(this.ctx, r.documentNo);
      case 'fieldwork': {
        const kind = this.d.app.job(r.jobId)?.job.kind;
        if (kind === 'cut') return new m.CutScreen(this.ctx, r.jobId);
        if (kind === 'reconnect') return new m.ReconnectScreen(this.ctx, r.jobId);
        return new m.MeterExchangeScreen(this.ctx, r.jobId);
      }
      case 'endOfDay':
        return new m.EndOfDayScreen(this.ctx);
      case 'inspection':
        return new m.InspectionScreen(this.ctx, r.jobId, r.corrects);
    }
  }

  push(r: Route): void {
    this.withScreens((m) => this.stack.push(this.create(m, r)));
  }

  replace(r: Route): void {
    this.withScreens((m) => {
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
    this.withScreens((m) => {
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
      for (const n of this.deferred.splice(0)) this.notice(n);
    });
  }

  login(): void {
    for (const s of this.stack.splice(0)) s.dispose?.();
    this.parking.drop();
    this.stack = [new LoginScreen(this.ctx)];
  }

  private lastInputAt = 0;

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

  private notice(n: Notice): void {
    const { t, app } = this.d;
    // Nobody is logged in: a modal over the login screen would swallow the operator id being typed
    // (a modal takes keys until Enter), and the list it points to is not there. The route usually
    // arrives right then, at boot. Such notices wait for the login; arrivals are summed.
    if (this.stack[0] instanceof LoginScreen) {
      const last = this.deferred[this.deferred.length - 1];
      // Every arrival adds to one notice, whatever came between (urgent jobs broke the sum: "22" for 36).
      const earlier = this.deferred.findIndex((d) => d.kind === 'jobs-arrived');
      const prev = this.deferred[earlier];
      if (n.kind === 'jobs-arrived' && prev?.kind === 'jobs-arrived')
        this.deferred[earlier] = { kind: 'jobs-arrived', count: prev.count + n.count };
      else this.deferred.push(n);
      return;
    }
    const ok = t('notice.ok');
    const refreshList = (flash?: string) => {
      const root = this.stack[0] as (Screen & { refresh?: (f?: string) => void }) | undefined;
      root?.refresh?.(flash);
    };
    switch (n.kind) {
      case 'job-cancelled': {
        const label = jobLabel(app.job(n.jobId), n.jobId);
        const open = this.stack.findIndex((s) => s.jobId === n.jobId);
        const lines = [label, t('notice.cancelled.reason', { reason: n.reason })];
        if (open >= 0) {
          while (this.stack.length > open) this.stack.pop()?.dispose?.();
          this.top()?.resume?.();
          lines.push(t('notice.cancelled.open'));
        }
        refreshList();
        this.modal({ title: t('notice.cancelled.title'), body: lines.join('\n'), footer: ok });
        return;
      }
      case 'urgent-job': {
        // An urgent job is one of the jobs that arrived: the list's count includes it.
        this.arrived += 1;
        refreshList(t('jobs.arrived', { n: this.arrived }));
        // Several urgent jobs before the crew pressed Enter (a route arriving) make one modal.
        const u = this.urgent;
        if (u && this.modals.includes(u.modal)) {
          if (!u.jobIds.includes(n.jobId)) u.jobIds.push(n.jobId);
          u.modal.body = `${t('jobs.arrived', { n: u.jobIds.length })}\n${t('notice.urgent.body')}`;
          this.repaint();
          return;
        }
        const modal = {
          title: t('notice.urgent.title'),
          body: `${jobLabel(app.job(n.jobId), n.jobId)}\n${app.job(n.jobId)?.job.customer.address ?? ''}\n${t('notice.urgent.body')}`,
          footer: ok,
        };
        this.urgent = { modal, jobIds: [n.jobId] };
        this.modal(modal);
        return;
      }
      case 'jobs-arrived':
        // One job per notice as they are stored: the flash sums them until the crew presses a key.
        this.arrived += n.count;
        refreshList(t('jobs.arrived', { n: this.arrived }));
        this.repaint();
        return;
      case 'message':
        return this.modal({ title: t('notice.message.title'), body: n.text, footer: ok });
      case 'scan-rejected':
        return this.modal({ title: t('notice.scanRejected.title'), body: t(`notice.scanRejected.${n.reason}`), footer: ok });
      case 'cancel-too-late':
        return this.modal({ title: t('notice.tooLate.title'), body: t('notice.tooLate.body', { jobId: n.jobId }), footer: ok });
    }
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
