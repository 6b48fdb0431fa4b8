/**
 * Which invoices have been mailed: the mail relay's idempotency record, by invoice number, durable,
 * and shared by every relay of a shared-subscription group.
 *
 * Why a directory of one small file per invoice and not the device store (openFileStore): the
 * store is single-writer (it locks its data directory), while the relays of one group must share
 * the record — a device that re-sends an invoice.issued event (its PUBACK was lost) may have the
 * second copy delivered to another member of the group. Creating a file with O_EXCL is atomic on
 * a local file system and on NFSv3+, so exactly one relay wins the claim.
 *
 * Protocol per invoice:
 *   claim  → `<no>.json` created exclusively with {state:"sending", owner, leaseUntil}; fsync the file
 *            and the directory. Another relay finding a live claim waits; a claim whose lease ran out
 *            (its relay died) is taken over, as is the relay's own claim after a restart (owner =
 *            the relay's stable MQTT client id).
 *   renew  → the owner pushes leaseUntil before each SMTP attempt.
 *   finish → {state:"sent"} (or "failed" for a permanent SMTP refusal) written to a temp file,
 *            fsync'd and renamed over the claim, directory fsync'd. From then on every copy of the
 *            event is acknowledged without mailing.
 * A relay that crashes after the SMTP server accepted the mail but before `finish` mails it once
 * more on redelivery (at-least-once beats never; the Message-ID is the same, so mail systems can
 * fold the two). No other path sends twice.
 */
import { mkdirSync, openSync, closeSync, fsyncSync, writeSync, readFileSync, renameSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../core/errors/AppError.js';

export type LedgerRecord =
  | { state: 'sending'; invoiceNo: string; owner: string; leaseUntil: number; attempts: number; claimedAt: number }
  | { state: 'sent'; invoiceNo: string; owner: string; at: number; to: string; messageId: string; eventId: string; attempts: number }
  | { state: 'failed'; invoiceNo: string; owner: string; at: number; to: string; error: string; attempts: number };

export type ClaimResult =
  | { kind: 'claimed'; record: Extract<LedgerRecord, { state: 'sending' }>; takenOver: boolean }
  | { kind: 'done'; record: Extract<LedgerRecord, { state: 'sent' | 'failed' }> }
  | { kind: 'busy'; record: Extract<LedgerRecord, { state: 'sending' }> };

const NO_RE = /^[A-Z0-9]{3}[0-9]{13}$/;

export class MailLedger {
  constructor(
    readonly dir: string,
    private readonly clock: () => number = Date.now,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private file(no: string): string {
    if (!NO_RE.test(no)) throw new AppError(`not an invoice number: ${JSON.stringify(no)}`, ErrorCode.Input_Invalid);
    return join(this.dir, `${no}.json`);
  }

  get(no: string): LedgerRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.file(no), 'utf8')) as LedgerRecord;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      // A claim file caught half-written by a crash was never finished: treat it as an expired claim.
      if (e instanceof SyntaxError) return { state: 'sending', invoiceNo: no, owner: '?', leaseUntil: 0, attempts: 0, claimedAt: 0 };
      throw new AppError(`mail ledger: cannot read ${this.file(no)}: ${(e as Error).message}`, ErrorCode.Store_Io, { cause: e });
    }
  }

  claim(no: string, owner: string, leaseMs: number): ClaimResult {
    const now = this.clock();
    const record: Extract<LedgerRecord, { state: 'sending' }> = {
      state: 'sending',
      invoiceNo: no,
      owner,
      leaseUntil: now + leaseMs,
      attempts: 0,
      claimedAt: now,
    };
    try {
      const fd = openSync(this.file(no), 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(record));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.syncDir();
      return { kind: 'claimed', record, takenOver: false };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new AppError(`mail ledger: cannot write ${this.file(no)}: ${(e as Error).message}`, ErrorCode.Store_Io, { cause: e });
    }
    const existing = this.get(no);
    if (!existing) return this.claim(no, owner, leaseMs);
    if (existing.state !== 'sending') return { kind: 'done', record: existing };
    if (existing.owner !== owner && existing.leaseUntil > now) return { kind: 'busy', record: existing };
    const taken = { ...record, attempts: existing.attempts };
    this.replace(no, taken);
    return { kind: 'claimed', record: taken, takenOver: true };
  }

  renew(no: string, owner: string, leaseMs: number, attempts: number): void {
    const r = this.get(no);
    if (r?.state === 'sending' && r.owner !== owner && r.leaseUntil > this.clock()) {
      throw new AppError(`mail ledger: invoice ${no} was claimed by ${r.owner} meanwhile`, ErrorCode.Store_Locked);
    }
    if (r && r.state !== 'sending') throw new AppError(`mail ledger: invoice ${no} is already ${r.state}`, ErrorCode.Store_Locked);
    this.replace(no, {
      state: 'sending',
      invoiceNo: no,
      owner,
      leaseUntil: this.clock() + leaseMs,
      attempts,
      claimedAt: r?.state === 'sending' ? r.claimedAt : this.clock(),
    });
  }

  finish(record: Extract<LedgerRecord, { state: 'sent' | 'failed' }>): void {
    this.replace(record.invoiceNo, record);
  }

  /** Every record (for an operator's report). */
  all(): LedgerRecord[] {
    return readdirSync(this.dir)
      .filter((f) => /^[A-Z0-9]{16}\.json$/.test(f))
      .map((f) => this.get(f.slice(0, -5))!)
      .filter(Boolean);
  }

  private replace(no: string, record: LedgerRecord): void {
    const file = this.file(no);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(record));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    this.syncDir();
  }

  private syncDir(): void {
    const fd = openSync(this.dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
