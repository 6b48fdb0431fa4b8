/**
 * Who may use the terminal: operators (readers and supervisors) provisioned into the store's
 * 'operators' collection, each with a salted scrypt hash of their PIN. Login failures lock the
 * operator id out for a growing delay, so a found terminal cannot be brute-forced on the keypad
 * (a 4–6 digit PIN has at most a million values). Every login, failure, lockout and logout goes
 * through the hash-chained audit log.
 *
 * Behaviour:
 * - `login` rejects with Auth_Failed for an unknown id or a wrong PIN (same error, so ids cannot be
 *   probed), and with Auth_Locked while the id is locked (context: lockedUntil, retryInMs). A
 *   locked id's PIN is not even checked, so guessing during a lockout gains nothing.
 * - After `maxFailures` consecutive failures the id is locked for baseLockMs · 2^(lockouts so far),
 *   capped at maxLockMs. A successful login resets both counters. The counters live in the store
 *   ('meta'), so a restart does not unlock.
 * - `logout` with unsent records needs a supervisor's PIN (a reader must not walk away from data
 *   that never reached the back office); without it, Auth_Failed with context.reason 'unsent'.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import type { AuthState, OperatorRecord, OperatorRole } from '../core/store/records.js';
import type { Store, Tx } from '../ports/Store.js';
import type { DraftInfo } from './AppServices.js';

export type { OperatorRecord, OperatorRole } from '../core/store/records.js';

export interface OperatorSession {
  operatorId: string;
  name: string;
  role: OperatorRole;
}

export interface LockoutPolicy {
  maxFailures: number;
  baseLockMs: number;
  maxLockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = Object.freeze({ maxFailures: 5, baseLockMs: 30_000, maxLockMs: 30 * 60_000 });

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 16 MiB of memory per hash: affordable on an ARM handheld, costly for a brute-force rig. */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 16384, r: 8, p: 1 });
const KEY_LEN = 32;

function scrypt(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const opts: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(pin.normalize('NFC'), salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hashes a PIN for provisioning and demo seeding. Salted, so equal PINs give different hashes. */
export async function hashPin(pin: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time check of a PIN against a hash from hashPin. A malformed hash never matches. */
export async function verifyPin(pin: string, pinHash: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(pinHash);
  if (!m) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  if (expected.length !== KEY_LEN) return false;
  const key = await scrypt(pin, Buffer.from(m[4]!, 'base64'), { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) });
  return timingSafeEqual(key, expected);
}

const authKey = (operatorId: string) => `auth:${operatorId}` as const;
const NO_STATE: AuthState = { failures: 0, lockouts: 0, lockedUntil: 0 };

export interface OperatorServiceDeps {
  store: Store;
  clock: () => number;
  policy?: Partial<LockoutPolicy>;
}

export class OperatorService {
  private readonly policy: LockoutPolicy;
  private current: OperatorSession | null = null;

  constructor(private readonly d: OperatorServiceDeps) {
    this.policy = { ...DEFAULT_LOCKOUT, ...d.policy };
  }

  session(): OperatorSession | null {
    return this.current;
  }

  /** Adds or replaces an operator (provisioning, demo seeding). */
  async upsert(rec: OperatorRecord, actor = 'system'): Promise<void> {
    if (rec.operatorId.trim() === '')
      throw new AppError('operator id is empty', ErrorCode.Input_Invalid, { context: { field: 'operatorId' } });
    await this.d.store.transact((tx) => {
      tx.put('operators', rec.operatorId, rec);
      tx.audit({ actor, action: 'operator.upsert', details: { operatorId: rec.operatorId, role: rec.role } });
    });
  }

  operators(): OperatorSession[] {
    return [...this.d.store.values('operators')].map(toSession);
  }

  /** Milliseconds until the id may try again; 0 when it is not locked. */
  lockedFor(operatorId: string): number {
    const s = this.d.store.get('meta', authKey(operatorId)) ?? NO_STATE;
    return Math.max(0, s.lockedUntil - this.d.clock());
  }

  async login(operatorId: string, pin: string): Promise<OperatorSession> {
    const s = await this.check(operatorId, pin, 'auth.login');
    this.current = s;
    return s;
  }

  /** Checks a supervisor's PIN (logout with unsent records, overrides) without changing the session. */
  async verifySupervisor(operatorId: string, pin: string): Promise<OperatorSession> {
    const s = await this.check(operatorId, pin, 'auth.supervisor');
    if (s.role !== 'supervisor') {
      await this.d.store.transact(
        (tx) => void tx.audit({ actor: operatorId, action: 'auth.failed', details: { operatorId, reason: 'not-supervisor' } }),
      );
      throw new AppError('not a supervisor', ErrorCode.Auth_Failed, { context: { reason: 'not-supervisor' } });
    }
    return s;
  }

  /**
   * Ends the session. `unsent` is the outbox depth: above 0 a supervisor's PIN is required.
   * Without a session this is a no-op.
   */
  async logout(opts: { unsent: number; supervisor?: { operatorId: string; pin: string } }): Promise<void> {
    const who = this.current;
    if (!who) return;
    let supervisor: string | null = null;
    if (opts.unsent > 0) {
      if (!opts.supervisor) {
        await this.d.store.transact(
          (tx) => void tx.audit({ actor: who.operatorId, action: 'auth.logout-refused', details: { unsent: opts.unsent } }),
        );
        throw new AppError(`${opts.unsent} records not sent`, ErrorCode.Auth_Failed, {
          context: { reason: 'unsent', unsent: opts.unsent },
        });
      }
      supervisor = (await this.verifySupervisor(opts.supervisor.operatorId, opts.supervisor.pin)).operatorId;
    }
    await this.d.store.transact(
      (tx) => void tx.audit({ actor: who.operatorId, action: 'auth.logout', details: { unsent: opts.unsent, supervisor } }),
    );
    this.current = null;
  }

  /**
   * Ends the session without ending the shift (idle timeout): unsent records stay queued and no
   * supervisor is needed; the crew logs in again to go on.
   */
  async lock(reason: string, drafts: readonly DraftInfo[] = []): Promise<void> {
    const who = this.current;
    if (!who) return;
    await this.d.store.transact(
      (tx) => void tx.audit({ actor: who.operatorId, action: 'auth.session-locked', details: { reason, drafts: drafts.map(plain) } }),
    );
    this.current = null;
  }

  /** Drafts kept at an idle lock for `owner`, dropped because someone else logged in (issue 19). */
  async abandonDrafts(owner: string, drafts: readonly DraftInfo[]): Promise<void> {
    if (drafts.length === 0) return;
    const actor = this.current?.operatorId ?? 'system';
    await this.d.store.transact(
      (tx) => void tx.audit({ actor, action: 'session.draft-abandoned', details: { owner, drafts: drafts.map(plain) } }),
    );
  }

  private async check(operatorId: string, pin: string, action: string): Promise<OperatorSession> {
    const now = this.d.clock();
    const state = this.d.store.get('meta', authKey(operatorId)) ?? NO_STATE;
    if (state.lockedUntil > now) {
      await this.d.store.transact(
        (tx) =>
          void tx.audit({ actor: operatorId, action: 'auth.locked-attempt', details: { operatorId, lockedUntil: state.lockedUntil } }),
      );
      throw locked(state.lockedUntil, now);
    }
    const rec = this.d.store.get('operators', operatorId);
    // Unknown ids still pay for a hash, so timing does not tell which ids exist.
    const ok = rec ? await verifyPin(pin, rec.pinHash) : (await verifyPin(pin, DUMMY_HASH), false);
    if (ok && rec) {
      await this.d.store.transact((tx) => {
        if (tx.get('meta', authKey(operatorId))) tx.put('meta', authKey(operatorId), NO_STATE);
        tx.audit({ actor: operatorId, action, details: { operatorId, role: rec.role } });
      });
      return toSession(rec);
    }
    const lockedUntil = await this.d.store.transact((tx) => this.fail(tx, operatorId, now));
    if (lockedUntil > now) throw locked(lockedUntil, now);
    throw new AppError('wrong operator id or PIN', ErrorCode.Auth_Failed, { context: { reason: 'credentials' } });
  }

  private fail(tx: Tx, operatorId: string, now: number): number {
    const s = tx.get('meta', authKey(operatorId)) ?? NO_STATE;
    const failures = s.failures + 1;
    tx.audit({ actor: operatorId, action: 'auth.failed', details: { operatorId, failures } });
    if (failures < this.policy.maxFailures) {
      tx.put('meta', authKey(operatorId), { ...s, failures });
      return 0;
    }
    const lockMs = Math.min(this.policy.maxLockMs, this.policy.baseLockMs * 2 ** s.lockouts);
    const lockedUntil = now + lockMs;
    tx.put('meta', authKey(operatorId), { failures: 0, lockouts: s.lockouts + 1, lockedUntil });
    tx.audit({ actor: operatorId, action: 'auth.lockout', details: { operatorId, lockMs, lockedUntil } });
    return lockedUntil;
  }
}

// A well-formed hash of nothing anyone knows; verified against for unknown ids.
const DUMMY_HASH = `scrypt$${DEFAULT_SCRYPT.N}$${DEFAULT_SCRYPT.r}$${DEFAULT_SCRYPT.p}$AAAAAAAAAAAAAAAAAAAAAA==$${Buffer.alloc(KEY_LEN).toString('base64')}`;

function locked(lockedUntil: number, now: number): AppError {
  return new AppError('operator locked out', ErrorCode.Auth_Locked, { context: { lockedUntil, retryInMs: lockedUntil - now } });
}

/** A draft as plain JSON for the audit chain (canonical hashing wants no undefined values). */
function plain(d: DraftInfo): Record<string, unknown> {
  return { screen: d.screen, ...(d.jobId !== undefined ? { jobId: d.jobId } : {}), ...(d.detail ? { detail: { ...d.detail } } : {}) };
}

function toSession(r: OperatorRecord): OperatorSession {
  return { operatorId: r.operatorId, name: r.name, role: r.role };
}
