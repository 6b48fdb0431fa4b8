/**
 * `saha plan-inspections` without the command line: read the planning configuration, load the
 * installations from the event store as of a date, rank them (src/core/planning/plan.ts).
 */
import { readFile } from 'node:fs/promises';
import type { SqlClient } from '../db/Database.js';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import { parsePlanningConfig } from '../../core/planning/config.js';
import { planInspections } from '../../core/planning/plan.js';
import type { PlanningConfig } from '../../core/planning/types.js';
import { loadInstallations, type Installation } from './loadFacts.js';
import { wordPlan, type PlannedInstallation } from './signalWords.js';

export async function readPlanningConfig(file: string): Promise<PlanningConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError(`cannot read planning configuration ${file}`, ErrorCode.Config_Unreadable, { cause: e, context: { file } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppError(`${file}: not JSON (${(e as Error).message})`, ErrorCode.Config_Invalid, { cause: e, context: { file } });
  }
  return parsePlanningConfig(value, file);
}

export interface PlanResult {
  date: string;
  installations: number;
  /** Ranked, each reason in words (signalWords.ts). */
  ranked: PlannedInstallation[];
  byNo: Map<string, Installation>;
}

export async function runPlan(
  db: SqlClient,
  config: PlanningConfig,
  o: { date: string; limit?: number; area?: string },
): Promise<PlanResult> {
  const all = await loadInstallations(db, o.date);
  const ranked = planInspections(
    all.map((i) => i.facts),
    config,
    { asOf: o.date, ...(o.area === undefined ? {} : { area: o.area }), ...(o.limit === undefined ? {} : { limit: o.limit }) },
  );
  return { date: o.date, installations: all.length, ranked: wordPlan(ranked), byNo: new Map(all.map((i) => [i.facts.installationNo, i])) };
}
