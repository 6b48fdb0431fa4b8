import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputProfile } from '../../core/input/InputProfile.js';
import { collectInputProfiles, type ProfileFile } from '../../core/input/collectInputProfiles.js';

/**
 * Reads every device/input/*.json and returns the HID profiles. The folder is checked as a whole
 * (core/input/collectInputProfiles.ts: every problem of every file in one AppError Config_Invalid,
 * duplicate ids, mixed drivers); serial-scanner profiles are adapters/serialscanner's.
 */
export async function loadInputProfiles(dir: string): Promise<InputProfile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const read = (file: string): Promise<ProfileFile> =>
    readFile(file, 'utf8').then(
      (text) => ({ file, text }),
      (e: Error) => ({ file, error: e.message }),
    );
  return collectInputProfiles(await Promise.all(names.map((n) => read(join(dir, n)))), dir).hid;
}
