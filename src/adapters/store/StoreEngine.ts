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
import type {
  Collection,
  Collections,
  EventEnvelope,
  KeyOf,
  OutboxEntry,
  StartupReport,
  Store,
  TransactOptions,
  Tx,
  ValueOf,
} from '../../ports/Store.js';
import { AUDIT_HEAD_COUNTER, counterWitnesses, EVENT_SEQ } from './counterWitnesses.js';
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
  /** Free-space floor (config store.minFreeMB): below it new records are refused, see transact. */
  minFreeBytes?: number;
}

/**
 * Collections whose new records are new work. Below the free-space floor a transaction that adds a
 * record to one of them is refused; updates, deletes, outbox entries about existing records, audit
 * and counters still pass, so recorded work keeps draining and a reserved number can still be voided.
 */
const NEW_WORK = new Set<Collection>(['jobs', 'work', 'invoices', 'invoiceNos', 'documents', 'inbox', 'tariffs']);
/** Free space is measured again after this long, or after the journal grew by FREE_RECHECK_BYTES. */
const FREE_RECHECK_MS = 5_000;
const FREE_RECHECK_BYTES = 256 * 1024;

const COUNTER_PREFIX = 'counter:';
const AUDIT_HEAD = 'auditHead';
const counterKey = (name: string) => `${COUNTER_PREFIX}${name}` as const;
export { EVENT_SEQ };

export class StoreEngine implements Store {
  private readonly data = new Map<Collection, Map<string, unknown>>();
  /** key → partition, to notice when a value moves (a job whose due date changed). */
  private readonly where = new Map<Collection, Map<string, string>>();
  private readonly dirty = new Set<PartitionId>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private lastTx = 0;
  private readonly listeners = new Set<(t: ReadonlySet<Collection>) => void>();
  /** After a failed automatic checkpoint, the next one waits until the journal reaches this size. */
  private checkpointRetryAt = 0;
  private free: { bytes: number; at: number; journal: number } | undefined;
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
    try {
      s.checkCounters(loaded.counterFloor ?? {}, loaded.fileOf?.('meta/all') ?? 'meta/all');
    } catch (e) {
      await deps.backend.close();
      throw e;
    }
    if (loaded.rewriteAll) {
      // No committed manifest yet (a new store, or one written before manifests) or a checkpoint cut
      // short: write every partition and the manifest now, so that from here on every file is checked.
      for (const pid of loaded.partitions.keys()) s.dirty.add(pid);
      for (const [c, w] of s.where) for (const p of w.values()) s.dirty.add(`${c}/${p}`);
      try {
        await s.doCheckpoint(true);
        s.report.checkpointAtStart = 'written';
      } catch (e) {
        // A full disk must not keep the device from starting: the journal still holds everything.
        s.report.checkpointAtStart = `failed: ${(e as Error).message}`;
      }
    }
    if (deps.backend.freeBytes) s.report.freeBytes = await deps.backend.freeBytes().catch(() => undefined);
    return s;
  }

  /** A counter below its own records or below the last checkpoint's value means a file went back. */
  private checkCounters(floor: Record<string, number>, metaFile: string): void {
    const current = (name: string) => (name === AUDIT_HEAD_COUNTER ? Number(this.get('meta', AUDIT_HEAD)?.n ?? 0) : this.counter(name));
    const fail = (name: string, is: number, why: string) =>
      new AppError(
        `store file ${metaFile} (with the journal) gives counter ${name} = ${is}, but ${why}: a store file was rolled back; start-up stopped so that no number is issued twice (saha doctor --repair-plan)`,
        ErrorCode.Store_Inconsistent,
        { context: { file: metaFile, counter: name, damage: 'counter' } },
      );
    for (const w of counterWitnesses((c) => this.coll(c).entries()).values()) {
      const is = current(w.counter);
      if (is < w.atLeast) throw fail(w.counter, is, `${w.witness} exists`);
    }
    for (const [name, n] of Object.entries(floor)) {
      const is = current(name);
      if (is < n) throw fail(name, is, `the last checkpoint recorded ${n}`);
    }
  }

  /** Below the floor, a transaction that adds new work is refused (see NEW_WORK). */
  private async refuseBelowFloor(ops: readonly Op[]): Promise<void> {
    const floor = this.deps.minFreeBytes ?? 0;
    if (floor <= 0 || !this.deps.backend.freeBytes) return;
    if (!ops.some((op) => op.v !== null && NEW_WORK.has(op.c) && this.get(op.c, op.k) === undefined)) return;
    const journal = this.deps.backend.journalBytes();
    const now = performance.now();
    // Far above the floor a measurement stays good for a while; near it, every new record measures.
    if (
      !this.free ||
      this.free.bytes < 2 * floor ||
      now - this.free.at > FREE_RECHECK_MS ||
      Math.abs(journal - this.free.journal) > FREE_RECHECK_BYTES
    ) {
      this.free = { bytes: await this.deps.backend.freeBytes(), at: now, journal };
    }
    const free = this.free.bytes - Math.max(0, journal - this.free.journal);
    if (free < floor) {
      this.free = undefined; // measure again next time: space may have been freed
      const mb = (n: number) => (n / 1048576).toFixed(1);
      throw new AppError(
        `only ${mb(free)} MB free, below the floor store.minFreeMB = ${mb(floor)} MB: new work is not saved; recorded work is still being sent`,
        ErrorCode.Store_LowSpace,
        { context: { key: 'store.minFreeMB', freeBytes: free, floorBytes: floor } },
      );
    }
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

  // The one place a stored value gets its type: every value reached memory through a typed put
  // (or was replayed from the journal those puts wrote).
  get<C extends Collection, K extends KeyOf<C>>(c: C, key: K): ValueOf<C, K> | undefined {
    return this.data.get(c)?.get(key) as ValueOf<C, K> | undefined;
  }

  values<C extends Collection>(c: C): IterableIterator<Collections[C]> {
    return this.coll(c).values() as IterableIterator<Collections[C]>;
  }

  size(c: Collection): number {
    return this.data.get(c)?.size ?? 0;
  }

  /** Free bytes on the store's file system now (undefined for a store without a disk): for the status line. */
  freeSpace(): Promise<number | undefined> {
    return this.deps.backend.freeBytes ? this.deps.backend.freeBytes() : Promise.resolve(undefined);
  }

  counter(name: string): number {
    return Number(this.get('meta', counterKey(name)) ?? 0);
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
      const read = <C extends Collection, K extends KeyOf<C>>(c: C, k: K): ValueOf<C, K> | undefined => {
        const p = pending.get(pkey(c, k));
        return p ? (p.v === null ? undefined : (p.v as ValueOf<C, K>)) : this.get(c, k);
      };
      const write = (c: Collection, k: string, v: unknown) => {
        // JSON round trip: the journal stores JSON, so memory must hold exactly what replay rebuilds.
        pending.set(pkey(c, k), { c, k, v: v === null ? null : JSON.parse(JSON.stringify(v)) });
      };
      const counter = (name: string) => Number(read('meta', counterKey(name)) ?? 0);
      const next = (name: string) => {
        const n = counter(name) + 1;
        write('meta', counterKey(name), n);
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
          // Assembled from typed parts (EventInput<T>); TypeScript cannot follow T through the spread.
          const envelope = {
            eventId: this.deps.newId(),
            type: e.type,
            deviceId: this.deps.deviceId,
            seq,
            occurredAt: isoInstant(now),
            operatorId: e.operatorId,
            ...(e.jobId !== undefined ? { jobId: e.jobId } : {}),
            data: e.data,
          } as EventEnvelope<typeof e.type>;
          const entry: OutboxEntry = {
            seq,
            topic: this.deps.eventTopic(this.deps.deviceId, e.type),
            envelope: envelope as EventEnvelope,
            queuedAt: envelope.occurredAt,
          };
          write('outbox', seqKey(seq), entry);
          return envelope;
        },
        audit: (a) => {
          const head = read('meta', AUDIT_HEAD);
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
      await this.refuseBelowFloor(rec.ops);
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
      const limit = this.deps.checkpointBytes ?? 4 * 1024 * 1024;
      const bytes = this.deps.backend.journalBytes();
      if (bytes > limit && bytes >= this.checkpointRetryAt) {
        try {
          await this.doCheckpoint();
          this.checkpointRetryAt = 0;
        } catch {
          // The transaction is committed (its record is durable): a failed checkpoint must not turn it
          // into "not saved". The journal stays valid; try again after it grew by a quarter more.
          this.checkpointRetryAt = bytes + limit / 4;
        }
      }
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

  private async doCheckpoint(force = false): Promise<void> {
    if (!force && this.dirty.size === 0 && this.deps.backend.journalBytes() === 0) return;
    const parts = new Map<PartitionId, Record<string, unknown> | null>();
    for (const pid of this.dirty) {
      const slash = pid.indexOf('/');
      const c = pid.slice(0, slash) as Collection;
      const part = pid.slice(slash + 1);
      const w = this.where.get(c);
      const m = this.coll(c);
      const entries: Record<string, unknown> = {};
      let any = false;
      if (w)
        for (const [k, p] of w)
          if (p === part) {
            entries[k] = m.get(k);
            any = true;
          }
      parts.set(pid, any ? entries : null);
    }
    const counters: Record<string, number> = {};
    for (const [k, v] of this.coll('meta')) if (k.startsWith(COUNTER_PREFIX)) counters[k.slice(COUNTER_PREFIX.length)] = Number(v);
    const head = this.get('meta', AUDIT_HEAD);
    if (head) counters[AUDIT_HEAD_COUNTER] = head.n;
    await this.deps.backend.checkpoint(parts, this.lastTx, counters);
    this.dirty.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    await this.deps.backend.close();
  }
}
