/**
 * One error type for the whole app, with a code grouped by area (zwave-js ZWaveError style).
 * Tests assert on `code`, never on message text; messages are for humans and may be translated.
 * Adapters turn library/OS errors into AppError at their boundary so the app can decide by code.
 */
export const ErrorCode = {
  // Config
  Config_Invalid: 'Config_Invalid',
  Config_Unreadable: 'Config_Unreadable',
  // Input values the crew or a file gave us
  Input_Invalid: 'Input_Invalid',
  // Billing
  Billing_NoTariff: 'Billing_NoTariff',
  Billing_InvalidTariff: 'Billing_InvalidTariff',
  /** An open-ended tariff too old for the period (docs/invoice.md "Tariff staleness"). */
  Billing_StaleTariff: 'Billing_StaleTariff',
  Billing_InvalidReading: 'Billing_InvalidReading',
  Billing_BelowMinimum: 'Billing_BelowMinimum',
  // Reading validation
  Reading_Invalid: 'Reading_Invalid',
  /** A ReadingEntry step called in a state that does not allow it: a UI bug, not a crew mistake. */
  Reading_WrongStep: 'Reading_WrongStep',
  /**
   * A billed reading without proof of the meter (issue 19 scan gate): neither scanned nor declared
   * unreadable, or "scanned" with a code that is not the job's meter. Nothing was reserved.
   */
  Reading_NotScanned: 'Reading_NotScanned',
  // Store
  Store_Corrupt: 'Store_Corrupt',
  Store_Io: 'Store_Io',
  Store_Closed: 'Store_Closed',
  Store_Locked: 'Store_Locked',
  /** No space left for a write (ENOSPC/EDQUOT) or a write that could not complete: nothing was saved. */
  Store_DiskFull: 'Store_DiskFull',
  /** Free space is below the configured floor: new work is refused while recorded work drains. */
  Store_LowSpace: 'Store_LowSpace',
  /** A store file is missing, rolled back or disagrees with the others: start-up stops naming it. */
  Store_Inconsistent: 'Store_Inconsistent',
  /** The store is encrypted and no key (or another key) was given. */
  Store_NeedsKey: 'Store_NeedsKey',
  // Jobs
  Job_NotFound: 'Job_NotFound',
  Job_Cancelled: 'Job_Cancelled',
  Job_AlreadyDone: 'Job_AlreadyDone',
  Job_WrongState: 'Job_WrongState',
  // Contract / MQTT
  Contract_Invalid: 'Contract_Invalid',
  Mqtt_Connect: 'Mqtt_Connect',
  Mqtt_Auth: 'Mqtt_Auth',
  Mqtt_Closed: 'Mqtt_Closed',
  // Printer
  Printer_PaperOut: 'Printer_PaperOut',
  Printer_CoverOpen: 'Printer_CoverOpen',
  Printer_Offline: 'Printer_Offline',
  Printer_Timeout: 'Printer_Timeout',
  Printer_Closed: 'Printer_Closed',
  Printer_Io: 'Printer_Io',
  Printer_Disconnected: 'Printer_Disconnected',
  // Input devices
  Hid_Unavailable: 'Hid_Unavailable',
  Hid_Disconnected: 'Hid_Disconnected',
  /** Device is there but cannot be opened: udev rules (device/udev/) not installed. */
  Hid_Permission: 'Hid_Permission',
  /** serialport (native) cannot load: a serial scanner can never work in this process. */
  Serial_Unavailable: 'Serial_Unavailable',
  /** The serial device path cannot be opened: not there (ENOENT), no permission, locked by another process. */
  Serial_Open: 'Serial_Open',
  Serial_Disconnected: 'Serial_Disconnected',
  /** A serial scanner sent a line longer than its profile's maxLineBytes (or no delimiter at all): dropped. */
  Scan_TooLong: 'Scan_TooLong',
  /** A serial scanner sent a line that is not a barcode (not UTF-8, control bytes: wrong baud rate, noise): dropped. */
  Scan_Garbled: 'Scan_Garbled',
  // Security
  Auth_Failed: 'Auth_Failed',
  Auth_Locked: 'Auth_Locked',
  Signature_Invalid: 'Signature_Invalid',
  // Back-office database (src/backoffice/db)
  /** Cannot reach the database (refused, terminated, restarting): retry later, nothing committed. */
  Db_Unavailable: 'Db_Unavailable',
  /** The database rejected a statement (constraint, syntax); context.sqlState holds the SQLSTATE. */
  Db_Query: 'Db_Query',
  Db_Closed: 'Db_Closed',
  /** A PGlite data directory is open in another process (one process per directory). */
  Db_Locked: 'Db_Locked',
  /** A migration failed; the whole run rolled back, the database keeps the versions it had. */
  Db_Migration: 'Db_Migration',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorDetails {
  cause?: unknown;
  /** Machine-readable context (config key, file path, field path). Never customer personal data. */
  context?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly context: Record<string, unknown>;

  constructor(message: string, code: ErrorCode, details: AppErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AppError';
    this.code = code;
    this.context = details.context ?? {};
  }
}

export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}
