/**
 * The route CSV's `account.charges` cell: charges as core/billing/chargeSpec.ts writes them,
 * several separated by "|" (docs/invoice.md "Lines").
 */
import { parseChargeSpec } from '../core/billing/chargeSpec.js';
import type { ChargeInput } from '../core/billing/types.js';

export function chargesCell(raw: string): ChargeInput[] | { error: string } {
  const out: ChargeInput[] = [];
  for (const spec of raw
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const r = parseChargeSpec(spec);
    if (!r.ok) return { error: r.message };
    out.push(r.charge);
  }
  return out;
}
