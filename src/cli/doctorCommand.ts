/**
 * `saha doctor`: checks config, data directory, native libraries, broker (reachability,
 * credentials, ACL), clock, printer and input devices; one line per check; exit 1 on any problem.
 */
import { appRoot, APP_VERSION } from '../compose.js';
import { existsSync } from 'node:fs';
import { allOk, formatResult, type CheckResult } from '../doctor/CheckResult.js';
import { runDemoDoctor } from '../doctor/demoDoctor.js';
import { runDoctor } from '../doctor/runDoctor.js';
import { checkConfig } from '../doctor/checks/checkConfig.js';
import { repairPlan } from '../doctor/repairPlan.js';
import { isAppError } from '../core/errors/AppError.js';
import { parseArgs, one } from './args.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand } from './types.js';

export const DEFAULT_CONFIG = '/etc/saha/saha.json';

export const doctorCommand: CliCommand = {
  summary: 'check config, data, broker, clock, printer and input devices; exit 1 on problems',
  usage: [
    'Usage: saha doctor [--config FILE] [--json] [--repair-plan]',
    '',
    `  --config FILE   device config (default: $SAHA_CONFIG, else ${DEFAULT_CONFIG}; when none of`,
    '                  these exists, the demo mode that npm start runs is checked instead)',
    '  --json          one JSON array of {name, ok, warn, detail, fix} instead of lines',
    '  --repair-plan   open the store only, and print what a technician can do about the damage',
    '                  found (then about every other damage case); exit 1 when the store is damaged',
    '',
    'Run it with the app stopped (sudo systemctl stop saha): the data directory and the printer port',
    'are opened exclusively. Exit code 0 when every check is ok or only warns, 1 on any problem.',
  ].join('\n'),
  async run(argv, io) {
    let p;
    try {
      p = parseArgs(argv, { values: ['config'], flags: ['json', 'repair-plan'] });
    } catch (e) {
      io.stderr(`saha doctor: ${isAppError(e) ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
    const given = one(p, 'config') ?? io.env.SAHA_CONFIG;
    const file = given ?? DEFAULT_CONFIG;
    const json = p.flags.has('json');
    // No config anywhere: `saha start` runs the demo, so doctor checks what the demo needs.
    const demo = !given && !existsSync(DEFAULT_CONFIG) && !p.flags.has('repair-plan');
    if (p.flags.has('repair-plan')) {
      const cfg = await checkConfig(file, io.env);
      if (!cfg.config) {
        for (const r of cfg.results) io.stdout(formatResult(r) + '\n');
        return EXIT_PROBLEM;
      }
      const plan = await repairPlan(cfg.config);
      io.stdout(plan.lines.join('\n') + '\n');
      return plan.healthy ? EXIT_OK : EXIT_PROBLEM;
    }
    const deps = {
      root: appRoot(),
      env: io.env,
      appVersion: APP_VERSION,
      ...(json ? {} : { onResult: (r: CheckResult) => io.stdout(formatResult(r) + '\n') }),
    };
    const results = demo ? await runDemoDoctor(`no --config, no SAHA_CONFIG, no ${DEFAULT_CONFIG}`, deps) : await runDoctor(file, deps);
    if (json) io.stdout(JSON.stringify(results, null, 2) + '\n');
    else {
      const bad = results.filter((r) => !r.ok).length;
      io.stdout(bad ? `${bad} problem(s)\n` : 'all checks ok\n');
    }
    return allOk(results) ? EXIT_OK : EXIT_PROBLEM;
  },
};
