/**
 * Planning bench (`npm run bench -- planning`; opt-in, issue 20). A simulated city
 * (planningCity.ts; assumptions in docs/planning.md §Simulator) of SAHA_BENCH_PLANNING_INSTALLATIONS
 * installations (default 10,000) over 36 months of monthly readings is dispatched and ingested
 * through the real paths (test/helpers/planningOffice.ts) into PostgreSQL (PGlite when nothing
 * listens on 127.0.0.1:5432), then planned as of its last day with the shipped weights
 * (device/reference/planning.json). Figures:
 *
 * - planning_precision_at_50: planted offenders among the first 50 of the list ÷ 50;
 * - planning_recall_at_200: planted offenders among the first 200 ÷ all planted offenders;
 * - planning_random_precision_at_50 / _recall_at_200: the same for a random choice of installations,
 *   the mean of RANDOM_DRAWS seeded draws made in this run (one draw of 50 from a city with 1.5 %
 *   offenders is mostly 0 or 1 hit: the mean is what random choice is worth);
 * - planning_precision_ratio = precision ÷ random precision (target ≥ 5);
 * - per pattern, the share of its offenders in the first 200; load and plan times.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { readPlanningConfig, runPlan } from '../../src/backoffice/planning/runPlan.js';
import { databaseTargets } from '../helpers/databases.js';
import { PlanningOffice } from '../helpers/planningOffice.js';
import { prng } from '../helpers/prng.js';
import { buildCity, MONTHS, OFFENCES, PLAN_DATE, simulateMonth } from './planningCity.js';
import { round } from './stats.js';

const INSTALLATIONS = Number(process.env.SAHA_BENCH_PLANNING_INSTALLATIONS || 10_000);
const OFFENDER_SHARE = Number(process.env.SAHA_BENCH_PLANNING_OFFENDERS || 0.015);
const SEED = Number(process.env.SAHA_BENCH_PLANNING_SEED || 20);
const RANDOM_DRAWS = 2000;
const log = (m: string) => process.stderr.write(`  planning: ${m}\n`);

export async function benchPlanning(): Promise<Record<string, number | string>> {
  const targets = databaseTargets();
  const target = targets.find((t) => t.name === 'postgres') ?? targets[0]!;
  const config = await readPlanningConfig(join(process.cwd(), 'device/reference/planning.json'));
  const db = await target.open();
  try {
    const office = new PlanningOffice(db, 1000, 1000);
    await office.open();
    const city = buildCity(INSTALLATIONS, OFFENDER_SHARE, SEED);
    log(`${city.homes.length} installations, ${city.offenders.size} planted offenders, ${MONTHS} months into ${target.name}`);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let m = 0; m < MONTHS; m++) {
      simulateMonth(city, m, office, SEED);
      await office.flush();
      if (m % 6 === 5) log(`month ${m + 1}: ${office.stored} events stored, ${Math.round((performance.now() - t0) / 1000)} s`);
    }
    const loadS = (performance.now() - t0) / 1000;
    // This process's CPU (simulation, validation, planning), apart from PostgreSQL's: on a shared
    // machine the wall-clock times say more about the neighbours than about this code.
    const cpu = process.cpuUsage(cpu0);
    const loadCpuS = (cpu.user + cpu.system) / 1e6;
    const t1 = performance.now();
    const plan = await runPlan(db, config, { date: PLAN_DATE });
    const planS = (performance.now() - t1) / 1000;
    const all1 = process.cpuUsage(cpu0);
    const planCpuS = (all1.user + all1.system) / 1e6 - loadCpuS;
    const ranked = plan.ranked.map((r) => r.installationNo);
    const hits = (list: readonly string[]) => list.filter((no) => city.offenders.has(no)).length;
    const precision = hits(ranked.slice(0, 50)) / 50;
    const recall = hits(ranked.slice(0, 200)) / city.offenders.size;
    // Random choice among every installation, seeded, many draws (partial Fisher–Yates of 200).
    const all = city.homes.map((h) => h.inst.installationNo);
    const r = prng(SEED + 7);
    let rp = 0;
    let rr = 0;
    for (let d = 0; d < RANDOM_DRAWS; d++) {
      const a = [...all];
      for (let i = 0; i < 200; i++) {
        const j = i + Math.floor(r.next() * (a.length - i));
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      rp += hits(a.slice(0, 50)) / 50;
      rr += hits(a.slice(0, 200)) / city.offenders.size;
    }
    const randomPrecision = rp / RANDOM_DRAWS;
    const top200 = new Set(ranked.slice(0, 200));
    const byPattern: Record<string, number> = {};
    for (const kind of OFFENCES) {
      const of = city.homes.filter((h) => h.offence === kind);
      byPattern[`planning_recall_at_200_${kind.replace(/-/g, '_')}`] = round(
        of.filter((h) => top200.has(h.inst.installationNo)).length / of.length,
        3,
      );
    }
    return {
      planning_database: target.name,
      planning_installations: city.homes.length,
      planning_offenders: city.offenders.size,
      planning_events: office.stored,
      planning_listed: ranked.length,
      planning_precision_at_50: round(precision, 3),
      planning_recall_at_200: round(recall, 3),
      planning_random_precision_at_50: round(randomPrecision, 4),
      planning_random_recall_at_200: round(rr / RANDOM_DRAWS, 4),
      planning_precision_ratio: round(precision / randomPrecision, 1),
      ...byPattern,
      planning_load_s: round(loadS, 1),
      planning_plan_s: round(planS, 1),
      planning_load_node_cpu_s: round(loadCpuS, 1),
      planning_plan_node_cpu_s: round(planCpuS, 1),
    };
  } finally {
    await db.close();
  }
}
