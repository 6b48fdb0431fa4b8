/** One job as a list row, and the job's details as lines (shared by the list, details and reading). */
import type { JobRecord } from '../../../core/jobs/types.js';
import type { Translator } from '../i18n/index.js';
import { formatDate, formatIndex, formatMoney } from './format.js';
import { clip, fit, line, wrapLines, type Line } from './text.js';

/** ASCII marks: the console font of the handheld may lack ✓ and friends. */
const STATE_MARK: Record<JobRecord['state'], string> = { open: ' ', done: '+', skipped: '-', cancelled: 'x' };

/** First column of a job whose document was saved but never printed (issue 19; legend in jobs.unprinted). */
export const UNPRINTED_MARK = '*';

/**
 * `!+OKU   12 Ayşe Yılmaz  Atatürk Cad. No:12…`: urgent mark (or `*` for a document never printed,
 * which only a worked job has), state mark, kind, route sequence, name, and from 60 columns the
 * address too.
 */
export function jobRow(r: JobRecord, cols: number, t: Translator, unprinted = false): string {
  const urgent = unprinted ? UNPRINTED_MARK : r.job.priority === 'urgent' && r.state === 'open' ? '!' : ' ';
  const head = `${urgent}${STATE_MARK[r.state]}${t(`kind.${r.job.kind}`).padEnd(3)} ${String(r.job.routeSeq).padStart(4)} `;
  const rest = cols - head.length;
  if (cols < 60) return head + fit(r.job.customer.name, rest);
  const nameW = Math.min(24, Math.floor(rest / 2));
  return head + fit(r.job.customer.name, nameW) + ' ' + fit(r.job.customer.address, rest - nameW - 1);
}

/** The lines that identify a job on site: name, address (wrapped), installation and meter. */
export function jobDetailLines(r: JobRecord, cols: number, t: Translator, maxAddressLines = 3): Line[] {
  const { job } = r;
  const addr = wrapLines(job.customer.address, cols);
  const shownAddr =
    addr.length > maxAddressLines
      ? [
          ...addr.slice(0, maxAddressLines - 1),
          line(
            clip(
              addr
                .slice(maxAddressLines - 1)
                .map((l) => l[0]!.text)
                .join(' '),
              cols,
            ),
          ),
        ]
      : addr;
  const name = wrapLines(job.customer.name, cols, 'bold');
  return [
    ...(name.length > 2
      ? [
          name[0]!,
          line(
            clip(
              name
                .slice(1)
                .map((l) => l[0]!.text)
                .join(' '),
              cols,
            ),
            'bold',
          ),
        ]
      : name),
    ...shownAddr,
  ];
}

export function meterLines(r: JobRecord, cols: number, t: Translator): Line[] {
  const { meter } = r.job;
  // Wrapped, never clipped: the serial is what the crew compares with the meter in front of them.
  return [
    ...wrapLines(`${t('job.meter', { serial: meter.serial })}  ${t('job.dials', { n: meter.digits })}`, cols),
    ...wrapLines(
      t('job.previous', { index: formatIndex(meter.lastIndex, meter.digits), date: formatDate(meter.lastReadDate, t.locale) }),
      cols,
    ),
  ];
}

export function extraLines(r: JobRecord, cols: number, t: Translator): Line[] {
  const { job } = r;
  const out: Line[] = [
    line(clip(t('job.installation', { no: job.customer.installationNo }), cols)),
    line(clip(t('job.due', { date: formatDate(job.dueDate, t.locale) }), cols)),
  ];
  if (job.debt) out.push(line(clip(t('job.debt', { amount: formatMoney(job.debt.amount, t.locale) }), cols)));
  if (job.notes) out.push(...wrapLines(t('job.notes', { text: job.notes }), cols));
  return out;
}

export const jobLabel = (r: JobRecord | undefined, jobId: string): string => (r ? `${jobId} ${r.job.customer.name}` : jobId);
