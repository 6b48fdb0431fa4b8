/**
 * What crews saw at the door (issue 20, docs/planning.md §Signals): seals recorded as broken,
 * no-read codes that suggest tampering (docs/domain.md §2) and repeated refusals of access.
 */
import { windowStart } from './consumption.js';
import type { InstallationFacts, PlanningParams, SignalHit } from './types.js';

/** An inspection report that saw broken or missing seals, with no offence found at the time. */
export function brokenSeals(f: InstallationFacts, asOf: string): SignalHit | null {
  const seen = f.inspections.filter((i) => i.date <= asOf && i.brokenSeals > 0);
  if (!seen.length) return null;
  const last = seen[seen.length - 1]!;
  return {
    strength: 1,
    text: { key: 'brokenSeals', date: last.date, seals: last.brokenSeals },
  };
}

/** No-read codes that suggest tampering (seal broken, register not turning, wrong meter), recent months. */
export function tamperingNoReadCodes(f: InstallationFacts, asOf: string, p: PlanningParams): SignalHit | null {
  const from = windowStart(asOf, p.recentMonths * 2);
  const hits = f.skips.filter((s) => s.date > from && s.date <= asOf && (p.tamperingCodes[s.code] ?? 0) > 0);
  if (!hits.length) return null;
  const strength = Math.min(1, Math.max(...hits.map((s) => p.tamperingCodes[s.code]!)));
  const codes = [...new Set(hits.map((s) => s.code))].sort().join(', ');
  return {
    strength,
    text: { key: 'tamperingNoReadCodes', months: p.recentMonths * 2, times: hits.length, codes },
  };
}

/** Access refused or the meter locked away, again and again. */
export function refusedAccess(f: InstallationFacts, asOf: string, p: PlanningParams): SignalHit | null {
  const from = windowStart(asOf, p.recentMonths * 2);
  const n = f.skips.filter((s) => s.date > from && s.date <= asOf && p.refusalCodes.includes(s.code)).length;
  if (n < p.minRefusals) return null;
  return {
    strength: Math.min(1, n / p.refusalsFull),
    text: { key: 'refusedAccess', months: p.recentMonths * 2, times: n },
  };
}
