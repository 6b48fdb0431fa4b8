/** A job as sent by the back office inside `job.assign`. Contract v1 §Job messages. */
import { Type, type Static } from '@sinclair/typebox';
import { METER_CLASSES } from '../billing/meterClass.js';
import { taxIdProblem } from '../billing/taxId.js';
import { ConsumptionHistorySchema } from './consumptionHistory.js';
import type { ContractError } from './contractError.js';
import { DecimalString, IsoDate, IsoDateTime, JobId, MeterIndex, NonNegDecimalString, Obj, OneOf, ShortText } from './primitives.js';

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

/**
 * Customers who may be cut for debt only after several unpaid periods (DMHY art. 44(3), docs/domain.md §3;
 * device/reference/README.md). "none" says the office checked: a cut job without the field is blocked.
 */
export const PROTECTED_CATEGORIES = ['none', 'martyr-family', 'veteran'] as const;
export type ProtectedCategory = (typeof PROTECTED_CATEGORIES)[number];

/** How the cut notice reached the customer. "written" is a written notice to the address. */
export const NOTICE_CHANNELS = ['written', 'sms', 'email', 'phone', 'kep'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
/** Names accepted for a channel besides its own ("written-notice" is how the contract example and route.csv spelled it). */
export const NOTICE_CHANNEL_ALIASES: Readonly<Record<string, NoticeChannel>> = { 'written-notice': 'written' };
/** The channel a received name stands for (case-insensitive), or undefined. */
export function canonicalChannel(name: string): NoticeChannel | undefined {
  const n = name.trim().toLowerCase();
  return (NOTICE_CHANNELS as readonly string[]).includes(n) ? (n as NoticeChannel) : NOTICE_CHANNEL_ALIASES[n];
}

export const CustomerSchema = Obj({
  installationNo: Type.String({ minLength: 1, maxLength: 32 }),
  contractAccount: Type.String({ minLength: 1, maxLength: 32 }),
  name: ShortText(120),
  address: ShortText(300),
  phone: Type.Optional(ShortText(32)),
  email: Type.Optional(Type.String({ maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })),
  invoiceByEmail: Type.Optional(Type.Boolean()),
  priorOffences: Type.Optional(
    Type.Array(
      Obj({
        date: IsoDate,
        finding: Type.Union([Type.Literal('kacak'), Type.Literal('usulsuz')]),
        reportNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      }),
      {
        maxItems: 50,
        description:
          "addition within v1 (issue 18): the office's record of earlier kaçak/usulsüz findings at this installation; the device takes the repeat surcharge from it as well as from its own reports",
      },
    ),
  ),
  protectedCategory: Type.Optional(
    OneOf(
      PROTECTED_CATEGORIES,
      'cut jobs: "none", or a category that may be cut only after debt.unpaidPeriods reaches the minimum (DMHY 44(3)); a cut job without it is blocked',
    ),
  ),
  taxId: Type.Optional(
    Type.String({
      pattern: '^([0-9]{10}|[0-9]{11})$',
      description:
        "addition within v1: 10-digit VKN or 11-digit TCKN, check digits verified on receipt; absent for an individual means GİB's placeholder 11111111111",
    }),
  ),
  company: Type.Optional(
    Type.Boolean({ description: 'addition within v1: the customer is a legal entity; taxId is then required (docs/invoice.md)' }),
  ),
  eInvoiceRegistered: Type.Optional(
    Type.Boolean({ description: 'addition within v1: the customer is registered for e-Fatura (carried, not yet acted on)' }),
  ),
});
export type Customer = Static<typeof CustomerSchema>;

export const MeterSchema = Obj({
  serial: Type.String({ minLength: 1, maxLength: 32 }),
  barcode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  digits: Type.Integer({ minimum: 1, maximum: 10 }),
  lastIndex: MeterIndex,
  lastReadDate: IsoDate,
  expectedDailyM3: Type.Optional(NonNegDecimalString),
  class: Type.Optional(
    OneOf(METER_CLASSES, 'addition within v1: the meter class (G1.6 … G25); its maximum flow caps a plausible reading (docs/invoice.md)'),
  ),
});
export type Meter = Static<typeof MeterSchema>;

export const DebtSchema = Obj({
  amount: NonNegDecimalString,
  oldestDueDate: IsoDate,
  noticeSentAt: IsoDateTime,
  noticeChannels: Type.Array(
    OneOf(
      [...NOTICE_CHANNELS, ...Object.keys(NOTICE_CHANNEL_ALIASES)],
      'a notice channel: written, sms, email, phone, kep ("written-notice" = written)',
    ),
    { maxItems: 10 },
  ),
  unpaidPeriods: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 999, description: 'billing periods unpaid; needed to cut a protected customer (DMHY 44(3))' }),
  ),
  unpaidConsumptionM3: Type.Optional({
    ...NonNegDecimalString,
    description: 'unpaid consumption in m³ (DMHY 44: a cut needs more than the minimum, 50 m³); a cut job without it is blocked',
  }),
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

export const ChargeSchema = Obj(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,32}$', description: 'e.g. "reconnection", "late-fee", "deposit"; not "gas"' }),
    description: ShortText(200),
    amount: { ...NonNegDecimalString, description: "net amount in TL, before VAT, at most the tariff's money places" },
    vatRate: { ...NonNegDecimalString, description: 'a fraction from 0 to 1: "0.20" for 20 %' },
  },
  'A charge billed with the gas, with its own VAT rate',
);

export const AccountSchema = Obj(
  {
    previousCarry: Type.Optional({ ...DecimalString, description: "the previous invoice's roundingCarry, deducted after VAT" }),
    charges: Type.Optional(Type.Array(ChargeSchema, { maxItems: 20 })),
    previousDebt: Type.Optional({ ...NonNegDecimalString, description: 'unpaid earlier bills in TL: printed for information, not billed' }),
  },
  'Addition within v1 (reading jobs): what the bill carries besides gas',
);
export type Account = Static<typeof AccountSchema>;

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
    account: Type.Optional(AccountSchema),
    consumptionHistory: Type.Optional(ConsumptionHistorySchema),
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

/**
 * What the schema cannot say about a job's customer (checked after it, by parseInbound on the
 * device and validateJob in the office): the tax id's check digits, and that a company gives one.
 * Paths are relative to the job.
 */
export function customerRules(job: Record<string, unknown>): ContractError[] {
  const c = job.customer;
  if (typeof c !== 'object' || c === null) return [];
  const { taxId, company } = c as Record<string, unknown>;
  if (taxId !== undefined && typeof taxId !== 'string') return [];
  const problem = taxIdProblem(taxId, company === true);
  return problem ? [{ path: '/customer/taxId', message: problem }] : [];
}
