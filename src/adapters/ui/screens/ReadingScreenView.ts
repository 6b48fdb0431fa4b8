/**
 * What the reading screen (ReadingScreen.ts) shows for each of its steps: pure rendering of the
 * screen's state, kept apart so the screen file holds only the key handling and the app calls.
 */
import type { PrintedDocument } from '../../../app/AppServices.js';
import type { Invoice, InvoiceCalc } from '../../../core/billing/types.js';
import type { JobRecord } from '../../../core/jobs/types.js';
import {
  SCAN_OVERRIDE_REASONS,
  type EntryState,
  type LowerChoice,
  type MeterChangedOutcome,
  type NoReadCode,
  type ReadingOutcome,
} from '../../../core/reading/index.js';
import { readingText, scanOverrideLabel } from '../i18n/index.js';
import { billLines } from '../view/billLines.js';
import type { Size } from '../view/frame.js';
import { formatMoney } from '../view/format.js';
import { extraLines, jobDetailLines, meterLines } from '../view/jobRow.js';
import { blank, clip, line, wrapLines, type Line } from '../view/text.js';
import { fieldLine, pickRows, pinned } from '../view/widgets.js';
import type { ScreenView, UiContext } from './Screen.js';

export type Scan =
  | { s: 'none' }
  | { s: 'checking' }
  | { s: 'ok' }
  /** `other`: the open job on this route whose meter was scanned (F4 opens it). */
  | { s: 'mismatch'; code: string; other?: { jobId: string; seq: number } }
  | { s: 'override'; reason: string };

export type Step =
  | { s: 'entry' }
  | { s: 'noRead-pick'; selected: number; typed: string }
  | { s: 'override-pick'; selected: number }
  | { s: 'noRead-note'; code: NoReadCode; note: string; notice?: string }
  | { s: 'noRead-confirm'; code: NoReadCode; note: string }
  | { s: 'preview'; outcome: ReadingOutcome; calc: InvoiceCalc }
  /** A high reading held for the office (config reading.highConsumption): saved on Enter, never billed here. */
  | { s: 'held'; outcome: ReadingOutcome }
  | { s: 'meter-changed'; outcome: MeterChangedOutcome }
  | { s: 'saving' }
  | { s: 'saved-reading'; invoice?: Invoice; calc?: InvoiceCalc; held?: boolean }
  | { s: 'saved-noread'; code: NoReadCode }
  | { s: 'printing'; invoice: Invoice }
  | { s: 'printed'; invoice: Invoice; doc: PrintedDocument }
  | { s: 'print-failed'; invoice: Invoice; reason: string }
  | { s: 'failed'; reason: string; back: 'entry' | 'leave' };

/** The supervisor's id and PIN while the machine waits in its supervise step (docs/invoice.md). */
export interface SupervisorField {
  id: string;
  pin: string;
  focus: 'id' | 'pin';
  problem?: string;
}

export const CHOICES: readonly LowerChoice[] = ['rollover', 'meter-changed', 'misread', 'tampering'];
/** "Mühür kopuk / müdahale şüphesi": leads straight into a kaçak inspection (docs/domain.md §2, §4). */
export const SEAL_BROKEN_CODE = '09';

export interface ReadingViewState {
  ctx: UiContext;
  jobId: string;
  rec: JobRecord | undefined;
  entry: EntryState | null;
  step: Step;
  field: string;
  choice: number;
}

export interface ReadingUiState {
  scan: Scan;
  pickTop: number;
  sup: SupervisorField;
  /** A key the index field refused, said until the next key. */
  refused?: string;
}

export function readingView(v: ReadingViewState, ui: ReadingUiState, size: Size): { view: ScreenView; pickTop: number } {
  const top = { value: ui.pickTop };
  const view = screenView(v, ui, size, top);
  return { view, pickTop: top.value };
}

function screenView(v: ReadingViewState, ui: ReadingUiState, size: Size, top: { value: number }): ScreenView {
  const { t } = v.ctx;
  const base = {
    title: t('reading.title', { jobId: v.jobId }),
    titleRight: v.rec ? t('job.seq', { n: v.rec.job.routeSeq }) : '',
  };
  const st = v.step;
  const cols = size.cols;
  const text = (s: string, style?: 'bold' | 'inverse') => wrapLines(s, cols, style);
  switch (st.s) {
    case 'entry': {
      const gate = v.entry?.gate?.s ?? 'none';
      return {
        ...base,
        body: entryBody(v, ui, size),
        keys: [
          t('key.noRead'),
          v.ctx.promptScan ? t('key.scan') : undefined,
          gate === 'none' ? t('key.unreadable') : undefined,
          ui.scan.s === 'mismatch' && ui.scan.other ? t('key.openJob') : undefined,
        ],
      };
    }
    case 'override-pick': {
      const items = SCAN_OVERRIDE_REASONS.map((r, i) => `${i + 1} ${scanOverrideLabel(r.code, t.locale) ?? r.code}`);
      const head = [line(clip(t('reading.override.pick'), cols), 'bold')];
      const { rows, win } = pickRows(items, st.selected, size.rows - head.length, cols, top.value);
      top.value = win.top;
      return { ...base, title: t('reading.override.title'), body: [...head, ...rows], keys: [] };
    }
    case 'noRead-pick': {
      const items = v.ctx.app.readingRules.noReadCodes.map((c) => `${c.code} ${c.label}`);
      const head = [line(clip(t('noRead.pick'), cols), 'bold')];
      const { rows, win } = pickRows(items, st.selected, size.rows - head.length, cols, top.value);
      top.value = win.top;
      return { ...base, title: t('noRead.title'), body: [...head, ...rows], keys: [] };
    }
    case 'noRead-note':
      return {
        ...base,
        title: t('noRead.title'),
        body: pinned(
          [...text(`${st.code.code} ${st.code.label}`, 'bold'), line(t('noRead.note'))],
          [...(st.notice ? text(st.notice, 'bold') : []), ...wrapField(st.note, cols)],
          size.rows,
        ),
        keys: [],
      };
    case 'noRead-confirm':
      return {
        ...base,
        body: pinned(
          [
            ...text(t('noRead.confirm', { code: st.code.code, label: st.code.label }), 'bold'),
            ...(st.note ? text(st.note) : []),
            ...(st.code.followUp ? text(t('noRead.followUp')) : []),
          ],
          text(t('reading.enterConfirm')),
          size.rows,
        ),
        keys: [],
        confirm: true,
      };
    case 'preview':
      return {
        ...base,
        title: t('bill.title'),
        body: pinned(
          [
            ...overrideLines(st.outcome, cols, t),
            ...billLines(st.calc, cols, t, { rollover: st.outcome.rollover, outlier: st.outcome.outlierConfirmed }),
            ...emailLines(v, cols),
          ],
          text(t('bill.confirm')),
          size.rows,
        ),
        keys: [],
        confirm: true,
      };
    case 'held':
      return {
        ...base,
        title: t('bill.heldTitle'),
        body: pinned(
          [...overrideLines(st.outcome, cols, t), ...text(t('bill.held'), 'bold'), ...text(t('bill.heldNoPrint'))],
          text(t('reading.enterConfirm')),
          size.rows,
        ),
        keys: [],
        confirm: true,
      };
    case 'meter-changed':
      return {
        ...base,
        body: pinned(text(t('reading.meterChanged'), 'bold'), text(t('reading.enterConfirm')), size.rows),
        keys: [],
        confirm: true,
      };
    case 'saving':
      return { ...base, body: text(t('bill.saving'), 'bold'), keys: [] };
    case 'saved-reading': {
      const top = [...text(t('bill.saved'), 'bold')];
      if (st.held) top.push(...text(t('bill.held'), 'bold'));
      if (st.invoice) {
        top.push(...text(docNo(st.invoice, t)), ...text(t('bill.payable', { amount: formatMoney(st.invoice.payable, t.locale) })));
        if (st.invoice.emailTo) top.push(...text(t('bill.email', { email: st.invoice.emailTo })));
      } else if (st.calc) top.push(...billLines(st.calc, cols, t, { rollover: false, outlier: false }).slice(-1));
      return {
        ...base,
        body: pinned(top, text(st.invoice ? t('bill.printHint') : t('bill.doneHint')), size.rows),
        keys: st.invoice ? [t('key.print')] : [],
      };
    }
    case 'saved-noread':
      return {
        ...base,
        body: pinned(
          [
            ...text(t('bill.saved'), 'bold'),
            ...text(t('noRead.confirm', { code: st.code.code, label: st.code.label })),
            ...(st.code.code === SEAL_BROKEN_CODE ? text(t('insp.afterNoRead'), 'bold') : []),
          ],
          text(t('bill.doneHint')),
          size.rows,
        ),
        keys: st.code.code === SEAL_BROKEN_CODE ? [undefined, undefined, t('key.inspect')] : [],
      };
    case 'printing':
      return {
        ...base,
        body: [...text(docNo(st.invoice, t)), ...text(t('bill.printing'), 'bold')],
        keys: [],
      };
    case 'printed': {
      const top = [...text(t('bill.printed'), 'bold'), ...text(docNo(st.invoice, t))];
      if (st.invoice.emailTo) top.push(...text(t('bill.email', { email: st.invoice.emailTo })));
      if (st.doc.savedAt) top.push(...text(t('bill.savedAt', { path: st.doc.savedAt })));
      return { ...base, body: pinned(top, text(t('bill.nextHint')), size.rows), keys: [undefined, t('key.reprint')] };
    }
    case 'print-failed':
      return {
        ...base,
        body: pinned(
          [
            ...text(t('bill.saved'), 'bold'),
            ...text(docNo(st.invoice, t)),
            ...text(t('bill.printFailed', { reason: st.reason }), 'bold'),
            ...text(t('bill.printFailedKept')),
          ],
          text(t('bill.retryHint')),
          size.rows,
        ),
        keys: [t('key.print')],
      };
    case 'failed':
      return { ...base, body: pinned(text(st.reason, 'bold'), text(t('bill.doneHint')), size.rows), keys: [] };
  }
}

/** "Fatura No …", or "Bilgi Fişi No …" for an e-Fatura buyer's slip (docs/invoice.md "Bilgi fişi"). */
export function docNo(invoice: Invoice, t: UiContext['t']): string {
  return t(invoice.documentKind === 'bilgi-fisi' ? 'bill.slipNo' : 'bill.invoiceNo', { no: invoice.invoiceNo });
}

/** "Barkod okunamadı: reason" on the preview: the crew sees the override goes with the bill. */
function overrideLines(o: ReadingOutcome, cols: number, t: UiContext['t']): Line[] {
  if (o.scan?.kind !== 'override') return [];
  const reason = scanOverrideLabel(o.scan.reasonCode, t.locale) ?? o.scan.reasonCode;
  return wrapLines(t('bill.scanOverride', { reason }), cols, 'bold');
}

function emailLines(v: ReadingViewState, cols: number): Line[] {
  const c = v.rec?.job.customer;
  return c?.invoiceByEmail && c.email ? wrapLines(v.ctx.t('bill.email', { email: c.email }), cols) : [];
}

function entryBody(v: ReadingViewState, ui: ReadingUiState, size: Size): Line[] {
  const { t } = v.ctx;
  const cols = size.cols;
  const entry = v.entry;
  const rec = v.rec!;
  const bottom: Line[] = [];
  if (ui.refused) bottom.push(...wrapLines(ui.refused, cols, 'bold'));
  else if (entry && entry.step !== 'done' && entry.step !== 'cancelled' && entry.notice)
    bottom.push(...wrapLines(readingText(entry.notice, t.locale), cols, 'bold'));
  if (entry?.step === 'supervise') {
    const f = ui.sup;
    if (f.problem) bottom.push(...wrapLines(f.problem, cols, 'bold'));
    bottom.push(fieldLine(t('reading.supervisorId'), f.id, cols, { active: f.focus === 'id', labelWidth: 9 }));
    bottom.push(fieldLine(t('reading.supervisorPin'), f.pin, cols, { active: f.focus === 'pin', mask: true, labelWidth: 9 }));
  } else if (entry?.step === 'choose') {
    const allowed = CHOICES.filter((c) => entry.allowed.includes(c));
    allowed.forEach((c, i) =>
      bottom.push(line(clip(`${i + 1} ${t(`reading.choose.${c}`)}`, cols), i === v.choice ? 'inverse' : undefined)),
    );
  } else {
    bottom.push(fieldLine(entry?.step === 'rekey' ? t('reading.rekey') : t('reading.index'), v.field, cols, { active: true }));
  }
  const scanLine = scanLines(v, ui.scan, cols);
  const fixed = 1 + 2 + scanLine.length + bottom.length + 1;
  const head = [...jobDetailLines(rec, cols, t, Math.max(1, Math.min(3, size.rows - fixed))), ...meterLines(rec, cols, t)];
  // Installation, due date and the office's notes ("köpek var") when the screen has room.
  const extra = extraLines(rec, cols, t);
  const room = size.rows - bottom.length - head.length - scanLine.length - 1;
  const top = [...head, ...(extra.length <= room ? extra : []), ...scanLine, blank];
  return pinned(top, bottom, size.rows);
}

function scanLines(v: ReadingViewState, scan: Scan, cols: number): Line[] {
  const { t } = v.ctx;
  switch (scan.s) {
    case 'none':
      return wrapLines(t('reading.scan.none'), cols);
    case 'checking':
      return wrapLines(t('reading.scan.checking'), cols);
    case 'ok':
      return wrapLines(t('reading.scan.ok'), cols);
    case 'mismatch':
      return [
        ...wrapLines(t('reading.scan.mismatch', { code: scan.code }), cols, 'bold'),
        ...(scan.other ? wrapLines(t('reading.scan.otherJob', { seq: scan.other.seq }), cols) : []),
      ];
    case 'override':
      return wrapLines(t('reading.scan.override', { reason: scan.reason }), cols, 'bold');
  }
}

/** The note being typed, wrapped, with the cursor. */
function wrapField(note: string, cols: number): Line[] {
  return wrapLines(`${note}_`, cols).map((l) => [{ text: l[0]!.text, style: 'inverse' as const }]);
}
