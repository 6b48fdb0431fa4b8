/**
 * Writes that survive power loss: write a temp file, fsync it, rename it over the target, fsync the
 * directory (the rename itself is only durable once the directory entry is). lowdb's own JSONFile
 * (steno) renames without any fsync, which is atomic against a crash but not a power cut on eMMC/SD
 * (zigbee-herdsman lost databases until it did this). Every write goes through writeWhole (short
 * writes retried) and a failure leaves the target untouched: only the temp file can be a fragment,
 * and start-up moves such leftovers aside.
 */
import { dirname, basename, join } from 'node:path';
import { nodeFs, writeWhole, type StoreFs } from './storeFs.js';

export interface TextCodec {
  encode(plain: string): string;
  decode(stored: string): string;
}

export const plainCodec: TextCodec = { encode: (s) => s, decode: (s) => s };

export async function fsyncDir(dir: string, fs: StoreFs = nodeFs): Promise<void> {
  const fh = await fs.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export const tempNameFor = (file: string) => join(dirname(file), `.${basename(file)}.tmp`);

export async function writeFileDurably(file: string, data: string | Uint8Array, fs: StoreFs = nodeFs): Promise<void> {
  const tmp = tempNameFor(file);
  const fh = await fs.open(tmp, 'w', 0o600);
  try {
    await writeWhole(fh, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    // The fragment would only be moved aside at the next start; give its space back now.
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  await fs.rename(tmp, file);
  await fsyncDir(dirname(file), fs);
}

/** Removes a file durably; a file already gone is not an error. */
export async function removeDurably(file: string, fs: StoreFs = nodeFs): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  await fsyncDir(dirname(file), fs);
}
