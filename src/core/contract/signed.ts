/**
 * The fields every signed order carries (contract v1 §Signed orders). Optional in the schema:
 * whether an unsigned order is acceptable is the device's policy (signature checking switched on
 * or not), decided by verifyMessage, not by the shape of the message. `deviceId` and `notAfter`
 * (additions within v1) are inside the signed bytes, so a signed order cannot be replayed to another
 * device or after its expiry (issue 15, item 4: an order for HT-SIG was accepted by HT-SIG2).
 */
import { Type } from '@sinclair/typebox';
import { IsoDateTime } from './primitives.js';

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

/** Tariffs are for every device: they name `*` instead of a device id. */
export const ANY_DEVICE = '*';

export const SignedDeviceId = Type.String({
  pattern: '^([A-Za-z0-9-]{1,32}|\\*)$',
  description: 'the device this signed order is for, or "*" for a tariff (every device); signed, so it cannot be changed',
});

export const NotAfter = Type.String({
  pattern: IsoDateTime.pattern,
  maxLength: IsoDateTime.maxLength,
  description: 'the signed order is refused after this instant (ISO-8601 with offset); signed',
});

export const SignatureFields = {
  kid: Type.Optional(Kid),
  sig: Type.Optional(Sig),
  deviceId: Type.Optional(SignedDeviceId),
  notAfter: Type.Optional(NotAfter),
};
