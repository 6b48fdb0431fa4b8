export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
export const median = (xs: readonly number[]) => percentile(xs, 50);
export const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;
