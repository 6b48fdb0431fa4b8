/**
 * Everything the back office sends, turned into durable state before the broker gets its PUBACK:
 * jobs (assign / cancel), commands, tariffs. Every message is answered (issue 15, "every message
 * answered"), so the back office can tell "ignored" from "lost":
 * - malformed or refused ones (too large or too deep before parsing, bad fields, bad signature, a
 *   cancelled jobId) become `job.rejected` naming each error, the messageId and, for a tariff, the
 *   tariffId; the app keeps running;
 * - well-formed ones that change nothing become `job.ignored` with a reason: `duplicate` (the inbox
 *   remembers every messageId processed, so a redelivery is harmless), `older-version`,
 *   `already-cancelled`, `unknown-job`.
 * Acks are the exception: bookkeeping, logged and dropped when bad (onAckMessage).
 */
import { parseAck, parseInbound, parseTopic, verifyMessage, type Ack, type Command, type JobMessage, type KeyLike, type ContractError, type WipeCommand } from '../core/contract/index.js';
import type { Job } from '../core/contract/job.js';
import type { JobIgnoredReason } from '../core/contract/events/jobEvents.js';
import type { JobRecord } from '../core/jobs/types.js';
import { isoInstant } from '../core/time/calendar.js';
import type { Notice } from './AppServices.js';
import type { Store, Tx } from '../ports/Store.js';

export interface InboundDeps {
  store: Store;
  deviceId: string;
  maxBytes: number;
  /** Back-office public keys by kid; with requireSignatures, unsigned or badly signed orders are refused. */
  keys: ReadonlyMap<string, KeyLike>;
  requireSignatures: boolean;
  notify: (n: Notice) => void;
  clock: () => number;
  /** Carries out a verified wipe command (DataLifecycle); without it wipe is refused as unsupported. */
  onWipe?: (cmd: WipeCommand) => Promise<void>;
  /** Takes the back office's end-to-end ack for this device (OutboxSender.onAck); without it acks are ignored. */
  onAck?: (ack: Ack) => Promise<void>;
  log?: (level: 'info' | 'warn' | 'debug', msg: string) => void;
}

interface InboxRecord {
  messageId: string;
  at: string;
  outcome: string;
}

/** Who the device says did it when nobody on the device acted (the back office did). */
const SYSTEM = 'system';

export class InboundService {
  constructor(private readonly d: InboundDeps) {}

  async handle(topic: string, payload: Buffer): Promise<void> {
    const t = parseTopic(topic);
    if (t?.kind === 'acks') return this.onAckMessage(t.deviceId, payload);
    const r = parseInbound(topic, payload, { maxBytes: this.d.maxBytes, deviceId: this.d.deviceId });
    switch (r.kind) {
      case 'rejected':
        this.d.log?.('warn', `rejected message on ${topic}: ${r.errors.length} error(s)`);
        await this.reject(r.messageId ?? null, r.jobId, r.errors, r.tariffId);
        return;
      case 'tariff':
        await this.d.store.transact((tx) => tx.put('tariffs', r.tariffId, r.tariff));
        return;
      case 'tariff-withdrawn':
        await this.d.store.transact((tx) => tx.del('tariffs', r.tariffId));
        return;
      case 'job':
      case 'command': {
        if (this.d.store.get<InboxRecord>('inbox', r.message.messageId)) {
          // A redelivery (the broker never got our PUBACK) or a reused messageId: its first answer stands.
          const jobId = r.kind === 'job' ? (r.message.type === 'job.assign' ? r.message.job.jobId : r.message.jobId) : undefined;
          await this.d.store.transact((tx) => this.ignored(tx, r.message.messageId, jobId, 'duplicate'));
          return;
        }
        // A wipe erases customer data: it must be signed whatever the device's signature policy.
        if (this.d.requireSignatures || (r.kind === 'command' && r.message.type === 'wipe')) {
          const v = verifyMessage(r.message, this.d.keys);
          if (!v.ok) {
            await this.reject(r.message.messageId, 'jobId' in r.message ? (r.message.jobId as string) : r.kind === 'job' && r.message.type === 'job.assign' ? r.message.job.jobId : undefined, [v.error]);
            return;
          }
        }
        if (r.kind === 'job') await this.onJobMessage(r.message);
        else await this.onCommand(r.message);
      }
    }
  }

  /**
   * Acks are bookkeeping, not orders: a bad one is logged and dropped, never answered with
   * job.rejected (the back office is not listening for it on that path) and never fatal.
   */
  private async onAckMessage(deviceId: string, payload: Buffer): Promise<void> {
    if (deviceId !== this.d.deviceId) {
      this.d.log?.('warn', `ignored an ack for device ${deviceId} (this is ${this.d.deviceId}): check the broker ACL`);
      return;
    }
    if (payload.byteLength === 0) return; // the back office cleared the retained ack
    if (payload.byteLength > this.d.maxBytes) {
      this.d.log?.('warn', `ignored an ack of ${payload.byteLength} bytes`);
      return;
    }
    const r = parseAck(payload);
    if (!r.ok) {
      this.d.log?.('warn', `ignored a malformed ack: ${r.errors.slice(0, 5).map((e) => `${e.path} ${e.message}`).join('; ')}`);
      return;
    }
    try {
      await this.d.onAck?.(r.ack);
    } catch (e) {
      this.d.log?.('warn', `could not apply ack ${r.ack.ackedSeq}: ${(e as Error).message}`);
    }
  }

  private reject(messageId: string | null, jobId: string | undefined, errors: ContractError[], tariffId?: string): Promise<void> {
    return this.d.store.transact((tx) => {
      if (messageId) this.remember(tx, messageId, 'rejected');
      tx.event({ type: 'job.rejected', operatorId: SYSTEM, ...(jobId ? { jobId } : {}), data: { messageId, ...(jobId ? { jobId } : {}), ...(tariffId ? { tariffId } : {}), errors } });
    });
  }

  /** Answers a message that changed nothing (never a refusal: see JobIgnoredDataSchema). */
  private ignored(tx: Tx, messageId: string, jobId: string | undefined, reason: JobIgnoredReason, heldVersion?: number): void {
    tx.event({ type: 'job.ignored', operatorId: SYSTEM, ...(jobId ? { jobId } : {}), data: { messageId, ...(jobId ? { jobId } : {}), reason, ...(heldVersion !== undefined ? { heldVersion } : {}) } });
  }

  private remember(tx: Tx, messageId: string, outcome: string): void {
    tx.put<InboxRecord>('inbox', messageId, { messageId, at: isoInstant(tx.now), outcome });
  }

  private async onJobMessage(m: JobMessage): Promise<void> {
    const notices: Notice[] = [];
    await this.d.store.transact((tx) => {
      const at = isoInstant(tx.now);
      if (m.type === 'job.assign') {
        const job = m.job as Job;
        const existing = tx.get<JobRecord>('jobs', job.jobId);
        const tombstone = tx.get<{ reason: string }>('reference', `cancel:${job.jobId}`);
        if (tombstone || existing?.state === 'cancelled') {
          this.remember(tx, m.messageId, 'refused: cancelled');
          tx.event({ type: 'job.rejected', operatorId: SYSTEM, jobId: job.jobId, data: { messageId: m.messageId, jobId: job.jobId, errors: [{ path: '/job/jobId', message: 'job was cancelled on this device; send a new jobId' }] } });
          return;
        }
        const purged = tx.get<{ version: number }>('reference', `purged:${job.jobId}`);
        if ((existing && job.version <= existing.job.version) || (purged && job.version <= purged.version)) {
          this.remember(tx, m.messageId, 'ignored: not newer');
          this.ignored(tx, m.messageId, job.jobId, 'older-version', Math.max(existing?.job.version ?? 0, purged?.version ?? 0));
          return;
        }
        if (existing && (existing.workIds.length > 0 || existing.state !== 'open')) {
          // Work is recorded: never overwrite it; report the conflict to the back office.
          this.remember(tx, m.messageId, 'refused: work recorded');
          tx.put<JobRecord>('jobs', job.jobId, { ...existing, supersededBy: { version: job.version, at } });
          tx.event({ type: 'job.rejected', operatorId: SYSTEM, jobId: job.jobId, data: { messageId: m.messageId, jobId: job.jobId, errors: [{ path: '/job/version', message: `work already recorded on version ${existing.job.version}; version ${job.version} not applied` }] } });
          return;
        }
        tx.put<JobRecord>('jobs', job.jobId, { job, state: 'open', receivedAt: existing?.receivedAt ?? at, updatedAt: at, workIds: [] });
        this.remember(tx, m.messageId, 'accepted');
        tx.event({ type: 'job.accepted', operatorId: SYSTEM, jobId: job.jobId, data: { jobId: job.jobId, version: job.version } });
        if (job.priority === 'urgent') notices.push({ kind: 'urgent-job', jobId: job.jobId });
        else notices.push({ kind: 'jobs-arrived', count: 1 });
        return;
      }
      // job.cancel: after this commit the job can never be completed.
      const existing = tx.get<JobRecord>('jobs', m.jobId);
      this.remember(tx, m.messageId, 'cancel');
      if (!existing) {
        // Remembered, so a job.assign of this jobId arriving later (out of order) is refused. The
        // first cancel's reason stays; a repeated one is only answered.
        if (tx.get('reference', `cancel:${m.jobId}`)) {
          this.ignored(tx, m.messageId, m.jobId, 'already-cancelled');
          return;
        }
        tx.put('reference', `cancel:${m.jobId}`, { reason: m.reason, at, messageId: m.messageId });
        this.ignored(tx, m.messageId, m.jobId, 'unknown-job');
        return;
      }
      if (existing.state === 'done' || existing.state === 'skipped') {
        tx.event({ type: 'job.cancel-too-late', operatorId: SYSTEM, jobId: m.jobId, data: { jobId: m.jobId, messageId: m.messageId } });
        notices.push({ kind: 'cancel-too-late', jobId: m.jobId });
        return;
      }
      if (existing.state === 'cancelled') {
        this.ignored(tx, m.messageId, m.jobId, 'already-cancelled');
        return;
      }
      tx.put<JobRecord>('jobs', m.jobId, { ...existing, state: 'cancelled', updatedAt: at, cancel: { reason: m.reason, at, messageId: m.messageId } });
      tx.audit({ actor: SYSTEM, action: 'job.cancelled', details: { jobId: m.jobId, reason: m.reason, messageId: m.messageId } });
      notices.push({ kind: 'job-cancelled', jobId: m.jobId, reason: m.reason });
    });
    for (const n of notices) this.d.notify(n);
  }

  private async onCommand(c: Command): Promise<void> {
    if (c.type === 'message') {
      const at = isoInstant(this.d.clock());
      await this.d.store.transact((tx) => {
        this.remember(tx, c.messageId, 'shown');
        tx.put('reference', `message:${c.messageId}`, { messageId: c.messageId, text: c.text, at: c.sentAt });
      });
      this.d.notify({ kind: 'message', text: c.text, messageId: c.messageId, at });
      return;
    }
    if (c.type === 'wipe' && this.d.onWipe) {
      await this.d.store.transact((tx) => {
        this.remember(tx, c.messageId, 'wipe');
        tx.audit({ actor: SYSTEM, action: 'wipe.received', details: { messageId: c.messageId, afterDelivery: c.afterDelivery } });
      });
      await this.d.onWipe(c);
      return;
    }
    // Known to the contract but not handled by this version of the device: say so, do not ignore.
    await this.reject(c.messageId, undefined, [{ path: '/type', message: `command type ${c.type} is not supported by this device version` }]);
  }
}
