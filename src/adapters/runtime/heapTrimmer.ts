/**
 * Gives memory back after bursts of allocation (issue 19: rss ≤ 100 MB with 10,000 jobs, peak ≤ 150
 * MB while a route arrives). A route arriving or the store loading leaves mostly garbage in V8's old
 * space, and on a machine with plenty of RAM V8 rarely runs the full collection that would shrink
 * the heap; on a handheld with 1 GB shared with the OS that garbage is RSS nobody can use. So after
 * such a burst (jobs written), and at most every `minIntervalMs` while it lasts, a full collection
 * runs, once the app has been quiet for `quietMs` or the burst has gone on for `minIntervalMs`.
 *
 * `gc` is V8's own, reached without a command-line flag (the app is started as `node saha.mjs`,
 * by systemd, npm start or a technician): --expose-gc set at run time takes effect for new
 * contexts. If that ever fails the trimmer does nothing and says so once in the log.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Log } from '../../ports/Logger.js';

export function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export interface HeapTrimmerOptions {
  quietMs?: number;
  minIntervalMs?: number;
  gc?: (() => void) | undefined;
  log?: Log;
  now?: () => number;
}

export class HeapTrimmer {
  private readonly gc: (() => void) | undefined;
  private readonly quietMs: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private lastRun = 0;
  private burstStart: number | undefined;
  /** Full collections run so far (for tests and the debug log). */
  runs = 0;

  constructor(o: HeapTrimmerOptions = {}) {
    this.gc = 'gc' in o ? o.gc : exposeGc();
    this.quietMs = o.quietMs ?? 500;
    this.minIntervalMs = o.minIntervalMs ?? 500;
    this.now = o.now ?? Date.now;
    if (!this.gc) o.log?.('warn', 'heap trimming unavailable: V8 gc could not be exposed; memory after a route arrives stays higher');
  }

  /** Something allocated a lot (jobs written): trim when quiet, or now if the burst has run long. */
  poke(): void {
    if (!this.gc) return;
    const now = this.now();
    this.burstStart ??= now;
    if (now - this.burstStart >= this.minIntervalMs && now - this.lastRun >= this.minIntervalMs) return this.run();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), this.quietMs);
    this.timer.unref();
  }

  /** Trim now (after the store has loaded, say). */
  run(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.burstStart = undefined;
    if (!this.gc) return;
    this.lastRun = this.now();
    this.runs++;
    this.gc();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
