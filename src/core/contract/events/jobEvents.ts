/** Event data: what became of job messages. Contract v1 §Events. */
import { Type, type Static } from '@sinclair/typebox';
import { ContractErrorSchema } from '../contractError.js';
import { JobId, MessageId, Obj } from '../primitives.js';

export const JobAcceptedDataSchema = Obj({
  jobId: JobId,
  version: Type.Integer({ minimum: 1 }),
}, 'A job.assign was stored on the device');
export type JobAcceptedData = Static<typeof JobAcceptedDataSchema>;

export const JobRejectedDataSchema = Obj({
  messageId: Type.Union([MessageId, Type.Null()], { description: 'messageId of the rejected message; null when it had none that could be read (not JSON, not an object)' }),
  jobId: Type.Optional(JobId),
  errors: Type.Array(ContractErrorSchema, { minItems: 1, maxItems: 100 }),
  topic: Type.Optional(Type.String({ maxLength: 256, description: 'topic the message came on (addition within v1)' })),
}, 'A job message or command was refused: malformed JSON, unknown type, missing or wrong fields, bad or missing signature');
export type JobRejectedData = Static<typeof JobRejectedDataSchema>;

export const JobCancelTooLateDataSchema = Obj({
  jobId: JobId,
  messageId: Type.Optional({ ...MessageId, description: 'messageId of the job.cancel (addition within v1)' }),
}, 'A job.cancel arrived for work already done');
export type JobCancelTooLateData = Static<typeof JobCancelTooLateDataSchema>;
