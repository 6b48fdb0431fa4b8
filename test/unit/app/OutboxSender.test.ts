// OutboxSender with end-to-end acknowledgement off, on and auto, on a memory store, a fake link and
// hand-driven timers: what leaves the outbox, when, and what is sent again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OutboxSender, type OutboxSenderDeps } from '../../../src/app/OutboxSender.js';
import { E2E_META_KEY } from '../../../src/app/EndToEndAck.js';
import type { Store } from '../../../src/ports/Store.js';
import { ack, FakeLink, FakeTimers, memoryStore, outboxSeqs, queue, settle } from './senderRig.js';

async function rig(o: Partial<OutboxSenderDeps> = {}, events = 5) {
  const s = await memoryStore();
  await queue(s.store, events);
  const link = new FakeLink();
  const timers = new FakeTimers();
  const logs: string[] = [];
  const sender = new OutboxSender({ store: s.store, link, maxInFlight: 10, timers, log: (l, m) => logs.push(`${l} ${m}`), ...o });
  sender.start();
  return { s, link, timers, sender, logs };
}

test('off: an event leaves the outbox at its PUBACK, and acks are ignored', async () => {
  const { s, link, timers, sender } = await rig({ endToEndAck: 'off' });
  link.connect();
  await settle(timers);
  assert.equal(link.sent, [1, 2, 3, 4, 5]);
  assert.equal(outboxSeqs(s.store), []);
  await sender.onAck(ack(5));
  assert.is(sender.endToEnd(), false);
  assert.is(s.store.get('meta', E2E_META_KEY), undefined);
});

test('on: nothing leaves the outbox on PUBACK alone; the events are counted as awaiting acknowledgement', async () => {
  const { s, link, timers, sender } = await rig({ endToEndAck: 'on' });
  link.connect();
  await settle(timers);
  assert.equal(link.sent, [1, 2, 3, 4, 5]);
  assert.equal(outboxSeqs(s.store), [1, 2, 3, 4, 5]);
  assert.is(sender.depth(), 0, 'nothing left to send');
  assert.is(sender.unackedDepth(), 5);
  const first = [...s.store.values('outbox')][0]!;
  assert.is(sender.oldestUnackedAt(), first.envelope.occurredAt);
  assert.is(sender.oldestUnsent(), undefined);
});

test('on: an ack deletes exactly the events with seq ≤ ackedSeq; an older ack changes nothing', async () => {
  const { s, link, timers, sender } = await rig({ endToEndAck: 'on' });
  link.connect();
  await settle(timers);
  await sender.onAck(ack(3));
  await settle(timers);
  assert.equal(outboxSeqs(s.store), [4, 5]);
  assert.is(sender.unackedDepth(), 2);
  await sender.onAck(ack(2));
  await settle(timers);
  assert.equal(outboxSeqs(s.store), [4, 5]);
  assert.is(sender.ackedSeq(), 3);
  await sender.onAck(ack(5));
  await settle(timers);
  assert.equal(outboxSeqs(s.store), []);
  assert.is(sender.unackedDepth(), 0);
  assert.is(sender.oldestUnackedAt(), null);
  await sender.whenDrained();
});

test('on: after a reconnect the unacknowledged events are sent again, the acknowledged ones not', async () => {
  const { link, timers, sender } = await rig({ endToEndAck: 'on' });
  link.connect();
  await settle(timers);
  await sender.onAck(ack(3));
  await settle(timers);
  link.drop();
  link.connect(true);
  await settle(timers);
  assert.equal(link.sent, [1, 2, 3, 4, 5, 4, 5]);
  assert.is(sender.unackedDepth(), 2);
});

test('on: an ack covering events not yet sent deletes them without sending them', async () => {
  const { s, link, timers, sender } = await rig({ endToEndAck: 'on', maxInFlight: 2 });
  link.autoPuback = false;
  link.connect();
  await settle(timers);
  assert.equal(link.sent, [1, 2]);
  await sender.onAck(ack(4)); // the back office already had them (a restarted device resending)
  link.puback(1);
  link.puback(2);
  await settle(timers);
  assert.equal(outboxSeqs(s.store), [5]);
  assert.equal(link.sent, [1, 2, 5]);
  assert.is(sender.unackedDepth(), 0);
});

test('an ack above any seq this store issued is ignored (a device id provisioned again)', async () => {
  const { s, link, timers, sender, logs } = await rig({ endToEndAck: 'on' });
  link.connect();
  await settle(timers);
  await sender.onAck(ack(9999));
  await settle(timers);
  assert.equal(outboxSeqs(s.store), [1, 2, 3, 4, 5]);
  assert.ok(
    logs.some((l) => l.startsWith('warn ack for seq 9999')),
    logs.join('\n'),
  );
});

test('auto: behaves as off until the first ack, then on; a restart stays on', async () => {
  const { s, link, timers, sender } = await rig({ endToEndAck: 'auto' }, 3);
  link.connect();
  await settle(timers);
  assert.equal(outboxSeqs(s.store), [], 'off: deleted at PUBACK');
  assert.is(sender.endToEnd(), false);

  await sender.onAck(ack(3));
  assert.is(sender.endToEnd(), true);
  assert.ok(s.store.get('meta', E2E_META_KEY), 'turning on is recorded');
  await queue(s.store, 2);
  await settle(timers);
  assert.equal(outboxSeqs(s.store), [4, 5], 'on: kept after PUBACK');
  sender.stop();

  // Restart: the awaiting marks are gone (everything is sent again), the mode is not.
  const store = await s.reopen();
  const link2 = new FakeLink();
  const again = new OutboxSender({ store, link: link2, maxInFlight: 10, timers, endToEndAck: 'auto' });
  again.start();
  assert.is(again.endToEnd(), true);
  link2.connect();
  await settle(timers);
  assert.equal(link2.sent, [4, 5]);
  assert.equal(outboxSeqs(store), [4, 5]);
  await again.onAck(ack(5));
  await settle(timers);
  assert.equal(outboxSeqs(store), []);
});

test('auto: an ack stuck below seqs forgotten at PUBACK reports the gap once the device sees it', async () => {
  const gaps: number[] = [];
  const { s, link, timers, sender } = await rig({ endToEndAck: 'auto', onReleasedGap: (h) => gaps.push(h) }, 6);
  link.connect();
  await settle(timers); // off: 1..6 forgotten at PUBACK; say the broker lost 4
  await queue(s.store, 2);
  await settle(timers);
  await sender.onAck(ack(3)); // the office has 1..3 and waits for 4 forever
  assert.equal(gaps, [9], 'the device holds nothing below 9 (7 and 8 went at PUBACK too, before the ack)');
  await sender.onAck(ack(8));
  assert.equal(gaps, [9], 'no gap once the ack reaches what is held');
});

test('auto: an ack with ackedSeq 0 (a back office with nothing stored yet) turns it on too', async () => {
  const { sender } = await rig({ endToEndAck: 'auto' }, 0);
  await sender.onAck(ack(0));
  assert.is(sender.endToEnd(), true);
});

test('on: with no ack for ackTimeout the unacknowledged events are sent again, each wait twice the last, back to the base after progress', async () => {
  const { link, timers, sender } = await rig({ endToEndAck: 'on', ackTimeoutMs: 1000 }, 2);
  link.connect();
  await settle(timers); // ~60 ms of fake time
  assert.equal(link.sent, [1, 2]);
  timers.advance(1000);
  await settle(timers);
  assert.is(sender.timeoutResends, 1);
  assert.equal(link.sent, [1, 2, 1, 2]);

  timers.advance(1800); // the next wait is 2000 ms
  await settle(timers);
  assert.is(sender.timeoutResends, 1, 'no resend before twice the timeout');
  timers.advance(200);
  await settle(timers);
  assert.is(sender.timeoutResends, 2);
  timers.advance(3800); // then 4000 ms
  await settle(timers);
  assert.is(sender.timeoutResends, 2);
  timers.advance(200);
  await settle(timers);
  assert.is(sender.timeoutResends, 3);

  // Progress: an ack for seq 1 resets the wait to its base.
  await sender.onAck(ack(1));
  await settle(timers);
  timers.advance(1000);
  await settle(timers);
  assert.is(sender.timeoutResends, 4);
  assert.equal(link.sent.slice(-1), [2]);
});

test('on: the timeout backs off to at most 16 times the base, and does not fire while offline (the reconnect resends)', async () => {
  const { link, timers, sender } = await rig({ endToEndAck: 'on', ackTimeoutMs: 100 }, 1);
  link.connect();
  await settle(timers);
  for (let i = 0; i < 8; i++) {
    timers.advance(1600);
    await settle(timers);
  }
  assert.is(sender.timeoutResends, 8);
  const wait = Math.max(...timers.pending());
  assert.ok(wait > 800 && wait <= 1600, `next wait ${wait} ms`);

  link.drop();
  timers.advance(100_000);
  await settle(timers);
  assert.is(sender.timeoutResends, 8);
  const before = link.sent.length;
  link.connect(true);
  await settle(timers);
  assert.is(link.sent.length, before + 1);
});

function failingDeletes(store: Store, failures: number): Store & { attempts: number } {
  const w = {
    attempts: 0,
    transact: <R>(fn: Parameters<Store['transact']>[0], opts?: { durable?: boolean }) => {
      if (opts?.durable === false) {
        w.attempts++;
        if (w.attempts <= failures) return Promise.reject(new Error('disk full'));
      }
      return store.transact(fn as never, opts) as Promise<R>;
    },
  };
  return new Proxy(store, {
    get: (t, k) =>
      k in w
        ? (w as Record<string | symbol, unknown>)[k]
        : (...a: unknown[]) => (t as unknown as Record<string | symbol, (...x: unknown[]) => unknown>)[k]!(...a),
  }) as Store & { attempts: number };
}

test('a failed deletion is retried later, backing off, without sending anything again', async () => {
  const s = await memoryStore();
  await queue(s.store, 3);
  const store = failingDeletes(s.store, 3);
  const link = new FakeLink();
  const timers = new FakeTimers();
  const logs: string[] = [];
  const sender = new OutboxSender({ store, link, maxInFlight: 10, timers, endToEndAck: 'off', log: (l, m) => logs.push(`${l} ${m}`) });
  sender.start();
  link.connect();
  await settle(timers, 2);
  assert.is(store.attempts, 1);
  // Retries after 100, then 200, then 400 ms; no tight loop and no resend meanwhile.
  timers.advance(80);
  await new Promise((r) => setImmediate(r));
  assert.is(store.attempts, 1);
  timers.advance(20);
  await new Promise((r) => setImmediate(r));
  assert.is(store.attempts, 2);
  timers.advance(190);
  await new Promise((r) => setImmediate(r));
  assert.is(store.attempts, 2);
  timers.advance(20);
  await new Promise((r) => setImmediate(r));
  assert.is(store.attempts, 3);
  timers.advance(410);
  await settle(timers);
  assert.is(store.attempts, 4);
  assert.equal(outboxSeqs(s.store), []);
  assert.equal(link.sent, [1, 2, 3]);
  assert.ok(logs.filter((l) => l.includes('could not record acknowledgements')).length === 3, logs.join('\n'));
});

test.run();
