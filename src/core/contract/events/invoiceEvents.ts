/** Event data: invoices. Contract v1 §Events. */
import { Type, type Static } from '@sinclair/typebox';
import { InvoiceSchema } from '../invoice.js';
import { InvoiceNo, IsoDateTime, Obj } from '../primitives.js';

export const InvoiceIssuedDataSchema = InvoiceSchema;
export type InvoiceIssuedData = Static<typeof InvoiceIssuedDataSchema>;

export const InvoiceVoidedDataSchema = Obj(
  {
    invoiceNo: InvoiceNo,
    reason: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'why the reserved number was never issued, e.g. "print-failed", "cancelled-by-crew", "recovered-after-crash"',
    }),
    reservedAt: IsoDateTime,
  },
  'Addition within v1: an invoice number was reserved but never issued, so the sequence never skips silently',
);
export type InvoiceVoidedData = Static<typeof InvoiceVoidedDataSchema>;
