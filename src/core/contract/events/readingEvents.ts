/** Event data: meter readings. Contract v1 §Events; no-read codes in docs/domain.md §2. */
import { Type, type Static } from '@sinclair/typebox';
import { InvoiceNo, IsoDateTime, MeterIndex, NonNegDecimalString, Obj, OneOf, ShortText } from '../primitives.js';
import { ChecklistSchema } from './fieldWorkEvents.js';

export const ReadingRecordedDataSchema = Obj({
  index: MeterIndex,
  previousIndex: MeterIndex,
  consumptionM3: NonNegDecimalString,
  rollover: Type.Boolean(),
  outlierConfirmed: Type.Boolean({ description: 'the reading was outside the plausible range and the reader confirmed it' }),
  readAt: IsoDateTime,
  invoiceNo: Type.Optional({ ...InvoiceNo, description: 'the invoice issued for this reading, if any' }),
  // Addition within v1 (issue 19): the meter's barcode could not be scanned and the reader said why.
  scanOverride: Type.Optional(
    Obj(
      {
        reasonCode: Type.String({
          pattern: '^[0-9]{2}$',
          description: 'two-digit reason (src/core/reading/scanGate.ts SCAN_OVERRIDE_REASONS)',
        }),
        reasonLabel: Type.Optional(ShortText(80)),
      },
      'the meter was not scanned: the reader declared its barcode unreadable, with this reason (addition within v1); absent: the meter was scanned and matched',
    ),
  ),
  // Addition within v1 (issue 17): config reading.highConsumption 'hold-for-office'.
  billingHeld: Type.Optional(
    Obj(
      {
        reason: OneOf(
          ['high-consumption'] as const,
          'high-consumption: above highFactor × the expected consumption, under the meter class ceiling, re-keyed identically',
        ),
        consumptionM3: NonNegDecimalString,
      },
      'the reading is recorded but not billed on the device: no invoice number was used, nothing printed; the office reviews it and bills it (addition within v1; docs/invoice.md "Plausibility"). Absent: billed on the device (invoiceNo) or below the minimum billable volume',
    ),
  ),
});
export type ReadingRecordedData = Static<typeof ReadingRecordedDataSchema>;

export const ReadingSkippedDataSchema = Obj({
  reasonCode: Type.String({ pattern: '^[0-9]{2}$', description: 'two-digit no-read code (docs/domain.md §2; 99 = other, with a note)' }),
  note: Type.Optional(ShortText(500)),
  scannedSerial: Type.Optional({
    ...ShortText(64),
    description: 'the code actually scanned when it was another meter than the job names (code 11; addition within v1)',
  }),
  // Additions within v1, sent when a field job (cut, reconnect, meter exchange) was visited but not done.
  jobKind: Type.Optional(Type.String({ description: 'kind of the job visited, e.g. "cut" (addition within v1)' })),
  outcome: Type.Optional(Type.Literal('not-done', { description: 'a field job visited but not done (addition within v1)' })),
  reasonLabel: Type.Optional(Type.String({ description: "the wording of reasonCode in the device's reference data (addition within v1)" })),
  checklist: Type.Optional(ChecklistSchema),
  noticeLeft: Type.Optional(Type.Boolean({ description: 'a notice was left at the door (addition within v1)' })),
  emergency: Type.Optional(Type.Boolean({ description: 'the reason is an emergency, e.g. a gas smell (addition within v1)' })),
});
export type ReadingSkippedData = Static<typeof ReadingSkippedDataSchema>;
