/**
 * The customer's consumption over the last months, as the e-mailed invoice draws it and the slip may
 * print it (docs/invoice.md "E-mailed invoice (A4)"). Pure: the invoice's own consumption plus the
 * job's `consumptionHistory` (contract v1 addition) in, one bar per calendar month out.
 *
 * A period is the month of the reading that closed it (the invoice's `period.to`). The chart shows
 * the 12 calendar months before this bill's month and this bill; a month the office sent nothing
 * for is an empty bar (so the axis never skips a month unnoticed). A month given twice: the last
 * entry counts. Entries for this month or later are ignored: this bill's own figure is the metered one.
 */
import type { Invoice } from '../billing/types.js';

export interface HistoryBar {
  /** YYYY-MM */
  period: string;
  /** "Eyl 25" */
  label: string;
  /** Metered m³ as a decimal string; null when the office sent nothing for that month. */
  m3: string | null;
  /** This bill's own period. */
  current: boolean;
}

const MONTHS = ['Oca', 'Şub', 'Mar', 'Nis', 'May', 'Haz', 'Tem', 'Ağu', 'Eyl', 'Eki', 'Kas', 'Ara'] as const;

/** "2025-09" → "Eyl 25". */
export function monthLabel(period: string): string {
  const [y, m] = period.split('-');
  return `${MONTHS[Number(m) - 1]} ${y!.slice(2)}`;
}

/** The period an invoice belongs to: the month of its closing reading. */
export function invoicePeriod(inv: Pick<Invoice, 'period'>): string {
  return inv.period.to.slice(0, 7);
}

/** `period` moved by `delta` months ("2025-01", -1 → "2024-12"). */
export function addMonths(period: string, delta: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * The `months` calendar months before the invoice's month, oldest first, then the invoice itself.
 * Empty (no bars at all) when the invoice carries no history: nothing to compare with.
 */
export function historyBars(inv: Pick<Invoice, 'period' | 'consumptionM3' | 'consumptionHistory'>, months = 12): HistoryBar[] {
  const history = inv.consumptionHistory ?? [];
  if (!history.length) return [];
  const current = invoicePeriod(inv);
  const byPeriod = new Map<string, string>();
  for (const h of history) if (h.period < current) byPeriod.set(h.period, h.m3);
  const bars: HistoryBar[] = [];
  for (let k = months; k >= 1; k--) {
    const p = addMonths(current, -k);
    bars.push({ period: p, label: monthLabel(p), m3: byPeriod.get(p) ?? null, current: false });
  }
  bars.push({ period: current, label: monthLabel(current), m3: inv.consumptionM3, current: true });
  return bars;
}

/** The same month a year earlier, when the office sent it: what customers compare with. */
export function sameMonthLastYear(bars: readonly HistoryBar[]): HistoryBar | undefined {
  const cur = bars[bars.length - 1];
  if (!cur?.current) return undefined;
  const p = addMonths(cur.period, -12);
  return bars.find((b) => b.period === p && b.m3 !== null);
}
