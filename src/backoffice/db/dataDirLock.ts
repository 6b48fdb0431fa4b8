/**
 * One process per PGlite data directory: PGlite is PostgreSQL in this process, without the
 * postmaster that would refuse a second one, so two processes on one directory corrupt it. The lock
 * is a file next to the directory (`<dir>.lock`, holding the pid; inside the directory it would stop
 * initdb), taken with O_EXCL; a lock whose process is gone (kill -9, power cut) is taken over.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws Db_Locked naming the process that holds it; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const file = `${resolve(dataDir)}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new AppError(
          `the data directory ${dataDir} is in use by process ${pid} (PGlite allows one process per directory; use that process's database, or PostgreSQL)`,
          ErrorCode.Db_Locked,
          { context: { dataDir, pid } },
        );
      }
      if (pid === process.pid)
        throw new AppError(`the data directory ${dataDir} is already open in this process`, ErrorCode.Db_Locked, { context: { dataDir } });
      rmSync(file, { force: true });
    }
  }
  throw new AppError(`cannot lock the data directory ${dataDir}`, ErrorCode.Db_Locked, { context: { dataDir } });
}
