/**
 * Signed orders (contract v1 §Signed orders): Ed25519 over the RFC 8785 (JCS) canonical JSON of the
 * message without `sig`; `kid` is inside the signed bytes, so it cannot be swapped afterwards.
 * The signature is base64url without padding. Devices hold several public keys at once so the back
 * office can rotate: sign with the new key while devices still accept the old one.
 *
 * node:crypto does no I/O here; keys come in as PEM text or KeyObjects, never as file paths.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError, ErrorCode } from '../errors/AppError.js';
import type { ContractError } from './contractError.js';

export type KeyLike = string | KeyObject;
export type SignedFields = { kid?: string; sig?: string };

export type VerifyReason =
  /** no `sig` (or no `kid`) on a message while signature checking is on */
  | 'unsigned'
  /** `kid` names no key the device holds (never provisioned, or retired) */
  | 'unknown-kid'
  /** the signature does not match the message: tampered, wrong key, or not a signature at all */
  | 'bad-signature'
  /** the device's own key for that kid is not an Ed25519 public key: a provisioning fault */
  | 'key-invalid';

export type VerifyResult =
  | { ok: true; kid: string }
  | { ok: false; reason: VerifyReason; kid?: string; message: string; /** ready for job.rejected */ error: ContractError };

/** RFC 8785 canonical JSON of `msg` without `sig`: the exact bytes that are signed. */
export function canonicalPayload(msg: object): string {
  const { sig: _sig, ...rest } = msg as SignedFields & Record<string, unknown>;
  const text = canonicalize(rest);
  if (text === undefined) throw new AppError('message cannot be canonicalised', ErrorCode.Contract_Invalid);
  return text;
}

/** For back-office tools and tests: returns a copy of `msg` with `kid` and `sig` set. */
export function signMessage<T extends object>(msg: T, opts: { kid: string; privateKey: KeyLike }): T & { kid: string; sig: string } {
  const key = typeof opts.privateKey === 'string' ? createPrivateKey(opts.privateKey) : opts.privateKey;
  if (key.asymmetricKeyType !== 'ed25519')
    throw new AppError('signing key is not an Ed25519 private key', ErrorCode.Signature_Invalid, { context: { kid: opts.kid } });
  const withKid = { ...(msg as object), kid: opts.kid } as T & { kid: string };
  delete (withKid as SignedFields).sig;
  const sig = sign(null, Buffer.from(canonicalPayload(withKid), 'utf8'), key).toString('base64url');
  return { ...withKid, sig };
}

/** Checks `msg` against the device's keys (kid → Ed25519 public key). Never throws. */
export function verifyMessage(msg: object, keys: ReadonlyMap<string, KeyLike>): VerifyResult {
  const { kid, sig } = msg as { kid?: unknown; sig?: unknown };
  const fail = (reason: VerifyReason, message: string, path: string): VerifyResult => ({
    ok: false,
    reason,
    message,
    error: { path, message },
    ...(typeof kid === 'string' ? { kid } : {}),
  });
  if (sig === undefined || sig === null) return fail('unsigned', 'message is not signed (no sig)', '/sig');
  if (typeof kid !== 'string' || kid === '') return fail('unsigned', 'signed message has no kid', '/kid');
  const keyLike = keys.get(kid);
  if (keyLike === undefined) return fail('unknown-kid', `no public key with kid "${kid}" on this device`, '/kid');
  let key: KeyObject;
  try {
    key = typeof keyLike === 'string' ? createPublicKey(keyLike) : keyLike;
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`is ${key.asymmetricKeyType}`);
  } catch (e) {
    return fail('key-invalid', `key "${kid}" on this device is not an Ed25519 public key (${(e as Error).message})`, '/kid');
  }
  if (typeof sig !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(sig))
    return fail('bad-signature', 'sig is not a base64url Ed25519 signature', '/sig');
  let good = false;
  try {
    good = verify(null, Buffer.from(canonicalPayload(msg), 'utf8'), key, Buffer.from(sig, 'base64url'));
  } catch {
    good = false;
  }
  return good ? { ok: true, kid } : fail('bad-signature', `signature does not match the message for key "${kid}"`, '/sig');
}

/** Throwing form for code paths that treat a bad signature as an error (AppError Signature_Invalid). */
export function assertSigned(msg: object, keys: ReadonlyMap<string, KeyLike>): string {
  const r = verifyMessage(msg, keys);
  if (!r.ok)
    throw new AppError(r.message, ErrorCode.Signature_Invalid, { context: { reason: r.reason, ...(r.kid ? { kid: r.kid } : {}) } });
  return r.kid;
}

/** For provisioning and back-office tools: a fresh Ed25519 key pair as PEM (SPKI / PKCS#8). */
export function generateSigningKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
