import { AppError, ErrorCode } from '../../core/errors/AppError.js';

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** serialport's native binding cannot load (missing package, wrong arch): never fixes itself. */
export function serialUnavailable(e: unknown): AppError {
  return new AppError(
    `serial scanner unavailable — serialport cannot load: ${errMessage(e).split('\n')[0]}`,
    ErrorCode.Serial_Unavailable,
    {
      cause: e,
    },
  );
}

/** bindings-cpp words open errors as strerror text without a code: "No such file or directory, cannot open …". */
function errnoFromMessage(m: string): string | undefined {
  if (/No such file or directory|ENOENT/i.test(m)) return 'ENOENT';
  if (/Permission denied|EACCES/i.test(m)) return 'EACCES';
  if (/Resource temporarily unavailable|Cannot lock port|EBUSY/i.test(m)) return 'EBUSY';
  return undefined;
}

/** ENOENT (not plugged in, wrong path), EACCES (not in group dialout), EBUSY/lock (another process has it). */
export function serialOpenFailed(e: unknown, path: string): AppError {
  const code = (e as { code?: unknown } | null)?.code;
  const errno = typeof code === 'string' ? code : errnoFromMessage(errMessage(e));
  const hint =
    errno === 'ENOENT'
      ? 'not plugged in, or the path in device/input is wrong'
      : errno === 'EACCES' || errno === 'EPERM'
        ? 'no permission: the saha user must be in group dialout'
        : 'another process may have it open';
  return new AppError(`cannot open serial scanner ${path}: ${errMessage(e)} — ${hint}`, ErrorCode.Serial_Open, {
    cause: e,
    context: { path, ...(errno !== undefined ? { errno } : {}) },
  });
}

export function serialDisconnected(e: unknown, path: string): AppError {
  return new AppError(`serial scanner ${path} disconnected${e === undefined ? '' : `: ${errMessage(e)}`}`, ErrorCode.Serial_Disconnected, {
    cause: e,
    context: { path },
  });
}

/** What a scan listener gets for a line that was dropped: Scan_TooLong or Scan_Garbled, never the bytes (a barcode can be personal data). */
export function lineRejected(
  code: typeof ErrorCode.Scan_TooLong | typeof ErrorCode.Scan_Garbled,
  source: string,
  detail: Record<string, unknown>,
): AppError {
  const what = code === ErrorCode.Scan_TooLong ? 'a line longer than the profile allows' : 'a line that is not a barcode';
  return new AppError(`serial scanner ${source} sent ${what}; dropped (check the scanner's baud rate and suffix)`, code, {
    context: { source, ...detail },
  });
}
