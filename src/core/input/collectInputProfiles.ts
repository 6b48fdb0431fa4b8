/**
 * The device/input/*.json files as a whole (device/input/README.md): each file parsed by its kind
 * (HID, or "serial-scanner"), then the cross-file rules. Pure: the loaders in the adapters read the
 * files and hand them here, so the HID and the serial-scanner loader agree on what the folder means.
 */
import { AppError, ErrorCode, isAppError } from '../errors/AppError.js';
import { isRecord } from '../validation/index.js';
import type { InputProfile, SerialScannerProfile } from './InputProfile.js';
import { parseInputProfile } from './parseInputProfile.js';
import { parseSerialScannerProfile } from './parseSerialScannerProfile.js';

/** One file as read: its text, or why it could not be read. */
export type ProfileFile = { file: string; text: string } | { file: string; error: string };

export interface InputProfiles {
  hid: InputProfile[];
  serial: SerialScannerProfile[];
}

/**
 * Parses every file by its `kind` ("hid" or absent: parseInputProfile; "serial-scanner":
 * parseSerialScannerProfile). All problems of all files come back in one AppError Config_Invalid
 * (context.errors), including cross-file ones: duplicate ids (across kinds: the id is the event
 * source), and mixed HID drivers (node-hid loads one backend per process).
 */
export function collectInputProfiles(files: readonly ProfileFile[], dir: string): InputProfiles {
  const errors: string[] = [];
  const out: InputProfiles = { hid: [], serial: [] };
  for (const f of files) {
    try {
      if ('error' in f) throw new Error(f.error);
      const json: unknown = JSON.parse(f.text);
      if (isRecord(json) && json.kind === 'serial-scanner') out.serial.push(parseSerialScannerProfile(json, f.file));
      else if (isRecord(json) && json.kind !== undefined && json.kind !== 'hid')
        throw new Error(`kind: must be "hid" (the default) or "serial-scanner" (got ${JSON.stringify(json.kind)})`);
      else out.hid.push(parseInputProfile(json, f.file));
    } catch (e) {
      if (isAppError(e)) errors.push(...((e.context.errors as string[] | undefined) ?? [e.message]).map((m) => `${f.file}: ${m}`));
      else errors.push(`${f.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const ids = [...out.hid, ...out.serial].map((p) => p.id);
  for (const id of new Set(ids))
    if (ids.filter((x) => x === id).length > 1) errors.push(`${dir}: id "${id}" used by more than one profile`);
  if (new Set(out.hid.map((p) => p.driver)).size > 1)
    errors.push(`${dir}: profiles mix driver hidraw and libusb; node-hid uses one per process`);
  if (errors.length > 0) {
    throw new AppError(`invalid input device profiles: ${errors.join('; ')}`, ErrorCode.Config_Invalid, { context: { dir, errors } });
  }
  return out;
}
