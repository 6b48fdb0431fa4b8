/**
 * What the OutboxSender and SyncRequester unit tests drive: a memory store that can be reopened (a
 * restart), a fake link whose PUBACKs and connections the test controls, and timers that move only
 * when the test says so (no wall clock). Not a test file itself.
 */
import { MemoryBackend } from '../../../src/adapters/store/MemoryBackend.js';
import { openMemoryStore } from '../../../src/adapters/store/openStore.js';
import type { StoreEngine } from '../../../src/adapters/store/StoreEngine.js';
import type { Timers } from '../../../src/app/EndToEndAck.js';
import type { FlowControlledLink } from '../../../src/app/OutboxSender.js';
import type { InboundHandler, LinkState } from '../../../src/ports/BrokerLink.js';
import { storeOpts } from '../../helpers/storeTargets.js';

export class FakeTimers implements Timers {
  now = 0;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.due.delete(h as number);
  }
  /** Moves time on by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = end;
  }
  pending(): number[] {
    return [...this.due.values()].map((t) => t.at - this.now);
  }
}

/**
 * A link under the test's control. `autoPuback` (default) acknowledges every publish at once;
 * otherwise `puback(seq)` does. `drop()` loses the connection (pending publishes reject), `connect()`
 * brings it back with the given CONNACK session flag.
 */
export class FakeLink implements FlowControlledLink {
  state: LinkState = { state: 'connecting', attempt: 1 };
  /** Seqs in the order they were published (a resend appears again). */
  readonly sent: number[] = [];
  readonly other: { topic: string; payload: string }[] = [];
  autoPuback = true;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(s: LinkState) => void>();

  start(): void {}
  async stop(): Promise<void> {}
  setInboundHandler(_h: InboundHandler): void {}
  onState(fn: (s: LinkState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  publish(topic: string, payload: string | Buffer): Promise<void> {
    if (this.state.state !== 'online') return Promise.reject(new Error('offline'));
    const seq = (JSON.parse(payload.toString()) as { seq?: number }).seq;
    if (typeof seq !== 'number') {
      this.other.push({ topic, payload: payload.toString() });
      return Promise.resolve();
    }
    this.sent.push(seq);
    if (this.autoPuback) return Promise.resolve();
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject }));
  }
  puback(seq: number): void {
    this.pending.get(seq)?.resolve();
    this.pending.delete(seq);
  }
  connect(sessionPresent = false): void {
    this.set({ state: 'online', sessionPresent });
  }
  drop(): void {
    this.set({ state: 'offline', reason: 'test' });
    for (const p of this.pending.values()) p.reject(new Error('connection lost'));
    this.pending.clear();
  }
  private set(s: LinkState): void {
    this.state = s;
    for (const l of [...this.listeners]) l(s);
  }
}

/** A store that survives "restarts": reopen() gives the same contents, as after a crash-free stop. */
export async function memoryStore(backend = new MemoryBackend()): Promise<{ store: StoreEngine; reopen: () => Promise<StoreEngine> }> {
  let store = await openMemoryStore(storeOpts(), backend);
  return {
    get store() {
      return store;
    },
    reopen: async () => {
      await store.close();
      store = await openMemoryStore(storeOpts(), backend);
      return store;
    },
  };
}

export async function queue(store: StoreEngine, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await store.transact((tx) => {
      tx.event({ type: 'job.accepted', operatorId: null, jobId: `J-${i}`, data: { jobId: `J-${i}`, version: 1 } });
    });
  }
}

export const outboxSeqs = (store: StoreEngine) => [...store.values('outbox')].map((e) => e.seq);

/** Lets PUBACKs, scheduled pumps, the 10 ms deletion batches and their commits all run. */
export async function settle(timers: FakeTimers, rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setImmediate(r));
    timers.advance(10);
    await new Promise((r) => setImmediate(r));
  }
}

export const ack = (ackedSeq: number) => ({ ackedSeq, at: '2026-11-25T09:14:03.120+03:00' });
