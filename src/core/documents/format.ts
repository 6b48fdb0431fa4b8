/**
 * Paper formats: the shared formatter (src/core/text/format.ts) plus what only paper needs.
 */
import { formatMoney } from '../text/format.js';
export { formatDate, formatDateTime, formatDecimal } from '../text/format.js';

/** Money on paper: "2461.63" → "2.461,63 TL". */
export const formatTl = formatMoney;

/** Turkish upper case without relying on the runtime's ICU: i → İ, ı → I. */
export function trUpper(s: string): string {
  return s.replace(/i/g, 'İ').replace(/ı/g, 'I').toUpperCase();
}
