/**
 * The screens an idle lock leaves behind (issue 19: "Kayıtlarınız saklı" while the verified scan and
 * the typed digits were dropped). The lock keeps the screen objects themselves, as they are: the
 * same operator logging in again gets them back exactly (step, scan, digits, selection), with no
 * snapshot format to keep in step with each screen. Another operator starts clean; the drafts are
 * then recorded as abandoned (AppServices.abandonDrafts, audit `session.draft-abandoned`).
 *
 * A screen says what it holds through `Screen.draft()` (screen, job, a few facts; never the typed
 * values). A screen without that hook that works on a job counts as a draft named after its route.
 * Kept in memory only: a restart starts at the login screen (what was confirmed is in the store).
 */
import type { AppServices, DraftInfo } from '../../app/AppServices.js';
import type { Log } from '../../ports/Logger.js';
import type { Route, Screen } from './screens/Screen.js';

export interface ParkedSession {
  /** The operator whose session was locked. */
  owner: string;
  /** The whole stack, the job list at the bottom. */
  stack: Screen[];
}

/** The drafts of the screens above the job list, in stack order. */
export function draftsOf(stack: readonly Screen[], routeOf: (s: Screen) => Route | undefined): DraftInfo[] {
  const out: DraftInfo[] = [];
  for (const s of stack.slice(1)) {
    if (s.draft) {
      const d = s.draft();
      if (d) out.push(d);
      continue;
    }
    const r = routeOf(s);
    const jobId = s.jobId ?? (r && 'jobId' in r ? r.jobId : undefined);
    if (r && jobId !== undefined) out.push({ screen: r.name, jobId });
  }
  return out;
}

/** Holds the parked screens between an idle lock and the next login. */
export class Parking {
  private parked: ParkedSession | null = null;

  constructor(
    private readonly d: {
      app: Pick<AppServices, 'session' | 'abandonDrafts'>;
      routeOf(s: Screen): Route | undefined;
      log?: Log | undefined;
    },
  ) {}

  drafts(stack: readonly Screen[]): DraftInfo[] {
    return draftsOf(stack, (s) => this.d.routeOf(s));
  }

  park(owner: string, stack: Screen[]): void {
    this.drop();
    this.parked = { owner, stack };
  }

  /**
   * After a login: the kept stack when the same operator logged in; otherwise null, the kept
   * screens are closed and their drafts recorded as abandoned.
   */
  unpark(): Screen[] | null {
    const p = this.parked;
    if (!p) return null;
    this.parked = null;
    if (this.d.app.session()?.operatorId === p.owner) return p.stack;
    const drafts = this.drafts(p.stack);
    for (const s of p.stack) s.dispose?.();
    this.d.app
      .abandonDrafts(p.owner, drafts)
      .catch((e: unknown) => this.d.log?.('error', 'recording abandoned drafts failed', { err: String(e) }));
    return null;
  }

  /** Logout or shutdown: the kept screens are closed. */
  drop(): void {
    for (const s of this.parked?.stack ?? []) s.dispose?.();
    this.parked = null;
  }
}
