import { AppError, ErrorCode } from '../../core/errors/AppError.js';

function errCode(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * True when node-hid itself cannot work in this process: the package is missing, or its prebuilt
 * .node cannot be dlopen'ed (libusb-1.0.so.0 / libudev.so.1 missing, wrong arch, old glibc).
 * These never fix themselves, so the adapter does not retry them.
 */
export function isLoadFailure(e: unknown): boolean {
  const code = errCode(e);
  if (code === 'ERR_DLOPEN_FAILED' || code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') return true;
  return /cannot open shared object file|\.node'?:? (undefined symbol|wrong ELF)|GLIBC(XX)?_[0-9.]+' not found|No native build was found/i.test(
    errMessage(e),
  );
}

/** Which library the loader could not find, for the fix line. */
function missingLibrary(e: unknown): string | undefined {
  return /(lib[a-z0-9_.+-]+\.so(\.[0-9]+)*): cannot open shared object/i.exec(errMessage(e))?.[1];
}

export function hidUnavailable(e: unknown): AppError {
  const lib = missingLibrary(e);
  const code = errCode(e);
  const what =
    lib !== undefined
      ? `node-hid cannot load: ${lib} is missing (install libusb-1.0-0 and libudev1)`
      : code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND'
        ? 'node-hid is not installed'
        : `node-hid cannot load: ${errMessage(e).split('\n')[0]}`;
  return new AppError(`HID input unavailable — ${what}; using the terminal keyboard only`, ErrorCode.Hid_Unavailable, {
    cause: e,
    context: lib !== undefined ? { library: lib } : {},
  });
}

/** hidapi says "Failed to open device" for EACCES and for a device that vanished meanwhile. */
export function openFailed(e: unknown, path: string): AppError {
  return new AppError(
    `cannot open HID device ${path}: ${errMessage(e)} — are the udev rules in device/udev/ installed?`,
    ErrorCode.Hid_Permission,
    { cause: e, context: { path } },
  );
}

export function disconnected(e: unknown, path: string): AppError {
  return new AppError(`HID device ${path} disconnected: ${errMessage(e)}`, ErrorCode.Hid_Disconnected, {
    cause: e,
    context: { path },
  });
}
