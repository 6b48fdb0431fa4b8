/**
 * Typed refusals of the inspection use cases. A sealed report is evidence (DMHY art. 52–53): any
 * attempt to change it is refused with SealedReportError; the way forward is a correction report
 * (`corrects: <reportNo>`). The code is Job_WrongState (the shared code list has no inspection
 * group yet); tests and the UI can tell it apart by class and by `context.reason === 'sealed'`.
 */
import { AppError, ErrorCode } from '../errors/AppError.js';

export class SealedReportError extends AppError {
  readonly reportNo: string;

  constructor(reportNo: string, sealedAt: string, evidenceSha256: string) {
    super(`report ${reportNo} was sealed at ${sealedAt} and cannot be changed; write a correction report`, ErrorCode.Job_WrongState, {
      context: { reason: 'sealed', reportNo, sealedAt, evidenceSha256 },
    });
    this.name = 'SealedReportError';
    this.reportNo = reportNo;
  }
}

export function isSealedReportError(e: unknown): e is SealedReportError {
  return e instanceof SealedReportError;
}

/** The draft is not complete: every problem at once, for the screen. */
export class DraftInvalidError extends AppError {
  constructor(readonly errors: ReadonlyArray<{ field: string; message: string }>) {
    super(`inspection report incomplete: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, ErrorCode.Input_Invalid, {
      context: { fields: errors.map((e) => e.field) },
    });
    this.name = 'DraftInvalidError';
  }
}

/**
 * Why the device cannot compute an accrual: the data is not on the device, not the draft wrong.
 * The report is still sealed and printed, saying "tahakkuk merkezde hesaplanacak" (the evidence must
 * be left on site; device/reference/README.md "Inspection rules").
 */
export type AccrualPendingReason = 'no-tariff' | 'no-fee' | 'no-history';

export class AccrualUnavailableError extends AppError {
  constructor(
    readonly reason: AccrualPendingReason,
    message: string,
  ) {
    super(message, reason === 'no-tariff' ? ErrorCode.Billing_NoTariff : ErrorCode.Input_Invalid, { context: { reason } });
    this.name = 'AccrualUnavailableError';
  }
}
