import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, ErrorCode, isAppError } from '../../core/errors/AppError.js';
import type { InputProfile } from '../../core/input/InputProfile.js';
import { parseInputProfile } from '../../core/input/parseInputProfile.js';

/**
 * Reads every device/input/*.json profile. All problems of all files come back in one AppError
 * Config_Invalid (context.errors), including cross-file ones: duplicate ids, and mixed drivers
 * (node-hid loads one backend per process, so hidraw and libusb profiles cannot be used together).
 */
export async function loadInputProfiles(dir: string): Promise<InputProfile[]> {
  const errors: string[] = [];
  const profiles: InputProfile[] = [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  for (const name of names) {
    const file = join(dir, name);
    try {
      profiles.push(parseInputProfile(JSON.parse(await readFile(file, 'utf8')), file));
    } catch (e) {
      if (isAppError(e)) errors.push(...((e.context.errors as string[] | undefined) ?? [e.message]).map((m) => `${file}: ${m}`));
      else errors.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const ids = profiles.map((p) => p.id);
  for (const id of new Set(ids))
    if (ids.filter((x) => x === id).length > 1) errors.push(`${dir}: id "${id}" used by more than one profile`);
  if (new Set(profiles.map((p) => p.driver)).size > 1)
    errors.push(`${dir}: profiles mix driver hidraw and libusb; node-hid uses one per process`);
  if (errors.length > 0) {
    throw new AppError(`invalid input device profiles: ${errors.join('; ')}`, ErrorCode.Config_Invalid, { context: { dir, errors } });
  }
  return profiles;
}
