/** Event data: cuts, reconnections, meter removal and installation (domain.md §3). Contract v1 §Events. */
import { Type, type Static } from '@sinclair/typebox';
import { MeterIndex, Obj, ShortText } from '../primitives.js';

const SealNo = Type.String({ minLength: 1, maxLength: 32 });

/** The checklist items are configurable, so each answer names its item. */
export const ChecklistSchema = Type.Array(Obj({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'item id from the configured checklist, e.g. "valves-closed"' }),
  label: Type.Optional(ShortText(200)),
  ok: Type.Boolean(),
}), { maxItems: 50, description: 'answers to the safety checklist, in the order asked' });
export type Checklist = Static<typeof ChecklistSchema>;

export const GasCutDataSchema = Obj({
  index: MeterIndex,
  sealNo: { ...SealNo, description: 'number of the lock seal fitted' },
  checklist: ChecklistSchema,
  note: Type.Optional(ShortText(500)),
});
export type GasCutData = Static<typeof GasCutDataSchema>;

export const GasReconnectedDataSchema = Obj({
  index: MeterIndex,
  removedSealNo: SealNo,
  checklist: ChecklistSchema,
});
export type GasReconnectedData = Static<typeof GasReconnectedDataSchema>;

export const MeterRemovedDataSchema = Obj({
  serial: Type.String({ minLength: 1, maxLength: 32 }),
  finalIndex: MeterIndex,
  sealNos: Type.Array(SealNo, { maxItems: 20, description: 'seals found on the removed meter' }),
});
export type MeterRemovedData = Static<typeof MeterRemovedDataSchema>;

export const MeterInstalledDataSchema = Obj({
  serial: Type.String({ minLength: 1, maxLength: 32 }),
  initialIndex: MeterIndex,
  sealNos: Type.Array(SealNo, { maxItems: 20, description: 'seals fitted on the new meter' }),
});
export type MeterInstalledData = Static<typeof MeterInstalledDataSchema>;
