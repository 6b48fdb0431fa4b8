/**
 * The few file operations through which the store writes, so that a test can put a fake file
 * handle in their place (FaultyFs: a disk that fills up, short writes, a failing fsync) and show
 * that every write point fails whole. Reads go straight to node:fs: they cannot leave a fragment.
 *
 * write(2) may write fewer bytes than asked (a nearly full disk, a signal); Node passes that count
 * back without retrying, so every caller goes through writeWhole, which loops on the remainder and
 * turns "no progress" into an error instead of a silent fragment.
 */
import { open, readFile, rename, statfs, unlink } from 'node:fs/promises';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';

export interface StoreFileHandle {
  write(buf: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(len: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

export interface StoreFs {
  open(path: string, flags: string, mode?: number): Promise<StoreFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Bytes available to this (unprivileged) process on the file system holding `path`. */
  freeBytes(path: string): Promise<number>;
}

export const nodeFs: StoreFs = {
  open: (path, flags, mode) => open(path, flags, mode),
  rename,
  unlink,
  freeBytes: async (path) => {
    const s = await statfs(path);
    return s.bavail * s.bsize;
  },
};

/** A write that returned 0 this many times in a row is a write that cannot complete. */
const MAX_STALLS = 3;

/** Writes all of `buf` at the handle's position (append mode: the end), or throws. */
export async function writeWhole(fh: StoreFileHandle, buf: Uint8Array): Promise<void> {
  let off = 0;
  let stalls = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, null);
    if (bytesWritten > 0) {
      off += bytesWritten;
      stalls = 0;
    } else if (++stalls >= MAX_STALLS) {
      throw Object.assign(new Error(`write stopped after ${off} of ${buf.length} bytes`), { code: 'ESHORTWRITE' });
    }
  }
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'ESHORTWRITE']);

/** The typed error for a failed store write: Store_DiskFull when space ran out, else Store_Io. */
export function writeFailure(e: unknown, file: string, what: string): AppError {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const full = DISK_FULL.has(code);
  return new AppError(
    `${what} not saved: ${full ? 'no space left on the device' : 'write error'} (${code || (e as Error).message}) writing ${file}`,
    full ? ErrorCode.Store_DiskFull : ErrorCode.Store_Io,
    { cause: e, context: { file, errno: code } },
  );
}

/** A store file's bytes; undefined when it does not exist; Store_Io naming it when it cannot be read. */
export async function readStoreFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError(`cannot read ${file}: ${(e as Error).message}`, ErrorCode.Store_Io, { cause: e, context: { file } });
  }
}
