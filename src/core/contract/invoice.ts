/**
 * The whole invoice as carried by the invoice.issued event, modelled on core/billing/types.ts
 * `Invoice` (what computeInvoice returns plus identity). Money, volumes and factors are decimal
 * strings exactly as printed, so the back office can recompute and compare digit for digit.
 * A compile-time check at the bottom keeps this schema and the billing type in step.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Invoice } from '../billing/types.js';
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
});

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
    }),
    meter: Obj({ serial: Type.String({ minLength: 1, maxLength: 32 }) }),
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
    vatRate: NonNegDecimalString,
    vat: DecimalString,
    total: DecimalString,
    payable: DecimalString,
    roundingCarry: { ...DecimalString, description: 'payable − total; carried to the next bill' },
    dueDate: { ...IsoDate, description: 'son ödeme tarihi' },
    tariffIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1 }),
    segments: Type.Array(TariffSegmentSchema, { minItems: 1 }),
    lines: Type.Array(InvoiceLineSchema, { minItems: 1 }),
    trace: Type.Array(TraceStepSchema),
    emailTo: Type.Optional(
      Type.String({
        maxLength: 254,
        pattern: '^[^@\\s]+@[^@\\s]+$',
        description: 'present only when the customer asked for the invoice by e-mail; the back office sends it',
      }),
    ),
  },
  'An issued invoice: everything printed on it, as decimal strings',
);
export type InvoiceData = Static<typeof InvoiceSchema>;

// Drift guard: every Invoice billing produces must fit the published schema's type.
type Assignable<T extends U, U> = T;
export type InvoiceFitsSchema = Assignable<Invoice, InvoiceData>;
