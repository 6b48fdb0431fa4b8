/**
 * A kaçak/usulsüz inspection report (tutanak), step by step, keypad-first: scan the meter (or key
 * its serial), key the index; seals (number, then 1–4 for its state); finding and type from
 * numbered lists; appliances (numbered type, kW in digits, pre-filled); the person using the gas
 * and witnesses (short text); actions ticked by digit; the statement or "imzadan imtina etti";
 * then the summary with the accrual, confirmation (the report is sealed: no changes after), and
 * printing of both copies.
 *
 * The report number is reserved when the screen opens; the draft is saved after every step, so
 * leaving (or a flat battery) keeps it: opening the job again resumes it. Leaving can also void it.
 *
 * Keys: digits/letters edit or pick, Clear erases, Enter goes forward, Back goes one step back,
 * F1 adds (seal, appliance, witness) or "no meter", F2 scan prompt (demo), F3 estimate method.
 */
import type { PrintedDocument } from '../../../app/AppServices.js';
import type { InspectionPreview, InspectionRecord } from '../../../app/InspectionService.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord } from '../../../core/jobs/types.js';
import { ESTIMATION_METHODS, type InspectionConfig, type InspectionDraft, type SealedReport, type SealStatus } from '../../../core/inspection/index.js';
import type { UiKey } from '../i18n/index.js';
import type { Size } from '../view/frame.js';
import { formatMoney } from '../view/format.js';
import { blank, clip, line, wrapLines, type Line } from '../view/text.js';
import { editText, fieldLine, pinned } from '../view/widgets.js';
import { BaseScreen } from './BaseScreen.js';
import type { ScreenView, UiContext } from './Screen.js';

const STEPS = ['meter', 'seals', 'finding', 'appliances', 'user', 'witnesses', 'actions', 'statement', 'review'] as const;
type Main = (typeof STEPS)[number];
const SEAL_STATES: readonly SealStatus[] = ['found', 'broken', 'missing', 'fitted'];

type Step =
  | { s: 'starting' }
  | { s: Main }
  | { s: 'seal-no'; text: string }
  | { s: 'seal-state'; sealNo: string }
  | { s: 'subtype' }
  | { s: 'appliance-type' }
  | { s: 'appliance-kw'; type: string; label: string; text: string }
  | { s: 'witness-name'; text: string }
  | { s: 'statement-text'; text: string }
  | { s: 'confirm' }
  | { s: 'leave' }
  | { s: 'sealing' }
  | { s: 'sealed'; report: SealedReport }
  | { s: 'printing'; report: SealedReport }
  | { s: 'printed'; report: SealedReport; doc: PrintedDocument }
  | { s: 'print-failed'; report: SealedReport; reason: string }
  | { s: 'discarded' }
  | { s: 'failed'; reason: string };

export class InspectionScreen extends BaseScreen {
  readonly jobId: string;
  private readonly rec: JobRecord | undefined;
  private record: InspectionRecord | null = null;
  private draft: InspectionDraft | null = null;
  private step: Step = { s: 'starting' };
  /** Meter step: which field the keys edit. */
  private meterField: 'serial' | 'index' = 'serial';
  private serialText = '';
  private indexText = '';
  /** The crew said there is no meter (F1); an empty new draft has no meter yet either. */
  private noMeter = false;
  private problem: string | null = null;
  private preview: InspectionPreview | null = null;

  constructor(ctx: UiContext, jobId: string, corrects?: string) {
    super(ctx);
    this.jobId = jobId;
    this.rec = ctx.app.job(jobId);
    const ins = ctx.app.inspections;
    this.settle(
      corrects ? ins.beginCorrection(corrects) : ins.begin({ jobId }),
      (r) => {
        this.record = r;
        this.draft = structuredClone(r.draft);
        this.serialText = r.draft.meter?.serial ?? '';
        this.indexText = r.draft.meter?.index === null || r.draft.meter?.index === undefined ? '' : String(r.draft.meter.index);
        this.noMeter = r.draft.meter === null && r.draft.subtype === 'unmetered-connection';
        this.step = { s: 'meter' };
      },
      (e) => (this.step = { s: 'failed', reason: ctx.errorText(e) }),
    );
  }

  private get cfg(): InspectionConfig {
    return this.ctx.app.inspections.config();
  }

  // ------------------------------------------------------------------ input

  handle(e: InputEvent): void {
    const st = this.step;
    const d = this.draft;
    if (e.type === 'scan') {
      if (st.s === 'meter' && d) {
        this.serialText = e.code.trim();
        d.meter = { serial: this.serialText, scanned: true, index: d.meter?.index ?? null };
        this.meterField = 'index';
        this.problem = null;
      } else if (st.s === 'seal-no') this.step = { s: 'seal-state', sealNo: e.code.trim() };
      return;
    }
    if (!d && st.s !== 'failed') return;
    switch (st.s) {
      case 'starting':
      case 'sealing':
      case 'printing':
        return; // waiting for the app: a key now could submit twice
      case 'meter':
        return this.meterKey(e);
      case 'seals':
        if (e.key === 'f1') this.step = { s: 'seal-no', text: '' };
        else if (e.key === 'clear') d!.seals.pop();
        else this.nav(e);
        return;
      case 'seal-no': {
        const v = editText(st.text, e, 'text', 32);
        if (v !== null) this.step = { ...st, text: v };
        else if (e.key === 'enter' && st.text.trim()) this.step = { s: 'seal-state', sealNo: st.text.trim() };
        else if (e.key === 'enter' || e.key === 'back') this.step = { s: 'seals' };
        return;
      }
      case 'seal-state': {
        const n = e.key === 'digit' ? Number(e.value) : 0;
        if (n >= 1 && n <= SEAL_STATES.length) {
          d!.seals.push({ sealNo: st.sealNo, status: SEAL_STATES[n - 1]! });
          this.step = { s: 'seals' };
        } else if (e.key === 'back') this.step = { s: 'seal-no', text: st.sealNo };
        return;
      }
      case 'finding': {
        const n = e.key === 'digit' ? Number(e.value) : 0;
        const kinds = ['none', 'kacak', 'usulsuz'] as const;
        if (n >= 1 && n <= 3) {
          const f = kinds[n - 1]!;
          if (d!.finding !== f) d!.subtype = null;
          d!.finding = f;
          if (f === 'none') this.go('appliances');
          else this.step = { s: 'subtype' };
        } else if (e.key === 'enter' && d!.finding) this.go(d!.finding === 'none' ? 'appliances' : 'finding', d!.finding !== 'none');
        else if (e.key === 'back') this.go('seals');
        return;
      }
      case 'subtype': {
        const list = this.subtypes();
        const n = this.pickNumber(e, list.length);
        if (n) {
          d!.subtype = list[n - 1]!.code;
          this.go('appliances');
        } else if (e.key === 'back') this.step = { s: 'finding' };
        return;
      }
      case 'appliances':
        if (e.key === 'f1') this.step = { s: 'appliance-type' };
        else if (e.key === 'clear') d!.appliances.pop();
        else this.nav(e);
        return;
      case 'appliance-type': {
        const types = this.cfg.applianceTypes;
        const n = this.pickNumber(e, types.length);
        if (n) {
          const t = types[n - 1]!;
          this.step = { s: 'appliance-kw', type: t.type, label: t.label, text: t.kw };
        } else if (e.key === 'back') this.step = { s: 'appliances' };
        return;
      }
      case 'appliance-kw': {
        const v = e.type === 'key' && e.key === 'char' && (e.value === '.' || e.value === ',') && !st.text.includes('.') ? `${st.text}.` : editText(st.text, e, 'digits', 6);
        if (v !== null) this.step = { ...st, text: v };
        else if (e.key === 'enter' && /^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(st.text) && Number(st.text) > 0) {
          d!.appliances.push({ type: st.type, kw: st.text });
          this.step = { s: 'appliances' };
        } else if (e.key === 'back') this.step = { s: 'appliance-type' };
        return;
      }
      case 'user': {
        const v = editText(d!.user.name, e, 'text', 120);
        if (v !== null) d!.user = { ...d!.user, name: v };
        else if (e.key === 'enter') {
          if (d!.user.name.trim()) this.go('witnesses');
          else this.problem = this.ctx.t('insp.user.needName');
        } else if (e.key === 'back') this.go('appliances');
        return;
      }
      case 'witnesses':
        if (e.key === 'f1') this.step = { s: 'witness-name', text: '' };
        else if (e.key === 'clear') d!.witnesses.pop();
        else this.nav(e);
        return;
      case 'witness-name': {
        const v = editText(st.text, e, 'text', 120);
        if (v !== null) this.step = { ...st, text: v };
        else if (e.key === 'enter') {
          if (st.text.trim()) d!.witnesses.push({ name: st.text.trim() });
          this.step = { s: 'witnesses' };
        } else if (e.key === 'back') this.step = { s: 'witnesses' };
        return;
      }
      case 'actions': {
        const n = this.pickNumber(e, this.cfg.actions.length, false);
        if (n) {
          const code = this.cfg.actions[n - 1]!.code;
          d!.actions = d!.actions.includes(code) ? d!.actions.filter((a) => a !== code) : [...d!.actions, code];
        } else this.nav(e);
        return;
      }
      case 'statement': {
        const n = e.key === 'digit' ? Number(e.value) : 0;
        if (n === 1) this.step = { s: 'statement-text', text: d!.statement?.kind === 'statement' ? d!.statement.text : '' };
        else if (n === 2) {
          d!.statement = { kind: 'refused' };
          this.go('review');
        } else if (e.key === 'enter' && d!.statement) this.go('review');
        else if (e.key === 'back') this.go('actions');
        return;
      }
      case 'statement-text': {
        const v = editText(st.text, e, 'text', 500);
        if (v !== null) this.step = { ...st, text: v };
        else if (e.key === 'enter' && st.text.trim()) {
          d!.statement = { kind: 'statement', text: st.text.trim() };
          this.go('review');
        } else if (e.key === 'back') this.step = { s: 'statement' };
        return;
      }
      case 'review':
        if (e.key === 'f3' && d!.finding === 'kacak') {
          const cur = d!.method ?? this.cfg.estimation.defaultMethod;
          d!.method = ESTIMATION_METHODS[(ESTIMATION_METHODS.indexOf(cur) + 1) % ESTIMATION_METHODS.length];
          this.refreshPreview();
        } else if (e.key === 'enter' && this.preview && this.preview.errors.length === 0 && !this.preview.accrualProblem) this.step = { s: 'confirm' };
        else if (e.key === 'back') this.go('statement');
        return;
      case 'confirm':
        if (e.key === 'enter') return this.seal();
        if (e.key === 'back') this.go('review');
        return;
      case 'leave': {
        const n = e.key === 'digit' ? Number(e.value) : 0;
        if (n === 1 || e.key === 'enter') this.ctx.nav.pop();
        else if (n === 2) this.discard();
        else if (e.key === 'back') this.step = { s: 'meter' };
        return;
      }
      case 'sealed':
      case 'print-failed':
        if (e.key === 'enter' || e.key === 'f1') return this.print(st.report);
        if (e.key === 'back') this.ctx.nav.pop();
        return;
      case 'printed':
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        else if (e.key === 'f2') this.ctx.nav.replace({ name: 'reprint', documentNo: st.doc.documentNo });
        return;
      case 'discarded':
      case 'failed':
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        return;
    }
  }

  /** Enter: next step; Back: previous step (both save the draft). */
  private nav(e: InputEvent & { type: 'key' }): void {
    const i = STEPS.indexOf(this.step.s as Main);
    if (i < 0) return;
    if (e.key === 'enter' && i + 1 < STEPS.length) this.go(STEPS[i + 1]!);
    else if (e.key === 'back') this.go(i === 0 ? 'meter' : STEPS[i - 1]!);
  }

  private pickNumber(e: InputEvent & { type: 'key' }, count: number, enterTakesFirst = false): number {
    if (e.key === 'digit') {
      const n = Number(e.value);
      return n >= 1 && n <= count ? n : 0;
    }
    return enterTakesFirst && e.key === 'enter' && count > 0 ? 1 : 0;
  }

  private meterKey(e: InputEvent & { type: 'key' }): void {
    const d = this.draft!;
    if (e.key === 'f1') {
      this.noMeter = !this.noMeter;
      d.meter = this.noMeter ? null : this.serialText ? { serial: this.serialText, scanned: false, index: this.indexText ? Number(this.indexText) : null } : null;
      this.problem = null;
      return;
    }
    if (e.key === 'f2') return this.ctx.promptScan?.();
    if (e.key === 'up' || e.key === 'down') {
      this.meterField = this.meterField === 'serial' ? 'index' : 'serial';
      return;
    }
    if (e.key === 'back') {
      this.step = { s: 'leave' };
      return;
    }
    if (e.key === 'enter') {
      if (this.noMeter) return this.go('seals');
      if (!this.serialText.trim()) {
        this.problem = this.ctx.t('insp.meter.needSerial');
        return;
      }
      d.meter = { serial: this.serialText.trim(), scanned: d.meter?.scanned === true && d.meter.serial === this.serialText.trim(), index: this.indexText ? Number(this.indexText) : null };
      if (this.meterField === 'serial' && this.indexText === '') {
        this.meterField = 'index';
        return;
      }
      return this.go('seals');
    }
    if (this.meterField === 'serial') {
      const v = editText(this.serialText, e, 'text', 32);
      if (v !== null) {
        this.serialText = v;
        d.meter = { serial: v, scanned: false, index: d.meter?.index ?? null };
      }
    } else {
      const v = editText(this.indexText, e, 'digits', 10);
      if (v !== null) this.indexText = v;
    }
  }

  private subtypes() {
    const f = this.draft?.finding;
    return f === 'kacak' || f === 'usulsuz' ? this.cfg.subtypes[f] : [];
  }

  /** Moves to a main step and keeps the draft on disk. */
  private go(next: Main, subtype = false): void {
    this.problem = null;
    this.step = subtype ? { s: 'subtype' } : { s: next };
    if (next === 'review') this.refreshPreview();
    const r = this.record;
    const d = this.draft;
    if (!r || !d) return;
    this.settle(this.ctx.app.inspections.save(r.reportNo, d), () => undefined, (e) => (this.problem = this.ctx.t('insp.saveFailed', { reason: this.ctx.errorText(e) })));
  }

  private refreshPreview(): void {
    if (!this.record || !this.draft) return;
    try {
      this.preview = this.ctx.app.inspections.preview(this.record.reportNo, this.draft);
    } catch (e) {
      this.preview = { errors: [], accrualProblem: { code: 'error', message: this.ctx.errorText(e) } };
    }
  }

  private seal(): void {
    const r = this.record!;
    this.step = { s: 'sealing' };
    this.settle(
      this.ctx.app.inspections.confirm(r.reportNo, this.draft!),
      (report) => (this.step = { s: 'sealed', report }),
      (e) => {
        this.step = { s: 'review' };
        this.refreshPreview();
        this.problem = this.ctx.errorText(e);
      },
    );
  }

  private print(report: SealedReport): void {
    this.step = { s: 'printing', report };
    this.settle(
      this.ctx.app.inspections.print(report.reportNo),
      (doc) => (this.step = { s: 'printed', report, doc }),
      (e) => (this.step = { s: 'print-failed', report, reason: this.ctx.errorText(e) }),
    );
  }

  private discard(): void {
    const r = this.record!;
    this.settle(this.ctx.app.inspections.discard(r.reportNo, 'abandoned by the crew'), () => (this.step = { s: 'discarded' }), (e) => (this.step = { s: 'failed', reason: this.ctx.errorText(e) }));
  }

  // ------------------------------------------------------------------ view

  view(size: Size): ScreenView {
    const { t } = this.ctx;
    const cols = size.cols;
    const st = this.step;
    const no = this.record?.reportNo ?? '';
    const i = STEPS.indexOf(st.s as Main);
    const base = { title: clip(t('insp.title', { no: no.replace(/^TT-.*-(\d{4}-\d+)$/, '$1') }), cols - 6), titleRight: i >= 0 ? t('insp.step', { n: i + 1, total: STEPS.length }) : '' };
    const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
    const hint = (k: UiKey) => [...(this.problem ? text(this.problem, 'bold') : []), ...text(t(k))];
    const d = this.draft;
    const pick = (head: string, items: string[]): Line[] => {
      const rows = items.map((s, n) => line(clip(`${n + 1} ${s}`, cols)));
      return pinned([...text(head, 'bold'), ...rows], text(t('insp.pick.hint')), size.rows);
    };
    const list = (title: UiKey, none: UiKey, items: string[], k: UiKey): Line[] =>
      pinned([...text(t(title), 'bold'), ...(items.length ? items.flatMap((s) => text(`- ${s}`)) : text(t(none)))], hint(k), size.rows);
    switch (st.s) {
      case 'starting':
        return { ...base, body: text(t('insp.starting')), keys: [] };
      case 'failed':
        return { ...base, body: pinned(text(st.reason, 'bold'), text(t('bill.doneHint')), size.rows), keys: [] };
      case 'meter': {
        const top: Line[] = [];
        if (this.record?.corrects) top.push(...text(t('insp.corrects', { no: this.record.corrects }), 'bold'));
        if (this.rec) top.push(...text(this.rec.job.customer.address), ...text(t('insp.meter.expected', { serial: this.rec.job.meter.serial })));
        if (this.noMeter) {
          top.push(blank, ...text(t('insp.meter.none'), 'bold'));
          return { ...base, body: pinned(top, hint('insp.meter.hint'), size.rows), keys: [t('key.noMeter')] };
        }
        top.push(...text(t('insp.meter.scan')));
        if (d?.meter?.serial) top.push(...text(t(d.meter.scanned ? 'insp.meter.scanned' : 'insp.meter.typed')));
        if (this.rec && this.serialText && this.serialText !== this.rec.job.meter.serial) top.push(...text(t('insp.meter.mismatch'), 'bold'));
        const fields = [
          fieldLine(t('insp.meter.serial'), this.serialText, cols, { active: this.meterField === 'serial', labelWidth: 7 }),
          fieldLine(t('insp.meter.index'), this.indexText, cols, { active: this.meterField === 'index', labelWidth: 7 }),
        ];
        return { ...base, body: pinned(top, [...fields, ...hint('insp.meter.hint')], size.rows), keys: [t('key.noMeter'), this.ctx.promptScan ? t('key.scan') : undefined] };
      }
      case 'seals':
        return { ...base, body: list('insp.seals.title', 'insp.seals.none', d!.seals.map((s) => `${s.sealNo || '?'} ${t(`insp.seal.${s.status}`)}`), 'insp.seals.hint'), keys: [t('key.add')] };
      case 'seal-no':
        return { ...base, body: pinned(text(t('insp.seals.title'), 'bold'), [fieldLine(t('insp.seal.no'), st.text, cols, { active: true }), ...text(t('insp.text.hint'))], size.rows), keys: [] };
      case 'seal-state':
        return { ...base, body: pick(t('insp.seal.status', { no: st.sealNo }), SEAL_STATES.map((s) => t(`insp.seal.${s}`))), keys: [] };
      case 'finding':
        return { ...base, body: pick(t('insp.finding.title'), [t('insp.finding.none'), t('insp.finding.kacak'), t('insp.finding.usulsuz')]), keys: [] };
      case 'subtype':
        return { ...base, body: pick(t('insp.subtype.title'), this.subtypes().map((s) => s.label)), keys: [] };
      case 'appliances':
        return { ...base, body: list('insp.appliances.title', 'insp.appliances.none', d!.appliances.map((a) => `${this.applianceLabel(a.type)} ${a.kw} kW`), 'insp.appliances.hint'), keys: [t('key.add')] };
      case 'appliance-type':
        return { ...base, body: pick(t('insp.appliances.title'), this.cfg.applianceTypes.map((a) => a.label)), keys: [] };
      case 'appliance-kw':
        return { ...base, body: pinned(text(t('insp.appliance.kw', { type: st.label }), 'bold'), [fieldLine('kW', st.text, cols, { active: true }), ...text(t('insp.text.hint'))], size.rows), keys: [] };
      case 'user':
        return { ...base, body: pinned(text(t('insp.user.title'), 'bold'), [fieldLine(t('insp.user.name'), d!.user.name, cols, { active: true }), ...hint('insp.text.hint')], size.rows), keys: [] };
      case 'witnesses':
        return { ...base, body: list('insp.witnesses.title', 'insp.witnesses.none', d!.witnesses.map((w) => w.name), 'insp.witnesses.hint'), keys: [t('key.add')] };
      case 'witness-name':
        return { ...base, body: pinned(text(t('insp.witnesses.title'), 'bold'), [fieldLine(t('insp.witness.name'), st.text, cols, { active: true }), ...text(t('insp.text.hint'))], size.rows), keys: [] };
      case 'actions': {
        const rows = this.cfg.actions.map((a, n) => line(clip(`${n + 1} [${d!.actions.includes(a.code) ? 'x' : ' '}] ${a.label}`, cols)));
        return { ...base, body: pinned([...text(t('insp.actions.title'), 'bold'), ...rows], hint('insp.actions.hint'), size.rows), keys: [] };
      }
      case 'statement':
        return { ...base, body: pick(t('insp.statement.title'), [t('insp.statement.write'), t('insp.statement.refused')]), keys: [] };
      case 'statement-text':
        return { ...base, body: pinned(text(t('insp.statement.title'), 'bold'), [...wrapLines(`${st.text}_`, cols, 'inverse'), ...text(t('insp.text.hint'))], size.rows), keys: [] };
      case 'review':
        return { ...base, title: t('insp.review.title'), body: pinned(this.reviewLines(cols), hint(this.preview?.errors.length || this.preview?.accrualProblem ? 'insp.review.fixHint' : 'insp.review.hint'), size.rows), keys: [undefined, undefined, d!.finding === 'kacak' ? t('key.method') : undefined] };
      case 'confirm':
        return { ...base, body: pinned(text(t('insp.confirm'), 'bold'), text(t('insp.confirmHint')), size.rows), keys: [] };
      case 'leave':
        return { ...base, body: pick(t('insp.leave'), [t('insp.leave.keep'), t('insp.leave.discard')]), keys: [] };
      case 'sealing':
        return { ...base, body: text(t('insp.sealing'), 'bold'), keys: [] };
      case 'sealed':
        return { ...base, body: pinned([...text(t('insp.sealed'), 'bold'), ...text(st.report.reportNo), ...text(t('insp.hash', { hash: st.report.evidenceSha256.slice(0, 16) }))], text(t('insp.printHint')), size.rows), keys: [t('key.print')] };
      case 'printing':
        return { ...base, body: [...text(st.report.reportNo), ...text(t('bill.printing'), 'bold')], keys: [] };
      case 'printed': {
        const top = [...text(t('insp.printed'), 'bold'), ...text(st.report.reportNo), ...text(t('insp.hash', { hash: st.report.evidenceSha256.slice(0, 16) }))];
        if (st.doc.savedAt) top.push(...text(t('bill.savedAt', { path: st.doc.savedAt })));
        return { ...base, body: pinned(top, text(t('bill.nextHint')), size.rows), keys: [undefined, t('key.reprint')] };
      }
      case 'print-failed':
        return { ...base, body: pinned([...text(t('insp.sealed'), 'bold'), ...text(st.report.reportNo), ...text(t('bill.printFailed', { reason: st.reason }), 'bold')], text(t('bill.retryHint')), size.rows), keys: [t('key.print')] };
      case 'discarded':
        return { ...base, body: pinned(text(t('insp.discarded'), 'bold'), text(t('bill.doneHint')), size.rows), keys: [] };
    }
  }

  private applianceLabel(type: string): string {
    return this.cfg.applianceTypes.find((a) => a.type === type)?.label ?? type;
  }

  private reviewLines(cols: number): Line[] {
    const { t } = this.ctx;
    const d = this.draft!;
    const p = this.preview;
    const text = (s: string, style?: 'bold') => wrapLines(s, cols, style);
    const finding = d.finding === null ? '?' : d.finding === 'none' ? t('insp.finding.none') : `${t(`insp.finding.${d.finding}`)} / ${this.subtypes().find((s) => s.code === d.subtype)?.label ?? '?'}`;
    // Most important first: a short screen drops lines from the end.
    const out: Line[] = [...text(t('insp.review.finding', { finding }), 'bold')];
    if (p?.errors.length) {
      out.push(...text(t('insp.review.problems'), 'bold'));
      for (const e of p.errors) out.push(...text(`- ${e.message}`));
    }
    if (p?.accrualProblem) out.push(...text(t('insp.review.noAccrual', { reason: p.accrualProblem.message }), 'bold'));
    const a = p?.accrual;
    if (a) {
      out.push(...text(t('insp.review.total', { amount: formatMoney(a.total, t.locale) }), 'bold'));
      if (a.period && a.estimatedM3) out.push(...text(t('insp.review.estimate', { days: a.period.days, m3: a.estimatedM3 })));
      if (a.method) out.push(...text(t('insp.review.method', { method: t(`insp.method.${a.method}`) })));
      if (a.repeat) out.push(...text(t('insp.review.repeat'), 'bold'));
      if (a.assumed.length) out.push(...text(t('insp.review.assumed')));
    }
    out.push(...text(d.meter ? t('insp.review.meter', { serial: d.meter.serial, index: d.meter.index ?? '-' }) : t('insp.meter.none')));
    out.push(...text(t('insp.review.seals', { n: d.seals.length })));
    if (a) for (const l of a.lines) out.push(...text(`${l.description}: ${formatMoney(l.amount, t.locale)} + KDV ${formatMoney(l.vat, t.locale)}`));
    return out;
  }
}
