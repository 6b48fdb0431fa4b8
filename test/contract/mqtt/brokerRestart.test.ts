/**
 * The fleet broker crashes (SIGKILL, no save) in the middle of a device draining 500 events, and
 * comes back on the same port and persistence dir. Contract v1: delivery is at-least-once, so the
 * back office (persistent session, QoS 1) must get every event the device had not yet had
 * acknowledged, in seq order once duplicates are dropped by eventId, and a duplicate is only ever the
 * same event (same eventId) again.
 *
 * What the device cannot cover: events Mosquitto acknowledged and then lost when it was killed
 * (observed with 2.0.11; the test reports them). See device/mosquitto/README.md §Durability.
 *
 * The back office's session is in Mosquitto's persistence file before the crash (as on a broker that
 * has been up longer than its autosave_interval): a session created after the last save dies with
 * the process.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { whenMosquitto, type PrivateMosquitto } from '../../helpers/mosquitto.js';
import { BackOffice, crashOutcome, Device, mosquittoTarget, queueEvents, until, type Broker } from './linkRig.js';

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

    test(`${N} events, broker SIGKILLed mid-drain: everything the device still held arrives, in order, duplicates only by eventId`, async (ctx) => {
      const m: PrivateMosquitto = ctx.broker!.mosquitto!;
      const bo = (ctx.bo = await BackOffice.connect(ctx.broker!.backOffice(), pv));
      await m.save(); // the back office's session is on disk, as on a broker up for a while

      const d = (ctx.device = await Device.create(ctx.broker!.device('HT-0042'), pv, { maxInFlight: 16 }));
      await queueEvents(d.store, N, 25);

      let killed = false;
      let pendingAtKill = -1;
      let ackedBeforeCrash: Set<number> | undefined;
      bo.client.on('message', () => {
        if (!killed && bo.events().length >= KILL_AFTER) {
          killed = true;
          pendingAtKill = d.outboxSeqs().length;
          void m.kill();
        }
      });
      // PUBACKs already on their way when the broker died still count as acknowledged.
      d.link.onState((st) => {
        if (killed && !ackedBeforeCrash && st.state !== 'online') ackedBeforeCrash = new Set(d.ackedSeqs);
      });
      d.start();
      await until(() => ackedBeforeCrash !== undefined, 'device notices the broker is gone');
      assert.ok(pendingAtKill > 0, 'the broker died with events still in the outbox');
      assert.ok(d.outboxSeqs().length > 0, 'unacknowledged events are still in the outbox');

      await m.restart();
      await until(() => d.outboxSeqs().length === 0, `outbox drained after restart (left: ${d.outboxSeqs().length})`, 60_000);
      await until(
        () => crashOutcome(bo, N, ackedBeforeCrash!).missingUnacked.length === 0,
        'every event the broker had not acknowledged reaches the back office',
        30_000,
      );

      const r = crashOutcome(bo, N, ackedBeforeCrash!);
      assert.equal(r.conflicts, [], 'a duplicate is only ever the same event');
      assert.equal(r.deduped, r.expectedOrder, 'in seq order once duplicates are dropped');
      assert.equal(bo.invalidEvents(), []);
      // The device's part is exact (above). The broker's part is not: Mosquitto SIGKILLed can lose
      // a few events it had already acknowledged (seen with 2.0.11 in about one run in five of the
      // contract suite's crash test), and the device deleted them on that PUBACK. Contract v1 says
      // "never zero times"; closing that gap needs an end-to-end acknowledgement from the back office
      // (README §Durability). Until then this is measured, not hidden.
      const lost = r.missing.length ? `; LOST ${r.missing.length} acknowledged by the broker: seqs ${r.missing.join(',')}` : '';
      console.log(`MQTT ${pv}: killed with ${pendingAtKill} events in the outbox; ${r.duplicates} duplicate deliveries${lost}`);
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
