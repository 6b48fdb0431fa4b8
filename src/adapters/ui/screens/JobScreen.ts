/**
 * A job's details, for every kind. Kinds this device cannot work yet (cut, reconnection, meter
 * work, inspection) say so plainly; finished readings show what was recorded and offer printing.
 */
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord, NoReadWork, ReadingWork } from '../../../core/jobs/types.js';
import type { Size } from '../view/frame.js';
import { formatIndex } from '../view/format.js';
import { extraLines, jobDetailLines, meterLines } from '../view/jobRow.js';
import { line, wrapLines, type Line } from '../view/text.js';
import { Scroller, type ScrollParts } from '../view/scroll.js';
import type { FieldWork } from '../../../core/fieldwork/index.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

export class JobScreen extends BaseScreen {
  private printing = false;
  private problem: string | null = null;
  /** The details scroll at 40×15 (issue 19); the status stays at the bottom. */
  private readonly scroll = new Scroller();

  constructor(
    ctx: UiContext,
    readonly jobId: string,
  ) {
    super(ctx);
  }

  private rec(): JobRecord | undefined {
    return this.ctx.app.job(this.jobId);
  }

  private invoiceNo(): string | undefined {
    const w = this.ctx.app.workOf(this.jobId).find((x): x is ReadingWork => x.kind === 'reading' && x.invoiceNo !== undefined);
    return w?.invoiceNo;
  }

  private printed(no: string): boolean {
    return this.ctx.app.documentsToday().some((d) => d.documentNo === no);
  }

  /** Cut, reconnection and meter work have their own screens (FieldFlowScreen). */
  private fieldKind(): boolean {
    const k = this.rec()?.job.kind;
    return k === 'cut' || k === 'reconnect' || k === 'meter-removal' || k === 'meter-installation';
  }

  private fieldWork(): FieldWork | undefined {
    return this.ctx.app.fieldWorkOf(this.jobId).find((w) => w.kind !== 'not-done');
  }

  private fieldKey(e: InputEvent & { type: 'key' }): boolean {
    const rec = this.rec();
    if (!rec || !this.fieldKind()) return false;
    if (rec.state === 'open' && e.key === 'enter') {
      this.ctx.nav.replace({ name: 'fieldwork', jobId: this.jobId });
      return true;
    }
    const w = this.fieldWork();
    if (!w) return false;
    const printed = w.documentNo !== undefined && this.printed(w.documentNo);
    if (e.key === 'f1' && !printed) {
      this.printing = true;
      this.problem = null;
      this.settle(
        this.ctx.app.printFieldWork(w.id),
        () => (this.printing = false),
        (err) => {
          this.printing = false;
          this.problem = this.ctx.t('bill.printFailed', { reason: this.ctx.errorText(err) });
        },
      );
      return true;
    }
    if (e.key === 'f2' && printed) {
      this.ctx.nav.push({ name: 'reprint', documentNo: w.documentNo! });
      return true;
    }
    return false;
  }

  /** Inspections: Enter starts an open inspection job; F3 starts one on any job, or corrects a sealed report. */
  private inspectionKey(e: InputEvent & { type: 'key' }): boolean {
    const rec = this.rec();
    if (!rec || rec.state === 'cancelled') return false;
    if (rec.job.kind === 'inspection' && rec.state === 'open' && e.key === 'enter') {
      this.ctx.nav.replace({ name: 'inspection', jobId: this.jobId });
      return true;
    }
    if (e.key !== 'f3') return false;
    const sealed = this.ctx.app.inspections
      .ofJob(this.jobId)
      .filter((r) => r.state === 'sealed')
      .pop();
    if (rec.job.kind === 'inspection' && rec.state !== 'open' && sealed)
      this.ctx.nav.push({ name: 'inspection', jobId: this.jobId, corrects: sealed.reportNo });
    else this.ctx.nav.push({ name: 'inspection', jobId: this.jobId });
    return true;
  }

  private inspectionLines(rec: JobRecord, cols: number): Line[] {
    const { t } = this.ctx;
    const out = this.ctx.app.inspections
      .ofJob(this.jobId)
      .flatMap((r) => wrapLines(t('insp.reports', { no: r.reportNo, state: t(`insp.state.${r.state}`) }), cols));
    if (rec.job.kind === 'inspection' && rec.state === 'open') out.push(...wrapLines(t('insp.startHint'), cols, 'bold'));
    return out;
  }

  private inspectionSoftKey(rec: JobRecord): string | undefined {
    if (rec.state === 'cancelled') return undefined;
    const done =
      rec.job.kind === 'inspection' && rec.state !== 'open' && this.ctx.app.inspections.ofJob(this.jobId).some((r) => r.state === 'sealed');
    return this.ctx.t(done ? 'key.correct' : 'key.inspect');
  }

  /** Nothing keyed here is lost at an idle lock (a print is recorded by the app). */
  draft(): null {
    return null;
  }

  handle(e: InputEvent): void {
    if (e.type !== 'key' || this.printing || this.scroll.key(e)) return;
    if (this.inspectionKey(e)) return;
    if (this.fieldKey(e)) return;
    const no = this.invoiceNo();
    if (e.key === 'back' || e.key === 'enter') return this.ctx.nav.pop();
    if (no && e.key === 'f1' && !this.printed(no)) {
      this.printing = true;
      this.problem = null;
      this.settle(
        this.ctx.app.printInvoice(no),
        () => (this.printing = false),
        (err) => {
          this.printing = false;
          this.problem = this.ctx.t('bill.printFailed', { reason: this.ctx.errorText(err) });
        },
      );
    } else if (no && e.key === 'f2' && this.printed(no)) this.ctx.nav.push({ name: 'reprint', documentNo: no });
  }

  private fieldStatus(rec: JobRecord, cols: number): Line[] {
    const { t } = this.ctx;
    if (rec.state === 'open') return wrapLines(t('job.start'), cols, 'bold');
    const nd = this.ctx.app.fieldWorkOf(this.jobId).find((w) => w.kind === 'not-done');
    if (rec.state === 'skipped')
      return wrapLines(t('job.fieldNotDone', { code: nd && nd.kind === 'not-done' ? nd.reasonCode : '?' }), cols, 'bold');
    const w = this.fieldWork();
    return [line(t('job.isDone'), 'bold'), ...(w?.documentNo ? [line(t('job.document', { no: w.documentNo }))] : [])];
  }

  view(size: Size): ScreenView {
    const { t } = this.ctx;
    const rec = this.rec();
    if (!rec) return { title: this.jobId, body: wrapLines(t('error.Job_NotFound'), size.cols, 'bold'), keys: [] };
    const body = this.scroll.paint((cols) => this.parts(rec, cols), size.cols, size.rows);
    const title = t('job.title', { kind: t(`kind.${rec.job.kind}`), jobId: rec.job.jobId });
    const base = { title, titleRight: t('job.seq', { n: rec.job.routeSeq }), body, ...(this.printing ? { back: null } : {}) };
    const no = this.invoiceNo();
    const fw = this.fieldKind() ? this.fieldWork() : undefined;
    if (fw) {
      const printed = fw.documentNo !== undefined && this.printed(fw.documentNo);
      return { ...base, keys: [printed ? undefined : t('key.print'), printed ? t('key.reprint') : undefined, this.inspectionSoftKey(rec)] };
    }
    const canPrint = no !== undefined && !this.printed(no);
    return {
      ...base,
      keys: [canPrint ? t('key.print') : undefined, no && !canPrint ? t('key.reprint') : undefined, this.inspectionSoftKey(rec)],
    };
  }

  private parts(rec: JobRecord, cols: number): ScrollParts {
    const { t, app } = this.ctx;
    const top: Line[] = [
      line(t(`kindName.${rec.job.kind}`)),
      ...jobDetailLines(rec, cols, t),
      ...meterLines(rec, cols, t),
      ...extraLines(rec, cols, t),
    ];
    const status: Line[] = [];
    const no = this.invoiceNo();
    if (rec.state === 'cancelled') status.push(...wrapLines(t('job.isCancelled', { reason: rec.cancel?.reason ?? '' }), cols, 'bold'));
    else if (this.fieldKind()) status.push(...this.fieldStatus(rec, cols));
    else if (rec.job.kind === 'inspection') status.push(...(rec.state === 'done' ? [line(t('job.isDone'), 'bold')] : []));
    else if (rec.job.kind !== 'reading') status.push(...wrapLines(t('job.unsupported'), cols, 'bold'));
    else if (rec.state === 'done') {
      status.push(line(t('job.isDone'), 'bold'));
      const w = app.workOf(this.jobId).find((x): x is ReadingWork => x.kind === 'reading');
      if (w) status.push(line(t('job.reading', { index: formatIndex(w.index, rec.job.meter.digits) })));
      if (no) status.push(line(t('job.invoice', { no })));
    } else if (rec.state === 'skipped') {
      const w = app.workOf(this.jobId).find((x): x is NoReadWork => x.kind === 'no-read');
      status.push(...wrapLines(t('job.isSkipped', { code: w?.reasonCode ?? '?' }), cols, 'bold'));
    }
    status.push(...this.inspectionLines(rec, cols));
    if (this.printing) status.push(line(t('bill.printing'), 'bold'));
    if (this.problem) status.push(...wrapLines(this.problem, cols, 'bold'));
    return { top, bottom: status };
  }
}
