import type { Clock } from './Clock.js';

/** A Clock that only moves when told to; timers fire in due order inside advanceTo(). */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, { due: number; fn: () => void }>();

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { due: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** When the earliest pending timer is due, if any. */
  nextDue(): number | undefined {
    let due: number | undefined;
    for (const { due: d } of this.timers.values()) if (due === undefined || d < due) due = d;
    return due;
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward to `t`, firing every timer due on the way (including ones they set). */
  advanceTo(t: number): void {
    for (;;) {
      let next: [number, { due: number; fn: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].due <= t && (next === undefined || entry[1].due < next[1].due)) next = entry;
      }
      if (next === undefined) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].due);
      next[1].fn();
    }
    this.t = Math.max(this.t, t);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.t + ms);
  }
}
