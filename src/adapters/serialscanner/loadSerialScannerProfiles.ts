import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SerialScannerProfile } from '../../core/input/InputProfile.js';
import { collectInputProfiles, type ProfileFile } from '../../core/input/collectInputProfiles.js';

/**
 * Reads every device/input/*.json and returns the serial-scanner profiles (`"kind": "serial-scanner"`).
 * The folder is checked as a whole, as the HID loader does (core/input/collectInputProfiles.ts).
 */
export async function loadSerialScannerProfiles(dir: string): Promise<SerialScannerProfile[]> {
  const files: ProfileFile[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    files.push(
      await readFile(file, 'utf8').then(
        (text) => ({ file, text }),
        (e: Error) => ({ file, error: e.message }),
      ),
    );
  }
  return collectInputProfiles(files, dir).serial;
}
