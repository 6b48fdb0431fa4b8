/** Event data: meter readings. Contract v1 §Events; no-read codes in domain.md §2. */
import { Type, type Static } from '@sinclair/typebox';
import { InvoiceNo, IsoDateTime, MeterIndex, NonNegDecimalString, Obj, ShortText } from '../primitives.js';

export const ReadingRecordedDataSchema = Obj({
  index: MeterIndex,
  previousIndex: MeterIndex,
  consumptionM3: NonNegDecimalString,
  rollover: Type.Boolean(),
  outlierConfirmed: Type.Boolean({ description: 'the reading was outside the plausible range and the reader confirmed it' }),
  readAt: IsoDateTime,
  invoiceNo: Type.Optional({ ...InvoiceNo, description: 'the invoice issued for this reading, if any' }),
});
export type ReadingRecordedData = Static<typeof ReadingRecordedDataSchema>;

export const ReadingSkippedDataSchema = Obj({
  reasonCode: Type.String({ pattern: '^[0-9]{2}$', description: 'two-digit no-read code (domain.md §2; 99 = other, with a note)' }),
  note: Type.Optional(ShortText(500)),
});
export type ReadingSkippedData = Static<typeof ReadingSkippedDataSchema>;
