/** Tariff message (retained on saha/v1/tariffs/{tariffId}). Contract v1 §Tariffs. */
import { Type, type Static } from '@sinclair/typebox';
import { DecimalString, IsoDate, NonNegDecimalString, Obj } from './primitives.js';
import { SignatureFields } from './signed.js';

const Places = Type.Integer({ minimum: 0, maximum: 12 });

export const TariffRoundingSchema = Obj(
  {
    correctedVolume: Places,
    kwhFactor: Places,
    energyKwh: Places,
    unitPrice: Places,
    correctionFactor: Places,
    calorificValue: Places,
    money: Places,
    payableStep: NonNegDecimalString,
  },
  'Decimal places per quantity, half-up; payableStep is what the payable amount is rounded to',
);

export const TariffSchema = Obj(
  {
    tariffId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
    group: Type.String({ minLength: 1, maxLength: 64 }),
    validFrom: IsoDate,
    validTo: Type.Union([IsoDate, Type.Null()], { description: 'inclusive; null = until a later tariff of the group takes over' }),
    unitPricePerKwh: NonNegDecimalString,
    correctionFactor: NonNegDecimalString,
    calorificValueKcalPerM3: NonNegDecimalString,
    vatRate: NonNegDecimalString,
    minimumBillableM3: NonNegDecimalString,
    dueDays: Type.Integer({ minimum: 0, maximum: 366 }),
    rounding: TariffRoundingSchema,
    // Signed like job messages when devices require signatures, with deviceId "*" (contract §Signed orders).
    ...SignatureFields,
  },
  'Tariff of one tariff group for a validity interval',
);

export type Tariff = Static<typeof TariffSchema>;
export type TariffRounding = Static<typeof TariffRoundingSchema>;
// DecimalString is re-exported for callers that build tariffs in tests.
export { DecimalString };
