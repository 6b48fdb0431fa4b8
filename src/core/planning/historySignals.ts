/**
 * The installation's record (issue 20, docs/planning.md §Signals): earlier offences, a crew's
 * request for an inspection, and the time since the last one.
 */
import { addDays, daysBetween } from '../time/calendar.js';
import type { InstallationFacts, PlanningParams, SignalHit } from './types.js';

/** Kaçak / usulsüz found before: from inspection reports and from the office's record on the job. */
export function previousOffences(f: InstallationFacts, asOf: string, p: PlanningParams): SignalHit | null {
  const since = addDays(asOf, -Math.round(p.offenceYears * 365.25));
  const all = [
    ...f.inspections.filter((i) => i.finding !== 'none').map((i) => ({ date: i.date, finding: i.finding as 'kacak' | 'usulsuz' })),
    ...f.priorOffences,
  ].filter((o) => o.date <= asOf && o.date > since);
  if (!all.length) return null;
  const kacak = all.some((o) => o.finding === 'kacak');
  const last = all.map((o) => o.date).sort()[all.length - 1]!;
  const dates = [...new Set(all.map((o) => o.date))].length;
  return {
    strength: kacak ? 1 : 0.6,
    text: { key: 'previousOffences', finding: kacak ? 'kacak' : 'usulsuz', times: dates, last },
  };
}

/** A crew asked for an inspection on the spot (inspection.requested) and none has been made since. */
export function crewRequest(f: InstallationFacts, asOf: string): SignalHit | null {
  const open = f.requests.filter((r) => r.date <= asOf && !f.inspections.some((i) => i.date >= r.date && i.date <= asOf));
  if (!open.length) return null;
  const last = open[open.length - 1]!;
  return {
    strength: 1,
    text: { key: 'crewRequest', date: last.date, reason: last.reason },
  };
}

/** Longer since the last inspection → more worth a visit; never inspected counts in full. */
export function timeSinceInspection(f: InstallationFacts, asOf: string, p: PlanningParams): SignalHit | null {
  const past = f.inspections.filter((i) => i.date <= asOf);
  if (!past.length) return { strength: 1, text: { key: 'neverInspected' } };
  const last = past[past.length - 1]!.date;
  const days = daysBetween(last, asOf);
  const strength = Math.min(1, Math.max(0, days / p.inspectionFullAfterDays));
  if (strength === 0) return null;
  return { strength, text: { key: 'timeSinceInspection', days, last } };
}
