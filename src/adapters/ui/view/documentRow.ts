/**
 * One entry of the reprint list (issue 19: it showed the document number twice, truncated, with no
 * customer or job). An entry is the time (the date for an older day), the document type, the
 * number, then the job's route sequence and the customer. Below 60 columns that is two lines; an
 * unprinted document carries the list's `*` mark (legend: reprint.unprintedHint).
 */
import { hasKey, type Translator } from '../i18n/index.js';
import { formatDate, formatTimeOf } from './format.js';
import { fit, spread } from './text.js';
import { UNPRINTED_MARK } from './jobRow.js';

export interface DocumentEntry {
  documentNo: string;
  type: string;
  at: string;
  unprinted: boolean;
  /** The job's route sequence and customer, when the document belongs to a job on the device. */
  routeSeq?: number;
  customer?: string;
}

/** The lines of one entry, each exactly `cols` wide: 2 below 60 columns, 1 from 60 up. */
export function documentEntryLines(d: DocumentEntry, cols: number, today: string, t: Translator): string[] {
  const mark = d.unprinted ? UNPRINTED_MARK : ' ';
  const when = d.at.slice(0, 10) === today ? formatTimeOf(d.at) : formatDate(d.at, t.locale).slice(0, 5);
  const key = `doc.${d.type}`;
  const head = `${mark}${when} ${hasKey(key) ? t(key) : d.type}`;
  const job = d.routeSeq !== undefined ? `${String(d.routeSeq).padStart(4)} ` : '';
  const who = `${job}${d.customer ?? ''}`;
  if (cols >= 60) return [fit(`${spread(head, d.documentNo, 40)} ${who}`, cols)];
  return [spread(head, d.documentNo, cols), fit(` ${who}`, cols)];
}
