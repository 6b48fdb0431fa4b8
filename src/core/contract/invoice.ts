/**
 * The whole invoice as carried by the invoice.issued event, modelled on core/billing/types.ts
 * `Invoice` (what computeInvoice returns plus identity). Money, volumes and factors are decimal
 * strings exactly as printed, so the back office can recompute and compare digit for digit.
 * A compile-time check at the bottom keeps this schema and the billing type in step.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Invoice } from '../billing/types.js';
import { ConsumptionHistorySchema } from './consumptionHistory.js';
import {
  DecimalString,
  DeviceId,
  IsoDate,
  IsoDateTime,
  InvoiceNo,
  JobId,
  MeterIndex,
  NonNegDecimalString,
  Obj,
  OperatorId,
  ShortText,
  Uuid,
} from './primitives.js';

export const InvoiceLineSchema = Obj({
  code: Type.String({
    minLength: 1,
    maxLength: 32,
    description: '"gas" for the consumption line; other lines may follow, each with its own VAT',
  }),
  description: ShortText(200),
  quantity: DecimalString,
  unit: Type.String({ minLength: 1, maxLength: 16, description: 'e.g. "kWh"' }),
  unitPrice: DecimalString,
  amount: DecimalString,
  vatRate: NonNegDecimalString,
  vat: DecimalString,
  gross: Type.Optional({ ...DecimalString, description: 'addition within v1: amount + vat' }),
});

export const VatTotalSchema = Obj(
  { vatRate: NonNegDecimalString, net: DecimalString, vat: DecimalString },
  'All lines of one VAT rate: the sum of their net amounts and of their VAT',
);

export const TraceStepSchema = Obj(
  {
    step: Type.String({ maxLength: 64 }),
    formula: Type.String({ maxLength: 500 }),
    value: Type.String({ maxLength: 200 }),
  },
  'One step of the calculation as the device did it, so the back office can recompute and compare',
);

export const TariffSegmentSchema = Obj(
  {
    tariffId: Type.String({ minLength: 1, maxLength: 64 }),
    from: IsoDate,
    to: { ...IsoDate, description: 'exclusive' },
    days: Type.Integer({ minimum: 0 }),
  },
  'The slice of the period priced by one tariff',
);

export const InvoiceSchema = Obj(
  {
    invoiceNo: InvoiceNo,
    ettn: { ...Uuid, description: 'ETTN: the invoice UUID of the e-Arşiv system' },
    issuedAt: IsoDateTime,
    jobId: JobId,
    deviceId: DeviceId,
    operatorId: OperatorId,
    customer: Obj({
      installationNo: Type.String({ minLength: 1, maxLength: 32, description: 'tesisat no' }),
      contractAccount: Type.String({ minLength: 1, maxLength: 32 }),
      name: ShortText(120),
      address: ShortText(300),
      taxId: Type.Optional(
        Type.String({
          pattern: '^([0-9]{10}|[0-9]{11})$',
          description:
            "addition within v1: the buyer's VKN or TCKN as billed (11111111111, GİB's placeholder, for an individual without one)",
        }),
      ),
      eInvoiceRegistered: Type.Optional(Type.Boolean({ description: 'addition within v1: as in the job' })),
    }),
    meter: Obj({
      serial: Type.String({ minLength: 1, maxLength: 32 }),
      class: Type.Optional(Type.String({ maxLength: 8, description: 'addition within v1: the meter class as in the job, e.g. "G4"' })),
    }),
    tariffGroup: Type.String({ minLength: 1, maxLength: 64 }),
    billable: Type.Boolean({ description: 'always true on an issued invoice (below the minimum billable volume no invoice is issued)' }),
    period: Obj({
      from: { ...IsoDate, description: 'previous reading date (counted)' },
      to: { ...IsoDate, description: 'this reading date (not counted)' },
      days: Type.Integer({ minimum: 0 }),
    }),
    previousIndex: MeterIndex,
    currentIndex: MeterIndex,
    digits: Type.Union([Type.Integer({ minimum: 1, maximum: 10 }), Type.Null()], {
      description: 'integer dials of the meter; null when unknown',
    }),
    rollover: Type.Boolean(),
    consumptionM3: { ...NonNegDecimalString, description: 'metered m³' },
    minimumBillableM3: NonNegDecimalString,
    correctionFactor: { ...NonNegDecimalString, description: 'K' },
    correctedM3: NonNegDecimalString,
    calorificValue: { ...NonNegDecimalString, description: 'kcal/m³' },
    kwhFactor: NonNegDecimalString,
    energyKwh: NonNegDecimalString,
    unitPrice: { ...NonNegDecimalString, description: 'TL/kWh excluding VAT, day-weighted over the period' },
    consumptionAmount: DecimalString,
    vatRate: { ...NonNegDecimalString, description: "the gas line's VAT rate" },
    vat: { ...DecimalString, description: 'VAT of all lines' },
    total: { ...DecimalString, description: 'sum of all lines including VAT, before the carry' },
    previousCarry: Type.Optional({
      ...DecimalString,
      description: "addition within v1: the previous invoice's roundingCarry, deducted after VAT (absent: 0)",
    }),
    payable: { ...DecimalString, description: '(total − previousCarry) rounded half-up to the payable step' },
    roundingCarry: { ...DecimalString, description: 'payable − (total − previousCarry); carried to the next bill' },
    vatTotals: Type.Optional(
      Type.Array(VatTotalSchema, { minItems: 1, description: 'addition within v1: one entry per VAT rate, ascending' }),
    ),
    previousDebt: Type.Optional({ ...NonNegDecimalString, description: 'addition within v1: unpaid earlier bills, printed, not billed' }),
    dueDate: { ...IsoDate, description: 'son ödeme tarihi' },
    dueDateMovedFrom: Type.Optional({
      ...IsoDate,
      description: 'addition within v1: the due date before an official or weekly holiday moved it to the next working day (TBK art. 93)',
    }),
    tariffIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1 }),
    segments: Type.Array(TariffSegmentSchema, { minItems: 1 }),
    lines: Type.Array(InvoiceLineSchema, {
      minItems: 1,
      description: 'the gas line first, then one line per charge of the job (account.charges)',
    }),
    trace: Type.Array(TraceStepSchema),
    consumptionHistory: Type.Optional({
      ...ConsumptionHistorySchema,
      description: "addition within v1 (issue 17): the job's consumptionHistory, carried for the e-mailed invoice's chart",
    }),
    emailTo: Type.Optional(
      Type.String({
        maxLength: 254,
        pattern: '^[^@\\s]+@[^@\\s]+$',
        description: 'present only when the customer asked for the invoice by e-mail; the back office sends it',
      }),
    ),
    documentKind: Type.Optional(
      Type.Union([Type.Literal('e-arsiv'), Type.Literal('bilgi-fisi')], {
        description:
          'addition within v1. Absent or "e-arsiv": the device printed the visual of the e-Arşiv invoice invoiceNo. "bilgi-fisi": the buyer is registered for e-Fatura; the device printed an information slip (not an invoice) numbered invoiceNo in its own series (config infoSlipSeries), and the office must issue the e-Fatura for these lines and send it through its integrator',
      }),
    ),
  },
  'An issued invoice: everything printed on it, as decimal strings',
);
export type InvoiceData = Static<typeof InvoiceSchema>;

// Drift guard: every Invoice billing produces must fit the published schema's type.
type Assignable<T extends U, U> = T;
export type InvoiceFitsSchema = Assignable<Invoice, InvoiceData>;
