/** Event data: kaçak / usulsüz inspections (docs/domain.md §4, DMHY art. 52–53). Contract v1 §Events. */
import { Type, type Static } from '@sinclair/typebox';
import { DecimalString, IsoDate, JobId, MeterIndex, NonNegDecimalString, Obj, OneOf, Sha256Hex, ShortText } from '../primitives.js';

export const FindingKind = OneOf(['none', 'kacak', 'usulsuz'] as const, 'none, kaçak (illegal use) or usulsüz (irregular use)');

export const SealObservationSchema = Obj({
  sealNo: Type.String({ maxLength: 32, description: 'empty when a missing seal had no readable number' }),
  status: OneOf(['found', 'missing', 'broken', 'fitted'] as const),
});

export const AccrualLineSchema = Obj({
  code: Type.String({ minLength: 1, maxLength: 32, description: 'e.g. "kacak-consumption", "kacak-surcharge", "usulsuz-charge"' }),
  description: ShortText(200),
  quantity: DecimalString,
  unit: Type.String({ minLength: 1, maxLength: 16 }),
  unitPrice: DecimalString,
  amount: DecimalString,
  vatRate: Type.Optional(NonNegDecimalString),
  vat: Type.Optional(DecimalString),
});

export const AccrualSchema = Obj(
  {
    lines: Type.Array(AccrualLineSchema, { minItems: 1 }),
    total: DecimalString,
    method: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'quantity estimate method, e.g. "own-history", "similar-units", "appliance-capacity" (addition within v1)',
      }),
    ),
    // Additions within v1 (issue 18), all optional.
    period: Type.Optional(
      Obj(
        {
          from: IsoDate,
          to: IsoDate,
          days: Type.Integer({ minimum: 0 }),
          capped: Type.Boolean(),
          basis: OneOf(['last-reading', 'seal-check', 'unknown'] as const),
          start: Type.Union([IsoDate, Type.Null()]),
        },
        'kaçak: the period the estimate covers and its basis',
      ),
    ),
    estimatedM3: Type.Optional(NonNegDecimalString),
    meteredM3: Type.Optional({ ...NonNegDecimalString, description: "the meter's own consumption in the period, deducted" }),
    billedM3: Type.Optional({ ...NonNegDecimalString, description: 'estimatedM3 − meteredM3, never below 0' }),
    methodChange: Type.Optional(
      Obj({ from: ShortText(64), reason: ShortText(200) }, "the method differs from the configured default: the crew's reason"),
    ),
  },
  'The accrual (tahakkuk) for a finding',
);

export const InspectionReportedDataSchema = Obj({
  reportNo: Type.String({ minLength: 1, maxLength: 64, description: 'tutanak number' }),
  finding: FindingKind,
  subtype: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], {
    description: 'e.g. "bypass", "seal-broken"; null when finding is none',
  }),
  index: Type.Union([MeterIndex, Type.Null()], { description: 'null when there is no meter or it cannot be read' }),
  seals: Type.Array(SealObservationSchema, { maxItems: 50 }),
  evidenceSha256: {
    ...Sha256Hex,
    description: 'SHA-256 of the evidence record the report was printed from; proves it was not altered after printing',
  },
  accrual: Type.Optional(AccrualSchema),
  // Additions within v1: the rest of the tutanak (docs/domain.md §4), all optional.
  appliances: Type.Optional(Type.Array(Obj({ type: ShortText(64), kw: Type.Optional(NonNegDecimalString) }), { maxItems: 50 })),
  actions: Type.Optional(
    Type.Array(Type.String({ maxLength: 64, description: 'e.g. "gas-cut", "meter-removed-for-lab", "seal-fitted"' }), { maxItems: 20 }),
  ),
  witnesses: Type.Optional(Type.Array(ShortText(120), { maxItems: 10 })),
  customerStatement: Type.Optional(ShortText(2000)),
  refusedToSign: Type.Optional(Type.Boolean({ description: '"imzadan imtina etti"' })),
  // Additions within v1 (issue 18), all optional.
  officials: Type.Optional(
    Type.Array(Obj({ operatorId: ShortText(32), name: ShortText(120) }), {
      maxItems: 5,
      description: 'the officials who signed: the crew logged in, then the second official entered on the form',
    }),
  ),
  userAbsent: Type.Optional(Type.Boolean({ description: 'nobody was on site to make a statement or sign' })),
  noWitnessReason: Type.Optional(ShortText(500)),
  accrualStatus: Type.Optional(
    OneOf(['computed', 'exempt', 'pending'] as const, 'exempt: DMHY art. 53 application exemption; pending: the office computes it'),
  ),
  accrualPending: Type.Optional(OneOf(['no-tariff', 'no-fee', 'no-history'] as const, 'why the device could not compute the accrual')),
  corrects: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the sealed report this one corrects' })),
});
export type InspectionReportedData = Static<typeof InspectionReportedDataSchema>;

/**
 * "Offer an inspection on the spot": the device found something on a job that calls for a kaçak /
 * usulsüz inspection (a removed seal or an index that does not match those recorded at the cut, a
 * reading anomaly, signs of tampering) and asks the office for one. One event for every job kind
 * (issue 18; addition within v1). The office decides: it sends an inspection job or not.
 */
export const InspectionRequestedDataSchema = Obj({
  jobId: { ...JobId, description: 'the job during which the need was found' },
  reason: Type.String({
    pattern: '^[a-z0-9-]{1,64}$',
    description: 'why, as a code: e.g. "seal-mismatch", "index-moved-while-cut", "reading-anomaly", "tampering-suspected"',
  }),
  note: Type.Optional(ShortText(500)),
  evidence: Type.Array(
    Obj({
      kind: Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'e.g. "seal-at-cut", "seal-found", "index-at-cut", "index-found", "photo-sha256"',
      }),
      value: ShortText(200),
    }),
    { maxItems: 20, description: 'what was observed, item by item (may be empty when the note says it all)' },
  ),
});
export type InspectionRequestedData = Static<typeof InspectionRequestedDataSchema>;
