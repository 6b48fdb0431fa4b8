/**
 * The app as the screen sees it while it is still starting. The login screen is painted before
 * the store is opened and the broker link set up (a third of start-up), so the crew can type their
 * id at once. Until `ready()`:
 * - status shows the link as connecting, nobody logged in; the clock is the real one;
 * - subscriptions (status, notices, input) are kept and attached to the real app when it is ready;
 * - login waits for the real app, so an id and PIN typed early are not lost;
 * - anything else cannot be reached from the login screen, and throws if it is.
 * After `ready()` every member is the real app's. If start-up fails, `failed()` makes a pending
 * login reject with that error.
 */
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import { localDate } from '../core/time/calendar.js';
import type { AppServices, Notice, OperatorSession, StatusSnapshot } from './AppServices.js';
import type { InputEvent } from '../core/input/InputEvent.js';

type Sub = { kind: 'onStatus' | 'onNotice' | 'onInput'; fn: (v: never) => void; off?: () => void; gone?: boolean };

export class StartingApp {
  private real: AppServices | undefined;
  private readonly subs: Sub[] = [];
  private readonly waiters: { resolve: (a: AppServices) => void; reject: (e: unknown) => void }[] = [];
  private error: unknown;
  readonly app: AppServices;

  constructor(private readonly boot: { deviceId: string; demo: boolean; clock?: () => number }) {
    const clock = boot.clock ?? Date.now;
    const early: Partial<Record<keyof AppServices, unknown>> = {
      deviceId: boot.deviceId,
      demo: boot.demo,
      sessionTimeoutMs: 0,
      confirmPauseMs: 0,
      printOnConfirm: true,
      now: () => clock(),
      today: () => localDate(clock()),
      session: (): OperatorSession | null => null,
      status: (): StatusSnapshot => ({
        link: 'connecting',
        outboxDepth: 0,
        oldestPendingAt: null,
        printer: 'unknown',
        scanner: 'none',
        operatorId: null,
        busy: null,
      }),
      onStatus: (fn: (s: StatusSnapshot) => void) => this.subscribe('onStatus', fn),
      onNotice: (fn: (n: Notice) => void) => this.subscribe('onNotice', fn),
      onInput: (fn: (e: InputEvent) => void) => this.subscribe('onInput', fn),
      login: async (operatorId: string, pin: string) => (await this.whenReady()).login(operatorId, pin),
    };
    this.app = new Proxy({} as AppServices, {
      get: (_t, prop: string | symbol) => {
        const real = this.real;
        if (real) {
          if (prop === 'onStatus' || prop === 'onNotice' || prop === 'onInput') return early[prop];
          const v = Reflect.get(real, prop, real) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(real) : v;
        }
        if (typeof prop === 'string' && prop in early) return early[prop as keyof AppServices];
        throw new AppError(`the app is still starting (${String(prop)})`, ErrorCode.Store_Closed);
      },
    });
  }

  private subscribe(kind: Sub['kind'], fn: (v: never) => void): () => void {
    const sub: Sub = { kind, fn };
    this.subs.push(sub);
    if (this.real) sub.off = (this.real[kind] as (f: (v: never) => void) => () => void)(fn);
    return () => {
      sub.gone = true;
      sub.off?.();
    };
  }

  private whenReady(): Promise<AppServices> {
    if (this.real) return Promise.resolve(this.real);
    if (this.error !== undefined) return Promise.reject(this.error);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  ready(real: AppServices): void {
    this.real = real;
    for (const s of this.subs) if (!s.gone) s.off = (real[s.kind] as (f: (v: never) => void) => () => void)(s.fn);
    for (const w of this.waiters.splice(0)) w.resolve(real);
    const status = real.status();
    for (const s of this.subs) if (s.kind === 'onStatus' && !s.gone) (s.fn as (st: StatusSnapshot) => void)(status);
  }

  failed(e: unknown): void {
    this.error = e;
    for (const w of this.waiters.splice(0)) w.reject(e);
  }
}
