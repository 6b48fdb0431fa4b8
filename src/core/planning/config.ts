/**
 * The planning configuration (device/reference/planning.json, docs/planning.md): a weight per
 * signal and the thresholds the signals use. Checked whole: every problem at once, each naming its
 * key, as the field-work reference data is (src/core/fieldwork/reference.ts).
 */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { SIGNAL_IDS, type PlanningConfig, type PlanningParams, type SignalId } from './types.js';

const NUMBER_PARAMS: readonly (keyof PlanningParams)[] = [
  'recentMonths',
  'nearZeroM3PerDay',
  'minHeatingReadings',
  'historyDropRatio',
  'minBaselineM3PerDay',
  'peerDropRatio',
  'minPeers',
  'indexToleranceM3',
  'minRefusals',
  'refusalsFull',
  'offenceYears',
  'inspectionFullAfterDays',
];

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

export function parsePlanningConfig(value: unknown, source = 'planning config'): PlanningConfig {
  const problems: string[] = [];
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const w = (typeof v.weights === 'object' && v.weights !== null ? v.weights : {}) as Record<string, unknown>;
  const p = (typeof v.params === 'object' && v.params !== null ? v.params : {}) as Record<string, unknown>;
  for (const id of SIGNAL_IDS) if (!isNum(w[id])) problems.push(`weights.${id} must be a number ≥ 0`);
  for (const k of Object.keys(w)) if (!(SIGNAL_IDS as readonly string[]).includes(k)) problems.push(`weights.${k} is not a signal`);
  for (const k of NUMBER_PARAMS) if (!isNum(p[k])) problems.push(`params.${k} must be a number ≥ 0`);
  const months = p.heatingMonths;
  if (!Array.isArray(months) || !months.length || !months.every((m) => Number.isInteger(m) && m >= 1 && m <= 12))
    problems.push('params.heatingMonths must be a list of months 1–12');
  const codes = p.tamperingCodes;
  if (typeof codes !== 'object' || codes === null || !Object.entries(codes).every(([c, s]) => /^\d{2}$/.test(c) && isNum(s) && s <= 1))
    problems.push('params.tamperingCodes must map two-digit no-read codes to a strength 0–1');
  const refusals = p.refusalCodes;
  if (!Array.isArray(refusals) || !refusals.every((c) => typeof c === 'string' && /^\d{2}$/.test(c)))
    problems.push('params.refusalCodes must be a list of two-digit no-read codes');
  const context = v.contextOnly ?? [];
  if (!Array.isArray(context) || !context.every((c) => (SIGNAL_IDS as readonly unknown[]).includes(c)))
    problems.push('contextOnly must be a list of signal ids');
  if (problems.length)
    throw new AppError(`${source}: ${problems.join('; ')}`, ErrorCode.Config_Invalid, { context: { problems: problems.join('\n') } });
  return { weights: w as Record<SignalId, number>, params: p as unknown as PlanningParams, contextOnly: context as SignalId[] };
}
