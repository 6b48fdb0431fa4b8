/**
 * `saha dispatch --check --route FILE --at ISO-DATETIME`: the cut gates of a route as they would
 * stand at that instant on a device (src/backoffice/cutCheck.ts), before anything is sent. No
 * device and no broker are needed. Exit 0 when the file is valid, whatever the gates say; 2 for
 * a bad file or bad arguments.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import { ZONE } from '../core/time/calendar.js';
import { one, type ParsedArgs } from './args.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './types.js';

/** Options of the cut check; `dispatch` accepts them and hands over when --at is given. */
export const CUT_CHECK_VALUES = ['at', 'reference', 'reference-file', 'lang'];
export const CUT_CHECK_FLAGS = ['json'];
export const CUT_CHECK_USAGE = `  --at ISO-DATETIME     with --check --route: report every gate of every cut job as it would stand at
                        that moment on a device (no --device needed), e.g. 2027-01-04T09:00:00+03:00
                        (no offset = Istanbul time); gates that depend on the device (link freshness,
                        a supervisor's override) are shown as not evaluated. Exit 0 whatever the gates say
  --json                with --at: print [{ jobId, allowed, gates: [{ id, ok, reason, source? }] }]
  --reference DIR       the devices' reference data (default: the app's device/reference)
  --reference-file FILE the devices' override file (their config fieldWork.referenceFile)
  --lang tr|en          language of the reasons (default en)`;

const usageError = (m: string) => new AppError(m, ErrorCode.Input_Invalid);

/** Parses --at: an ISO date-time, with an offset or in Istanbul local time. */
export function parseAt(text: string): number {
  const d = DateTime.fromISO(text, { zone: ZONE });
  if (!/T\d{2}:\d{2}/.test(text) || !d.isValid)
    throw usageError(`--at must be an ISO date-time such as 2027-01-04T09:00:00+03:00, got "${text}"`);
  return d.toMillis();
}

export async function runCutCheck(p: ParsedArgs, io: CliIo): Promise<number> {
  const route = one(p, 'route');
  if (!p.flags.has('check') || !route) throw usageError('--at goes with --check --route FILE (it sends nothing)');
  for (const o of ['cancel', 'message', 'tariff', 'withdraw-tariff', 'database-url', 'data-dir'])
    if (p.values[o]) throw usageError(`--at checks the cut jobs of a route; it does not go with --${o}`);
  const lang = one(p, 'lang') ?? 'en';
  if (lang !== 'tr' && lang !== 'en') throw usageError(`--lang must be tr or en, got "${lang}"`);
  const at = parseAt(one(p, 'at')!);

  const { parseRouteFile, formatRouteProblem } = await import('../backoffice/routeFile.js');
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, route), 'utf8');
  } catch (e) {
    throw usageError(`cannot read route file ${route}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const r = parseRouteFile(route, text);
  if (!r.ok) {
    for (const prob of r.problems) io.stderr(`${formatRouteProblem(prob, route)}\n`);
    io.stderr(`saha dispatch: ${r.problems.length} problem(s) in ${route}; nothing checked\n`);
    return EXIT_USAGE;
  }
  const { loadFieldWorkReference } = await import('../app/loadFieldWorkReference.js');
  const dirArg = one(p, 'reference');
  const dir = dirArg ? resolve(io.cwd, dirArg) : join((await import('../compose.js')).appRoot(), 'device', 'reference');
  const overrideFile = one(p, 'reference-file');
  // A bad reference directory or override file is an AppError (Config_*): reported as a usage problem.
  const reference = loadFieldWorkReference({ dir, ...(overrideFile ? { overrideFile: resolve(io.cwd, overrideFile) } : {}) });

  const { checkRouteCuts, formatCutReports } = await import('../backoffice/cutCheck.js');
  const reports = checkRouteCuts(r.jobs, at, reference, lang);
  if (p.flags.has('json')) io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
  else io.stdout(formatCutReports(reports, DateTime.fromMillis(at, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string));
  return EXIT_OK;
}
