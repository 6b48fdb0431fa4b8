/**
 * Time as the input code sees it. Injected so the scan/typing classifier and hot-plug backoff are
 * deterministic under test (ManualClock) and use real timers in the app (systemClock).
 */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending scan-burst or reconnect timer must not keep a stopping process alive.
    t.unref?.();
    return t;
  },
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
