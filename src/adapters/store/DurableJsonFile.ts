/**
 * lowdb adapter that survives power loss: write a temp file, fsync it, rename it over the target,
 * fsync the directory (the rename itself is only durable once the directory entry is). lowdb's own
 * JSONFile (steno) renames without any fsync, which is atomic against a crash but not a power cut
 * on eMMC/SD (shared notes §6; zigbee-herdsman lost databases until it did this).
 * A file that does not parse is never replaced by defaults: read() throws Store_Corrupt naming it.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';

export interface TextCodec {
  encode(plain: string): string;
  decode(stored: string): string;
}

export const plainCodec: TextCodec = { encode: (s) => s, decode: (s) => s };

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export const tempNameFor = (file: string) => join(dirname(file), `.${basename(file)}.tmp`);

export async function writeFileDurably(file: string, text: string): Promise<void> {
  const tmp = tempNameFor(file);
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await fsyncDir(dirname(file));
}

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string, private readonly codec: TextCodec = plainCodec) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError(`cannot read ${this.file}: ${(e as Error).message}`, ErrorCode.Store_Io, { cause: e, context: { file: this.file } });
    }
    try {
      return JSON.parse(this.codec.decode(text)) as T;
    } catch (e) {
      throw new AppError(`store file ${this.file} is corrupt (${(e as Error).message}); it was left in place for inspection`, ErrorCode.Store_Corrupt, { cause: e, context: { file: this.file } });
    }
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.file, this.codec.encode(JSON.stringify(data)));
  }

  async remove(): Promise<void> {
    try {
      await unlink(this.file);
      await fsyncDir(dirname(this.file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}
