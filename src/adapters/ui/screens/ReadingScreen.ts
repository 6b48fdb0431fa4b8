/**
 * A meter reading, driven by the core ReadingEntry state machine (validation is never redone
 * here): scan to confirm the meter, key the index, answer what the machine asks (identical
 * re-key, rollover / meter changed / misread), or pick a no-read code. Then the bill preview;
 * nothing is recorded until the crew confirms, and "Kaydedildi" shows only once the app's
 * promise resolved. Then print.
 *
 * Keys: digits/Clear edit, Enter goes forward, Back goes one step back (from the first step it
 * leaves the meter, recording nothing), F1 no-read code, F2 scan (demo).
 */
import type { Invoice, InvoiceCalc } from '../../../core/billing/types.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord, Override as WorkOverride } from '../../../core/jobs/types.js';
import { isoInstant } from '../../../core/time/calendar.js';
import { ReadingEntry, type EntryState, type NoReadCode, type Override, type ReadingOutcome } from '../../../core/reading/index.js';
import { readingText } from '../i18n/index.js';
import type { Size } from '../view/frame.js';
import { editText } from '../view/widgets.js';
import { BaseScreen } from './BaseScreen.js';
import { CHOICES, readingView, SEAL_BROKEN_CODE, type Scan, type Step, type SupervisorField } from './ReadingScreenView.js';
import type { ScreenView, UiContext } from './Screen.js';

/** The domain code for "the meter on site is not the job's meter" (docs/domain.md §2). */
const MISMATCH_CODE = '11';

export class ReadingScreen extends BaseScreen {
  readonly jobId: string;
  private readonly rec: JobRecord | undefined;
  private entry: EntryState | null = null;
  private step: Step = { s: 'entry' };
  private field = '';
  private choice = 0;
  private scan: Scan = { s: 'none' };
  private pickTop = 0;
  private sup: SupervisorField = { id: '', pin: '', focus: 'id' };

  constructor(ctx: UiContext, jobId: string, scanned?: string) {
    super(ctx);
    this.jobId = jobId;
    this.rec = ctx.app.job(jobId);
    this.restart();
    if (scanned !== undefined) this.recordScan(scanned);
  }

  private restart(): void {
    const { app } = this.ctx;
    const operatorId = app.session()?.operatorId ?? '';
    this.field = '';
    this.choice = 0;
    this.sup = { id: '', pin: '', focus: 'id' };
    if (!this.rec) {
      this.step = { s: 'failed', reason: this.ctx.t('error.Job_NotFound'), back: 'leave' };
      return;
    }
    try {
      const { meter } = this.rec.job;
      this.entry = ReadingEntry.start({
        meter: {
          digits: meter.digits,
          lastIndex: meter.lastIndex,
          lastReadDate: meter.lastReadDate,
          ...(meter.expectedDailyM3 ? { expectedDailyM3: meter.expectedDailyM3 } : {}),
          ...(meter.class ? { class: meter.class } : {}),
        },
        readDate: app.today(),
        rules: app.readingRules,
        operatorId,
        billed: true,
      });
      this.step = { s: 'entry' };
    } catch (e) {
      this.step = { s: 'failed', reason: this.ctx.errorText(e), back: 'leave' };
    }
  }

  private get codes(): readonly NoReadCode[] {
    return this.ctx.app.readingRules.noReadCodes;
  }

  private at(): string {
    return isoInstant(this.ctx.app.now());
  }

  handle(e: InputEvent): void {
    if (e.type === 'scan') {
      if (this.step.s === 'entry' || this.step.s.startsWith('noRead')) this.recordScan(e.code);
      return;
    }
    const st = this.step;
    switch (st.s) {
      case 'entry':
        return this.entryKey(e);
      case 'noRead-pick':
        return this.pickKey(st, e);
      case 'noRead-note': {
        const v = editText(st.note, e, 'text', this.ctx.app.readingRules.noteMaxLength);
        if (v !== null) this.step = { ...st, note: v, notice: undefined };
        else if (e.key === 'enter') this.step = { s: 'noRead-confirm', code: st.code, note: st.note };
        else if (e.key === 'back') this.step = { s: 'noRead-pick', selected: this.codes.indexOf(st.code), typed: '' };
        return;
      }
      case 'noRead-confirm':
        if (e.key === 'enter') return this.saveNoRead(st.code, st.note);
        if (e.key === 'back')
          this.step = st.code.requiresNote
            ? { s: 'noRead-note', code: st.code, note: st.note }
            : { s: 'noRead-pick', selected: this.codes.indexOf(st.code), typed: '' };
        return;
      case 'preview':
        if (e.key === 'enter') return this.saveReading(st.outcome, st.calc);
        if (e.key === 'back') this.restart();
        return;
      case 'meter-changed':
        if (e.key === 'enter') {
          const code = this.codes.find((c) => c.code === MISMATCH_CODE);
          if (code) return this.saveNoRead(code, this.ctx.t('reading.meterChangedNote', { index: st.outcome.index }), true);
        }
        if (e.key === 'back') this.restart();
        return;
      case 'saved-reading':
        if (st.invoice && (e.key === 'enter' || e.key === 'f1')) return this.print(st.invoice);
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        return;
      case 'saved-noread':
        if (e.key === 'f3' && st.code.code === SEAL_BROKEN_CODE) return this.ctx.nav.replace({ name: 'inspection', jobId: this.jobId });
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        return;
      case 'printed':
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        else if (e.key === 'f2') this.ctx.nav.replace({ name: 'reprint', documentNo: st.doc.documentNo });
        return;
      case 'print-failed':
        if (e.key === 'enter' || e.key === 'f1') return this.print(st.invoice);
        if (e.key === 'back') this.ctx.nav.pop();
        return;
      case 'failed':
        if (e.key === 'enter' || e.key === 'back') {
          if (st.back === 'leave') this.ctx.nav.pop();
          else this.restart();
        }
        return;
      case 'saving':
      case 'printing':
        return; // the crew waits for the promise; keys now could double-submit
    }
  }

  private entryKey(e: InputEvent & { type: 'key' }): void {
    const entry = this.entry;
    if (!entry) return;
    if (e.key === 'f1') return this.openNoRead(this.scan.s === 'mismatch' ? MISMATCH_CODE : undefined);
    if (e.key === 'f2') return this.ctx.promptScan?.();
    if (entry.step === 'supervise') return this.supervisorKey(entry, e);
    if (entry.step === 'choose') {
      const allowed = CHOICES.filter((c) => entry.allowed.includes(c));
      if (e.key === 'up' || e.key === 'down') this.choice = (this.choice + (e.key === 'up' ? allowed.length - 1 : 1)) % allowed.length;
      else if (e.key === 'digit' && Number(e.value) >= 1 && Number(e.value) <= allowed.length)
        this.take(ReadingEntry.choose(entry, allowed[Number(e.value) - 1]!, this.at()));
      else if (e.key === 'enter' && allowed[this.choice]) this.take(ReadingEntry.choose(entry, allowed[this.choice]!, this.at()));
      else if (e.key === 'back') this.restart();
      return;
    }
    const v = editText(this.field, e, 'text', 16);
    if (v !== null) {
      this.field = v;
      return;
    }
    if (e.key === 'enter') {
      const keyed = this.field;
      this.field = '';
      this.take(ReadingEntry.submit(entry, keyed, this.at()));
    } else if (e.key === 'back') {
      if (entry.step === 'rekey') return this.restart();
      this.entry = ReadingEntry.cancel(entry);
      this.ctx.nav.pop();
    }
  }

  /** Supervisor id then PIN, checked by the app's override mechanism of the field-work flows. */
  private supervisorKey(entry: Extract<EntryState, { step: 'supervise' }>, e: InputEvent & { type: 'key' }): void {
    const f = this.sup;
    const v = f.focus === 'id' ? editText(f.id, e, 'text', 16) : editText(f.pin, e, 'digits', 12);
    if (v !== null) this.sup = f.focus === 'id' ? { ...f, id: v } : { ...f, pin: v };
    else if (e.key === 'back') {
      if (f.focus === 'pin') this.sup = { ...f, focus: 'id', pin: '' };
      else this.restart();
    } else if (e.key === 'enter' && f.focus === 'id' && f.id.trim() !== '') this.sup = { ...f, focus: 'pin' };
    else if (e.key === 'enter' && f.focus === 'pin') {
      const { t, app } = this.ctx;
      this.settle(
        app.authorizeOverride({ jobId: this.jobId, supervisorId: f.id.trim(), pin: f.pin, reason: t('reading.supervisorReason') }),
        (grant) => {
          try {
            this.take(ReadingEntry.supervise(entry, grant.supervisorId, this.at()));
          } catch (err) {
            this.sup = { ...f, pin: '', problem: this.ctx.errorText(err) };
          }
        },
        () => (this.sup = { ...f, pin: '', problem: t('login.failed') }),
      );
    }
  }

  /** A new machine state: stay on the entry step, or move on with its outcome. */
  private take(next: EntryState): void {
    this.entry = next;
    this.choice = 0;
    if (next.step !== 'done') return;
    const o = next.outcome;
    if (o.kind === 'reading') {
      try {
        this.step = { s: 'preview', outcome: o, calc: this.ctx.app.previewBill(this.jobId, o.index) };
      } catch (err) {
        this.step = { s: 'failed', reason: this.ctx.errorText(err), back: 'entry' };
      }
    } else if (o.kind === 'meter-changed') this.step = { s: 'meter-changed', outcome: o };
    else {
      // "Tampering suspected" on an impossible lower index: the machine already chose the no-read code.
      const code = this.codes.find((c) => c.code === o.code);
      if (code) this.saveNoRead(code, o.note ?? '', true);
    }
  }

  private openNoRead(preselect?: string): void {
    const i =
      preselect === undefined
        ? 0
        : Math.max(
            0,
            this.codes.findIndex((c) => c.code === preselect),
          );
    this.step = { s: 'noRead-pick', selected: i, typed: '' };
  }

  private pickKey(st: Extract<Step, { s: 'noRead-pick' }>, e: InputEvent & { type: 'key' }): void {
    const codes = this.codes;
    if (e.key === 'up' || e.key === 'down') {
      this.step = { ...st, typed: '', selected: Math.min(codes.length - 1, Math.max(0, st.selected + (e.key === 'up' ? -1 : 1))) };
    } else if (e.key === 'digit') {
      // Codes are two digits: the crew keys "0","7" for 07; the list follows the keys.
      const typed = (st.typed + e.value).slice(-2);
      const i = codes.findIndex((c) => c.code === typed);
      this.step = { s: 'noRead-pick', typed: typed.length === 2 ? '' : typed, selected: i >= 0 ? i : st.selected };
    } else if (e.key === 'clear') this.step = { ...st, typed: '' };
    else if (e.key === 'back') this.step = { s: 'entry' };
    else if (e.key === 'enter') {
      const code = codes[st.selected];
      if (!code) return;
      this.step = code.requiresNote ? { s: 'noRead-note', code, note: '' } : { s: 'noRead-confirm', code, note: '' };
    }
  }

  private recordScan(code: string): void {
    this.scan = { s: 'checking' };
    this.settle(
      this.ctx.app.recordScan(this.jobId, code),
      (r) => (this.scan = r.match ? { s: 'ok' } : { s: 'mismatch', code }),
      () => (this.scan = { s: 'mismatch', code }),
    );
  }

  private saveReading(o: ReadingOutcome, calc: InvoiceCalc): void {
    this.step = { s: 'saving' };
    this.settle(
      this.ctx.app.confirmReading({
        jobId: this.jobId,
        index: o.index,
        rollover: o.rollover,
        outlierConfirmed: o.outlierConfirmed,
        overrides: o.overrides.map(toWorkOverride),
      }),
      (r) => (this.step = r.invoice ? { s: 'saved-reading', invoice: r.invoice, calc } : { s: 'saved-reading', calc }),
      (err) => (this.step = { s: 'failed', reason: this.ctx.errorText(err), back: 'entry' }),
    );
  }

  private saveNoRead(code: NoReadCode, note: string, decided = false): void {
    // The machine validates the code and the note (required for 99, length); a meter change is
    // already a finished outcome and goes to the app as code 11 with the keyed index as the note;
    // "tampering suspected" is one too (the machine picked rules.tamperNoReadCode). Both are follow-ups.
    let followUp = code.followUp;
    if (!decided && this.entry) {
      const next = ReadingEntry.noRead(this.entry, code.code, note);
      if (next.step !== 'done') {
        const notice = 'notice' in next && next.notice ? readingText(next.notice, this.ctx.t.locale) : '';
        this.step = { s: 'noRead-note', code, note, notice };
        return;
      }
      this.entry = next;
      if (next.outcome.kind === 'no-read') followUp = next.outcome.followUp;
    }
    this.step = { s: 'saving' };
    const trimmed = note.trim();
    this.settle(
      this.ctx.app.recordNoRead({
        jobId: this.jobId,
        reasonCode: code.code,
        followUp: decided || followUp,
        ...(trimmed ? { note: trimmed } : {}),
      }),
      () => (this.step = { s: 'saved-noread', code }),
      (err) => (this.step = { s: 'failed', reason: this.ctx.errorText(err), back: 'entry' }),
    );
  }

  private print(invoice: Invoice): void {
    this.step = { s: 'printing', invoice };
    this.settle(
      this.ctx.app.printInvoice(invoice.invoiceNo),
      (doc) => (this.step = { s: 'printed', invoice, doc }),
      (err) => (this.step = { s: 'print-failed', invoice, reason: this.ctx.errorText(err) }),
    );
  }

  view(size: Size): ScreenView {
    const v = readingView(
      { ctx: this.ctx, jobId: this.jobId, rec: this.rec, entry: this.entry, step: this.step, field: this.field, choice: this.choice },
      { scan: this.scan, pickTop: this.pickTop, sup: this.sup },
      size,
    );
    this.pickTop = v.pickTop;
    return v.view;
  }
}

/** The reading machine's override → the work record's override shape of the app. */
function toWorkOverride(o: Override): WorkOverride {
  switch (o.kind) {
    case 'outlier-confirmed':
      return { kind: o.kind, flags: [...o.flags], operatorId: o.operatorId, at: o.at };
    case 'rollover':
      return { kind: o.kind, operatorId: o.operatorId, at: o.at, reason: `${o.previousIndex}→${o.index}` };
    case 'meter-changed':
      return { kind: o.kind, operatorId: o.operatorId, at: o.at, reason: `${o.previousIndex}→${o.index}` };
    case 'supervisor-confirmed':
      return { kind: 'supervisor', operatorId: o.supervisorId, at: o.at, reason: `high ${o.consumptionM3} m³ keyed by ${o.operatorId}` };
  }
}
