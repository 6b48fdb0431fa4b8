/**
 * The store engine's own tests (test/unit/store, test/contract/store) check journaling, partitions,
 * counters and disk faults with small made-up values, not with whole app records. This view drops
 * the per-collection types of ports/Store.ts for them; app code and app tests use the typed Tx.
 */
import type { Collection, Tx } from '../../src/ports/Store.js';

export interface UntypedTx {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- made-up test values
  get(c: Collection, key: string): any;
  put(c: Collection, key: string, value: unknown): void;
  del(c: Collection, key: string): void;
  /** Any type and data: the engine does not check events against the contract (the compiler does, in app code). */
  event(e: { type: string; operatorId: string | null; jobId?: string; data: Record<string, unknown> }): { seq: number; eventId: string };
}

export const untyped = (tx: Tx): UntypedTx => tx as unknown as UntypedTx;
