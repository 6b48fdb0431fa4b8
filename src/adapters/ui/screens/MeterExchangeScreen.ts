/**
 * Meter removal and installation in one visit (README.md "Architecture"): the old meter scanned,
 * its final index (validated as a reading is) and the seals removed; the new meter's serial
 * (scanned), initial index and the seals fitted; safety checks before and after. One confirm
 * records meter.removed and meter.installed in one transaction and updates the job's meter for
 * the next reading; one printed report. A removal job may end without a new meter (removed for
 * the lab), an installation job without an old one (new connection). The steps are
 * core/fieldwork/fieldWorkFlow.ts's; this screen words the summary.
 */
import type { ConfirmSummary } from '../../../core/fieldwork/fieldWorkFlow.js';
import { formatIndex } from '../view/format.js';
import { wrapLines, type Line } from '../view/text.js';
import { FieldFlowScreen } from './ChecklistSteps.js';
import type { UiContext } from './Screen.js';

export class MeterExchangeScreen extends FieldFlowScreen {
  constructor(ctx: UiContext, jobId: string) {
    super(ctx, jobId, ctx.app.job(jobId)?.job.kind === 'meter-installation' ? 'meter-installation' : 'meter-removal');
  }

  protected title(): string {
    return this.ctx.t(this.state.plan === 'meter-installation' ? 'fw.install.title' : 'fw.removal.title', { jobId: this.jobId });
  }

  protected summary(s: ConfirmSummary, cols: number): Line[] {
    const { t } = this.ctx;
    if (s.kind !== 'meter') return [];
    const m = this.rec!.job.meter;
    const none = t('fw.sum.none');
    const out: Line[] = [...wrapLines(t('fw.meter.confirm'), cols, 'bold')];
    if (s.removed)
      out.push(
        ...wrapLines(
          t('fw.sum.removed', {
            serial: m.serial,
            index: formatIndex(s.removed.index, m.digits),
            seals: s.removed.seals.join(', ') || none,
          }),
          cols,
        ),
      );
    if (s.installed)
      out.push(
        ...wrapLines(
          t('fw.sum.installed', {
            serial: s.installed.serial,
            index: formatIndex(s.installed.index, m.digits),
            seals: s.installed.seals.join(', ') || none,
          }),
          cols,
        ),
      );
    out.push(...wrapLines(t('fw.sum.checklist', { n: s.checks }), cols));
    return out;
  }
}
