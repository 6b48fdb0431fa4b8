/**
 * Exact decimal arithmetic for money and volumes. decimal.js with 50 significant digits: far more
 * than any meter, price or total needs, so only our explicit roundings ever lose digits.
 * Half-up (away from zero on .5) is what the published bills show (docs/domain.md §1).
 */
import { Decimal as DecimalJs } from 'decimal.js';

export const D = DecimalJs.clone({ precision: 50, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

export function dec(v: string | number | Dec): Dec {
  return new D(v);
}

/** Round half-up to `places` decimal places. */
export function roundTo(v: Dec, places: number): Dec {
  return v.toDecimalPlaces(places, D.ROUND_HALF_UP);
}

/** Round half-up to a multiple of `step` (e.g. "1.00" TL). A zero step leaves the value as is. */
export function roundToStep(v: Dec, step: Dec): Dec {
  if (step.isZero()) return v;
  return v.div(step).toDecimalPlaces(0, D.ROUND_HALF_UP).mul(step);
}

/** Fixed-point string with exactly `places` decimals: what goes on paper and on the wire. */
export function fixed(v: Dec, places: number): string {
  return v.toFixed(places, D.ROUND_HALF_UP);
}

/** True when the string is a plain decimal we accept as exact input. */
export function isDecimalString(s: string): boolean {
  return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(s);
}
