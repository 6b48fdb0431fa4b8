/** Event data: cuts, reconnections, meter removal and installation (docs/domain.md §3). Contract v1 §Events. */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, MeterIndex, Obj, OneOf, OperatorId, ShortText } from '../primitives.js';

const SealNo = Type.String({ minLength: 1, maxLength: 32 });

/** The checklist items are configurable, so each answer names its item. */
export const ChecklistSchema = Type.Array(
  Obj({
    id: Type.String({ minLength: 1, maxLength: 64, description: 'item id from the configured checklist, e.g. "valves-closed"' }),
    label: Type.Optional(ShortText(200)),
    ok: Type.Boolean(),
  }),
  { maxItems: 50, description: 'answers to the safety checklist, in the order asked' },
);
export type Checklist = Static<typeof ChecklistSchema>;

// The optional fields below marked "addition within v1" are what devices have sent since field work
// began; they are written down here so that the device's events are checked against them at compile
// time (ports/Store.ts Tx.event). No length limits where the device sets none: declaring them must not
// make the back office refuse an event it accepted before.
/**
 * The job's meter was not scanned: the crew declared its barcode unreadable with a reason (issue 19,
 * the same reasons as reading.recorded's scanOverride). Absent: the meter was scanned and matched.
 */
const ScanOverrideSchema = Type.Optional(
  Obj(
    {
      reasonCode: Type.String({
        pattern: '^[0-9]{2}$',
        description: 'two-digit reason (src/core/reading/scanGate.ts SCAN_OVERRIDE_REASONS)',
      }),
      reasonLabel: Type.Optional(ShortText(80)),
      at: Type.Optional({ ...IsoDateTime, description: 'when the crew declared the barcode unreadable' }),
    },
    "the job's meter was not scanned: the crew declared its barcode unreadable, with this reason (addition within v1); absent: the meter was scanned and matched",
  ),
);

const PreconditionId = Type.String({ minLength: 1, description: 'cut precondition id, e.g. "working-hours"' });

export const GasCutDataSchema = Obj({
  index: MeterIndex,
  sealNo: { ...SealNo, description: 'number of the lock seal fitted' },
  checklist: ChecklistSchema,
  note: Type.Optional(ShortText(500)),
  cutAt: Type.Optional({ ...IsoDateTime, description: 'when the crew confirmed the cut (addition within v1)' }),
  preconditions: Type.Optional(
    Type.Array(Obj({ id: PreconditionId, status: OneOf(['ok', 'failed', 'unknown'] as const) }), {
      description: 'the cut preconditions checked, with their outcome (addition within v1)',
    }),
  ),
  referenceVersion: Type.Optional(Type.String({ description: 'version of the field-work reference data in force (addition within v1)' })),
  override: Type.Optional(
    Obj(
      {
        supervisorId: OperatorId,
        reason: Type.String(),
        at: IsoDateTime,
        preconditions: Type.Array(PreconditionId),
      },
      'a supervisor waived failed preconditions (PIN checked on the device) (addition within v1)',
    ),
  ),
  scanOverride: ScanOverrideSchema,
});
export type GasCutData = Static<typeof GasCutDataSchema>;

export const GasReconnectedDataSchema = Obj({
  index: MeterIndex,
  removedSealNo: SealNo,
  checklist: ChecklistSchema,
  reconnectedAt: Type.Optional({ ...IsoDateTime, description: 'when the crew confirmed the reconnection (addition within v1)' }),
  findings: Type.Optional(
    Type.Array(
      Obj({
        code: OneOf(['seal-mismatch', 'index-advanced', 'index-lower'] as const, 'what differs from the cut (job.cut)'),
        atCut: Type.String({ maxLength: 32, description: 'as recorded at the cut: seal number or index' }),
        found: Type.String({ maxLength: 32, description: 'as found at the reconnection' }),
      }),
      {
        maxItems: 10,
        description:
          'the removed seal or the index differ from those recorded at the cut (job.cut): the gas may have been reopened without the distributor; an inspection was offered on the spot (addition within v1)',
      },
    ),
  ),
  scanOverride: ScanOverrideSchema,
});
export type GasReconnectedData = Static<typeof GasReconnectedDataSchema>;

export const MeterRemovedDataSchema = Obj({
  serial: Type.String({ minLength: 1, maxLength: 32 }),
  finalIndex: MeterIndex,
  sealNos: Type.Array(SealNo, { maxItems: 20, description: 'seals found on the removed meter' }),
  removedAt: Type.Optional({ ...IsoDateTime, description: 'addition within v1' }),
  reason: Type.Optional(
    Type.String({
      description: 'why the meter was exchanged: "periodic", "fault", "lab", "customer-request" or "other" (addition within v1)',
    }),
  ),
  checklist: Type.Optional(ChecklistSchema),
  scanOverride: ScanOverrideSchema,
});
export type MeterRemovedData = Static<typeof MeterRemovedDataSchema>;

export const MeterInstalledDataSchema = Obj({
  serial: Type.String({ minLength: 1, maxLength: 32 }),
  initialIndex: MeterIndex,
  sealNos: Type.Array(SealNo, { maxItems: 20, description: 'seals fitted on the new meter' }),
  digits: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'integer dials of the new meter (addition within v1)' })),
  installedAt: Type.Optional({ ...IsoDateTime, description: 'addition within v1' }),
  replacesSerial: Type.Optional(
    Type.String({ minLength: 1, maxLength: 32, description: 'serial of the meter removed in the same visit (addition within v1)' }),
  ),
  checklist: Type.Optional(ChecklistSchema),
});
export type MeterInstalledData = Static<typeof MeterInstalledDataSchema>;
