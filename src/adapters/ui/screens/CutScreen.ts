/**
 * Cut for debt (DMHY art. 44–46, README.md "Architecture"): the legal preconditions first, each
 * shown satisfied or not and evaluated now (the commit evaluates them again); a failure the
 * reference data lets a supervisor override (by default only a stale sync: "get coverage first")
 * needs the supervisor's id, PIN and a reason. Then: scan the meter (mismatch stops), safety
 * checklist (valve closed and flow stopped included), index at the cut, lock seal number, confirm →
 * gas.cut → printed cut notice. The steps are core/fieldwork/fieldWorkFlow.ts's; this screen paints the
 * preconditions and words the summary.
 * A job.cancel closes this screen at once (Router); one landing during the commit wins there.
 */
import type { CutCheck } from '../../../core/fieldwork/index.js';
import { fieldWorkText } from '../i18n/index.js';
import type { ConfirmSummary, FlowView } from '../../../core/fieldwork/fieldWorkFlow.js';
import type { Size } from '../view/frame.js';
import { formatIndex } from '../view/format.js';
import { clip, line, wrapLines, type Line } from '../view/text.js';
import { fieldLine } from '../view/widgets.js';
import type { ScrollParts } from '../view/scroll.js';
import { FieldFlowScreen } from './ChecklistSteps.js';
import type { UiContext } from './Screen.js';

const MARK = { ok: '+', failed: 'X', unknown: '?' } as const;
const STATUS = { go: 'fw.pre.go', blockedOverride: 'fw.pre.blockedOverride', blocked: 'fw.pre.blocked' } as const;

export class CutScreen extends FieldFlowScreen {
  constructor(ctx: UiContext, jobId: string) {
    super(ctx, jobId, 'cut');
  }

  protected title(): string {
    return this.ctx.t('fw.cut.title', { jobId: this.jobId });
  }

  protected override preBody(v: Extract<FlowView, { v: 'pre' }>, check: CutCheck | null, size: Size): ScrollParts {
    const { t } = this.ctx;
    const cols = size.cols;
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    if (v.form) {
      const f = v.form;
      const top = [...text(t('fw.override.title'), 'bold'), ...text(t('fw.override.why'))];
      const bottom: Line[] = [];
      if (f.problem) bottom.push(...text(this.say(f.problem), 'bold'));
      if (f.stage === 'checking') bottom.push(...text(t('login.checking'), 'bold'));
      bottom.push(fieldLine(t('eod.supervisor'), f.id, cols, { active: f.stage === 'id', labelWidth: 9 }));
      bottom.push(fieldLine(t('eod.supervisorPin'), f.pin, cols, { active: f.stage === 'pin', mask: true, labelWidth: 9 }));
      if (f.stage === 'reason') bottom.push(line(t('fw.override.reason')), ...wrapLines(`${f.reason}_`, cols, 'inverse'));
      return { top, bottom };
    }
    const lines: Line[] = [line(clip(t('fw.pre.title'), cols), 'bold')];
    for (const i of check?.items ?? [])
      lines.push(...wrapLines(`${MARK[i.status]} ${fieldWorkText(i.message, t.locale)}`, cols, i.status === 'failed' ? 'bold' : undefined));
    const bottom: Line[] = [];
    if (v.grant) bottom.push(...text(t('fw.override.granted', { name: v.grant.supervisorName, reason: v.grant.reason }), 'bold'));
    if (v.problem) bottom.push(...text(this.say(v.problem), 'bold'));
    bottom.push(...text(t(STATUS[v.status])));
    // Failed lines first when the screen is short: they are what the crew must act on (the rest
    // is a scroll away, marked ↓).
    const failedFirst = [
      lines[0]!,
      ...lines.slice(1).filter((l) => l[0]?.style === 'bold'),
      ...lines.slice(1).filter((l) => l[0]?.style !== 'bold'),
    ];
    return { top: size.rows - bottom.length < lines.length ? failedFirst : lines, bottom };
  }

  protected summary(s: ConfirmSummary, cols: number): Line[] {
    const { t } = this.ctx;
    if (s.kind !== 'cut') return [];
    const m = this.rec!.job.meter;
    return [
      ...wrapLines(t('fw.cut.confirm'), cols, 'bold'),
      ...wrapLines(t('job.meter', { serial: m.serial }), cols),
      ...wrapLines(t('fw.sum.index', { index: formatIndex(s.index, m.digits) }), cols),
      ...wrapLines(t('fw.sum.seal', { no: s.sealNo }), cols),
      ...wrapLines(t('fw.sum.checklist', { n: s.checks }), cols),
      ...(s.grant ? wrapLines(t('fw.override.granted', { name: s.grant.supervisorName, reason: s.grant.reason }), cols) : []),
    ];
  }
}
