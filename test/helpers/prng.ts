/** Seeded PRNG (mulberry32) so property tests are reproducible: a failure prints its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    /** A decimal string with 0..intMax before the point and exactly `places` digits after it. */
    decimal: (intMax: number, places: number): string => `${int(0, intMax)}.${String(int(0, 10 ** places - 1)).padStart(places, '0')}`,
  };
}
