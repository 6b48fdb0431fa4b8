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
    tr: `${last.date} denetiminde ${last.brokenSeals} mühür kırık veya eksik kaydedildi`,
    en: `${last.brokenSeals} seal(s) recorded broken or missing at the inspection of ${last.date}`,
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
    tr: `Son ${p.recentMonths * 2} ayda kurcalama düşündüren okunamama kodu ${hits.length} kez (${codes})`,
    en: `${hits.length} no-read code(s) suggesting tampering in the last ${p.recentMonths * 2} months (${codes})`,
  };
}

/** Access refused or the meter locked away, again and again. */
export function refusedAccess(f: InstallationFacts, asOf: string, p: PlanningParams): SignalHit | null {
  const from = windowStart(asOf, p.recentMonths * 2);
  const n = f.skips.filter((s) => s.date > from && s.date <= asOf && p.refusalCodes.includes(s.code)).length;
  if (n < p.minRefusals) return null;
  return {
    strength: Math.min(1, n / p.refusalsFull),
    tr: `Son ${p.recentMonths * 2} ayda ${n} kez sayaca erişim verilmedi`,
    en: `access to the meter refused ${n} times in the last ${p.recentMonths * 2} months`,
  };
}
