/**
 * The store's logic, independent of where bytes live: in-memory state per collection, serialised
 * transactions, counters, the outbox and the audit chain. See ports/Store.ts for the contract.
 *
 * A transaction's writes are collected as whole-value puts and deletes; they reach memory only after
 * the backend has accepted the journal record, so a failed fsync never leaves memory ahead of disk.
 */
import { makeEntry, type AuditEntry } from '../../core/audit/hashChain.js';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import { isoInstant } from '../../core/time/calendar.js';
import type { Collection, EventEnvelope, OutboxEntry, StartupReport, Store, TransactOptions, Tx } from '../../ports/Store.js';
import { partitionOf, seqKey } from './partitions.js';
import type { JournalRecord, Op, PartitionId, StoreBackend } from './StoreBackend.js';

export interface StoreDeps {
  backend: StoreBackend;
  clock: () => number;
  newId: () => string;
  deviceId: string;
  /** Topic for an event; the MQTT contract's naming lives with the caller, not the store. */
  eventTopic: (deviceId: string, type: string) => string;
  /** Checkpoint when the journal grows beyond this many bytes. */
  checkpointBytes?: number;
}

const COUNTER_PREFIX = 'counter:';
const AUDIT_HEAD = 'auditHead';
export const EVENT_SEQ = 'eventSeq';

export class StoreEngine implements Store {
  private readonly data = new Map<Collection, Map<string, unknown>>();
  /** key → partition, to notice when a value moves (a job whose due date changed). */
  private readonly where = new Map<Collection, Map<string, string>>();
  private readonly dirty = new Set<PartitionId>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private lastTx = 0;
  private readonly listeners = new Set<(t: ReadonlySet<Collection>) => void>();
  report: StartupReport = { staleTempFiles: [], journalRecordsReplayed: 0 };

  private constructor(private readonly deps: StoreDeps) {}

  static async open(deps: StoreDeps): Promise<StoreEngine> {
    const s = new StoreEngine(deps);
    const loaded = await deps.backend.load();
    for (const [pid, entries] of [...loaded.partitions.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const c = pid.slice(0, pid.indexOf('/')) as Collection;
      for (const [k, v] of Object.entries(entries)) s.apply({ c, k, v }, false);
    }
    for (const rec of loaded.journal) {
      for (const op of rec.ops) s.apply(op, true);
      s.lastTx = Math.max(s.lastTx, rec.tx);
    }
    s.lastTx = Math.max(s.lastTx, loaded.lastTx);
    s.report = { ...loaded.report, journalRecordsReplayed: loaded.journal.length };
    return s;
  }

  private coll(c: Collection): Map<string, unknown> {
    let m = this.data.get(c);
    if (!m) this.data.set(c, (m = new Map()));
    return m;
  }

  private apply(op: Op, markDirty: boolean): void {
    const m = this.coll(op.c);
    let w = this.where.get(op.c);
    if (!w) this.where.set(op.c, (w = new Map()));
    const old = w.get(op.k);
    if (op.v === null || op.v === undefined) {
      m.delete(op.k);
      w.delete(op.k);
      if (old !== undefined && markDirty) this.dirty.add(`${op.c}/${old}`);
      return;
    }
    const p = partitionOf(op.c, op.k, op.v);
    m.set(op.k, op.v);
    w.set(op.k, p);
    if (markDirty) {
      this.dirty.add(`${op.c}/${p}`);
      if (old !== undefined && old !== p) this.dirty.add(`${op.c}/${old}`);
    }
  }

  get<T>(c: Collection, key: string): T | undefined {
    return this.data.get(c)?.get(key) as T | undefined;
  }

  values<T>(c: Collection): IterableIterator<T> {
    return this.coll(c).values() as IterableIterator<T>;
  }

  size(c: Collection): number {
    return this.data.get(c)?.size ?? 0;
  }

  counter(name: string): number {
    return Number(this.get<number>('meta', COUNTER_PREFIX + name) ?? 0);
  }

  onCommit(listener: (touched: ReadonlySet<Collection>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  transact<R>(fn: (tx: Tx) => R, opts: TransactOptions = {}): Promise<R> {
    if (this.closed) return Promise.reject(new AppError('store is closed', ErrorCode.Store_Closed));
    const run = async (): Promise<R> => {
      if (this.closed) throw new AppError('store is closed', ErrorCode.Store_Closed);
      const pending = new Map<string, Op>();
      const pkey = (c: Collection, k: string) => `${c}\u0000${k}`;
      const now = this.deps.clock();
      const read = <T>(c: Collection, k: string): T | undefined => {
        const p = pending.get(pkey(c, k));
        return p ? (p.v === null ? undefined : (p.v as T)) : this.get<T>(c, k);
      };
      const write = (c: Collection, k: string, v: unknown) => {
        // JSON round trip: the journal stores JSON, so memory must hold exactly what replay rebuilds.
        pending.set(pkey(c, k), { c, k, v: v === null ? null : JSON.parse(JSON.stringify(v)) });
      };
      const counter = (name: string) => Number(read<number>('meta', COUNTER_PREFIX + name) ?? 0);
      const next = (name: string) => {
        const n = counter(name) + 1;
        write('meta', COUNTER_PREFIX + name, n);
        return n;
      };
      const tx: Tx = {
        now,
        get: read,
        put: (c, k, v) => write(c, k, v),
        del: (c, k) => write(c, k, null),
        counter,
        next,
        event: (e) => {
          const seq = next(EVENT_SEQ);
          const envelope: EventEnvelope = {
            eventId: this.deps.newId(),
            type: e.type,
            deviceId: this.deps.deviceId,
            seq,
            occurredAt: isoInstant(now),
            operatorId: e.operatorId,
            ...(e.jobId !== undefined ? { jobId: e.jobId } : {}),
            data: e.data,
          };
          const entry: OutboxEntry = { seq, topic: this.deps.eventTopic(this.deps.deviceId, e.type), envelope, queuedAt: envelope.occurredAt };
          write('outbox', seqKey(seq), entry);
          return envelope;
        },
        audit: (a) => {
          const head = read<{ n: number; hash: string }>('meta', AUDIT_HEAD);
          const entry: AuditEntry = makeEntry(head, isoInstant(now), a.actor, a.action, a.details ?? {});
          write('audit', seqKey(entry.n), entry);
          write('meta', AUDIT_HEAD, { n: entry.n, hash: entry.hash });
          return entry;
        },
      };
      const result = fn(tx);
      if (pending.size === 0) return result;
      const txNo = this.lastTx + 1;
      const rec: JournalRecord = { tx: txNo, ops: [...pending.values()] };
      try {
        await this.deps.backend.append(rec, opts.durable !== false);
      } catch (e) {
        throw e instanceof AppError ? e : new AppError(`store write failed: ${(e as Error).message}`, ErrorCode.Store_Io, { cause: e });
      }
      this.lastTx = txNo;
      const touched = new Set<Collection>();
      for (const op of rec.ops) {
        this.apply(op, true);
        touched.add(op.c);
      }
      for (const l of this.listeners) {
        try {
          l(touched);
        } catch {
          // A listener's fault must not undo or fail a committed transaction.
        }
      }
      if (this.deps.backend.journalBytes() > (this.deps.checkpointBytes ?? 4 * 1024 * 1024)) await this.doCheckpoint();
      return result;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  checkpoint(): Promise<void> {
    const p = this.queue.then(() => this.doCheckpoint());
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async doCheckpoint(): Promise<void> {
    if (this.dirty.size === 0 && this.deps.backend.journalBytes() === 0) return;
    const parts = new Map<PartitionId, Record<string, unknown> | null>();
    for (const pid of this.dirty) {
      const slash = pid.indexOf('/');
      const c = pid.slice(0, slash) as Collection;
      const part = pid.slice(slash + 1);
      const w = this.where.get(c);
      const m = this.coll(c);
      const entries: Record<string, unknown> = {};
      let any = false;
      if (w) for (const [k, p] of w) if (p === part) { entries[k] = m.get(k); any = true; }
      parts.set(pid, any ? entries : null);
    }
    await this.deps.backend.checkpoint(parts, this.lastTx);
    this.dirty.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    await this.deps.backend.close();
  }
}
