/**
 * The fleet broker crashes (SIGKILL, no save) in the middle of a device draining ~500 events, and
 * comes back on the same port and persistence dir. Contract v1: delivery is at-least-once, so the
 * back office (persistent session, QoS 1) must end up with every seq 1..N, in order once duplicates
 * are dropped by eventId, and a duplicate is only ever the same event (same eventId) again.
 *
 * The back office's session is in Mosquitto's persistence file before the crash (as on a broker that
 * has been up longer than its autosave_interval): a session created after the last save dies with
 * the process (see device/mosquitto/README.md §Durability).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { whenMosquitto, type PrivateMosquitto } from '../../helpers/mosquitto.js';
import { BackOffice, Device, mosquittoTarget, queueEvents, until, type Broker } from './linkRig.js';

const N = 500;
const KILL_AFTER = 150;

interface Ctx {
  broker?: Broker;
  device?: Device;
  bo?: BackOffice;
}

function registerRestartTests(): void {
  for (const pv of [4, 5] as const) {
    const test = suite<Ctx>(`Mosquitto SIGKILL mid-drain, MQTT ${pv === 5 ? '5' : '3.1.1'}`, {});
    test.before.each(async (ctx) => {
      ctx.broker = await mosquittoTarget(pv, false).start();
    });
    test.after.each(async (ctx) => {
      await ctx.device?.stop().catch(() => undefined);
      await ctx.bo?.close().catch(() => undefined);
      await ctx.broker?.close();
      Object.assign(ctx, { broker: undefined, device: undefined, bo: undefined });
    });

    test(`every one of ${N} events reaches the back office at least once, in seq order after de-duplication`, async (ctx) => {
      const m: PrivateMosquitto = ctx.broker!.mosquitto!;
      const bo = (ctx.bo = await BackOffice.connect(ctx.broker!.backOffice(), pv));
      await m.save(); // the back office's session is on disk, as on a broker up for a while

      const d = (ctx.device = await Device.create(ctx.broker!.device('HT-0042'), pv, { maxInFlight: 16 }));
      await queueEvents(d.store, N, 25);

      let killedWithPending = -1;
      bo.client.on('message', () => {
        if (killedWithPending < 0 && bo.events().length >= KILL_AFTER) {
          killedWithPending = d.outboxSeqs().length;
          void m.kill();
        }
      });
      d.start();
      await until(() => killedWithPending >= 0, 'kill point reached');
      assert.ok(killedWithPending > 0, 'the broker died with events still in the outbox');
      await until(() => d.link.state.state !== 'online', 'device notices the broker is gone');
      assert.ok(d.outboxSeqs().length > 0, 'unacknowledged events are still in the outbox');

      await m.restart();
      await until(() => d.outboxSeqs().length === 0, `outbox drained after restart (left: ${d.outboxSeqs().length})`, 60_000);
      await d.sender.whenDrained();
      const complete = () => new Set(bo.events().map((e) => e.env.seq)).size === N;
      await until(complete, 'back office has every seq', 30_000).catch(() => undefined);

      const events = bo.events();
      const firstById = new Map<string, number>();
      const idBySeq = new Map<number, string>();
      const bad: string[] = [];
      for (const { env } of events) {
        if (!firstById.has(env.eventId)) firstById.set(env.eventId, env.seq);
        const known = idBySeq.get(env.seq);
        if (known === undefined) idBySeq.set(env.seq, env.eventId);
        else if (known !== env.eventId) bad.push(`seq ${env.seq} arrived with two eventIds`);
      }
      const deduped = [...firstById.values()];
      const missing = Array.from({ length: N }, (_, i) => i + 1).filter((s) => !idBySeq.has(s));
      assert.equal(bad, []);
      assert.equal(missing, [], `lost ${missing.length} events (broker log tail:\n${m.log().split('\n').slice(-15).join('\n')})`);
      assert.equal(deduped, Array.from({ length: N }, (_, i) => i + 1));
      assert.equal(bo.invalidEvents(), []);
      console.log(`MQTT ${pv}: killed with ${killedWithPending} events in the outbox; ${events.length - N} duplicate deliveries`);
    });

    // Characterisation of Mosquitto itself, behind device/mosquitto/README.md §Durability: what it
    // queued for an OFFLINE client lives in memory until the next save. A clean stop saves it; a
    // crash loses it, although the device already had its PUBACKs and dropped the events.
    for (const how of ['stopped cleanly (SIGTERM)', 'killed (SIGKILL)'] as const) {
      test(`events queued for an offline back office: broker ${how}`, async (ctx) => {
        const m: PrivateMosquitto = ctx.broker!.mosquitto!;
        const first = await BackOffice.connect(ctx.broker!.backOffice(), pv);
        await m.save();
        await first.close(); // the back office goes away; its session stays at the broker
        const d = (ctx.device = await Device.create(ctx.broker!.device('HT-0042'), pv));
        await queueEvents(d.store, 50, 10);
        d.start();
        await until(() => d.outboxSeqs().length === 0, 'device drained: the broker acknowledged all 50');
        await d.stop();
        if (how === 'killed (SIGKILL)') await m.kill();
        await m.restart();
        const bo = (ctx.bo = await BackOffice.connect(ctx.broker!.backOffice(), pv));
        assert.ok(bo.sessionPresent, 'the back office session survived the restart (it was saved)');
        if (how === 'stopped cleanly (SIGTERM)') {
          await until(() => bo.events().length === 50, 'all 50 delivered from the saved session');
        } else {
          // Queued messages are sent right after CONNACK, ahead of the SUBACK connect() waited for
          // (at least the first max_inflight_messages of them): none came, the queue was gone.
          assert.is(bo.events().length, 0, 'Mosquitto lost what it had queued since its last save');
        }
      });
    }

    test.run();
  }
}

whenMosquitto('Mosquitto restart', registerRestartTests);
