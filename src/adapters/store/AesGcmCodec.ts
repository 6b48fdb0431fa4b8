/**
 * Encryption at rest for the store: AES-256-GCM from Node's own crypto (authenticated: a file
 * edited or swapped without the key fails to decrypt instead of being read as data). Every journal
 * line and every snapshot file is one sealed text: "enc1:" + base64(iv ‖ tag ‖ ciphertext), with a
 * fresh 96-bit random IV each time. The key is 32 random bytes kept in a file outside the data
 * directory (README "Threat model" says where and who can read it).
 *
 * Reading a plain (unencrypted) text is allowed so that a device switched to encryption keeps its
 * existing data; everything written after that is sealed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { TextCodec } from './DurableJsonFile.js';

const PREFIX = 'enc1:';

export class AesGcmCodec implements TextCodec {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32)
      throw new AppError('store key must be 32 bytes', ErrorCode.Config_Invalid, { context: { key: 'security.storeKeyFile' } });
  }

  encode(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }

  decode(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    } catch (e) {
      // The caller turns this into Store_Corrupt naming the file: wrong key or tampered data.
      throw new Error('cannot decrypt (wrong store key, or the data was altered)', { cause: e });
    }
  }
}

/** Reads a 32-byte key file (raw bytes, or 64 hex characters) that only its owner may read. */
export function loadStoreKey(file: string): Buffer {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new AppError(`security.storeKeyFile: cannot read ${file}`, ErrorCode.Config_Invalid, {
      cause: e,
      context: { key: 'security.storeKeyFile' },
    });
  }
  if ((st.mode & 0o077) !== 0)
    throw new AppError(`security.storeKeyFile: ${file} must be readable by its owner only (chmod 600)`, ErrorCode.Config_Invalid, {
      context: { key: 'security.storeKeyFile' },
    });
  const raw = readFileSync(file);
  const text = raw.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (raw.length === 32) return raw;
  throw new AppError(`security.storeKeyFile: ${file} must hold 32 bytes or 64 hex characters`, ErrorCode.Config_Invalid, {
    context: { key: 'security.storeKeyFile' },
  });
}

export function newStoreKeyHex(): string {
  return randomBytes(32).toString('hex');
}
