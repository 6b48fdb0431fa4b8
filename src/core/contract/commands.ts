/**
 * Commands, back office → device on saha/v1/devices/{deviceId}/commands. Contract v1 §Commands.
 *
 * Adding a command type = one schema here plus one entry in COMMAND_SCHEMAS: parseInbound, the
 * AsyncAPI document and the JSON Schema files all pick it up from the table. A type the device does
 * not know is rejected (job.rejected event), never silently dropped.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, MessageId, Obj } from './primitives.js';
import { SignatureFields } from './signed.js';

export const MessageCommandSchema = Obj(
  {
    messageId: MessageId,
    sentAt: IsoDateTime,
    type: Type.Literal('message'),
    text: Type.String({ minLength: 1, maxLength: 2000, description: 'shown to the crew' }),
    ...SignatureFields,
  },
  'Shows a message to the crew',
);
export type MessageCommand = Static<typeof MessageCommandSchema>;

export const WipeCommandSchema = Obj(
  {
    messageId: MessageId,
    sentAt: IsoDateTime,
    type: Type.Literal('wipe'),
    afterDelivery: Type.Boolean({
      description: 'true: first deliver every pending event, then wipe; false: wipe at once (lost or stolen device)',
    }),
    ...SignatureFields,
  },
  'Erases jobs and personal data from the device. Addition within v1 (not in the first contract text); should only be acted on when signed',
);
export type WipeCommand = Static<typeof WipeCommandSchema>;

export const COMMAND_SCHEMAS = {
  message: MessageCommandSchema,
  wipe: WipeCommandSchema,
} as const;
export type CommandType = keyof typeof COMMAND_SCHEMAS;
export const COMMAND_TYPES = Object.keys(COMMAND_SCHEMAS) as CommandType[];
export type Command = MessageCommand | WipeCommand;
