/**
 * A compact consumption history for the thermal slip (issue 17 "Less paper"): one line of figures,
 * the most recent months that fit the width, then this bill after a bar:
 *
 *   "Kas–Oca m³: 97 188 263 | 150"
 *
 * Months come from historyBars (consumptionHistory.ts: calendar months, "-" where the office sent
 * nothing); figures are whole m³, half-up, grouped as on the rest of the slip. Undefined when there
 * is no history or not even one earlier month fits: the slip then prints nothing for it.
 * Pure; the invoice renderer decides where the line goes.
 */
import { dec } from '../billing/decimal.js';
import type { Invoice } from '../billing/types.js';
import { historyBars, type HistoryBar } from './consumptionHistory.js';
import { formatDecimal } from './format.js';

const whole = (m3: string) => formatDecimal(dec(m3).toDecimalPlaces(0, 4).toFixed(0));
const month = (b: HistoryBar) => b.label.slice(0, 3);

function line(earlier: readonly HistoryBar[], current: HistoryBar): string {
  const figures = earlier.map((b) => (b.m3 === null ? '-' : whole(b.m3))).join(' ');
  return `${month(earlier[0]!)}–${month(current)} m³: ${figures} | ${whole(current.m3!)}`;
}

export function historyLine(inv: Pick<Invoice, 'period' | 'consumptionM3' | 'consumptionHistory'>, width: number): string | undefined {
  const bars = historyBars(inv);
  const current = bars.pop();
  if (!current) return undefined;
  let earlier = bars;
  // Months without figures before the first known one say nothing: start at the first known month.
  const first = earlier.findIndex((b) => b.m3 !== null);
  if (first < 0) return undefined;
  earlier = earlier.slice(first);
  while (earlier.length && [...line(earlier, current)].length > width) earlier = earlier.slice(1);
  while (earlier.length && earlier[0]!.m3 === null) earlier = earlier.slice(1);
  return earlier.length ? line(earlier, current) : undefined;
}
