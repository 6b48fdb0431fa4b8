/**
 * One app instance per data directory: two writers on the same journal would interleave records.
 * The lock file holds the owner's pid; a lock whose pid is gone (kill -9, power loss) is stale and
 * taken over, and reported.
 */
import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process that its parent has not reaped yet (a zombie) still answers kill(0) but will
  // never write again: its lock is stale. Linux shows the state in /proc/<pid>/stat.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

export async function acquireLock(file: string): Promise<{ stalePid?: number; release: () => Promise<void> }> {
  let stalePid: number | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o600);
      await fh.writeFile(String(process.pid));
      await fh.sync();
      await fh.close();
      return {
        ...(stalePid !== undefined ? { stalePid } : {}),
        release: async () => {
          try {
            await unlink(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new AppError(`cannot create ${file}: ${(e as Error).message}`, ErrorCode.Store_Io, { cause: e });
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new AppError(`data directory is in use by process ${pid} (${file})`, ErrorCode.Store_Locked, { context: { file, pid } });
      }
      stalePid = Number.isInteger(pid) ? pid : -1;
      await unlink(file).catch(() => undefined);
    }
  }
  throw new AppError(`cannot take the lock ${file}`, ErrorCode.Store_Locked, { context: { file } });
}
