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
  code: 'gas';
  description: string;
  quantity: string;
  unit: 'kWh';
  unitPrice: string;
  amount: string;
  vatRate: string;
  vat: string;
}

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
  consumptionAmount: string;
  vatRate: string;
  vat: string;
  total: string;
  payable: string;
  /** payable − total: positive when the customer pays more now and is credited next time. */
  roundingCarry: string;
  dueDate: string;
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
  customer: { installationNo: string; contractAccount: string; name: string; address: string };
  meter: { serial: string };
  tariffGroup: string;
  /** Present only when the customer asked for the invoice by e-mail. */
  emailTo?: string;
}
