/**
 * Reconnect delay: exponential from min to max with "equal jitter" (half fixed, half random), so a
 * fleet that lost the same cell tower does not reconnect in lock-step and flatten the broker.
 * mqtt.js itself retries at a fixed interval (shared notes §5), hence our own.
 */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + random() * (cap / 2));
}
