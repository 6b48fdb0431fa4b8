/**
 * `saha plan-inspections` (issue 20, docs/planning.md): which installations to inspect for kaçak /
 * usulsüz use, ranked from what the crews recorded in the event store, each score with its reasons
 * in Turkish and English. A table, --json, or --csv FILE: a route `saha dispatch --route` takes as
 * inspection jobs. Reads only.
 */
import { AppError, ErrorCode, isAppError } from '../core/errors/AppError.js';
import { parseArgs, one, wholeNumber } from './args.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand } from './types.js';

const usage = `Usage: saha plan-inspections [--database-url URL | --data-dir DIR] [--date YYYY-MM-DD] [--limit N] [--area TEXT] [--json | --csv FILE]

  --database-url URL  PostgreSQL holding the event store (env SAHA_BO_DATABASE_URL)
  --data-dir DIR      embedded store (PGlite) written by \`saha ingest --data-dir\` (not while ingest runs)
  --date YYYY-MM-DD   plan as of this day: only what was recorded up to it (default: today, Istanbul)
  --limit N           at most N installations (default 50)
  --area TEXT         only addresses holding TEXT (a district or street; Turkish case-insensitive)
  --json              the list as JSON (score, reasons with tr/en texts)
  --csv FILE          write a route file for \`saha dispatch --route FILE\`: inspection jobs grouped by area, ordered by address
  --config FILE       planning weights and thresholds (default device/reference/planning.json)`;

const DEFAULT_LIMIT = 50;

export const planCommand: CliCommand = {
  summary: 'back office: rank installations for kaçak/usulsüz inspection from the event store, with reasons',
  usage,
  async run(argv, io) {
    try {
      const p = parseArgs(argv, { values: ['database-url', 'data-dir', 'date', 'limit', 'area', 'csv', 'config'], flags: ['json'] });
      if (p.positional.length) throw new AppError(`unexpected argument "${p.positional[0]}"`, ErrorCode.Input_Invalid);
      const url = one(p, 'database-url') ?? (io.env.SAHA_BO_DATABASE_URL || undefined);
      const dataDir = one(p, 'data-dir');
      if (url && dataDir) throw new AppError('give --database-url or --data-dir, not both', ErrorCode.Input_Invalid);
      if (!url && !dataDir)
        throw new AppError('no database: give --database-url URL (or SAHA_BO_DATABASE_URL) or --data-dir DIR', ErrorCode.Input_Invalid);
      const csv = one(p, 'csv');
      if (csv !== undefined && p.flags.has('json')) throw new AppError('give --json or --csv FILE, not both', ErrorCode.Input_Invalid);
      const { parseDate, localDate } = await import('../core/time/calendar.js');
      const date = one(p, 'date') ?? localDate(Date.now());
      if (!parseDate(date)) throw new AppError(`--date must be a calendar date YYYY-MM-DD, got "${date}"`, ErrorCode.Input_Invalid);
      const limit = wholeNumber(p, 'limit') ?? DEFAULT_LIMIT;
      if (limit < 1) throw new AppError('--limit must be at least 1', ErrorCode.Input_Invalid);
      const area = one(p, 'area');
      if (area !== undefined && !area.trim()) throw new AppError('--area needs some text', ErrorCode.Input_Invalid);

      const { join, resolve } = await import('node:path');
      const { readPlanningConfig, runPlan } = await import('../backoffice/planning/runPlan.js');
      const configArg = one(p, 'config');
      const configFile = configArg
        ? resolve(io.cwd, configArg)
        : join((await import('../compose.js')).appRoot(), 'device', 'reference', 'planning.json');
      const config = await readPlanningConfig(configFile);
      const { openDatabase } = await import('../backoffice/db/openDatabase.js');
      const db = await openDatabase(url ? { url } : { dataDir: resolve(io.cwd, dataDir!) });
      let plan: Awaited<ReturnType<typeof runPlan>>;
      try {
        plan = await runPlan(db, config, { date, limit, ...(area === undefined ? {} : { area }) });
      } finally {
        await db.close();
      }
      if (p.flags.has('json')) {
        io.stdout(`${JSON.stringify({ date, installations: plan.installations, ranked: plan.ranked }, null, 2)}\n`);
        return EXIT_OK;
      }
      const { renderPlan } = await import('../backoffice/planning/renderPlan.js');
      if (csv !== undefined) {
        const { planRouteCsv } = await import('../backoffice/planning/planRoute.js');
        const { writeFile } = await import('node:fs/promises');
        const file = resolve(io.cwd, csv);
        await writeFile(file, planRouteCsv(plan.ranked, plan.byNo, date), 'utf8');
        io.stdout(
          `${renderPlan(plan)}\n${plan.ranked.length} inspection job(s) written to ${csv}: saha dispatch --device ID --route ${csv}\n`,
        );
        return EXIT_OK;
      }
      io.stdout(renderPlan(plan));
      return EXIT_OK;
    } catch (e) {
      if (isAppError(e, ErrorCode.Input_Invalid) || isAppError(e, ErrorCode.Config_Invalid) || isAppError(e, ErrorCode.Config_Unreadable)) {
        io.stderr(`saha plan-inspections: ${e.message}\n`);
        return EXIT_USAGE;
      }
      io.stderr(`saha plan-inspections: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_PROBLEM;
    }
  },
};
