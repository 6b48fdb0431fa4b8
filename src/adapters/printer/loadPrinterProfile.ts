/** Reads and validates a printer profile file (device/printers/*.json); every error at once. */
import { readFile } from 'node:fs/promises';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import { parsePrinterProfile, type PrinterProfile } from '../../core/escpos/printerProfile.js';

export async function loadPrinterProfile(file: string): Promise<PrinterProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError(`printer profile ${file} cannot be read: ${(e as Error).message}`, ErrorCode.Config_Unreadable, {
      cause: e,
      context: { file },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError(`printer profile ${file} is not valid JSON: ${(e as Error).message}`, ErrorCode.Config_Invalid, {
      cause: e,
      context: { file },
    });
  }
  const r = parsePrinterProfile(json);
  if (!r.ok)
    throw new AppError(`printer profile ${file} is invalid: ${r.errors.join('; ')}`, ErrorCode.Config_Invalid, {
      context: { file, errors: r.errors },
    });
  return r.profile;
}
