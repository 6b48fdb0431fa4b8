/**
 * What a signed order is for and until when (contract v1 §Signed orders): `deviceId` names the one
 * device that may carry it out (`*` for a tariff, which every device takes) and `notAfter` the
 * instant after which no device does. Both are inside the signed bytes; checked after the
 * signature, so a forger cannot change them. Pure: the device's clock is passed in.
 *
 * With signatures required both fields must be present; without, they are still honoured when a
 * verified message carries them (a wipe is always verified).
 */
import type { ContractError } from './contractError.js';
import { ANY_DEVICE } from './signed.js';

export interface ScopeOptions {
  /** This device's id; tariffs are checked against "*". */
  deviceId: string;
  forTariff: boolean;
  /** Milliseconds of the device's clock. */
  now: number;
  /** True when signatures are required: then a missing deviceId or notAfter is a refusal too. */
  require: boolean;
}

export function signedScopeError(msg: { deviceId?: unknown; notAfter?: unknown }, o: ScopeOptions): ContractError | undefined {
  const expected = o.forTariff ? ANY_DEVICE : o.deviceId;
  if (msg.deviceId === undefined) {
    if (o.require) return { path: '/deviceId', message: `signed order names no deviceId (must be "${expected}")` };
  } else if (msg.deviceId !== expected) {
    return { path: '/deviceId', message: `signed order is for device "${String(msg.deviceId).slice(0, 40)}", not "${expected}"` };
  }
  if (msg.notAfter === undefined) {
    if (o.require) return { path: '/notAfter', message: 'signed order carries no notAfter' };
    return undefined;
  }
  const until = typeof msg.notAfter === 'string' ? Date.parse(msg.notAfter) : NaN;
  if (!Number.isFinite(until)) return { path: '/notAfter', message: 'notAfter is not an ISO-8601 instant' };
  if (o.now > until)
    return { path: '/notAfter', message: `signed order expired at ${msg.notAfter} (device clock ${new Date(o.now).toISOString()})` };
  return undefined;
}
