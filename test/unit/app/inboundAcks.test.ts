// Acks on the inbound path: this device's well-formed acks reach the sender; anything else is
// logged and dropped, never answered with job.rejected and never thrown at the link.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InboundService } from '../../../src/app/InboundService.js';
import { topics, type Ack } from '../../../src/core/contract/index.js';
import { memoryStore } from './senderRig.js';

async function rig(onAck?: (a: Ack) => Promise<void>) {
  const { store } = await memoryStore();
  const logs: string[] = [];
  const got: Ack[] = [];
  const inbound = new InboundService({
    store,
    deviceId: 'HT-0042',
    maxBytes: 4096,
    keys: new Map(),
    requireSignatures: false,
    notify: () => undefined,
    clock: () => 0,
    log: (l, m) => logs.push(`${l} ${m}`),
    onAck:
      onAck ??
      (async (a) => {
        got.push(a);
      }),
  });
  return { store, inbound, logs, got };
}
const body = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const AT = '2026-11-25T09:14:03.120+03:00';

test('an ack for this device reaches the sender', async () => {
  const { inbound, got } = await rig();
  await inbound.handle(topics.acks('HT-0042'), body({ ackedSeq: 7, at: AT }));
  assert.equal(got, [{ ackedSeq: 7, at: AT }]);
});

test('an ack for another device, malformed ones and an empty retained payload are dropped with a log line, no event', async () => {
  const { store, inbound, got, logs } = await rig();
  await inbound.handle(topics.acks('HT-0043'), body({ ackedSeq: 7, at: AT }));
  for (const bad of ['{', '[]', { ackedSeq: -1, at: AT }, { ackedSeq: '7', at: AT }, { at: AT }])
    await inbound.handle(topics.acks('HT-0042'), body(bad));
  await inbound.handle(topics.acks('HT-0042'), Buffer.alloc(0));
  assert.equal(got, []);
  assert.is(store.size('outbox'), 0, 'nothing is answered');
  assert.ok(logs[0]!.includes('HT-0043'), logs.join('\n'));
  assert.is(logs.filter((l) => l.includes('malformed ack')).length, 5, logs.join('\n'));
});

test('a sender that throws is contained', async () => {
  const { inbound, logs } = await rig(async () => {
    throw new Error('boom');
  });
  await inbound.handle(topics.acks('HT-0042'), body({ ackedSeq: 1, at: AT }));
  assert.ok(logs.some((l) => l.includes('boom')));
});

test.run();
