import { isAppError } from '../../core/errors/AppError.js';
import { hasKey, type Translator } from './i18n/index.js';

/** A failure as text for the crew: the catalogue's line for its AppError code, else a generic one. */
export function errorText(e: unknown, t: Translator): string {
  if (isAppError(e)) {
    const key = `error.${e.code}`;
    if (hasKey(key)) {
      const base = t(key);
      // Some bytes reached the printer: the crew must check the paper before trusting it.
      return e.code.startsWith('Printer_') && (e.context.phase === 'during' || e.context.phase === 'after')
        ? `${base} ${t('error.partialPrint')}`
        : base;
    }
  }
  return t('error.unknown', { message: e instanceof Error ? e.message : String(e) });
}
