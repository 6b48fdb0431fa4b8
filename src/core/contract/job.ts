/** A job as sent by the back office inside `job.assign`. Contract v1 §Job messages. */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, JobId, MeterIndex, NonNegDecimalString, Obj, ShortText } from './primitives.js';

export const JobKind = Type.Union([
  Type.Literal('reading'),
  Type.Literal('cut'),
  Type.Literal('reconnect'),
  Type.Literal('meter-removal'),
  Type.Literal('meter-installation'),
  Type.Literal('inspection'),
]);
export type JobKind = Static<typeof JobKind>;
export const JOB_KINDS: readonly JobKind[] = ['reading', 'cut', 'reconnect', 'meter-removal', 'meter-installation', 'inspection'];

export const CustomerSchema = Obj({
  installationNo: Type.String({ minLength: 1, maxLength: 32 }),
  contractAccount: Type.String({ minLength: 1, maxLength: 32 }),
  name: ShortText(120),
  address: ShortText(300),
  phone: Type.Optional(ShortText(32)),
  email: Type.Optional(Type.String({ maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })),
  invoiceByEmail: Type.Optional(Type.Boolean()),
});
export type Customer = Static<typeof CustomerSchema>;

export const MeterSchema = Obj({
  serial: Type.String({ minLength: 1, maxLength: 32 }),
  barcode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  digits: Type.Integer({ minimum: 1, maximum: 10 }),
  lastIndex: MeterIndex,
  lastReadDate: IsoDate,
  expectedDailyM3: Type.Optional(NonNegDecimalString),
});
export type Meter = Static<typeof MeterSchema>;

export const DebtSchema = Obj({
  amount: NonNegDecimalString,
  oldestDueDate: IsoDate,
  noticeSentAt: IsoDateTime,
  noticeChannels: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 10 }),
});
export type Debt = Static<typeof DebtSchema>;

export const CutRecordSchema = Obj(
  {
    sealNo: Type.String({ minLength: 1, maxLength: 32, description: 'the lock seal fitted at the cut (gas.cut sealNo)' }),
    index: MeterIndex,
    cutAt: Type.Optional({ ...IsoDateTime, description: 'when the cut was confirmed (gas.cut cutAt)' }),
  },
  'reconnect jobs: the cut being reopened, as recorded in its gas.cut event; the device compares the removed seal and the index with it (addition within v1)',
);
export type CutRecord = Static<typeof CutRecordSchema>;

export const JobSchema = Obj(
  {
    jobId: JobId,
    version: Type.Integer({ minimum: 1 }),
    kind: JobKind,
    priority: Type.Union([Type.Literal('normal'), Type.Literal('urgent')]),
    routeSeq: Type.Integer({ minimum: 0 }),
    dueDate: IsoDate,
    customer: CustomerSchema,
    meter: MeterSchema,
    tariffGroup: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'reading jobs (required there): the tariff group that prices this customer',
      }),
    ),
    debt: Type.Optional({ ...DebtSchema, description: 'cut jobs (required there): the debt the cut is for' }),
    cut: Type.Optional(CutRecordSchema),
    notes: Type.Optional(ShortText(1000)),
  },
  'A job; a job.assign with a higher version replaces the job, a lower or equal one is ignored',
);

/**
 * Fields a schema cannot make conditional on `kind` without if/then (which TypeBox's Value.Check
 * does not evaluate): parseInbound checks these after the schema.
 */
export const REQUIRED_BY_KIND: Readonly<Partial<Record<JobKind, readonly (keyof Job)[]>>> = {
  reading: ['tariffGroup'],
  cut: ['debt'],
};
export type Job = Static<typeof JobSchema>;
