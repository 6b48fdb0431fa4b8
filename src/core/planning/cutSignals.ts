/**
 * Cuts and reconnections that do not add up (issue 20, docs/planning.md §Signals; the seal data of
 * gas.cut / gas.reconnected, docs/domain.md §3). Pure functions: facts in, a hit or null out.
 */
import type { InstallationFacts, PlanningParams, SignalHit } from './types.js';

/**
 * The index moved on a meter recorded as cut: a gas.cut, then a higher reading or a reconnection
 * index above the cut's without a reconnection in between (or the reconnection's own finding). A
 * meter exchange after the cut starts a new index, so it ends the comparison.
 */
export function indexAdvancedWhileCut(f: InstallationFacts, asOf: string, p: PlanningParams): SignalHit | null {
  type Ev = { date: string; kind: 'cut' | 'rec' | 'read' | 'exchange'; index: number; findings?: string[] };
  const evs: Ev[] = [
    ...f.cuts.map((c) => ({ date: c.date, kind: 'cut' as const, index: c.index })),
    ...f.reconnections.map((r) => ({ date: r.date, kind: 'rec' as const, index: r.index, findings: r.findings })),
    ...f.readings.map((r) => ({ date: r.date, kind: 'read' as const, index: r.index })),
    ...f.exchanges.map((e) => ({ date: e.date, kind: 'exchange' as const, index: 0 })),
  ].filter((e) => e.date <= asOf);
  // Same day: a cut closes the day's other records; a reconnection comes after the day's reading.
  const rank = { read: 0, exchange: 1, rec: 2, cut: 3 };
  evs.sort((a, b) => (a.date === b.date ? rank[a.kind] - rank[b.kind] : a.date < b.date ? -1 : 1));
  let cut: Ev | undefined;
  let found: { cut: Ev; at: Ev } | undefined;
  for (const e of evs) {
    if (e.kind === 'cut') cut = e;
    else if (e.kind === 'exchange') cut = undefined;
    else if (cut && (e.index > cut.index + p.indexToleranceM3 || e.findings?.includes('index-advanced'))) found = { cut, at: e };
    if (e.kind === 'rec') cut = undefined;
  }
  if (!found) return null;
  return {
    strength: 1,
    text: {
      key: 'indexAdvancedWhileCut',
      cutDate: found.cut.date,
      cutIndex: found.cut.index,
      at: found.at.kind === 'rec' ? 'reconnection' : 'reading',
      atDate: found.at.date,
      atIndex: found.at.index,
    },
  };
}

/** The seal removed at a reconnection is not the one fitted at the cut. */
export function sealMismatchAtReconnection(f: InstallationFacts, asOf: string): SignalHit | null {
  for (const r of [...f.reconnections].reverse()) {
    if (r.date > asOf) continue;
    const cut = [...f.cuts].reverse().find((c) => c.date <= r.date);
    const mismatch = r.findings.includes('seal-mismatch') || (cut !== undefined && cut.sealNo !== r.removedSealNo);
    if (!mismatch) continue;
    return {
      strength: 1,
      text: { key: 'sealMismatchAtReconnection', date: r.date, removedSealNo: r.removedSealNo, ...(cut ? { cutSealNo: cut.sealNo } : {}) },
    };
  }
  return null;
}
