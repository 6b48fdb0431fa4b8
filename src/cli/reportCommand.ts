/**
 * `saha report`: the office's figures from the event store (issue 14): delivery per device,
 * invoices, readings, field work, inspections, reconciliation, invoice numbering and job delivery.
 * A readable table, or with --json one object (src/backoffice/report/types.ts). Reads only.
 */
import { AppError, ErrorCode, isAppError } from '../core/errors/AppError.js';
import { parseArgs, one } from './args.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand } from './types.js';

const usage = `Usage: saha report [--database-url URL | --data-dir DIR] [--date YYYY-MM-DD] [--device ID] [--json]

  --database-url URL  PostgreSQL holding the event store (env SAHA_BO_DATABASE_URL)
  --data-dir DIR      embedded store (PGlite): read directly, or, while an ingest (or the demo)
                      holds the directory, asked of that process over <DIR>.report.sock
  --date YYYY-MM-DD   only events of this day (the crew's local date); delivery and jobs are always "now"
  --device ID         only this device
  --json              one JSON object instead of the table (money as decimal strings)`;

export const reportCommand: CliCommand = {
  summary: 'back office: figures from the event store (delivery, invoices, reconciliation, numbering, jobs)',
  usage,
  async run(argv, io) {
    try {
      const p = parseArgs(argv, { values: ['database-url', 'data-dir', 'date', 'device'], flags: ['json'] });
      const url = one(p, 'database-url') ?? (io.env.SAHA_BO_DATABASE_URL || undefined);
      const dataDir = one(p, 'data-dir');
      const date = one(p, 'date');
      const deviceId = one(p, 'device');
      if (url && dataDir) throw new AppError('give --database-url or --data-dir, not both', ErrorCode.Input_Invalid);
      if (!url && !dataDir)
        throw new AppError('no database: give --database-url URL (or SAHA_BO_DATABASE_URL) or --data-dir DIR', ErrorCode.Input_Invalid);
      const { parseDate } = await import('../core/time/calendar.js');
      if (date !== undefined && !parseDate(date))
        throw new AppError(`--date must be a calendar date YYYY-MM-DD, got "${date}"`, ErrorCode.Input_Invalid);
      const { isValidDeviceId } = await import('../core/contract/index.js');
      if (deviceId !== undefined && !isValidDeviceId(deviceId))
        throw new AppError(`--device ${deviceId} is not a device id`, ErrorCode.Input_Invalid);

      const { openDatabase } = await import('../backoffice/db/openDatabase.js');
      const { buildReport } = await import('../backoffice/report/buildReport.js');
      const { resolve } = await import('node:path');
      const filter = { ...(date ? { date } : {}), ...(deviceId ? { deviceId } : {}) };
      const print = async (report: import('../backoffice/report/types.js').Report) => {
        if (p.flags.has('json')) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        else io.stdout((await import('../backoffice/report/renderReport.js')).renderReport(report));
        return EXIT_OK;
      };
      const dir = dataDir === undefined ? undefined : resolve(io.cwd, dataDir);
      // A running ingest (or the demo's) holds the PGlite directory: ask it (reportSocket.ts).
      if (dir !== undefined) {
        const { hasReportSocket, requestReport } = await import('../backoffice/report/reportSocket.js');
        if (hasReportSocket(dir)) {
          try {
            return await print(await requestReport(dir, filter));
          } catch (e) {
            if (!(isAppError(e, ErrorCode.Db_Unavailable) && e.context?.unreachable === true)) throw e;
          }
        }
      }
      const db = await openDatabase(url ? { url } : { dataDir: dir! });
      try {
        return await print(await buildReport(db, filter));
      } finally {
        await db.close();
      }
    } catch (e) {
      if (isAppError(e, ErrorCode.Input_Invalid)) {
        io.stderr(`saha report: ${e.message}\n`);
        return EXIT_USAGE;
      }
      io.stderr(`saha report: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_PROBLEM;
    }
  },
};
