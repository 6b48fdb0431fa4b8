/**
 * The route CSV's `consumptionHistory` cell: `PERIOD:M3` entries separated by "|", e.g.
 * `2025-11:123|2025-10:98,5` (a decimal comma is accepted, as in every decimal cell). The schema
 * (core/contract/consumptionHistory.ts) then checks the period, the m³ and the count.
 */
import type { ConsumptionHistory } from '../core/contract/consumptionHistory.js';

export function historyCell(raw: string): ConsumptionHistory | { error: string } {
  const out: ConsumptionHistory = [];
  for (const entry of raw
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{4}-\d{2})\s*:\s*(\d+(?:[.,]\d+)?)$/.exec(entry);
    if (!m) return { error: `"${entry.slice(0, 40)}" must be PERIOD:M3 such as 2025-11:123 (entries separated by |)` };
    out.push({ period: m[1]!, m3: m[2]!.replace(',', '.') });
  }
  return out;
}
