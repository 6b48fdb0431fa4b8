/**
 * The screens after the login, loaded on first use (start-up budget: test/unit/ui/startPath.test.ts)
 * and built from a route. Input that arrives while the module loads waits and is replayed in
 * order, so a key pressed during the first navigation is not lost or sent to the wrong screen.
 */
import type { InputEvent } from '../../core/input/InputEvent.js';
import type { Log } from '../../ports/Logger.js';
import { LoginScreen } from './screens/LoginScreen.js';
import type { Route, Screen, UiContext } from './screens/Screen.js';

export type ScreensModule = typeof import('./screens/index.js');

/** The screen a route opens; a field job opens the screen of its kind. */
export function buildScreen(m: ScreensModule, r: Route, ctx: UiContext): Screen {
  switch (r.name) {
    case 'login':
      return new LoginScreen(ctx);
    case 'jobs':
      return new m.JobListScreen(ctx);
    case 'reading':
      return new m.ReadingScreen(ctx, r.jobId, r.scanned);
    case 'job':
      return new m.JobScreen(ctx, r.jobId);
    case 'reprint':
      return new m.ReprintScreen(ctx, r.documentNo);
    case 'fieldwork': {
      const kind = ctx.app.job(r.jobId)?.job.kind;
      if (kind === 'cut') return new m.CutScreen(ctx, r.jobId);
      if (kind === 'reconnect') return new m.ReconnectScreen(ctx, r.jobId);
      return new m.MeterExchangeScreen(ctx, r.jobId);
    }
    case 'endOfDay':
      return new m.EndOfDayScreen(ctx);
    case 'inspection':
      return new m.InspectionScreen(ctx, r.jobId, r.corrects);
  }
}

export interface ScreenLoaderDeps {
  log?: Log | undefined;
  /** The router closed: a load that finishes later does nothing. */
  closed(): boolean;
  /** After a deferred navigation ran, before the held input is replayed. */
  ran(): void;
  /** Replays one held input event. */
  replay(e: InputEvent): void;
}

export class ScreenLoader {
  private screens: ScreensModule | null = null;
  private loading: Promise<ScreensModule> | null = null;
  /** Input that arrived while a screen module was loading, replayed in order. */
  private queued: InputEvent[] = [];
  private navigating = 0;

  constructor(private readonly d: ScreenLoaderDeps) {}

  load(): Promise<ScreensModule> {
    if (this.screens) return Promise.resolve(this.screens);
    this.loading ??= import('./screens/index.js').then((m) => (this.screens = m));
    return this.loading;
  }

  /** Holds `e` when a navigation waits for the module; false when it may be handled now. */
  hold(e: InputEvent): boolean {
    if (this.navigating === 0) return false;
    this.queued.push(e);
    return true;
  }

  /** Runs `fn` with the screen module; input waits until it has run. */
  run(fn: (m: ScreensModule) => void): void {
    if (this.screens) {
      fn(this.screens);
      return;
    }
    this.navigating++;
    this.load().then(
      (m) => {
        this.navigating--;
        if (this.d.closed()) return;
        fn(m);
        this.d.ran();
        for (const e of this.queued.splice(0)) this.d.replay(e);
      },
      (err: unknown) => {
        this.navigating--;
        this.d.log?.('error', 'loading screens failed', { err: String(err) });
      },
    );
  }
}
