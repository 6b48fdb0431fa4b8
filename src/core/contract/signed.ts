/**
 * The two fields every signed order carries (contract v1 §Signed orders). Optional in the schema:
 * whether an unsigned order is acceptable is the device's policy (signature checking switched on
 * or not), decided by verifyMessage, not by the shape of the message.
 */
import { Type } from '@sinclair/typebox';

export const Kid = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9._:-]+$',
  description: 'id of the back-office signing key (several may be valid during a rotation)',
});

/** Ed25519 signature: 64 bytes → 86 base64url characters, unpadded. */
export const Sig = Type.String({
  pattern: '^[A-Za-z0-9_-]{86}$',
  description: 'Ed25519 signature, base64url without padding, over the RFC 8785 canonical JSON of the message without `sig`',
});

export const SignatureFields = {
  kid: Type.Optional(Kid),
  sig: Type.Optional(Sig),
};
