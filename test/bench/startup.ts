/**
 * Start-up time against bare Node in the same run. Until the TUI paints its first screen this
 * measures a ready core: the bundled `saha bill` computing and printing one invoice.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fixturePath } from '../helpers/tariffs.js';
import { median, round } from './stats.js';

function time(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t0;
}

export function benchStartup(): Record<string, number> {
  const bin = new URL('../../dist/saha.mjs', import.meta.url).pathname;
  const app = ['bill', '--tariff', fixturePath('esgaz-k1-2025-08'), '--previous', '1', '--current', '2', '--from', '2025-08-01', '--to', '2025-09-01', '--json'];
  const bare: number[] = [];
  const core: number[] = [];
  for (let i = 0; i < 15; i++) {
    bare.push(time(['-e', '0']));
    core.push(time([bin, ...app]));
  }
  return { node_bare_ms: round(median(bare), 1), startup_ms: round(median(core), 1), startup_ratio: round(median(core) / median(bare), 2) };
}
