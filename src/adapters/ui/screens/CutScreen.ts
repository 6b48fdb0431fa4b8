/**
 * Cut for debt (DMHY art. 44–46): the legal preconditions first, each shown satisfied or not and
 * evaluated now (the commit evaluates them again); a failure the reference data lets a supervisor
 * override (by default only a stale sync: "get coverage first") needs the supervisor's id, PIN
 * and a reason. Then: scan the meter (mismatch stops), safety checklist, index at the cut, lock
 * seal number, the after-cut checks, confirm → gas.cut → printed cut notice.
 * A job.cancel closes this screen at once (Router); one landing during the commit wins there.
 */
import type { OverrideGrant } from '../../../app/FieldWorkFacade.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import { isAppError } from '../../../core/errors/AppError.js';
import { cutDecision, fieldWorkText, type CutCheck, type FieldWork } from '../../../core/fieldwork/index.js';
import type { Size, SoftKeys } from '../view/frame.js';
import { formatIndex } from '../view/format.js';
import { clip, line, wrapLines, type Line } from '../view/text.js';
import { editText, fieldLine, pinned } from '../view/widgets.js';
import { FieldFlowScreen, type PlanStep } from './ChecklistSteps.js';
import type { UiContext } from './Screen.js';

type Ov = { stage: 'id' | 'pin' | 'reason' | 'checking'; id: string; pin: string; reason: string; problem?: string };

const MARK = { ok: '+', failed: 'X', unknown: '?' } as const;

export class CutScreen extends FieldFlowScreen {
  private grant: OverrideGrant | null = null;
  private ov: Ov | null = null;
  private preProblem: string | null = null;

  constructor(ctx: UiContext, jobId: string) {
    super(ctx, jobId);
  }

  protected title(): string {
    return this.ctx.t('fw.cut.title', { jobId: this.jobId });
  }

  protected plan(): PlanStep[] {
    return [{ t: 'pre' }, { t: 'scan' }, { t: 'check', phase: 'before' }, { t: 'index', role: 'cut' }, { t: 'seal', role: 'cut', multi: false, min: 1 }, { t: 'check', phase: 'after' }, { t: 'confirm' }];
  }

  private check(): CutCheck {
    return this.ctx.app.cutCheck(this.jobId);
  }

  protected override preKey(e: InputEvent & { type: 'key' }): void {
    const { t } = this.ctx;
    if (this.ov) return this.overrideKey(this.ov, e);
    if (e.key === 'back') return this.ctx.nav.pop();
    const c = this.check();
    if (e.key === 'enter') {
      const d = cutDecision(c, this.grant ? { supervisorId: this.grant.supervisorId, reason: this.grant.reason } : undefined, this.ctx.app.fieldReference);
      if (d.ok) {
        this.preProblem = null;
        return this.next();
      }
      this.preProblem = d.message ? fieldWorkText(d.message, t.locale) : t(c.overridable ? 'fw.pre.blockedOverride' : 'fw.pre.blocked');
    } else if (e.key === 'f3' && c.overridable && !this.grant) this.ov = { stage: 'id', id: '', pin: '', reason: '' };
  }

  private overrideKey(ov: Ov, e: InputEvent & { type: 'key' }): void {
    if (ov.stage === 'checking') return;
    if (e.key === 'back') {
      this.ov = ov.stage === 'id' ? null : { ...ov, stage: ov.stage === 'reason' ? 'pin' : 'id', problem: undefined };
      return;
    }
    const field = ov.stage;
    const v = editText(ov[field], e, field === 'reason' ? 'text' : 'digits', field === 'reason' ? 200 : 16);
    if (v !== null) {
      this.ov = { ...ov, [field]: v, problem: undefined };
      return;
    }
    if (e.key !== 'enter') return;
    if (field === 'id' && ov.id !== '') this.ov = { ...ov, stage: 'pin' };
    else if (field === 'pin' && ov.pin !== '') this.ov = { ...ov, stage: 'reason' };
    else if (field === 'reason') {
      const min = this.ctx.app.fieldReference.cut.minOverrideReasonLength;
      if (ov.reason.trim().length < min) {
        this.ov = { ...ov, problem: fieldWorkText({ key: 'override.reasonShort', params: { min: String(min) } }, this.ctx.t.locale) };
        return;
      }
      this.ov = { ...ov, stage: 'checking' };
      this.settle(
        this.ctx.app.authorizeOverride({ jobId: this.jobId, supervisorId: ov.id, pin: ov.pin, reason: ov.reason }),
        (g) => {
          this.grant = g;
          this.ov = null;
          this.preProblem = null;
        },
        (err) => (this.ov = { ...ov, stage: 'pin', pin: '', problem: this.ctx.errorText(err) }),
      );
    }
  }

  protected override preBody(size: Size): { body: Line[]; keys: SoftKeys } {
    const { t } = this.ctx;
    const cols = size.cols;
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    if (this.ov) {
      const ov = this.ov;
      const top = [...text(t('fw.override.title'), 'bold'), ...text(t('fw.override.why'))];
      const bottom: Line[] = [];
      if (ov.problem) bottom.push(...text(ov.problem, 'bold'));
      if (ov.stage === 'checking') bottom.push(...text(t('login.checking'), 'bold'));
      bottom.push(fieldLine(t('eod.supervisor'), ov.id, cols, { active: ov.stage === 'id', labelWidth: 9 }));
      bottom.push(fieldLine(t('eod.supervisorPin'), ov.pin, cols, { active: ov.stage === 'pin', mask: true, labelWidth: 9 }));
      if (ov.stage === 'reason') bottom.push(line(t('fw.override.reason')), ...wrapLines(`${ov.reason}_`, cols, 'inverse'));
      return { body: pinned(top, bottom, size.rows), keys: [] };
    }
    const c = this.check();
    const lines: Line[] = [line(clip(t('fw.pre.title'), cols), 'bold')];
    for (const i of c.items) {
      const marked = wrapLines(`${MARK[i.status]} ${fieldWorkText(i.message, t.locale)}`, cols, i.status === 'failed' ? 'bold' : undefined);
      lines.push(...marked);
    }
    const bottom: Line[] = [];
    if (this.grant) bottom.push(...text(t('fw.override.granted', { name: this.grant.supervisorName, reason: this.grant.reason }), 'bold'));
    if (this.preProblem) bottom.push(...text(this.preProblem, 'bold'));
    bottom.push(...text(c.allowed || this.grant ? t('fw.pre.go') : c.overridable ? t('fw.pre.blockedOverride') : t('fw.pre.blocked')));
    // Failed lines first when the screen is short: they are what the crew must act on.
    const failedFirst = [lines[0]!, ...lines.slice(1).filter((l) => l[0]?.style === 'bold'), ...lines.slice(1).filter((l) => l[0]?.style !== 'bold')];
    return { body: pinned(size.rows - bottom.length < lines.length ? failedFirst : lines, bottom, size.rows), keys: [t('key.notDone'), undefined, c.overridable && !this.grant ? t('key.supervisor') : undefined] };
  }

  protected commit(): Promise<FieldWork> {
    const d = this.data;
    return this.ctx.app.confirmCut({ jobId: this.jobId, scannedCode: d.scanned ?? '', checklist: d.answers, index: d.index.cut ?? -1, sealNo: d.seals.cut?.[0] ?? '', ...(this.grant ? { grantId: this.grant.grantId } : {}) });
  }

  protected override onCommitError(e: unknown): void {
    if (isAppError(e, 'Job_WrongState') && e.context.reason === 'preconditions') {
      // Something changed since the crew looked (the clock passed 17:30, the link went stale).
      this.at = 0;
      this.step = { s: 'plan' };
      this.preProblem = this.ctx.t('fw.pre.changed');
      return;
    }
    super.onCommitError(e);
  }

  protected summary(cols: number): Line[] {
    const { t } = this.ctx;
    const d = this.data;
    const m = this.rec!.job.meter;
    return [
      ...wrapLines(t('fw.cut.confirm'), cols, 'bold'),
      ...wrapLines(t('job.meter', { serial: m.serial }), cols),
      ...wrapLines(t('fw.sum.index', { index: formatIndex(d.index.cut ?? 0, m.digits) }), cols),
      ...wrapLines(t('fw.sum.seal', { no: d.seals.cut?.[0] ?? '' }), cols),
      ...wrapLines(t('fw.sum.checklist', { n: d.answers.length }), cols),
      ...(this.grant ? wrapLines(t('fw.override.granted', { name: this.grant.supervisorName, reason: this.grant.reason }), cols) : []),
    ];
  }
}
