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
import {
  parseAck,
  parseInbound,
  parseTopic,
  signedScopeError,
  verifyMessage,
  type Ack,
  type Command,
  type InboundResult,
  type JobMessage,
  type KeyLike,
  type ContractError,
  type WipeCommand,
} from '../core/contract/index.js';
import type { Job } from '../core/contract/job.js';
import type { JobIgnoredReason } from '../core/contract/events/jobEvents.js';
import type { JobRecord } from '../core/jobs/types.js';
import { isoInstant } from '../core/time/calendar.js';
import { checkTariff } from '../core/billing/parseTariff.js';
import { DEFAULT_TARIFF_BOUNDS, overlappingTariff, type TariffBounds } from '../core/billing/tariffBounds.js';
import type { Tariff } from '../core/contract/tariff.js';
import type { Notice } from './AppServices.js';
import type { Store, Tx } from '../ports/Store.js';
import type { Log } from '../ports/Logger.js';

export interface InboundDeps {
  store: Store;
  deviceId: string;
  maxBytes: number;
  /** Back-office public keys by kid; with requireSignatures, unsigned or badly signed orders are refused. */
  keys: ReadonlyMap<string, KeyLike>;
  requireSignatures: boolean;
  /** Plausible tariff values (tariffBounds.ts); a tariff outside them is refused, never stored. */
  tariffBounds?: TariffBounds;
  notify: (n: Notice) => void;
  clock: () => number;
  /** Carries out a verified wipe command (DataLifecycle); without it wipe is refused as unsupported. */
  onWipe?: (cmd: WipeCommand) => Promise<void>;
  /** Takes the back office's end-to-end ack for this device (OutboxSender.onAck); without it acks are ignored. */
  onAck?: (ack: Ack) => Promise<void>;
  log?: Log;
}

/** A message parsed (and its signature checked) before the transaction that applies it. */
type Prepared =
  | Exclude<InboundResult, { kind: 'job' } | { kind: 'command' } | { kind: 'tariff' }>
  | (Extract<InboundResult, { kind: 'tariff' }> & { signatureError?: ContractError })
  | (Extract<InboundResult, { kind: 'job' }> & { signatureError?: ContractError })
  | (Extract<InboundResult, { kind: 'command' }> & { signatureError?: ContractError });

/**
 * Events about back-office messages: nobody on the device acted, so operatorId is null (docs/asyncapi.yaml,
 * envelope operatorId). Devices before this fix sent "system"; the back office accepts both.
 */
const NOBODY = null;
/** Actor of audit entries when the back office, not a crew member, caused the change. */
const SYSTEM = 'system';

export class InboundService {
  constructor(private readonly d: InboundDeps) {}

  async handle(topic: string, payload: Buffer): Promise<void> {
    await this.handleBatch([{ topic, payload }]);
  }

  /**
   * A batch of messages in arrival order, committed in ONE store transaction (one fsync instead of
   * one per message: what let a 10,000-job flood starve keepalive and the outbox, issue 15 item 5).
   * The outcome of each message is what `handle` would give it alone: later messages see earlier
   * ones (a duplicate inside the batch is answered `duplicate`). If the batch cannot be committed,
   * each message is retried alone, so one message the store refuses costs no other its answer.
   * A wipe ends the batch before it (it erases the store after its own commit).
   */
  async handleBatch(msgs: readonly { topic: string; payload: Buffer }[]): Promise<void> {
    let group: Prepared[] = [];
    for (const m of msgs) {
      const t = parseTopic(m.topic);
      if (t?.kind === 'acks') {
        await this.commit(group);
        group = [];
        await this.onAckMessage(t.deviceId, m.payload);
        continue;
      }
      const p = this.prepare(m.topic, m.payload);
      if (p.kind === 'command' && p.message.type === 'wipe') {
        await this.commit(group);
        group = [];
        await this.commit([p]);
        continue;
      }
      group.push(p);
    }
    await this.commit(group);
  }

  /** Parsing and signature checks: pure CPU, outside the transaction. */
  private prepare(topic: string, payload: Buffer): Prepared {
    const r = parseInbound(topic, payload, { maxBytes: this.d.maxBytes, deviceId: this.d.deviceId });
    if (r.kind === 'rejected') {
      this.d.log?.('warn', `rejected message on ${topic}: ${r.errors.length} error(s)`);
      return r;
    }
    if (r.kind !== 'job' && r.kind !== 'command' && r.kind !== 'tariff') return r;
    // A wipe erases customer data: it must be signed whatever the device's signature policy.
    const mustVerify = this.d.requireSignatures || (r.kind === 'command' && r.message.type === 'wipe');
    if (!mustVerify) return r;
    const msg = r.kind === 'tariff' ? r.tariff : r.message;
    const v = verifyMessage(msg, this.d.keys);
    // Scope after the signature: only signed deviceId / notAfter values mean anything.
    const scope = v.ok
      ? signedScopeError(msg, {
          deviceId: this.d.deviceId,
          forTariff: r.kind === 'tariff',
          now: this.d.clock(),
          require: this.d.requireSignatures,
        })
      : undefined;
    const signatureError = v.ok ? scope : v.error;
    return { ...r, ...(signatureError ? { signatureError } : {}) };
  }

  private async commit(group: readonly Prepared[]): Promise<void> {
    if (group.length === 0) return;
    const after: (() => void | Promise<void>)[] = [];
    try {
      await this.d.store.transact((tx) => {
        after.length = 0; // fn runs once; reset anyway so a retry inside the store could not double up
        const batchTariffIds = new Set<string>();
        for (const p of group) this.apply(tx, p, after, batchTariffIds);
      });
    } catch (e) {
      if (group.length === 1) throw e;
      this.d.log?.('warn', `could not commit ${group.length} inbound messages at once (${(e as Error).message}); one at a time`);
      for (const p of group) {
        try {
          await this.commit([p]);
        } catch (e1) {
          this.d.log?.('warn', `inbound message not recorded: ${(e1 as Error).message}`);
        }
      }
      return;
    }
    for (const fn of after) await fn();
  }

  /** One message's effect inside the batch's transaction; `after` runs once it is committed. */
  private apply(tx: Tx, p: Prepared, after: (() => void | Promise<void>)[], batchTariffIds: Set<string>): void {
    switch (p.kind) {
      case 'rejected':
        this.reject(tx, p.messageId ?? null, p.jobId, p.errors, p.tariffId);
        return;
      case 'tariff': {
        // The broker re-sends a retained tariff at every subscription: the same signed bytes as the
        // one held change nothing and get no answer, even once their notAfter has passed.
        const held = tx.get('tariffs', p.tariffId);
        if (held?.sig !== undefined && held.sig === p.tariff.sig) return;
        if (p.signatureError) {
          this.reject(tx, null, undefined, [p.signatureError], p.tariffId);
          return;
        }
        this.onTariff(tx, p.tariffId, p.tariff, batchTariffIds);
        return;
      }
      case 'tariff-withdrawn':
        tx.del('tariffs', p.tariffId);
        return;
      case 'job':
      case 'command': {
        const jobId = p.kind === 'job' ? (p.message.type === 'job.assign' ? p.message.job.jobId : p.message.jobId) : undefined;
        // Before the signature: a forged message reusing a processed messageId must not turn that
        // message's answer into a rejection at the back office.
        if (tx.get('inbox', p.message.messageId)) {
          // A redelivery (the broker never got our PUBACK) or a reused messageId: its first answer stands.
          this.ignored(tx, p.message.messageId, jobId, 'duplicate');
          return;
        }
        if (p.signatureError) {
          this.reject(tx, p.message.messageId, jobId, [p.signatureError]);
          return;
        }
        if (p.kind === 'job') this.onJobMessage(tx, p.message, after);
        else this.onCommand(tx, p.message, after);
      }
    }
  }

  /**
   * A tariff is stored only when its values are plausible (tariffBounds.ts) and its validity
   * overlaps no other tariff of its group, stored or earlier in this batch: before, the later
   * validFrom silently won (issue 15, item 4). A refusal names both tariff ids; the tariff already
   * held stays in force.
   */
  private onTariff(tx: Tx, tariffId: string, tariff: Tariff, batchTariffIds: Set<string>): void {
    const check = checkTariff(tariff, this.d.tariffBounds ?? DEFAULT_TARIFF_BOUNDS);
    if (!check.ok) {
      this.reject(tx, null, undefined, check.errors, tariffId);
      return;
    }
    // tx.get sees this batch's own writes; the store's committed tariffs give the other ids.
    const ids = new Set<string>(batchTariffIds);
    for (const t of this.d.store.values('tariffs')) ids.add(t.tariffId);
    const held = [...ids].map((id) => tx.get('tariffs', id)).filter((t): t is Tariff => t !== undefined);
    const clash = overlappingTariff(tariff, held);
    if (clash) {
      const range = (t: Tariff) => `${t.validFrom}…${t.validTo ?? 'open'}`;
      this.reject(
        tx,
        null,
        undefined,
        [
          {
            path: '/validFrom',
            message: `tariff ${tariffId} (${range(tariff)}) overlaps tariff ${clash.tariffId} (${range(clash)}) of group ${tariff.group}`,
          },
        ],
        tariffId,
      );
      return;
    }
    tx.put('tariffs', tariffId, tariff);
    batchTariffIds.add(tariffId);
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
      this.d.log?.(
        'warn',
        `ignored a malformed ack: ${r.errors
          .slice(0, 5)
          .map((e) => `${e.path} ${e.message}`)
          .join('; ')}`,
      );
      return;
    }
    try {
      await this.d.onAck?.(r.ack);
    } catch (e) {
      this.d.log?.('warn', `could not apply ack ${r.ack.ackedSeq}: ${(e as Error).message}`);
    }
  }

  private reject(tx: Tx, messageId: string | null, jobId: string | undefined, errors: ContractError[], tariffId?: string): void {
    if (messageId) this.remember(tx, messageId, 'rejected');
    tx.event({
      type: 'job.rejected',
      operatorId: NOBODY,
      ...(jobId ? { jobId } : {}),
      data: { messageId, ...(jobId ? { jobId } : {}), ...(tariffId ? { tariffId } : {}), errors },
    });
  }

  /** Answers a message that changed nothing (never a refusal: see JobIgnoredDataSchema). */
  private ignored(tx: Tx, messageId: string, jobId: string | undefined, reason: JobIgnoredReason, heldVersion?: number): void {
    tx.event({
      type: 'job.ignored',
      operatorId: NOBODY,
      ...(jobId ? { jobId } : {}),
      data: { messageId, ...(jobId ? { jobId } : {}), reason, ...(heldVersion !== undefined ? { heldVersion } : {}) },
    });
  }

  private remember(tx: Tx, messageId: string, outcome: string): void {
    tx.put('inbox', messageId, { messageId, at: isoInstant(tx.now), outcome });
  }

  private onJobMessage(tx: Tx, m: JobMessage, after: (() => void)[]): void {
    const notices: Notice[] = [];
    after.push(() => {
      for (const n of notices) this.d.notify(n);
    });
    {
      const at = isoInstant(tx.now);
      if (m.type === 'job.assign') {
        const job = m.job as Job;
        const existing = tx.get('jobs', job.jobId);
        const tombstone = tx.get('reference', `cancel:${job.jobId}`);
        if (tombstone || existing?.state === 'cancelled') {
          this.remember(tx, m.messageId, 'refused: cancelled');
          tx.event({
            type: 'job.rejected',
            operatorId: NOBODY,
            jobId: job.jobId,
            data: {
              messageId: m.messageId,
              jobId: job.jobId,
              errors: [{ path: '/job/jobId', message: 'job was cancelled on this device; send a new jobId' }],
            },
          });
          return;
        }
        const purged = tx.get('reference', `purged:${job.jobId}`);
        if ((existing && job.version <= existing.job.version) || (purged && job.version <= purged.version)) {
          this.remember(tx, m.messageId, 'ignored: not newer');
          this.ignored(tx, m.messageId, job.jobId, 'older-version', Math.max(existing?.job.version ?? 0, purged?.version ?? 0));
          return;
        }
        if (existing && (existing.workIds.length > 0 || existing.state !== 'open')) {
          // Work is recorded: never overwrite it; report the conflict to the back office.
          this.remember(tx, m.messageId, 'refused: work recorded');
          tx.put('jobs', job.jobId, { ...existing, supersededBy: { version: job.version, at } });
          tx.event({
            type: 'job.rejected',
            operatorId: NOBODY,
            jobId: job.jobId,
            data: {
              messageId: m.messageId,
              jobId: job.jobId,
              errors: [
                {
                  path: '/job/version',
                  message: `work already recorded on version ${existing.job.version}; version ${job.version} not applied`,
                },
              ],
            },
          });
          return;
        }
        tx.put('jobs', job.jobId, { job, state: 'open', receivedAt: existing?.receivedAt ?? at, updatedAt: at, workIds: [] });
        this.remember(tx, m.messageId, 'accepted');
        tx.event({ type: 'job.accepted', operatorId: NOBODY, jobId: job.jobId, data: { jobId: job.jobId, version: job.version } });
        if (job.priority === 'urgent') notices.push({ kind: 'urgent-job', jobId: job.jobId });
        else notices.push({ kind: 'jobs-arrived', count: 1 });
        return;
      }
      // job.cancel: after this commit the job can never be completed.
      const existing = tx.get('jobs', m.jobId);
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
        tx.event({ type: 'job.cancel-too-late', operatorId: NOBODY, jobId: m.jobId, data: { jobId: m.jobId, messageId: m.messageId } });
        notices.push({ kind: 'cancel-too-late', jobId: m.jobId });
        return;
      }
      if (existing.state === 'cancelled') {
        this.ignored(tx, m.messageId, m.jobId, 'already-cancelled');
        return;
      }
      tx.put('jobs', m.jobId, { ...existing, state: 'cancelled', updatedAt: at, cancel: { reason: m.reason, at, messageId: m.messageId } });
      tx.audit({ actor: SYSTEM, action: 'job.cancelled', details: { jobId: m.jobId, reason: m.reason, messageId: m.messageId } });
      notices.push({ kind: 'job-cancelled', jobId: m.jobId, reason: m.reason });
    }
  }

  private onCommand(tx: Tx, c: Command, after: (() => void | Promise<void>)[]): void {
    if (c.type === 'message') {
      const at = isoInstant(this.d.clock());
      this.remember(tx, c.messageId, 'shown');
      tx.put('reference', `message:${c.messageId}`, { messageId: c.messageId, text: c.text, at: c.sentAt });
      after.push(() => this.d.notify({ kind: 'message', text: c.text, messageId: c.messageId, at }));
      return;
    }
    const onWipe = this.d.onWipe;
    if (c.type === 'wipe' && onWipe) {
      this.remember(tx, c.messageId, 'wipe');
      tx.audit({ actor: SYSTEM, action: 'wipe.received', details: { messageId: c.messageId, afterDelivery: c.afterDelivery } });
      after.push(() => onWipe(c));
      return;
    }
    // Known to the contract but not handled by this version of the device: say so, do not ignore.
    this.reject(tx, c.messageId, undefined, [{ path: '/type', message: `command type ${c.type} is not supported by this device version` }]);
  }
}
