/**
 * End-to-end acknowledgement through a real broker: the device wired as the app wires it, and a tiny
 * acker standing in for `saha ingest` (it "stores" what it receives and publishes the contiguous
 * high-water mark retained on the device's acks topic). Run against aedes, and Mosquitto 3.1.1 when
 * present (CI=true: required).
 */
import * as assert from 'uvu/assert';
import { topics, type SyncRequestedData } from '../../../src/core/contract/index.js';
import { whenMosquitto } from '../../helpers/mosquitto.js';
import { aedesTarget, type BackOffice, mosquittoTarget, queueEvents, retainedOn, rigSuite, until, type BrokerTarget } from './linkRig.js';
import { untyped } from '../../helpers/untypedTx.js';

const DEV = 'HT-0042';

/** Stores events by seq and publishes `{ackedSeq}` retained whenever the contiguous mark moves. */
class Acker {
  readonly stored = new Set<number>();
  ackedSeq = 0;
  published = 0;
  paused = false;
  constructor(
    private readonly bo: BackOffice,
    private readonly deviceId: string,
  ) {
    bo.client.on('message', (topic, payload) => {
      if (!topic.startsWith(`saha/v1/devices/${deviceId}/events/`) || this.paused) return;
      this.stored.add((JSON.parse(payload.toString()) as { seq: number }).seq);
      this.advance();
    });
  }
  advance(): void {
    let n = this.ackedSeq;
    while (this.stored.has(n + 1)) n++;
    if (n === this.ackedSeq) return;
    this.ackedSeq = n;
    this.published++;
    void this.bo.publish(topics.acks(this.deviceId), JSON.stringify({ ackedSeq: n, at: new Date().toISOString() }), true);
  }
}

function e2eSuite(target: BrokerTarget) {
  const { test, device, backOffice } = rigSuite(`end-to-end acks: ${target.name}`, target);
  const pv = target.protocolVersion;

  test('on: events stay after PUBACK until the acker has them, then the outbox ends empty', async (ctx) => {
    const bo = await backOffice(ctx);
    const acker = new Acker(bo, DEV);
    acker.paused = true; // ingest down: PUBACKs alone must not empty the outbox
    const d = await device(ctx, { endToEndAck: 'on', maxInFlight: 8 });
    await queueEvents(d.store, 40);
    d.start();
    await until(() => d.ackedSeqs.size === 40, 'every event PUBACKed');
    assert.is(d.outboxSeqs().length, 40);
    assert.is(d.sender.unackedDepth(), 40);
    assert.is(d.sender.depth(), 0);
    await until(() => bo.statuses(DEV).some((s) => s.unackedDepth === 40), 'status reports the unacknowledged depth');

    acker.paused = false;
    // The device's connection drops and comes back: the unacknowledged events are sent again.
    await ctx.broker!.persistSessions();
    await ctx.broker!.crash();
    await until(() => d.link.state.state !== 'online', 'link down');
    await ctx.broker!.recover();
    await d.sender.whenDrained();
    assert.equal(d.outboxSeqs(), []);
    assert.is(acker.ackedSeq, 40);
    assert.is(d.sender.ackedSeq(), 40);
    // Read as the device: the ACL lets the back office write acks, not read them. The device stops
    // first: on Mosquitto the account is the client id, so a second connection as DEV would take over
    // (and, clean, wipe) the running device's session.
    await d.stop();
    assert.is(await retainedOn(ctx.broker!.device(DEV), pv, topics.acks(DEV)).then((t) => JSON.parse(t!).ackedSeq), 40);
  });

  test('auto: off until the first ack, then on; a device that reconnects gets the retained ack and drains', async (ctx) => {
    const bo = await backOffice(ctx);
    const acker = new Acker(bo, DEV);
    const d = (await device(ctx, { endToEndAck: 'auto' })).start();
    await queueEvents(d.store, 30, 5);
    await d.sender.whenDrained();
    await until(() => d.sender.endToEnd(), 'auto turned on by the first ack');
    await until(() => acker.ackedSeq === 30, 'acker stored all');
    await queueEvents(d.store, 10);
    await until(() => acker.ackedSeq === 40, 'acker stored the next ten');
    await d.sender.whenDrained();
    assert.equal(d.outboxSeqs(), []);
    assert.ok(acker.published >= 2);
  });

  test('sync.requested: a device holding 450 jobs sends three valid pages at start', async (ctx) => {
    const bo = await backOffice(ctx);
    const d = await device(ctx, { sync: true, endToEndAck: 'off' });
    await d.store.transact((tx) => {
      for (let i = 1; i <= 450; i++)
        untyped(tx).put('jobs', `J-${i}`, { job: { jobId: `J-${i}`, version: 1 }, state: 'open', workIds: [] });
    });
    d.start();
    await until(() => bo.events().filter((e) => e.env.type === 'sync.requested').length === 3, 'three sync.requested pages');
    assert.equal(bo.invalidEvents(), []);
    const pages = bo
      .events()
      .filter((e) => e.env.type === 'sync.requested')
      .map((e) => (e.env as unknown as { data: SyncRequestedData }).data);
    assert.equal(
      pages.map((p) => [p.reason, p.page, p.pages, p.jobs.length, p.heldFromSeq]),
      [
        ['start', 1, 3, 200, 1],
        ['start', 2, 3, 200, 1],
        ['start', 3, 3, 50, 1],
      ],
    );
  });

  return test;
}

e2eSuite(aedesTarget).run();
whenMosquitto('end-to-end acks on Mosquitto', () => e2eSuite(mosquittoTarget(4, false)).run());
