/**
 * Reopening gas the same day after payment (domain.md §3): scan, the safety checklist (every item
 * required; nobody home or no adult → not opened, notice left, code 01; gas smell at any point →
 * stop: close the valve, call 187), the removed seal's number, the index, the checks after
 * opening, confirm → gas.reconnected → printed receipt with the checklist.
 */
import type { FieldWork } from '../../../core/fieldwork/index.js';
import { formatIndex } from '../view/format.js';
import { wrapLines, type Line } from '../view/text.js';
import { FieldFlowScreen, type PlanStep } from './ChecklistSteps.js';
import type { UiContext } from './Screen.js';

export class ReconnectScreen extends FieldFlowScreen {
  constructor(ctx: UiContext, jobId: string) {
    super(ctx, jobId);
  }

  protected title(): string {
    return this.ctx.t('fw.reconnect.title', { jobId: this.jobId });
  }

  protected plan(): PlanStep[] {
    return [{ t: 'scan' }, { t: 'check', phase: 'before' }, { t: 'seal', role: 'reconnect', multi: false, min: 1 }, { t: 'index', role: 'reconnect' }, { t: 'check', phase: 'after' }, { t: 'confirm' }];
  }

  protected commit(): Promise<FieldWork> {
    const d = this.data;
    return this.ctx.app.confirmReconnect({ jobId: this.jobId, scannedCode: d.scanned ?? '', checklist: d.answers, index: d.index.reconnect ?? -1, removedSealNo: d.seals.reconnect?.[0] ?? '' });
  }

  protected summary(cols: number): Line[] {
    const { t } = this.ctx;
    const d = this.data;
    const m = this.rec!.job.meter;
    return [
      ...wrapLines(t('fw.reconnect.confirm'), cols, 'bold'),
      ...wrapLines(t('job.meter', { serial: m.serial }), cols),
      ...wrapLines(t('fw.sum.removedSeal', { no: d.seals.reconnect?.[0] ?? '' }), cols),
      ...wrapLines(t('fw.sum.index', { index: formatIndex(d.index.reconnect ?? 0, m.digits) }), cols),
      ...wrapLines(t('fw.sum.checklist', { n: d.answers.length }), cols),
    ];
  }
}
