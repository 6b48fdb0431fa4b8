/** Event data: printed documents. Contract v1 §Events. */
import { Type, type Static } from '@sinclair/typebox';
import { Obj, Sha256Hex } from '../primitives.js';

export const DocumentPrintedDataSchema = Obj({
  documentType: Type.String({
    minLength: 1,
    maxLength: 32,
    pattern: '^[a-z0-9-]+$',
    description: 'e.g. "invoice", "cut-notice", "reconnect-notice", "meter-report", "inspection-report", "no-access-notice"',
  }),
  documentNo: Type.String({ minLength: 1, maxLength: 64 }),
  copy: Type.Integer({ minimum: 1, description: '1 = the original, 2 and up = reprints' }),
  sha256: { ...Sha256Hex, description: 'SHA-256 of the bytes sent to the printer' },
});
export type DocumentPrintedData = Static<typeof DocumentPrintedDataSchema>;
