/**
 * The local store: every piece of state the handheld keeps (jobs, work records, invoices, the
 * document ledger, the outbox the MQTT link drains, counters, the audit log).
 *
 * Behaviour:
 * - `transact(fn)` runs `fn` when every earlier transaction has finished (writers are serialised),
 *   against the current state plus the transaction's own pending writes. The writes become one
 *   journal record; with `durable` (the default) the promise resolves only after that record is on
 *   disk (fsync), so a caller may tell the crew "saved" the moment it resolves, and the record
 *   survives kill -9 and power loss. Either all writes of a transaction survive or none does.
 *   If `fn` throws, nothing is written and the promise rejects with that error.
 * - A write that cannot complete rejects, and then nothing of the transaction is saved: memory is
 *   not changed, no counter moved, no event queued, so the caller must tell the crew "not saved":
 *   - Store_DiskFull: the disk ran out of space (ENOSPC, a short write that made no progress);
 *   - Store_Io: any other write or fsync failure (a dying SD card);
 *   - Store_LowSpace: free space is below the floor (config store.minFreeMB) and the transaction
 *     adds new work (a job, reading, invoice number, document); refused before anything is written.
 *     Updates, deletes and events about what is already recorded still pass, so the outbox keeps
 *     draining and a reserved number can still be voided.
 *   Any fragment a failed append left at the journal's end is cut off before the next record, so a
 *   later record never lands on a torn one.
 * - `durable: false` is for bookkeeping whose loss is harmless (an outbox entry's PUBACK: losing it
 *   only means the event is sent once more, which the contract allows). It is still ordered and is
 *   made durable by the next durable transaction.
 * - Reads (`get`, `list`) see only committed state.
 * - After `close()` every call rejects with Store_Closed; close waits for transactions in flight.
 */
import type { AuditEntry } from '../core/audit/hashChain.js';
import type { EventData, EventEnvelope, EventType } from '../core/contract/index.js';
import type { Tariff } from '../core/contract/tariff.js';
import type { InvoiceNoRecord, JobRecord } from '../core/jobs/types.js';
import type {
  InboxRecord,
  InvoiceRecord,
  LedgerEntry,
  MetaEntries,
  OperatorRecord,
  ReferenceEntries,
  WorkRecord,
} from '../core/store/records.js';

export type { EventEnvelope };

/**
 * What each collection holds (core/store/records.ts). `meta` and `reference` hold different kinds
 * of value under different key prefixes: see MetaEntries and ReferenceEntries.
 */
export interface Collections {
  jobs: JobRecord;
  work: WorkRecord;
  invoices: InvoiceRecord;
  invoiceNos: InvoiceNoRecord;
  documents: LedgerEntry;
  outbox: OutboxEntry;
  tariffs: Tariff;
  inbox: InboxRecord;
  audit: AuditEntry;
  meta: MetaEntries[keyof MetaEntries];
  operators: OperatorRecord;
  reference: ReferenceEntries[keyof ReferenceEntries];
}

export type Collection = keyof Collections;

/** Collections whose value depends on the key (its prefix). */
interface KeyedCollections {
  meta: MetaEntries;
  reference: ReferenceEntries;
}

/** The keys a collection accepts: any string, or for `meta` / `reference` the known keys and prefixes. */
export type KeyOf<C extends Collection> = C extends keyof KeyedCollections ? keyof KeyedCollections[C] & string : string;

/** The value under `key` in collection `C`. */
export type ValueOf<C extends Collection, K extends string = string> = C extends keyof KeyedCollections
  ? K extends keyof KeyedCollections[C]
    ? KeyedCollections[C][K]
    : never
  : Collections[C];

/**
 * An event to queue (contract v1, docs/asyncapi.yaml): `data` must be the contract's data for
 * `type`, so an event that does not match the contract does not compile. `operatorId` is null when
 * nobody on the device acted (a job message processed, a wipe ordered by the back office); it is
 * never omitted, so every call site says who acted.
 */
export interface EventInput<T extends EventType> {
  type: T;
  operatorId: string | null;
  jobId?: string;
  data: EventData<T>;
}

export interface OutboxEntry {
  seq: number;
  topic: string;
  envelope: EventEnvelope;
  queuedAt: string;
}

export interface AuditInput {
  actor: string;
  action: string;
  details?: Record<string, unknown>;
}

export interface Tx {
  get<C extends Collection, K extends KeyOf<C>>(c: C, key: K): ValueOf<C, K> | undefined;
  put<C extends Collection, K extends KeyOf<C>>(c: C, key: K, value: ValueOf<C, K>): void;
  del<C extends Collection>(c: C, key: KeyOf<C>): void;
  /** Current value of a named counter (0 when never used). */
  counter(name: string): number;
  /** Increments a named counter and returns the new value. Never reused, even across crashes. */
  next(name: string): number;
  /** Builds an event with the next `seq` and a fresh `eventId`, and queues it in the outbox. */
  event<T extends EventType>(e: EventInput<T>): EventEnvelope<T>;
  /** Appends a hash-chained audit entry. */
  audit(a: AuditInput): AuditEntry;
  /** Milliseconds of the store's clock for this transaction (one instant for all its records). */
  readonly now: number;
}

export interface StartupReport {
  /** A journal record cut short by a crash or power loss: never acknowledged, so safely dropped; its bytes are kept. */
  tornJournalTail?: { bytes: number; keptAt: string };
  /** Temporary files of an interrupted snapshot write: the previous file is intact; they were moved aside. */
  staleTempFiles: string[];
  /** A lock left by a process that is gone (crash or kill). */
  staleLockPid?: number;
  journalRecordsReplayed: number;
  /** A store without a manifest yet (new, or written by an older version) or with a checkpoint cut short is rewritten whole at start. */
  checkpointAtStart?: 'written' | `failed: ${string}`;
  /** Free space on the store's file system at start, in bytes (file stores only). */
  freeBytes?: number;
}

export interface TransactOptions {
  durable?: boolean;
}

export interface Store {
  readonly report: StartupReport;
  transact<R>(fn: (tx: Tx) => R, opts?: TransactOptions): Promise<R>;
  get<C extends Collection, K extends KeyOf<C>>(c: C, key: K): ValueOf<C, K> | undefined;
  /** All values of a collection in key insertion order (outbox: seq order). */
  values<C extends Collection>(c: C): IterableIterator<Collections[C]>;
  size(c: Collection): number;
  counter(name: string): number;
  /** Writes snapshots of changed partitions and empties the journal. Runs between transactions. */
  checkpoint(): Promise<void>;
  /** Called after every committed transaction with the collections it touched. */
  onCommit(listener: (touched: ReadonlySet<Collection>) => void): () => void;
  close(): Promise<void>;
}
