/**
 * Meter removal and installation in one visit (domain.md §3): the old meter scanned, its final
 * index (validated as a reading is) and the seals removed; the new meter's serial (scanned),
 * initial index and the seals fitted; safety checks before and after. One confirm records
 * meter.removed and meter.installed in one transaction and updates the job's meter for the next
 * reading; one printed report. A removal job may end without a new meter (removed for the lab),
 * an installation job without an old one (new connection).
 */
import type { FieldWork } from '../../../core/fieldwork/index.js';
import { formatIndex } from '../view/format.js';
import { wrapLines, type Line } from '../view/text.js';
import { FieldFlowScreen, type PlanStep } from './ChecklistSteps.js';
import type { UiContext } from './Screen.js';

export class MeterExchangeScreen extends FieldFlowScreen {
  constructor(ctx: UiContext, jobId: string) {
    super(ctx, jobId);
  }

  private get installation(): boolean {
    return this.rec?.job.kind === 'meter-installation';
  }

  protected title(): string {
    return this.ctx.t(this.installation ? 'fw.install.title' : 'fw.removal.title', { jobId: this.jobId });
  }

  protected plan(): PlanStep[] {
    const d = this.data;
    const removal: PlanStep[] = [{ t: 'scan' }, { t: 'index', role: 'removed' }, { t: 'seal', role: 'removed', multi: true, min: 0 }];
    const install: PlanStep[] = [{ t: 'serial' }, { t: 'index', role: 'installed' }, { t: 'seal', role: 'installed', multi: true, min: 1 }];
    const steps: PlanStep[] = this.installation
      ? [{ t: 'check', phase: 'before' }, { t: 'ask', q: 'removeOld' }, ...(d.removeOld ? removal : []), ...install]
      : [...removal.slice(0, 1), { t: 'check', phase: 'before' }, ...removal.slice(1), { t: 'ask', q: 'installNew' }, ...(d.installNew ? install : [])];
    return [...steps, { t: 'check', phase: 'after' }, { t: 'confirm' }];
  }

  private removing(): boolean {
    return !this.installation || this.data.removeOld;
  }

  private installing(): boolean {
    return this.installation || this.data.installNew;
  }

  protected commit(): Promise<FieldWork> {
    const d = this.data;
    return this.ctx.app.confirmMeterExchange({
      jobId: this.jobId,
      checklist: d.answers,
      ...(this.removing() ? { removed: { scannedCode: d.scanned ?? '', finalIndex: d.index.removed ?? -1, sealNos: d.seals.removed ?? [] } } : {}),
      ...(this.installing() ? { installed: { serial: d.newSerial ?? '', initialIndex: d.index.installed ?? -1, sealNos: d.seals.installed ?? [] } } : {}),
    });
  }

  protected summary(cols: number): Line[] {
    const { t } = this.ctx;
    const d = this.data;
    const m = this.rec!.job.meter;
    const none = t('fw.sum.none');
    const out: Line[] = [...wrapLines(t('fw.meter.confirm'), cols, 'bold')];
    if (this.removing()) out.push(...wrapLines(t('fw.sum.removed', { serial: m.serial, index: formatIndex(d.index.removed ?? 0, m.digits), seals: (d.seals.removed ?? []).join(', ') || none }), cols));
    if (this.installing()) out.push(...wrapLines(t('fw.sum.installed', { serial: d.newSerial ?? '', index: formatIndex(d.index.installed ?? 0, m.digits), seals: (d.seals.installed ?? []).join(', ') || none }), cols));
    out.push(...wrapLines(t('fw.sum.checklist', { n: d.answers.length }), cols));
    return out;
  }
}
