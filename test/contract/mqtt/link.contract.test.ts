/**
 * The BrokerLink contract (ports/BrokerLink.ts) with the app's MQTT pieces wired as the app wires
 * them (store → OutboxSender → MqttLink → broker → back office, and back office → broker → MqttLink
 * → InboundService → store), written once and run against:
 * - the in-process aedes broker (MQTT 3.1.1; what demo mode and most tests use), so the fake stays
 *   honest;
 * - a private Mosquitto started from device/mosquitto/*.template (what the fleet runs): MQTT 3.1.1
 *   over plain TCP with user/password, and MQTT 5 over TLS with the test CA (aedes has no MQTT 5).
 * On CI (CI=true) a missing Mosquitto fails the run; locally the Mosquitto targets are skipped.
 */
import * as assert from 'uvu/assert';
import { topics, validateStatus } from '../../../src/core/contract/index.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { whenMosquitto } from '../../helpers/mosquitto.js';
import {
  aedesTarget,
  crashOutcome,
  fixture,
  mosquittoTarget,
  queueEvents,
  retainedOn,
  rigSuite,
  until,
  type BrokerTarget,
  type RigCtx,
} from './linkRig.js';

function linkContract(target: BrokerTarget) {
  const { test, device, backOffice } = rigSuite(`BrokerLink contract: ${target.name}`, target);
  const pv = target.protocolVersion;
  const DEV = 'HT-0042';

  const retainedStatus = async (ctx: RigCtx) => {
    // An account of its own: on Mosquitto the account is the client id (see Broker.backOffice).
    const text = await retainedOn(ctx.broker!.backOffice('peek'), pv, topics.status(DEV));
    return text === undefined ? undefined : (JSON.parse(text) as { state: string });
  };

  test('the link reports connecting, then online with no session on a first connect; the retained status says online', async (ctx) => {
    const bo = await backOffice(ctx);
    const d = (await device(ctx)).start();
    await until(() => d.link.state.state === 'online', 'link online');
    assert.equal(d.states[0], { state: 'connecting', attempt: 1 });
    assert.equal(d.link.state, { state: 'online', sessionPresent: false });
    await until(() => bo.statuses(DEV).some((s) => s.state === 'online'), 'online status at the back office');
    const live = bo.statuses(DEV).find((s) => s.state === 'online')!;
    const { retain: _r, ...status } = live;
    assert.equal(validateStatus(status), { ok: true });
    assert.is(status.outboxDepth, 0);
    assert.is((await retainedStatus(ctx))?.state, 'online');
  });

  test('outbox events reach the back office in seq order and leave the outbox only after their PUBACK', async (ctx) => {
    const bo = await backOffice(ctx);
    const d = await device(ctx, { maxInFlight: 8 });
    await queueEvents(d.store, 36); // written while offline: every event type three times
    const violations: string[] = [];
    let before = new Set(d.outboxSeqs());
    d.store.onCommit(() => {
      const now = new Set(d.outboxSeqs());
      for (const seq of before) if (!now.has(seq) && !d.ackedSeqs.has(seq)) violations.push(`seq ${seq} left the outbox without a PUBACK`);
      before = now;
    });
    d.start();
    await until(() => d.link.state.state === 'online', 'link online');
    await queueEvents(d.store, 14, 7); // and some while online, seven per transaction
    await until(() => bo.events().length >= 50, `50 events at the back office (got ${bo.events().length})`);
    await d.sender.whenDrained();
    assert.equal(violations, []);
    assert.equal(d.outboxSeqs(), []);
    assert.equal(
      bo.events().map((e) => e.env.seq),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    assert.is(new Set(bo.events().map((e) => e.env.eventId)).size, 50);
    assert.equal(bo.invalidEvents(), []);
    assert.ok(bo.events().every((e) => e.topic === topics.event(DEV, e.env.type as never) && e.env.deviceId === DEV));
  });

  test('a job.assign sent while the device is offline waits in its persistent session and is stored after reconnect', async (ctx) => {
    const bo = await backOffice(ctx);
    const d1 = (await device(ctx)).start();
    await until(() => d1.link.state.state === 'online', 'first connection online');
    await d1.stop(); // the app shuts down cleanly: offline status, DISCONNECT, session kept
    assert.is((await retainedStatus(ctx))?.state, 'offline');

    const job = fixture('signed/job.assign.reading.json');
    await bo.publish(topics.jobs(DEV), JSON.stringify(job)); // resolves on the broker's PUBACK

    // The app starts again on the same data: a new link, same client id.
    const d2 = (await device(ctx, { store: d1.store })).start();
    await until(() => d2.link.state.state === 'online', 'second connection online');
    assert.equal(d2.link.state, { state: 'online', sessionPresent: true });
    await until(() => d2.store.get('jobs', job.job.jobId) !== undefined, 'job stored');
    const rec = d2.store.get('jobs', job.job.jobId)!;
    assert.is(rec.state, 'open');
    assert.is(rec.job.customer.name, 'Ayşe Yılmaz');
    await until(() => bo.events().some((e) => e.env.type === 'job.accepted'), 'job.accepted at the back office');
    const accepted = bo.events().find((e) => e.env.type === 'job.accepted')!.env as unknown as { data: { jobId: string; version: number } };
    assert.equal(accepted.data, { jobId: job.job.jobId, version: 1 });
    assert.equal(bo.invalidEvents(), []);
    await d2.sender.whenDrained();
    assert.equal([...d2.store.values('outbox')], []);
  });

  test('killing the device connection makes the broker publish the retained "offline" last will', async (ctx) => {
    const bo = await backOffice(ctx);
    // Slow retries, so the device stays away long enough to read the will back.
    const d = (await device(ctx, { link: { reconnectMinMs: 60_000, reconnectMaxMs: 60_000 } })).start();
    await until(() => d.link.state.state === 'online', 'link online');
    await until(() => bo.statuses(DEV).some((s) => s.state === 'online'), 'online status');
    assert.is((await retainedStatus(ctx))?.state, 'online');

    d.client.stream.destroy(); // the GSM link dies: no DISCONNECT reaches the broker
    await until(() => d.link.state.state === 'offline', 'link reports offline');
    await until(() => bo.statuses(DEV).some((s) => s.state === 'offline'), 'offline will at the back office');
    const will = bo.statuses(DEV).find((s) => s.state === 'offline')!;
    const { retain: _r, ...status } = will;
    assert.equal(validateStatus(status), { ok: true });
    const retained = await retainedStatus(ctx);
    assert.is(retained?.state, 'offline');
    assert.equal(validateStatus(retained), { ok: true });
  });

  test('the broker dies mid-drain and comes back: the link reconnects by itself and resends everything not acknowledged', async (ctx) => {
    const N = 200;
    const bo = await backOffice(ctx);
    await ctx.broker!.persistSessions();
    const d = await device(ctx, { maxInFlight: 8 });
    await queueEvents(d.store, N, 20);
    let crashed = false;
    let ackedBeforeCrash: Set<number> | undefined;
    bo.client.on('message', () => {
      if (!crashed && bo.events().length >= 60) {
        crashed = true;
        void ctx.broker!.crash();
      }
    });
    // PUBACKs already on their way still count: take the snapshot when the link sees the close.
    d.link.onState((s) => {
      if (crashed && !ackedBeforeCrash && s.state !== 'online') ackedBeforeCrash = new Set(d.ackedSeqs);
    });
    d.start();
    await until(() => ackedBeforeCrash !== undefined, 'broker gone, link noticed');
    assert.ok(d.outboxSeqs().length > 0, 'events still waiting in the outbox');
    await ctx.broker!.recover();
    await until(() => d.outboxSeqs().length === 0, 'outbox drained after the broker came back');
    // Everything the device still held must arrive; wait for that, then judge the rest.
    await until(() => crashOutcome(bo, N, ackedBeforeCrash!).missingUnacked.length === 0, 'every unacknowledged event at the back office');
    const r = crashOutcome(bo, N, ackedBeforeCrash!);
    assert.equal(r.conflicts, [], 'a duplicate is only ever the same event');
    assert.equal(r.deduped, r.expectedOrder, 'in seq order once duplicates are dropped');
    if (!target.losesAckedOnCrash) assert.equal(r.missing, [], 'nothing lost');
    else if (r.missing.length)
      console.log(`${target.name}: the crash lost seqs ${r.missing.join(',')}, all acknowledged by the broker before it died`);
    assert.equal(bo.invalidEvents(), []);
    assert.ok(
      d.states.some((s) => s.state === 'offline'),
      'the outage was reported',
    );
  });

  return test;
}

linkContract(aedesTarget).run();
whenMosquitto('BrokerLink contract on Mosquitto', () => {
  linkContract(mosquittoTarget(4, false)).run();
  linkContract(mosquittoTarget(5, true)).run();
});
