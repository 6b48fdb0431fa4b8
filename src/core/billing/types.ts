import type { DueDateCalendar } from './dueDate.js';
/** What billing computes (docs/domain.md §1) and what an issued invoice carries (contract v1 invoice.issued). */

export interface BillingInput {
  previousIndex: number;
  currentIndex: number;
  /** Previous reading date (counted) and this reading date (not counted), YYYY-MM-DD. */
  previousDate: string;
  currentDate: string;
  /** Integer dials of the meter. Without it a lower current index is an error, with it a rollover. */
  digits?: number;
  /** Tariff group of the customer; when omitted, all given tariffs must share one group. */
  group?: string;
  /**
   * The previous invoice's roundingCarry (decimal string, may be negative), deducted after VAT
   * (docs/invoice.md "Carry"). Absent: "0".
   */
  previousCarry?: string;
  /** Other charges billed with the gas, each with its own VAT rate (docs/invoice.md "Lines"). */
  charges?: readonly ChargeInput[];
  /**
   * An open-ended tariff pricing the period's end refuses a period ending more than this many days
   * after its validFrom (docs/invoice.md "Tariff staleness"). Absent: no limit (the office's
   * recomputation of what a device already billed).
   */
  maxTariffAgeDays?: number;
  /**
   * Holidays that move the due date to the next working day (dueDate.ts). Absent: not moved (the
   * office's recomputation compares with the date before it moved, `dueDateMovedFrom`).
   */
  dueDateCalendar?: DueDateCalendar;
}

/** A charge as the back office sends it in job.assign `account.charges`: a net amount. */
export interface ChargeInput {
  code: string;
  description: string;
  /** Net (before VAT), a decimal string with at most the tariff's money places. */
  amount: string;
  /** A fraction, "0.20" for 20 %. */
  vatRate: string;
}

/** All lines of one VAT rate: their net sum and VAT sum. */
export interface VatTotal {
  vatRate: string;
  net: string;
  vat: string;
}

/** One step of the calculation, so the back office can recompute and compare. */
export interface TraceStep {
  step: string;
  formula: string;
  value: string;
}

/** The slice of the period priced by one tariff. */
export interface TariffSegment {
  tariffId: string;
  from: string;
  /** exclusive */
  to: string;
  days: number;
}

export interface InvoiceLine {
  /** "gas" for the consumption line, the charge's code for the others. */
  code: string;
  description: string;
  quantity: string;
  /** "kWh" for gas, "adet" for a charge. */
  unit: string;
  unitPrice: string;
  /** Net amount, before VAT. */
  amount: string;
  vatRate: string;
  vat: string;
  /** amount + vat. Absent on invoices stored before charges existed (issue 17). */
  gross?: string;
}

/** A line as computeInvoice makes it: gross always present. */
export type BilledLine = InvoiceLine & { gross: string };

export interface InvoiceCalc {
  billable: boolean;
  period: { from: string; to: string; days: number };
  previousIndex: number;
  currentIndex: number;
  digits: number | null;
  rollover: boolean;
  consumptionM3: string;
  minimumBillableM3: string;
  correctionFactor: string;
  correctedM3: string;
  calorificValue: string;
  kwhFactor: string;
  energyKwh: string;
  unitPrice: string;
  /** Net amount of the gas line. */
  consumptionAmount: string;
  /** VAT rate of the gas line. */
  vatRate: string;
  /** VAT of all lines (the sum of vatTotals[].vat); the gas line's VAT alone when there are no charges. */
  vat: string;
  /** Sum of all lines including VAT, before the carry. */
  total: string;
  /** The previous invoice's carry as deducted here ("0.00" when none; absent on invoices stored before issue 17). */
  previousCarry?: string;
  /** (total − previousCarry) rounded half-up to the tariff's payable step. */
  payable: string;
  /** payable − (total − previousCarry): positive when the customer pays more now and is credited next time. */
  roundingCarry: string;
  /** One entry per VAT rate, ascending by rate (absent on invoices stored before issue 17). */
  vatTotals?: VatTotal[];
  dueDate: string;
  /** The due date before a holiday moved it (absent when it did not move). */
  dueDateMovedFrom?: string;
  tariffIds: string[];
  segments: TariffSegment[];
  lines: InvoiceLine[];
  trace: TraceStep[];
}

/** An issued invoice: the calculation plus identity. Customer fields are personal data. */
export interface Invoice extends InvoiceCalc {
  invoiceNo: string;
  ettn: string;
  issuedAt: string;
  jobId: string;
  deviceId: string;
  operatorId: string;
  customer: {
    installationNo: string;
    contractAccount: string;
    name: string;
    address: string;
    /** VKN or TCKN; GİB's placeholder 11111111111 for an individual without one (docs/invoice.md). */
    taxId?: string;
    eInvoiceRegistered?: boolean;
  };
  meter: { serial: string; class?: string };
  /** Debt from earlier bills, shown for information and not billed (job.assign account.previousDebt). */
  previousDebt?: string;
  tariffGroup: string;
  /** Earlier periods' metered m³ from the job (contract consumptionHistory): the e-mailed invoice's chart. */
  consumptionHistory?: { period: string; m3: string }[];
  /** Present only when the customer asked for the invoice by e-mail. */
  emailTo?: string;
  /**
   * What the device printed. Absent or "e-arsiv": the visual of the e-Arşiv invoice `invoiceNo`.
   * "bilgi-fisi": the buyer is registered for e-Fatura, so the device printed an information slip
   * (not an invoice) numbered `invoiceNo` in the info-slip series, and the office issues the
   * e-Fatura (docs/invoice.md "Bilgi fişi").
   */
  documentKind?: DocumentKind;
}

export type DocumentKind = 'e-arsiv' | 'bilgi-fisi';
