/**
 * Reopening gas the same day after payment (README.md "Architecture"): scan, the safety checklist
 * (every item required; nobody home or no adult → not opened, notice left, code 01; gas smell at
 * any point → stop: close the valve, call 187), the removed seal's number, the index, then valve
 * opened → tightness (index stable, appliances off) → appliances, confirm → gas.reconnected →
 * printed receipt with the answers. A seal or index that differ from the cut (job.cut) are shown
 * here as findings (core/fieldwork/reconnectCheck.ts). The steps are
 * core/fieldwork/fieldWorkFlow.ts's; this screen words the summary.
 */
import type { ConfirmSummary } from '../../../core/fieldwork/fieldWorkFlow.js';
import { formatIndex } from '../view/format.js';
import { wrapLines, type Line } from '../view/text.js';
import { FieldFlowScreen } from './ChecklistSteps.js';
import type { UiContext } from './Screen.js';

export class ReconnectScreen extends FieldFlowScreen {
  constructor(ctx: UiContext, jobId: string) {
    super(ctx, jobId, 'reconnect');
  }

  protected title(): string {
    return this.ctx.t('fw.reconnect.title', { jobId: this.jobId });
  }

  protected summary(s: ConfirmSummary, cols: number): Line[] {
    const { t } = this.ctx;
    if (s.kind !== 'reconnect') return [];
    const m = this.rec!.job.meter;
    return [
      ...wrapLines(t('fw.reconnect.confirm'), cols, 'bold'),
      ...wrapLines(t('job.meter', { serial: m.serial }), cols),
      ...wrapLines(t('fw.sum.removedSeal', { no: s.removedSealNo }), cols),
      ...wrapLines(t('fw.sum.index', { index: formatIndex(s.index, m.digits) }), cols),
      ...wrapLines(t('fw.sum.checklist', { n: s.checks }), cols),
      ...s.findings.flatMap((f) => wrapLines(t(`fw.finding.${f.code}`, { atCut: f.atCut, found: f.found }), cols, 'bold')),
    ];
  }
}
