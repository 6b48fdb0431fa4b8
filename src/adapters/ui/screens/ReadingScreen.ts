/**
 * A meter reading, driven by the core ReadingEntry state machine (validation is never redone
 * here): scan to confirm the meter, key the index, answer what the machine asks (identical
 * re-key, rollover / meter changed / misread), or pick a no-read code. Then the bill preview (a
 * high reading held for the office, config reading.highConsumption: a notice, no bill, no print);
 * nothing is recorded until the crew confirms, and "Kaydedildi" shows only once the app's
 * promise resolved. Then print: at once with printer.printOnConfirm (default), back to the list
 * at the next open job: a scan-opened reading is digits, Enter, Enter (issue 19). The scan gate
 * is the machine's (core/reading/scanGate.ts): no preview before the meter is scanned or its
 * barcode declared unreadable (F3); another meter offers re-scan, F1 code 11 or F4 its own job.
 * Keys: digits/Clear edit (letters refused as typed), Enter forward, Back one step back (from
 * the first step it leaves, recording nothing), F1 no-read code, F2 scan (demo).
 */
import type { Invoice, InvoiceCalc } from '../../../core/billing/types.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { JobRecord } from '../../../core/jobs/types.js';
import { isoInstant } from '../../../core/time/calendar.js';
import {
  message,
  ReadingEntry,
  WRONG_METER_NO_READ_CODE,
  type EntryState,
  type NoReadCode,
  type ReadingOutcome,
} from '../../../core/reading/index.js';
import { readingText, scanOverrideLabel } from '../i18n/index.js';
import type { Size } from '../view/frame.js';
import { nextOpenJob } from '../view/nextJob.js';
import { editText } from '../view/widgets.js';
import { BaseScreen } from './BaseScreen.js';
import { noReadPickKey, overridePickKey, pickIndex, routeTo, supervisorFieldKey, toWorkOverride } from './readingKeys.js';
import { CHOICES, readingView, SEAL_BROKEN_CODE, type Scan, type Step, type SupervisorField } from './ReadingScreenView.js';
import type { ScreenView, UiContext } from './Screen.js';

/** "The meter on site is not the job's meter" (docs/domain.md §2). */
const MISMATCH_CODE = WRONG_METER_NO_READ_CODE;
/** Keypad characters the index field keeps: the machine explains a decimal ("red digits"). */
const INDEX_CHARS = /^[0-9.,]$/;

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
  /** A key the index field refused (a letter), until the next key. */
  private refused: string | undefined;

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
    // The meter's scan (or the declared unreadable barcode) belongs to the visit, not to one attempt.
    const gate = ReadingEntry.gateOf(this.entry);
    this.field = '';
    this.refused = undefined;
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
        requireScan: true,
      });
      if (gate.s === 'matched' || gate.s === 'mismatch') this.entry = ReadingEntry.scanned(this.entry, gate.code, gate.s === 'matched');
      else if (gate.s === 'override') this.entry = ReadingEntry.overrideScan(this.entry, gate.reasonCode, gate.at);
      this.step = { s: 'entry' };
    } catch (e) {
      this.step = { s: 'failed', reason: this.ctx.errorText(e), back: 'leave' };
    }
  }

  private get codes(): readonly NoReadCode[] {
    return this.ctx.app.readingRules.noReadCodes;
  }

  private at = (): string => isoInstant(this.ctx.app.now());

  handle(e: InputEvent): void {
    if (e.type === 'scan') {
      if (this.step.s === 'entry' || this.step.s.startsWith('noRead') || this.step.s === 'override-pick') this.recordScan(e.code);
      return;
    }
    const st = this.step;
    switch (st.s) {
      case 'entry':
        return this.entryKey(e);
      case 'noRead-pick':
        return this.pickKey(st, e);
      case 'override-pick':
        return this.overrideKey(st, e);
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
      case 'held':
        if (e.key === 'enter') return this.saveReading(st.outcome, st.s === 'preview' ? st.calc : undefined);
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
        if (st.invoice && (e.key === 'enter' || e.key === 'f1')) return this.print(st.invoice, false);
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        return;
      case 'saved-noread':
        if (e.key === 'f3' && st.code.code === SEAL_BROKEN_CODE) return this.ctx.nav.replace({ name: 'inspection', jobId: this.jobId });
        if (e.key === 'enter' || e.key === 'back') this.ctx.nav.pop();
        return;
      case 'printed':
        if (e.key === 'enter') this.openNext();
        else if (e.key === 'back') this.ctx.nav.pop();
        else if (e.key === 'f2') this.ctx.nav.replace({ name: 'reprint', documentNo: st.doc.documentNo });
        return;
      case 'print-failed':
        if (e.key === 'enter' || e.key === 'f1') return this.print(st.invoice, false);
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
    this.refused = undefined;
    if (e.key === 'f1') return this.openNoRead(this.scan.s === 'mismatch' ? MISMATCH_CODE : undefined);
    if (e.key === 'f2') return this.ctx.promptScan?.();
    if (e.key === 'f3' && ReadingEntry.gateOf(entry).s === 'none') return void (this.step = { s: 'override-pick', selected: 0 });
    if (e.key === 'f4' && this.scan.s === 'mismatch' && this.scan.other) return this.openOther(this.scan.other.jobId, this.scan.code);
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
    if (e.key === 'char' && !INDEX_CHARS.test(e.value ?? '')) {
      // Refused as typed, not at Enter (issue 19): the field keeps only what an index can hold.
      this.refused = readingText(message('reading.notDigits'), this.ctx.t.locale);
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
      const next = ReadingEntry.submit(entry, keyed, this.at());
      // Held by the scan gate: the digits stay, so a scan then Enter goes on.
      if (next.step === 'keying' && (next.notice?.key === 'reading.scanRequired' || next.notice?.key === 'reading.scanMismatch'))
        this.field = keyed;
      this.take(next);
    } else if (e.key === 'back') {
      if (entry.step === 'rekey') return this.restart();
      this.entry = ReadingEntry.cancel(entry);
      this.ctx.nav.pop();
    }
  }

  /** Supervisor id then PIN, checked by the app's override mechanism of the field-work flows. */
  private supervisorKey(entry: Extract<EntryState, { step: 'supervise' }>, e: InputEvent & { type: 'key' }): void {
    const f = this.sup;
    const r = supervisorFieldKey(f, e);
    if (r === 'leave') this.restart();
    else if (r !== 'submit') this.sup = r ?? f;
    else {
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
    // Held for the office (config reading.highConsumption): no bill to preview, the office issues it.
    if (o.kind === 'reading' && o.heldForOffice) this.step = { s: 'held', outcome: o };
    else if (o.kind === 'reading') {
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
    this.step = { s: 'noRead-pick', selected: pickIndex(this.codes, preselect), typed: '' };
  }

  private pickKey(st: Extract<Step, { s: 'noRead-pick' }>, e: InputEvent & { type: 'key' }): void {
    const next = noReadPickKey(st, e, this.codes);
    if (next) this.step = next;
  }

  /** "Barkod okunamıyor": a reason from the data list, recorded by the machine with who and when. */
  private overrideKey(st: Extract<Step, { s: 'override-pick' }>, e: InputEvent & { type: 'key' }): void {
    const r = overridePickKey(st, e);
    if (!r) return;
    const reason = r.reason;
    if (reason && this.entry) this.entry = ReadingEntry.overrideScan(this.entry, reason.code, this.at());
    if (reason && ReadingEntry.gateOf(this.entry).s === 'override')
      this.scan = { s: 'override', reason: scanOverrideLabel(reason.code, this.ctx.t.locale) ?? reason.code };
    this.step = r.step;
  }

  private recordScan(code: string): void {
    const before = this.scan;
    this.scan = { s: 'checking' };
    this.settle(
      this.ctx.app.recordScan(this.jobId, code),
      (r) => {
        if (this.entry && this.entry.step !== 'done' && this.entry.step !== 'cancelled')
          this.entry = ReadingEntry.scanned(this.entry, code, r.match);
        if (r.match) this.scan = { s: 'ok' };
        else {
          // The meter on site may be another job on this route: offer to open it (F4).
          const other = this.ctx.app.findByCode(code);
          const open = other && other.job.jobId !== this.jobId && other.state === 'open' ? other : undefined;
          this.scan = { s: 'mismatch', code, ...(open ? { other: { jobId: open.job.jobId, seq: open.job.routeSeq } } : {}) };
        }
        if (this.step.s === 'override-pick' || (this.step.s === 'noRead-pick' && r.match)) this.step = { s: 'entry' };
      },
      (err) => {
        // Not verified either way (the audit could not be written): the gate stays as it was.
        this.scan = before.s === 'checking' ? { s: 'none' } : before;
        this.refused = this.ctx.errorText(err);
      },
    );
  }

  /** The scanned meter's own job, opened in place of this one (counts as its scan). */
  private openOther(jobId: string, code: string): void {
    if (this.entry && this.entry.step !== 'done' && this.entry.step !== 'cancelled') this.entry = ReadingEntry.cancel(this.entry);
    this.ctx.nav.replace(routeTo(this.ctx.app.job(jobId), jobId, code));
  }

  /** "Enter: sonraki iş": the next open job on the route, opened (issue 19); none left: the list. */
  private openNext(): void {
    const next = nextOpenJob(this.ctx.app.jobs(), this.jobId);
    if (!next) return this.ctx.nav.pop();
    this.ctx.nav.replace(routeTo(next, next.job.jobId));
  }

  private saveReading(o: ReadingOutcome, calc?: InvoiceCalc): void {
    this.step = { s: 'saving' };
    this.settle(
      this.ctx.app.confirmReading({
        jobId: this.jobId,
        index: o.index,
        rollover: o.rollover,
        outlierConfirmed: o.outlierConfirmed,
        overrides: o.overrides.map(toWorkOverride),
        ...(o.scan ? { scan: o.scan } : {}),
      }),
      (r) => {
        // Print on confirm (config printer.printOnConfirm): the saved invoice goes to the printer at once.
        if (r.invoice && this.ctx.app.printOnConfirm) return this.print(r.invoice, true);
        this.step = {
          s: 'saved-reading',
          ...(r.invoice ? { invoice: r.invoice } : {}),
          ...(calc ? { calc } : {}),
          held: !!o.heldForOffice,
        };
      },
      (err) => (this.step = { s: 'failed', reason: this.ctx.errorText(err), back: 'entry' }),
    );
  }

  private saveNoRead(code: NoReadCode, note: string, decided = false): void {
    const gate = ReadingEntry.gateOf(this.entry); // code 11 after another meter's scan keeps it (issue 19)
    const scannedSerial = gate.s === 'mismatch' && code.code === MISMATCH_CODE ? gate.code : undefined;
    // The machine validates code and note; a meter change (code 11, the keyed index as the note) and
    // "tampering suspected" (rules.tamperNoReadCode) are finished outcomes already, both follow-ups.
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
        ...(scannedSerial ? { scannedSerial } : {}),
      }),
      () => (this.step = { s: 'saved-noread', code }),
      (err) => (this.step = { s: 'failed', reason: this.ctx.errorText(err), back: 'entry' }),
    );
  }

  /**
   * `auto`: printed on confirm; once on paper the crew is back on the list at the next open job
   * with no further key. A failure stays here either way: the invoice is saved and marked
   * unprinted (app/unprinted.ts), and the screen says so.
   */
  private print(invoice: Invoice, auto: boolean): void {
    this.step = { s: 'printing', invoice };
    this.settle(
      this.ctx.app.printInvoice(invoice.invoiceNo),
      (doc) => {
        if (auto) this.ctx.nav.pop();
        else this.step = { s: 'printed', invoice, doc };
      },
      (err) => (this.step = { s: 'print-failed', invoice, reason: this.ctx.errorText(err) }),
    );
  }

  view(size: Size): ScreenView {
    const v = readingView(
      { ctx: this.ctx, jobId: this.jobId, rec: this.rec, entry: this.entry, step: this.step, field: this.field, choice: this.choice },
      { scan: this.scan, pickTop: this.pickTop, sup: this.sup, ...(this.refused ? { refused: this.refused } : {}) },
      size,
    );
    this.pickTop = v.pickTop;
    return v.view;
  }
}
