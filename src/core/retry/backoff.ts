/**
 * The one retry delay of the app and the back office: exponential from minMs to maxMs with "equal
 * jitter" (half fixed, half random), so a fleet that lost the same cell tower, printer cable batch or
 * SMTP server does not come back in lock-step and flatten what it reconnects to. mqtt.js itself
 * retries at a fixed interval, hence our own (the link's contract: src/ports/BrokerLink.ts).
 *
 * Pure: the random source is a parameter (tests pin it; `noJitter` gives the plain doubling
 * schedule, for retries against the device's own disk where there is no herd to spread).
 */
export interface BackoffRange {
  /** Delay around the first retry (attempt 0). */
  minMs: number;
  /** Ceiling of the exponential part. */
  maxMs: number;
}

/** A random source in [0, 1). */
export type Random = () => number;

/** The upper end of the jitter window: every delay is the full exponential value. */
export const noJitter: Random = () => 1;

/** Past 2^30 × minMs every sane maxMs has long been reached; the cap keeps the power finite. */
const MAX_EXPONENT = 30;

/** Delay before retry number `attempt` (0-based): in [cap/2, cap], cap = min(maxMs, minMs·2^attempt). Never below 1 ms. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: Random): number {
  const cap = Math.min(maxMs, minMs * 2 ** Math.min(Math.max(0, attempt), MAX_EXPONENT));
  return Math.max(1, Math.round(cap / 2 + random() * (cap / 2)));
}

/** backoffDelay with the attempt counted for the caller: next() after each failure, reset() after a success. */
export class Backoff {
  private n = 0;
  constructor(
    private readonly range: BackoffRange,
    private readonly random: Random,
  ) {}

  /** Failures counted since the last reset. */
  get attempt(): number {
    return this.n;
  }

  /** The delay for the current attempt, without counting it (draws a new random value each call). */
  current(): number {
    return backoffDelay(this.n, this.range.minMs, this.range.maxMs, this.random);
  }

  /** The delay to wait now; the next call's window is twice as high (up to maxMs). */
  next(): number {
    const ms = this.current();
    this.n = Math.min(this.n + 1, MAX_EXPONENT);
    return ms;
  }

  reset(): void {
    this.n = 0;
  }
}
