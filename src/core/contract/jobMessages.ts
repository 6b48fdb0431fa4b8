/** Job messages, back office → device on saha/v1/devices/{deviceId}/jobs. Contract v1 §Job messages. */
import { Type, type Static } from '@sinclair/typebox';
import { JobSchema } from './job.js';
import { IsoDateTime, JobId, MessageId, Obj } from './primitives.js';
import { SignatureFields } from './signed.js';

export const JobAssignMessageSchema = Obj(
  {
    messageId: MessageId,
    sentAt: IsoDateTime,
    type: Type.Literal('job.assign'),
    job: JobSchema,
    ...SignatureFields,
  },
  'Assigns a job, or replaces it when job.version is higher than the one the device holds',
);
export type JobAssignMessage = Static<typeof JobAssignMessageSchema>;

export const JobCancelMessageSchema = Obj(
  {
    messageId: MessageId,
    sentAt: IsoDateTime,
    type: Type.Literal('job.cancel'),
    jobId: JobId,
    reason: Type.String({ minLength: 1, maxLength: 200, description: 'why, e.g. "paid" (a payment stops a pending cut)' }),
    ...SignatureFields,
  },
  'Cancels a job. After it the device makes the job impossible to complete and tells the crew at once if it is open; work already done is answered with job.cancel-too-late',
);
export type JobCancelMessage = Static<typeof JobCancelMessageSchema>;

/** Dispatch on `type` happens in parseInbound, so each message type gets its own precise errors. */
export const JOB_MESSAGE_SCHEMAS = {
  'job.assign': JobAssignMessageSchema,
  'job.cancel': JobCancelMessageSchema,
} as const;
export type JobMessageType = keyof typeof JOB_MESSAGE_SCHEMAS;
export type JobMessage = JobAssignMessage | JobCancelMessage;
