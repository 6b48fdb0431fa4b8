import type { DueDateCalendar } from '../core/billing/dueDate.js';
/**
 * Use cases of a meter reading: confirm a reading (record it, bill it, queue its events) or record
 * why it could not be read. Every call is durable when it resolves: the UI may say "saved".
 *
 * Invoice numbers are reserved in their own transaction before the invoice exists anywhere else
 * (screen, paper, outbox), then issued together with the reading. A crash between the two leaves a
 * reservation that `voidDanglingReservations()` (run at start-up) records as void and reports with
 * an `invoice.voided` event: a number is never reused and never skipped silently.
 */
import { computeInvoice, meteredVolume } from '../core/billing/computeInvoice.js';
import type { MeterClass } from '../core/billing/meterClass.js';
import { aboveCeiling, consumptionCeilingM3, DEFAULT_METER_CLASS } from '../core/billing/plausibility.js';
import { formatInvoiceNo, invoiceCounterName } from '../core/billing/invoiceNo.js';
import type { BillingInput, Invoice, InvoiceCalc } from '../core/billing/types.js';
import { billedTaxId } from '../core/billing/taxId.js';
import type { Account } from '../core/contract/job.js';
import type { Tariff } from '../core/contract/tariff.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import type { InvoiceNoRecord, JobRecord, NoReadWork, Override, ReadingWork } from '../core/jobs/types.js';
import { isoInstant, localDate } from '../core/time/calendar.js';
import type { Store, Tx } from '../ports/Store.js';
import type { HighConsumptionPolicy } from '../core/reading/rules.js';
import { scanOverrideReason, type ScanEvidence } from '../core/reading/scanGate.js';
import { scanOverrideLabel } from '../catalogues/scanOverrideReasons.js';
import { isJobMeter } from '../core/jobs/meterCode.js';

export interface ReadingServiceDeps {
  store: Store;
  deviceId: string;
  invoiceSeries: string;
  /**
   * Series of the information slips printed for e-Fatura buyers (config infoSlipSeries): their own
   * sequence, so they never use an e-Arşiv number (docs/invoice.md "Bilgi fişi"). Absent: such a
   * reading is refused before anything is reserved.
   */
  infoSlipSeries?: string;
  clock: () => number;
  newId: () => string;
  /** The class assumed for a meter the job names none for (config reading.defaultMeterClass; default G4). */
  defaultMeterClass?: MeterClass;
  /** config reading.maxTariffAgeDays: an open-ended tariff too old for the period refuses to bill. Absent: no limit. */
  maxTariffAgeDays?: number;
  /** Holidays that move a due date (src/core/billing/dueDate.ts): the reference calendar of device/reference. */
  dueDateCalendar?: DueDateCalendar;
  /**
   * rules.tamperNoReadCode: a no-read with this code ("tampering suspected", offered when an index is
   * lower and cannot be a rollover) also asks the office for an inspection on the spot
   * (inspection.requested, issue 17). Absent: no request.
   */
  tamperNoReadCode?: string;
  /**
   * The scan gate (issue 19, core/reading/scanGate.ts) held here too, whatever the caller did: a
   * reading without `scan` evidence is refused (Reading_NotScanned) before any number is reserved.
   * The app's composition (src/composeApp.ts) sets it; tools and tests that record readings
   * without a crew leave it off. A `matched` scan of a code that is not the job's meter is refused
   * either way.
   */
  requireScan?: boolean;
  /**
   * config reading.highConsumption: only with 'hold-for-office' may a reading arrive held for the
   * office (a 'held-for-office' override); absent: 'supervisor', and such a reading is refused.
   */
  highConsumption?: HighConsumptionPolicy;
}

export interface ConfirmReading {
  jobId: string;
  operatorId: string;
  index: number;
  rollover?: boolean;
  outlierConfirmed?: boolean;
  overrides?: Override[];
  /**
   * How the meter was proven (issue 19 scan gate, core/reading/scanGate.ts): scanned and matched,
   * or its barcode declared unreadable. The screen always sends it; with deps.requireScan it is
   * required. Absent otherwise only for callers without a crew (the record then says nothing).
   */
  scan?: ScanEvidence;
}

/** A high consumption held for the office: the reason on the work record and in reading.recorded billingHeld. */
const HELD_REASON = 'high-consumption';

export interface ConfirmedReading {
  work: ReadingWork;
  invoice?: Invoice;
}

/** What job.assign's account adds to the bill (docs/invoice.md): the carry and the charges. */
function accountInput(a: Account | undefined): Pick<BillingInput, 'previousCarry' | 'charges'> {
  return {
    ...(a?.previousCarry !== undefined ? { previousCarry: a.previousCarry } : {}),
    ...(a?.charges?.length ? { charges: a.charges } : {}),
  };
}

/** reading.recorded scanOverride: the reason and its wording (docs/asyncapi.yaml). */
function overrideData(reasonCode: string): { reasonCode: string; reasonLabel?: string } {
  const label = scanOverrideLabel(reasonCode); // Turkish: the office's record
  return { reasonCode, ...(label ? { reasonLabel: label } : {}) };
}

export class ReadingService {
  constructor(private readonly d: ReadingServiceDeps) {}

  private openJob(tx: Pick<Tx, 'get'>, jobId: string): JobRecord {
    const rec = tx.get('jobs', jobId);
    if (!rec) throw new AppError(`job ${jobId} not found`, ErrorCode.Job_NotFound, { context: { jobId } });
    if (rec.state === 'cancelled' || rec.cancel)
      throw new AppError(`job ${jobId} was cancelled (${rec.cancel?.reason ?? ''})`, ErrorCode.Job_Cancelled, { context: { jobId } });
    if (rec.state !== 'open') throw new AppError(`job ${jobId} is already ${rec.state}`, ErrorCode.Job_AlreadyDone, { context: { jobId } });
    return rec;
  }

  tariffsFor(group: string | undefined): Tariff[] {
    const all = [...this.d.store.values('tariffs')];
    return group ? all.filter((t) => t.group === group) : all;
  }

  /** The bill this reading would produce, without recording anything (the preview the crew sees). */
  preview(jobId: string, index: number): InvoiceCalc {
    const rec = this.openJob(this.d.store, jobId);
    return this.calc(rec, index, localDate(this.d.clock()));
  }

  /**
   * Plausibility before billing (docs/invoice.md): whatever the screen did, no reading of more gas
   * than the meter can pass in the period, billed or held; the crew records a no-read code instead.
   */
  private volume(rec: JobRecord, index: number, readDate: string): { m3: number; rollover: boolean } {
    const { meter } = rec.job;
    const v = meteredVolume(meter.lastIndex, index, meter.digits);
    const cls = meter.class ?? this.d.defaultMeterClass ?? DEFAULT_METER_CLASS;
    if (aboveCeiling(v.m3, cls, meter.lastReadDate, readDate))
      throw new AppError(
        `${v.m3} m³ is more than a ${cls} meter can pass between ${meter.lastReadDate} and ${readDate} (${consumptionCeilingM3(cls, meter.lastReadDate, readDate)} m³)`,
        ErrorCode.Reading_Invalid,
        { context: { field: 'index', meterClass: cls } },
      );
    return v;
  }

  /** A held reading's volume as reading.recorded sends it (a whole-m³ decimal string, as computeInvoice gives it). */
  private heldVolume(rec: JobRecord, index: number, readDate: string): { m3: string; rollover: boolean } {
    const v = this.volume(rec, index, readDate);
    return { m3: String(v.m3), rollover: v.rollover };
  }

  /** The scan gate (issue 19), whatever the screen did: see deps.requireScan. */
  private checkScan(rec: JobRecord, scan: ScanEvidence | undefined): void {
    const jobId = rec.job.jobId;
    const refuse = (why: string, gate: string): never => {
      throw new AppError(`job ${jobId}: ${why}`, ErrorCode.Reading_NotScanned, { context: { jobId, gate } });
    };
    if (!scan) {
      if (this.d.requireScan) refuse('the meter was neither scanned nor declared unreadable', 'none');
      return;
    }
    if (scan.kind === 'matched' && !isJobMeter(rec.job.meter, scan.code)) refuse("the scanned code is not this job's meter", 'mismatch');
    if (scan.kind === 'override' && !scanOverrideReason(scan.reasonCode)) refuse('unknown scan override reason', 'override');
  }

  private calc(rec: JobRecord, index: number, readDate: string): InvoiceCalc {
    const { meter } = rec.job;
    this.volume(rec, index, readDate);
    return computeInvoice(
      {
        previousIndex: meter.lastIndex,
        currentIndex: index,
        previousDate: meter.lastReadDate,
        currentDate: readDate,
        digits: meter.digits,
        ...(rec.job.tariffGroup ? { group: rec.job.tariffGroup } : {}),
        ...accountInput(rec.job.account),
        ...(this.d.maxTariffAgeDays !== undefined ? { maxTariffAgeDays: this.d.maxTariffAgeDays } : {}),
        ...(this.d.dueDateCalendar ? { dueDateCalendar: this.d.dueDateCalendar } : {}),
      },
      this.tariffsFor(rec.job.tariffGroup),
    );
  }

  async confirmReading(r: ConfirmReading): Promise<ConfirmedReading> {
    const now = this.d.clock();
    const at = isoInstant(now);
    const readDate = localDate(now);
    const job = this.openJob(this.d.store, r.jobId);
    this.checkScan(job, r.scan);
    // Held for the office (config reading.highConsumption): recorded, never billed on the device.
    const held = r.overrides?.some((o) => o.kind === 'held-for-office') ?? false;
    if (held && this.d.highConsumption !== 'hold-for-office')
      throw new AppError('a reading held for the office needs reading.highConsumption hold-for-office', ErrorCode.Reading_Invalid, {
        context: { field: 'overrides', key: 'reading.highConsumption' },
      });
    // Bill first (pure): a period without a tariff is refused before any number is reserved. A held
    // reading is not priced here (the office bills it), but the meter's ceiling still applies.
    const calc = held ? undefined : this.calc(job, r.index, readDate);
    const volume = calc ? { m3: calc.consumptionM3, rollover: calc.rollover } : this.heldVolume(job, r.index, readDate);

    // An e-Fatura buyer gets no e-Arşiv invoice: a bilgi fişi in its own series, and the office issues the e-Fatura.
    const infoSlip = job.job.customer.eInvoiceRegistered === true;
    const series = infoSlip ? this.d.infoSlipSeries : this.d.invoiceSeries;
    if (calc?.billable && !series)
      throw new AppError('an e-Fatura buyer needs the info-slip series (config infoSlipSeries)', ErrorCode.Config_Invalid, {
        context: { key: 'infoSlipSeries' },
      });
    let invoiceNo: string | undefined;
    if (calc?.billable && series) {
      invoiceNo = await this.d.store.transact((tx) => {
        this.openJob(tx, r.jobId);
        const year = Number(readDate.slice(0, 4));
        const no = formatInvoiceNo(series, year, tx.next(invoiceCounterName(series, year)));
        tx.put('invoiceNos', no, { invoiceNo: no, state: 'reserved', jobId: r.jobId, reservedAt: at });
        return no;
      });
    }

    try {
      return await this.d.store.transact((tx) => {
        const rec = this.openJob(tx, r.jobId);
        const work: ReadingWork = {
          id: this.d.newId(),
          kind: 'reading',
          jobId: r.jobId,
          at,
          operatorId: r.operatorId,
          index: r.index,
          previousIndex: rec.job.meter.lastIndex,
          consumptionM3: volume.m3,
          rollover: volume.rollover,
          outlierConfirmed: r.outlierConfirmed ?? false,
          overrides: r.overrides ?? [],
          ...(r.scan?.kind === 'matched' ? { scannedCode: r.scan.code } : {}),
          ...(r.scan?.kind === 'override' ? { scanOverride: { reasonCode: r.scan.reasonCode, at: r.scan.at } } : {}),
          ...(invoiceNo
            ? { invoiceNo }
            : { notBilledReason: calc ? `below minimum billable ${calc.minimumBillableM3} m³` : `held for the office: ${HELD_REASON}` }),
          ...(held ? { billingHeld: { reason: HELD_REASON } } : {}),
        };
        tx.put('work', work.id, work);
        tx.put('jobs', r.jobId, { ...rec, state: 'done', updatedAt: at, workIds: [...rec.workIds, work.id] });
        tx.event({
          type: 'reading.recorded',
          operatorId: r.operatorId,
          jobId: r.jobId,
          data: {
            index: r.index,
            previousIndex: work.previousIndex,
            consumptionM3: volume.m3,
            rollover: volume.rollover,
            outlierConfirmed: work.outlierConfirmed,
            readAt: at,
            ...(invoiceNo ? { invoiceNo } : {}),
            ...(work.scanOverride ? { scanOverride: overrideData(work.scanOverride.reasonCode) } : {}),
            // The office bills it after review (docs/invoice.md "Plausibility"; addition within v1).
            ...(held ? { billingHeld: { reason: HELD_REASON, consumptionM3: volume.m3 } } : {}),
          },
        });
        let invoice: Invoice | undefined;
        if (invoiceNo) {
          const c = rec.job.customer;
          invoice = {
            ...calc!,
            invoiceNo,
            ettn: this.d.newId(),
            issuedAt: at,
            jobId: r.jobId,
            deviceId: this.d.deviceId,
            operatorId: r.operatorId,
            customer: {
              installationNo: c.installationNo,
              contractAccount: c.contractAccount,
              name: c.name,
              address: c.address,
              taxId: billedTaxId(c.taxId),
              ...(c.eInvoiceRegistered !== undefined ? { eInvoiceRegistered: c.eInvoiceRegistered } : {}),
            },
            meter: { serial: rec.job.meter.serial, ...(rec.job.meter.class ? { class: rec.job.meter.class } : {}) },
            tariffGroup: rec.job.tariffGroup ?? '',
            ...(rec.job.account?.previousDebt !== undefined ? { previousDebt: rec.job.account.previousDebt } : {}),
            ...(rec.job.consumptionHistory?.length ? { consumptionHistory: rec.job.consumptionHistory } : {}),
            ...(c.invoiceByEmail && c.email ? { emailTo: c.email } : {}),
            ...(infoSlip ? { documentKind: 'bilgi-fisi' as const } : {}),
          };
          const reserved = tx.get('invoiceNos', invoiceNo)!;
          tx.put('invoiceNos', invoiceNo, { ...reserved, state: 'issued', issuedAt: at });
          tx.put('invoices', invoiceNo, { invoice });
          tx.event({ type: 'invoice.issued', operatorId: r.operatorId, jobId: r.jobId, data: invoice });
        }
        const supervisor = work.overrides.find((o) => o.kind === 'supervisor');
        tx.audit({
          actor: r.operatorId,
          // A held reading is its own entry: no invoice on the device, the office bills it.
          action: held ? 'reading.held-for-office' : 'reading.recorded',
          details: {
            jobId: r.jobId,
            workId: work.id,
            invoiceNo: invoiceNo ?? null,
            ...(held ? { billingHeld: HELD_REASON, consumptionM3: volume.m3 } : {}),
            overrides: work.overrides.map((o) => o.kind),
            ...(work.scanOverride ? { scanOverride: work.scanOverride.reasonCode } : {}),
            // A high consumption billed on a supervisor's confirmation names the supervisor (docs/invoice.md).
            ...(supervisor ? { supervisorId: supervisor.operatorId } : {}),
          },
        });
        return { work, ...(invoice ? { invoice } : {}) };
      });
    } catch (e) {
      if (invoiceNo)
        await this.voidReservation(invoiceNo, e instanceof AppError ? e.code : 'issue-failed', r.operatorId).catch(() => undefined);
      throw e;
    }
  }

  async recordNoRead(n: {
    jobId: string;
    operatorId: string;
    reasonCode: string;
    note?: string;
    followUp: boolean;
    scannedSerial?: string;
  }): Promise<NoReadWork> {
    const at = isoInstant(this.d.clock());
    return this.d.store.transact((tx) => {
      const rec = this.openJob(tx, n.jobId);
      const work: NoReadWork = {
        id: this.d.newId(),
        kind: 'no-read',
        jobId: n.jobId,
        at,
        operatorId: n.operatorId,
        reasonCode: n.reasonCode,
        followUp: n.followUp,
        ...(n.note ? { note: n.note } : {}),
        ...(n.scannedSerial ? { scannedSerial: n.scannedSerial.trim().slice(0, 64) } : {}),
      };
      tx.put('work', work.id, work);
      tx.put('jobs', n.jobId, { ...rec, state: 'skipped', updatedAt: at, workIds: [...rec.workIds, work.id] });
      tx.event({
        type: 'reading.skipped',
        operatorId: n.operatorId,
        jobId: n.jobId,
        data: {
          reasonCode: n.reasonCode,
          ...(n.note ? { note: n.note } : {}),
          ...(work.scannedSerial ? { scannedSerial: work.scannedSerial } : {}),
        },
      });
      if (this.d.tamperNoReadCode !== undefined && n.reasonCode === this.d.tamperNoReadCode)
        tx.event({
          type: 'inspection.requested',
          operatorId: n.operatorId,
          jobId: n.jobId,
          data: {
            jobId: n.jobId,
            reason: 'tampering-suspected',
            ...(n.note ? { note: n.note } : {}),
            evidence: [
              { kind: 'no-read-code', value: n.reasonCode },
              { kind: 'meter-serial', value: rec.job.meter.serial },
              { kind: 'index-previous', value: String(rec.job.meter.lastIndex) },
            ],
          },
        });
      tx.audit({ actor: n.operatorId, action: 'reading.skipped', details: { jobId: n.jobId, reasonCode: n.reasonCode } });
      return work;
    });
  }

  private voidReservation(invoiceNo: string, reason: string, operatorId: string | null): Promise<void> {
    return this.d.store.transact((tx) => {
      const r = tx.get('invoiceNos', invoiceNo);
      if (!r || r.state !== 'reserved') return;
      const at = isoInstant(tx.now);
      tx.put('invoiceNos', invoiceNo, { ...r, state: 'void', voidedAt: at, voidReason: reason });
      tx.event({ type: 'invoice.voided', operatorId, jobId: r.jobId, data: { invoiceNo, reason, reservedAt: r.reservedAt } });
      tx.audit({ actor: operatorId ?? 'system', action: 'invoice.voided', details: { invoiceNo, reason } });
    });
  }

  /** Start-up: numbers reserved by a run that died before issuing them are recorded as void. */
  async voidDanglingReservations(): Promise<string[]> {
    const dangling = [...this.d.store.values('invoiceNos')].filter((r) => r.state === 'reserved').map((r) => r.invoiceNo);
    for (const no of dangling) await this.voidReservation(no, 'interrupted before issue (restart)', null); // found at start-up: nobody acted
    return dangling;
  }
}
