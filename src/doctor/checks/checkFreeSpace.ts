import { statfs } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../../config/schema.js';
import { errText, pass, problem, warning, type CheckResult } from '../CheckResult.js';

export type FreeBytes = (dir: string) => Promise<number>;

const statfsFree: FreeBytes = async (dir) => {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
};

/**
 * Free space on the data directory's file system against store.minFreeMB: below the floor the app
 * refuses new work (Store_LowSpace) while recorded work drains; below twice the floor it soon will.
 */
export async function checkFreeSpace(config: Pick<Config, 'dataDir' | 'store'>, freeBytes: FreeBytes = statfsFree): Promise<CheckResult> {
  const dir = resolve(config.dataDir);
  let free: number;
  try {
    free = await freeBytes(dir);
  } catch (e) {
    return problem('free space', `cannot measure free space on ${dir}: ${errText(e)}`, `check that ${dir} exists and is readable`);
  }
  const floor = config.store.minFreeMB;
  const mb = (free / 1048576).toFixed(0);
  const fix = `free space outside the store (old logs; ${dir}/recovered once copied off) — never delete files in ${dir}/snapshot or journal.jsonl; saha doctor --repair-plan`;
  if (free < floor * 1048576)
    return problem('free space', `${mb} MB free on ${dir}, below store.minFreeMB = ${floor} MB: new work is refused`, fix);
  if (free < 2 * floor * 1048576)
    return warning('free space', `${mb} MB free on ${dir}, less than twice store.minFreeMB = ${floor} MB`, fix);
  return pass('free space', `${mb} MB free on ${dir} (floor store.minFreeMB = ${floor} MB)`);
}
