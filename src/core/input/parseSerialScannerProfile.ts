/**
 * Checks a device/input/*.json of kind "serial-scanner" (device/input/README.md) with the shared
 * validation helper (src/core/validation) and fills the defaults.
 */
import { Type } from '@sinclair/typebox';
import { AppError, ErrorCode } from '../errors/AppError.js';
import { check, oneOf, wholeNumber } from '../validation/index.js';
import { MAX_SCAN_LENGTH } from './InputEvent.js';
import { SERIAL_DELIMITERS, type SerialScannerProfile } from './InputProfile.js';

/** Rates a scanner's serial settings offer; anything else is a typo. */
export const SERIAL_BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

/**
 * A 2D code of MAX_SCAN_LENGTH characters can take up to 4 bytes each in UTF-8; the cap exists so a
 * device sending bytes without a delimiter cannot grow memory (ReadlineParser alone buffers forever).
 */
export const MAX_LINE_BYTES = MAX_SCAN_LENGTH * 4;

export const SerialScannerProfileSchema = Type.Object({
  kind: Type.Literal('serial-scanner'),
  id: Type.String({
    pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]*$',
    errorMessage: 'must be a short name such as "scanner" (letters, digits, . _ -)',
  }),
  name: Type.Optional(Type.String()),
  path: Type.String({ pattern: '^/', errorMessage: 'must be an absolute device path such as "/dev/serial/by-id/…" or "/dev/ttyACM0"' }),
  baudRate: oneOf(SERIAL_BAUD_RATES, { default: 9600, errorMessage: `must be one of ${SERIAL_BAUD_RATES.join(', ')}` }),
  delimiter: oneOf(SERIAL_DELIMITERS, { default: '\r\n', errorMessage: 'must be "\\r", "\\n" or "\\r\\n": the suffix set in the scanner' }),
  maxLineBytes: Type.Optional(wholeNumber(16, MAX_LINE_BYTES)),
});

/** Validates and fills defaults; throws AppError Config_Invalid listing every problem (context.errors). */
export function parseSerialScannerProfile(json: unknown, file = '<profile>'): SerialScannerProfile {
  const r = check(SerialScannerProfileSchema, json, { defaults: true });
  if (!r.ok) {
    const errors = r.errors.map((e) => `${e.key}: ${e.message}`);
    throw new AppError(`invalid serial scanner profile ${file}: ${errors.join('; ')}`, ErrorCode.Config_Invalid, {
      context: { file, errors },
    });
  }
  const p = r.value;
  return {
    kind: 'serial-scanner',
    id: p.id,
    name: p.name ?? p.id,
    path: p.path,
    baudRate: p.baudRate,
    delimiter: p.delimiter,
    maxLineBytes: p.maxLineBytes ?? MAX_SCAN_LENGTH,
  };
}
