/** One problem found in a message: where (JSON pointer into the message, "/" = the whole) and what. */
import { Type, type Static } from '@sinclair/typebox';
import { Obj } from './primitives.js';

export const ContractErrorSchema = Obj({
  path: Type.String({ maxLength: 300, description: 'JSON pointer into the offending message; "/" for the message as a whole' }),
  message: Type.String({ maxLength: 500 }),
});
export type ContractError = Static<typeof ContractErrorSchema>;
