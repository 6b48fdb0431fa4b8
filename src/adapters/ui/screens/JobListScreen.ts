/**
 * Today's jobs: urgent ones pinned on top, then route order. Typing digits or letters searches,
 * a scan opens the job it belongs to, F1/F2 cycle kind and state filters, F3 reprints, F4 ends
 * the day. Only the visible rows are ever formatted, so 10,000 jobs stay instant.
 */
import { nextOpenJob } from '../view/nextJob.js';
import { JOB_KINDS } from '../../../core/contract/job.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord } from '../../../core/jobs/types.js';
import type { Size } from '../view/frame.js';
import { filterJobs, kindCycle, nextOf, orderJobs, progress, STATE_FILTERS, type KindFilter, type StateFilter } from '../view/jobQuery.js';
import { jobRow } from '../view/jobRow.js';
import { clip, line, spread, wrap, type Line } from '../view/text.js';
import { listWindow, moveSelection } from '../view/window.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

export class JobListScreen extends BaseScreen {
  private kind: KindFilter = 'all';
  private state: StateFilter = 'open';
  private query = '';
  private selected = 0;
  private top = 0;
  private page = 8;
  private flash: string | null = null;
  private source: readonly JobRecord[] | null = null;
  private ordered: JobRecord[] = [];
  private shown: JobRecord[] = [];
  private dirty = true;
  /** The job the crew opened from here; finished when they come back, the list moves to the next open one. */
  private opened: string | undefined;
  private focusAfter: string | undefined;

  constructor(ctx: UiContext) {
    super(ctx);
  }

  /** The job set changed (arrivals, cancellations, a recorded reading). */
  refresh(flash?: string): void {
    this.source = null;
    this.dirty = true;
    if (flash !== undefined) this.flash = flash;
  }

  resume(): void {
    this.focusAfter = this.opened;
    this.opened = undefined;
    this.refresh();
  }

  private rows(): JobRecord[] {
    const all = this.ctx.app.jobs();
    if (all !== this.source) {
      this.source = all;
      this.ordered = orderJobs(all);
      this.dirty = true;
    }
    if (this.dirty) {
      const keep = this.shown[this.selected]?.job.jobId;
      this.shown = filterJobs(this.ordered, { kind: this.kind, state: this.state, query: this.query });
      const at = keep === undefined ? -1 : this.shown.findIndex((r) => r.job.jobId === keep);
      this.selected = at >= 0 ? at : Math.min(this.selected, Math.max(0, this.shown.length - 1));
      // Back from a finished job (printed on confirm): the next open job on the route (issue 19).
      const done = this.focusAfter === undefined ? undefined : this.ctx.app.job(this.focusAfter);
      this.focusAfter = undefined;
      if (done && done.state !== 'open') {
        const next = nextOpenJob(this.ordered, done.job.jobId);
        const i = next ? this.shown.indexOf(next) : -1;
        if (i >= 0) this.selected = i;
      }
      this.dirty = false;
    }
    return this.shown;
  }

  private refilter(resetSelection: boolean): void {
    this.dirty = true;
    if (resetSelection) {
      this.shown = [];
      this.selected = 0;
      this.top = 0;
    }
  }

  handle(e: InputEvent): void {
    this.flash = null;
    if (e.type === 'scan') return this.scanned(e.code);
    const rows = this.rows();
    switch (e.key) {
      case 'up':
      case 'down':
      case 'left':
      case 'right':
      case 'home':
      case 'end':
      case 'pageup':
      case 'pagedown':
        this.selected = moveSelection(this.selected, rows.length, e.key, this.page);
        return;
      case 'digit':
      case 'char':
        if (this.query.length < 30) this.query += e.value ?? '';
        return this.refilter(true);
      case 'clear':
        this.query = [...this.query].slice(0, -1).join('');
        return this.refilter(true);
      case 'back':
        if (this.query !== '') {
          this.query = '';
          this.refilter(true);
        }
        return;
      case 'enter': {
        const r = rows[this.selected];
        if (r) this.open(r);
        return;
      }
      case 'f1':
        this.kind = nextOf(kindCycle(this.ctx.app.jobs(), JOB_KINDS), this.kind);
        return this.refilter(true);
      case 'f2':
        this.state = nextOf(STATE_FILTERS, this.state);
        return this.refilter(true);
      case 'f3':
        return this.ctx.nav.push({ name: 'reprint' });
      case 'f4':
        return this.ctx.nav.push({ name: 'endOfDay' });
      default:
    }
  }

  private scanned(code: string): void {
    const r = this.ctx.app.findByCode(code);
    if (!r) {
      const { t } = this.ctx;
      this.ctx.nav.modal({ title: t('notice.error.title'), body: t('jobs.notFound', { code }), footer: t('notice.ok') });
      return;
    }
    this.open(r, code);
  }

  private open(r: JobRecord, scanned?: string): void {
    this.opened = r.job.jobId;
    if (r.job.kind === 'reading' && r.state === 'open')
      this.ctx.nav.push({ name: 'reading', jobId: r.job.jobId, ...(scanned ? { scanned } : {}) });
    else this.ctx.nav.push({ name: 'job', jobId: r.job.jobId });
  }

  view(size: Size): ScreenView {
    const { t, app } = this.ctx;
    const rows = this.rows();
    const p = progress(app.jobs());
    const cols = size.cols;
    const filterText = t('jobs.filter', {
      kind: t(this.kind === 'all' ? 'kindName.all' : `kind.${this.kind}`),
      state: t(`filter.${this.state}`),
    });
    const head: Line[] = [line(spread(filterText, this.query ? t('jobs.search', { q: this.query }) : '', cols))];

    const unprinted = new Set(app.unprintedDocuments().flatMap((d) => (d.jobId ? [d.jobId] : [])));
    const sel = rows[this.selected];
    // The selected job's address under the list, in full (rows show only the name at 40 columns).
    const detail: Line[] = sel
      ? wrap(`${sel.job.customer.address} · ${sel.job.meter.serial}`, cols)
          .slice(0, 2)
          .map((s) => line(s))
      : [];
    // The legend of the `*` mark, on the selected job that carries it: F3 prints it.
    if (sel && unprinted.has(sel.job.jobId)) detail.unshift(line(clip(t('jobs.unprinted'), cols), 'bold'));
    if (this.flash) detail.unshift(line(clip(this.flash, cols), 'bold'));
    const listRows = Math.max(1, size.rows - head.length - detail.length);
    this.page = listRows;
    const win = listWindow(rows.length, this.selected, listRows, this.top);
    this.top = win.top;
    const list: Line[] = [];
    if (rows.length === 0)
      list.push(...wrap(this.query ? t('jobs.noneSearch', { q: this.query }) : t('jobs.none'), cols).map((s) => line(s)));
    // A longer list gives up its last column to ↑/↓ marks: more jobs above / below (issue 19).
    const more = rows.length > listRows;
    for (let i = win.top; i < win.end; i++) {
      const mark = !more ? '' : i === win.top && win.top > 0 ? '↑' : i === win.end - 1 && win.end < rows.length ? '↓' : ' ';
      const row = jobRow(rows[i]!, more ? cols - 1 : cols, t, unprinted.has(rows[i]!.job.jobId));
      list.push(line(row + mark, i === win.selected ? 'inverse' : undefined));
    }
    while (list.length < listRows) list.push(line(''));
    return {
      title: t('jobs.title'),
      titleRight: t('jobs.progress', { done: p.done, total: p.total }),
      body: [...head, ...list.slice(0, listRows), ...detail],
      keys: [t('key.kind'), t('key.state'), t('key.reprint'), t('key.endOfDay')],
    };
  }
}
