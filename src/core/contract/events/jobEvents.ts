/** Event data: what became of job messages. Contract v1 §Events. */
import { Type, type Static } from '@sinclair/typebox';
import { ContractErrorSchema } from '../contractError.js';
import { JobId, MessageId, Obj } from '../primitives.js';

export const JobAcceptedDataSchema = Obj(
  {
    jobId: JobId,
    version: Type.Integer({ minimum: 1 }),
  },
  'A job.assign was stored on the device',
);
export type JobAcceptedData = Static<typeof JobAcceptedDataSchema>;

export const JobRejectedDataSchema = Obj(
  {
    messageId: Type.Union([MessageId, Type.Null()], {
      description: 'messageId of the rejected message; null when it had none that could be read (not JSON, not an object)',
    }),
    jobId: Type.Optional(JobId),
    errors: Type.Array(ContractErrorSchema, { minItems: 1, maxItems: 100 }),
    topic: Type.Optional(Type.String({ maxLength: 256, description: 'topic the message came on (addition within v1)' })),
    tariffId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'the refused tariff, from its topic; tariffs carry no messageId (addition within v1)',
      }),
    ),
  },
  'A job message, command or tariff was refused: malformed JSON, nested too deep or too large (refused before parsing; messageId then read from the raw bytes), unknown type, missing or wrong fields, bad or missing signature. Final for that message: the back office must send a corrected one with a new messageId',
);
export type JobRejectedData = Static<typeof JobRejectedDataSchema>;

export const JobCancelTooLateDataSchema = Obj(
  {
    jobId: JobId,
    messageId: Type.Optional({ ...MessageId, description: 'messageId of the job.cancel (addition within v1)' }),
  },
  'A job.cancel arrived for work already done',
);
export type JobCancelTooLateData = Static<typeof JobCancelTooLateDataSchema>;

/**
 * Why a message changed nothing on the device. Not a refusal: the message was well formed (and
 * signed where required) and the device already holds what it asked for, or something newer.
 */
export const JOB_IGNORED_REASONS = ['duplicate', 'older-version', 'already-cancelled', 'unknown-job'] as const;
export type JobIgnoredReason = (typeof JOB_IGNORED_REASONS)[number];

export const JobIgnoredDataSchema = Obj(
  {
    messageId: MessageId,
    jobId: Type.Optional(JobId),
    reason: Type.Union(
      JOB_IGNORED_REASONS.map((r) => Type.Literal(r)),
      {
        description:
          'duplicate: this messageId was processed before (a redelivery; its first answer stands). ' +
          'older-version: a job.assign whose job.version is not above the version the device holds (heldVersion). ' +
          'already-cancelled: a job.cancel for a job already cancelled on the device. ' +
          'unknown-job: a job.cancel for a job the device never held; it is remembered, so a later job.assign of that jobId is refused',
      },
    ),
    heldVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'with older-version: the job.version the device holds' })),
  },
  'A job message or command arrived and changed nothing, so the back office can tell "ignored" from "lost". Addition within v1; never a refusal: job.rejected is',
);
export type JobIgnoredData = Static<typeof JobIgnoredDataSchema>;
