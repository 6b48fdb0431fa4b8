/**
 * Reads the field-work reference data: device/reference/fieldwork.json, every holidays-*.json
 * next to it (concatenated), demo.json in demo mode, then an optional override file (config
 * `fieldWork.referenceFile`, later the back office's retained reference topic). The merged data is
 * validated whole; a problem stops start-up with every error named by file and key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import { mergeReference, parseFieldWorkReference, type FieldWorkReference } from '../core/fieldwork/index.js';

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError(`cannot read reference file ${file}`, ErrorCode.Config_Unreadable, { cause: e, context: { file } });
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new AppError(`${file}: not a JSON object (${(e as Error).message})`, ErrorCode.Config_Invalid, { cause: e, context: { file } });
  }
}

export function loadFieldWorkReference(opts: { dir: string; demo?: boolean; overrideFile?: string }): FieldWorkReference {
  let data = readJson(join(opts.dir, 'fieldwork.json'));
  const holidays: unknown[] = [];
  for (const f of readdirSync(opts.dir)
    .filter((n) => /^holidays-.*\.json$/.test(n))
    .sort()) {
    const h = readJson(join(opts.dir, f)).holidays;
    if (!Array.isArray(h))
      throw new AppError(`${f}: "holidays" must be a list`, ErrorCode.Config_Invalid, { context: { file: f, key: 'holidays' } });
    holidays.push(...h);
  }
  data = { ...data, holidays };
  if (opts.demo) data = mergeReference(data, readJson(join(opts.dir, 'demo.json')));
  if (opts.overrideFile) data = mergeReference(data, readJson(opts.overrideFile));
  const r = parseFieldWorkReference(data);
  if (!r.ok) {
    const list = r.errors.map((e) => `${e.key}: ${e.message}`).join('; ');
    throw new AppError(`field-work reference data invalid: ${list}`, ErrorCode.Config_Invalid, {
      context: { key: 'fieldWork.referenceFile', errors: r.errors },
    });
  }
  return r.reference;
}
