/** Event data about the device itself (additions within v1). */
import { Type, type Static } from '@sinclair/typebox';
import { MessageId, Obj } from '../primitives.js';

const Count = Type.Integer({ minimum: 0 });

export const DeviceWipedDataSchema = Obj(
  {
    messageId: MessageId,
    afterDelivery: Type.Boolean({ description: 'true: customer data was erased only after every unsent record was delivered' }),
    erased: Obj({ jobs: Count, work: Count, invoices: Count, documents: Count, messages: Count }, 'records erased per kind'),
    discardedEvents: Type.Integer({ minimum: 0, description: 'undelivered events erased (only when afterDelivery is false)' }),
  },
  'A signed wipe command erased customer data on the device (addition within v1)',
);
export type DeviceWipedData = Static<typeof DeviceWipedDataSchema>;
