/**
 * Fleet benchmark (`npm run bench -- fleet`; opt-in, it takes a few minutes). N simulated handhelds,
 * each a real MQTT client with its own outbox — the app's MqttLink + OutboxSender over a memory store,
 * exactly the device's delivery path without the disk — against a private Mosquitto rendered from the
 * shipped templates (one account per device, the shipped ACL), consumed by back-office workers on a
 * shared subscription, as docs/deployment.md describes.
 *
 * Each step: N devices connect; every device records readings at `rate` events/s (a real crew makes
 * ~1 reading a minute, i.e. 3–4 events a minute: the rate is compressed so a step takes seconds); then
 * a fifth of the devices lose coverage for a few seconds while they keep recording, and drain their
 * backlog in a burst when they come back. Measured: events/s delivered end to end, p99 latency
 * (occurredAt → consumer) in the steady phase, the burst's drain time, broker RSS (/proc/<pid>/status)
 * and this process's RSS, and that nothing was lost (every seq of every device reached a consumer).
 * N steps up 10, 50, 100, 200, 400, 800… (doubling) while p99 < 1 s, nothing is lost and the time budget
 * (SAHA_BENCH_FLEET_BUDGET_S, default 180 s) allows; `fleet_max_devices_p99_under_1s` is the largest N
 * that held (`fleet_stopped_by`: 1 p99 or loss, 2 time budget, 3 last step reached).
 *
 * Ingest in the loop: every step also runs an IngestService (its own shared-subscription group, so it
 * gets every event besides the consumers; the plug-ins `saha ingest` runs) storing into a fresh
 * PostgreSQL database (PGlite when PostgreSQL is unreachable: `fleet_ingest_database` says which).
 * `fleet_nN_commit_to_stored_p99_ms` is, for the events committed in the steady phase, the time from
 * the device's commit (store.transact resolved) to the commit of the ingest batch holding the row;
 * an event not stored when the step ends counts with the time until then (a lower bound). `fleet_max_devices_stored_p99_under_1s`
 * is the largest N where that p99 stayed under 1 s (and nothing was left unstored); the ladder goes on
 * while either figure can still grow. The simulated devices ignore the acks ingest publishes
 * (end-to-end acks stay off for them, as before ingest), so the other figures keep their meaning.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import { openMemoryStore } from '../../src/adapters/store/openStore.js';
import type { StoreEngine } from '../../src/adapters/store/StoreEngine.js';
import { MqttLink } from '../../src/adapters/mqtt/MqttLink.js';
import { OutboxSender } from '../../src/app/OutboxSender.js';
import { SeqTracker } from '../../src/backoffice/SeqTracker.js';
import { IngestService } from '../../src/backoffice/ingest/IngestService.js';
import { jobDeliveryPlugin } from '../../src/backoffice/jobs/jobDeliveryPlugin.js';
import { reconcilePlugin } from '../../src/backoffice/reconcile/reconcilePlugin.js';
import { fleetFilters, shared } from '../../src/backoffice/fleetTopics.js';
import { topics } from '../../src/core/contract/index.js';
import { isoInstant } from '../../src/core/time/calendar.js';
import { databaseTargets, type DatabaseTarget } from '../helpers/databases.js';
import { discardSession, startBenchBroker, type BenchBroker } from './benchBroker.js';
import { percentile, round } from './stats.js';

// One account per consumer: the shipped conf makes the account the client id (use_username_as_clientid).
const MAX_CONSUMERS = 8;
const boUser = (c: number) => `bo_bench_${c}`;
const BO_USERS = Array.from({ length: MAX_CONSUMERS }, (_, c) => boUser(c));
const INGEST_USER = 'bo_bench_ingest';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => process.stderr.write(`  fleet: ${m}\n`);

interface SimDevice {
  id: string;
  store: StoreEngine;
  link: MqttLink;
  sender: OutboxSender;
}

const readingData = {
  index: 12533,
  previousIndex: 12345,
  consumptionM3: '188',
  rollover: false,
  outlierConfirmed: false,
  readAt: '2025-09-01T09:14:03.120+03:00',
};

function newLink(id: string, url: string, password: string): MqttLink {
  return new MqttLink({
    url,
    clientId: id,
    protocolVersion: 4,
    keepaliveSec: 30,
    sessionExpirySec: 7 * 24 * 3600,
    reconnectMinMs: 200,
    reconnectMaxMs: 2000,
    username: id,
    password,
    subscriptions: topics.subscriptions(id),
    will: () => ({
      topic: topics.status(id),
      payload: JSON.stringify({
        state: 'offline',
        at: isoInstant(Date.now()),
        appVersion: 'bench',
        outboxDepth: 0,
        oldestPendingAt: null,
        printer: 'unknown',
        operatorId: null,
      }),
    }),
  });
}

async function runStep(
  n: number,
  broker: BenchBroker,
  o: { rate: number; steadyS: number; outageS: number; consumers: number; deadline: number; db: DatabaseTarget },
): Promise<Record<string, number>> {
  const until = (ms: number) => Math.min(Date.now() + ms, Math.max(o.deadline, Date.now() + 5000));
  const tracker = new SeqTracker();
  const latencies: number[] = [];
  let measuring = false;
  let delivered = 0;
  const consumers: MqttClient[] = [];
  if (o.consumers > MAX_CONSUMERS) throw new Error(`at most ${MAX_CONSUMERS} consumers`);
  for (let c = 0; c < o.consumers; c++) {
    const cl = await mqtt.connectAsync(broker.url, {
      clientId: `bench-consumer-${n}-${c}`,
      username: boUser(c),
      password: broker.password(boUser(c)),
      protocolVersion: 5,
      clean: true,
    });
    cl.on('message', (topic, payload) => {
      const e = JSON.parse(payload.toString()) as { deviceId: string; seq: number; eventId: string; occurredAt: string };
      if (tracker.record(e.deviceId, e.seq, e.eventId) === 'new') delivered++;
      if (measuring) latencies.push(Date.now() - Date.parse(e.occurredAt));
    });
    await cl.subscribeAsync(shared('bench', fleetFilters.events()), { qos: 1 });
    consumers.push(cl);
  }
  // Ingest: a fresh database per step (seqs start at 1 again), its own group, commit times per event.
  const db = await o.db.open();
  const committedAt = new Map<string, number>();
  const storedLatencies: number[] = [];
  const storedKeys = new Set<string>();
  let storedCount = 0;
  const ingest = new IngestService({
    db,
    group: 'bench-ingest',
    mqtt: { url: broker.url, clientId: INGEST_USER, username: INGEST_USER, password: broker.password(INGEST_USER), protocolVersion: 5 },
    plugins: [
      jobDeliveryPlugin(),
      reconcilePlugin(),
      {
        name: 'bench-stored-at',
        // afterCommit runs once the batch is committed: the rows exist from here on.
        afterCommit: async (batch) => {
          const now = performance.now();
          for (const s of batch.stored) {
            storedCount++;
            const k = `${s.envelope.deviceId}:${s.envelope.seq}`;
            const t = committedAt.get(k);
            if (t !== undefined) {
              storedKeys.add(k);
              storedLatencies.push(now - t);
            }
          }
        },
      },
    ],
    log: (level, msg) => {
      if (level !== 'info') log(`ingest ${level}: ${msg}`);
    },
  });
  await ingest.start();
  const devices: SimDevice[] = [];
  for (let i = 0; i < n; i++) {
    const id = `HT-B${String(i).padStart(5, '0')}`;
    const store = await openMemoryStore({ deviceId: id, eventTopic: (d, t) => topics.event(d, t as never) });
    const link = newLink(id, broker.url, broker.password(id));
    const sender = new OutboxSender({ store, link, maxInFlight: 20 });
    devices.push({ id, store, link, sender });
  }
  const t0 = Date.now();
  for (const d of devices) {
    d.sender.start();
    d.link.start();
  }
  const connectUntil = until(60_000);
  while (devices.some((d) => d.link.state.state !== 'online')) {
    if (Date.now() > connectUntil) {
      await stopAll(devices, consumers);
      await ingest.stop();
      await discardSession(broker, INGEST_USER);
      await db.close();
      throw new Error(`only ${devices.filter((d) => d.link.state.state === 'online').length}/${n} devices connected in time`);
    }
    await sleep(20);
  }
  const connectMs = Date.now() - t0;

  // Every device records at `rate` events/s, each on its own phase so the fleet does not tick in lock-step.
  let recording = true;
  let recorded = 0;
  const recorders = devices.map((d, i) =>
    (async () => {
      await sleep((i / n) * (1000 / o.rate));
      let k = 0;
      while (recording) {
        k++;
        await d.store.transact((tx) => {
          tx.event({ type: 'reading.recorded', operatorId: 'op-1', jobId: `J-${k}`, data: readingData });
        });
        if (measuring) committedAt.set(`${d.id}:${d.store.counter('eventSeq')}`, performance.now());
        recorded++;
        await sleep(1000 / o.rate);
      }
    })(),
  );

  // Steady phase.
  measuring = true;
  const steadyStart = Date.now();
  const deliveredAtStart = delivered;
  const dropsBefore = broker.warnings().filter((l) => /dropped/.test(l)).length;
  await sleep(o.steadyS * 1000);
  measuring = false;
  const steadyEps = (delivered - deliveredAtStart) / ((Date.now() - steadyStart) / 1000);
  const p99 = percentile(latencies, 99);
  const p50 = percentile(latencies, 50);

  // Outage: a fifth of the fleet loses coverage and keeps recording, then comes back at once.
  const out = devices.filter((_, i) => i % 5 === 0);
  for (const d of out) {
    d.sender.stop();
    await d.link.stop();
  }
  await sleep(o.outageS * 1000);
  const backlog = out.reduce((s, d) => s + d.store.size('outbox'), 0);
  const burstStart = Date.now();
  for (const d of out) {
    d.link = newLink(d.id, broker.url, broker.password(d.id));
    d.sender = new OutboxSender({ store: d.store, link: d.link, maxInFlight: 20 });
    d.sender.start();
    d.link.start();
  }
  const drained = () => out.every((d) => d.store.size('outbox') === 0);
  const drainUntil = until(60_000);
  while (!drained() && Date.now() < drainUntil) await sleep(20);
  const burstDrainMs = Date.now() - burstStart;
  const brokerRss = broker.rss();
  const procRss = process.memoryUsage().rss / 2 ** 20;

  // Stop recording, let everything arrive, account for every seq.
  recording = false;
  await Promise.all(recorders);
  // Wait for the rest while deliveries make progress (an overloaded step may need long; the deadline caps it).
  const complete = () =>
    storedCount >= recorded &&
    devices.every((d) => {
      const last = d.store.counter('eventSeq');
      return last === 0 || tracker.hasAll(d.id, 1, last);
    });
  const endUntil = until(120_000);
  let progressAt = Date.now();
  let seen = delivered + storedCount;
  while (!complete() && Date.now() < endUntil && Date.now() - progressAt < 10_000) {
    await sleep(100);
    if (delivered + storedCount !== seen) {
      seen = delivered + storedCount;
      progressAt = Date.now();
    }
  }
  const lost = devices.reduce((s, d) => {
    const last = d.store.counter('eventSeq');
    const st = tracker.state(d.id);
    return s + (last - (st ? st.ranges.reduce((a, [lo, hi]) => a + Math.min(hi, last) - lo + 1, 0) : 0));
  }, 0);
  const duplicates = devices.reduce((s, d) => s + (tracker.state(d.id)?.duplicates ?? 0), 0);

  await stopAll(devices, consumers);
  await ingest.stop();
  await discardSession(broker, INGEST_USER);
  await db.close();
  // A steady-phase event never stored counts with the time from its commit to now: a lower bound,
  // so a p99 that includes one says "at least".
  const end = performance.now();
  const unstored = [...committedAt].filter(([k]) => !storedKeys.has(k)).map(([, t]) => end - t);
  const notStored = unstored.length;
  const storedP = (p: number) => percentile([...storedLatencies, ...unstored], p);
  return {
    [`fleet_n${n}_events_per_s`]: round(steadyEps, 1),
    [`fleet_n${n}_p50_latency_ms`]: round(p50, 1),
    [`fleet_n${n}_p99_latency_ms`]: round(p99, 1),
    [`fleet_n${n}_connect_all_ms`]: connectMs,
    [`fleet_n${n}_burst_backlog_events`]: backlog,
    [`fleet_n${n}_burst_drain_ms`]: burstDrainMs,
    [`fleet_n${n}_events_recorded`]: recorded,
    // Not delivered when the step ended: 0 means every seq of every device reached a consumer.
    [`fleet_n${n}_events_lost`]: lost,
    [`fleet_n${n}_duplicates_dropped`]: duplicates,
    [`fleet_n${n}_broker_rss_mb`]: round(brokerRss, 1),
    [`fleet_n${n}_process_rss_mb`]: round(procRss, 1),
    [`fleet_n${n}_commit_to_stored_p50_ms`]: round(storedP(50), 1),
    [`fleet_n${n}_commit_to_stored_p99_ms`]: round(storedP(99), 1),
    // Steady-phase events that had no row when the step ended.
    [`fleet_n${n}_steady_events_not_stored`]: notStored,
    [`fleet_n${n}_ingest_events_stored`]: storedCount,
    // Mosquitto's "Outgoing messages are being dropped" lines during the step: a consumer or ingest
    // fell max_queued_messages behind (device/mosquitto/README.md).
    [`fleet_n${n}_broker_drop_warnings`]: broker.warnings().filter((l) => /dropped/.test(l)).length - dropsBefore,
  };
}

async function stopAll(devices: SimDevice[], consumers: MqttClient[]): Promise<void> {
  for (const d of devices) {
    d.sender.stop();
    await d.link.stop();
    await d.store.close();
  }
  for (const c of consumers) await c.endAsync(true);
}

export async function benchFleet(): Promise<Record<string, number | string>> {
  const budgetS = Number(process.env.SAHA_BENCH_FLEET_BUDGET_S || 180);
  // 10, 50, 100, 200, 400, then doubling, up to what the open-file limit allows (one socket per device
  // here and one in the broker) — the time budget and p99 normally end it first.
  const fdLimit = Number(/Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? 1024);
  const cap = Math.min(25_600, fdLimit - 200);
  const steps = process.env.SAHA_BENCH_FLEET_STEPS
    ? process.env.SAHA_BENCH_FLEET_STEPS.split(',').map(Number)
    : [10, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12_800, 25_600].filter((n) => n <= cap);
  const o = { rate: Number(process.env.SAHA_BENCH_FLEET_RATE || 1), steadyS: 6, outageS: 3, consumers: 2 };
  const started = Date.now();
  const targets = databaseTargets();
  const db = targets.find((t) => t.name === 'postgres') ?? targets[0]!;
  if (db.name !== 'postgres')
    log('PostgreSQL is not reachable on 127.0.0.1:5432: ingest stores into PGlite (fleet_ingest_database says so)');
  const broker = await startBenchBroker(
    Array.from({ length: Math.max(...steps) }, (_, i) => `HT-B${String(i).padStart(5, '0')}`),
    [...BO_USERS, INGEST_USER],
  );
  const results: Record<string, number | string> = {
    fleet_rate_events_per_device_s: o.rate,
    fleet_consumers: o.consumers,
    fleet_ingest_database: db.name,
  };
  let best = 0;
  let bestStored = 0;
  let storedHeld = true;
  let consumersHeldAll = true;
  let lastStepS = 0;
  let stoppedBy = 3;
  try {
    for (const n of steps) {
      const elapsed = (Date.now() - started) / 1000;
      // A step takes longer with more devices; stop before the budget would be overrun.
      if (elapsed + Math.max(lastStepS * 1.8, 15) > budgetS) {
        log(`stopping before N=${n}: time budget ${budgetS} s`);
        stoppedBy = 2;
        break;
      }
      const t = Date.now();
      log(`N=${n}…`);
      let r: Record<string, number>;
      try {
        r = await runStep(n, broker, { ...o, deadline: started + budgetS * 1000, db });
      } catch (e) {
        log(`N=${n}: ${(e as Error).message}`);
        stoppedBy = 1;
        break;
      }
      lastStepS = (Date.now() - t) / 1000;
      Object.assign(results, r);
      const p99 = r[`fleet_n${n}_p99_latency_ms`]!;
      const lost = r[`fleet_n${n}_events_lost`]!;
      const storedP99 = r[`fleet_n${n}_commit_to_stored_p99_ms`]!;
      log(
        `N=${n}: ${r[`fleet_n${n}_events_per_s`]} events/s, p99 ${p99} ms, commit → stored p99 ${storedP99} ms, burst of ${r[`fleet_n${n}_burst_backlog_events`]} drained in ${r[`fleet_n${n}_burst_drain_ms`]} ms, lost ${lost}, broker ${r[`fleet_n${n}_broker_rss_mb`]} MB, process ${r[`fleet_n${n}_process_rss_mb`]} MB (${round(lastStepS, 1)} s)`,
      );
      const consumersHeld = lost === 0 && p99 < 1000;
      storedHeld &&= storedP99 < 1000 && r[`fleet_n${n}_steady_events_not_stored`] === 0;
      consumersHeldAll &&= consumersHeld;
      if (consumersHeldAll) best = n;
      if (storedHeld) bestStored = n;
      if (!consumersHeld && !storedHeld) {
        stoppedBy = 1;
        break;
      }
    }
  } finally {
    await broker.stop();
  }
  results.fleet_max_devices_p99_under_1s = best;
  results.fleet_max_devices_stored_p99_under_1s = bestStored;
  results.fleet_stopped_by = stoppedBy;
  results.fleet_total_s = round((Date.now() - started) / 1000, 1);
  return results;
}
