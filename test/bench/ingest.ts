/**
 * Ingest benchmark (`npm run bench -- ingest`; opt-in, one to two minutes). Against a private Mosquitto
 * from the shipped templates (benchBroker.ts) and a PostgreSQL database created for the run and
 * dropped after it (test/helpers/databases.ts; PGlite only when nothing listens on 127.0.0.1:5432,
 * and then `ingest_database` says "pglite"):
 *
 * - ingest_events_per_s: DEVICES simulated handhelds (the app's MqttLink + OutboxSender over a memory
 *   store, MQTT 3.1.1 and mqtt.maxInFlight as shipped, end-to-end acks on) each drain a backlog of
 *   EVENTS / DEVICES reading.recorded events; IngestService (MQTT 5, shared subscription, the
 *   plug-ins `saha ingest` runs) stores them. Events/s from the moment the senders start until the
 *   last event is committed in the database.
 * - broker_drain_events_per_s: the same backlog from the same kind of devices, consumed by a plain
 *   mqtt.js subscriber on the same shared filter with the same Receive Maximum that only counts
 *   them: what the broker and the devices do without a database.
 * - ingest_ratio = ingest ÷ broker drain (target ≥ 0.5). Rounds alternate between the two, best of
 *   each, so a noisy neighbour on this shared machine hits both sides.
 * - commit_to_ack_p50_ms / _p99_ms: one device online with ingest idle; the device commits one event
 *   (store.transact), and the time until its link receives an ack with ackedSeq ≥ that seq is taken;
 *   one event at a time, LATENCY_SAMPLES of them after a warm-up.
 *
 * Everything runs in this process except Mosquitto and PostgreSQL, so devices, ingest and the
 * counting subscriber share one event loop: the same cost on both sides of the ratio.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { MqttLink } from '../../src/adapters/mqtt/MqttLink.js';
import { openMemoryStore } from '../../src/adapters/store/openStore.js';
import type { StoreEngine } from '../../src/adapters/store/StoreEngine.js';
import { OutboxSender } from '../../src/app/OutboxSender.js';
import { IngestService } from '../../src/backoffice/ingest/IngestService.js';
import { jobDeliveryPlugin } from '../../src/backoffice/jobs/jobDeliveryPlugin.js';
import { reconcilePlugin } from '../../src/backoffice/reconcile/reconcilePlugin.js';
import { fleetFilters, shared } from '../../src/backoffice/fleetTopics.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { parseAck, parseTopic, topics } from '../../src/core/contract/index.js';
import { databaseTargets, type TestDatabase } from '../helpers/databases.js';
import { discardSession, startBenchBroker, type BenchBroker } from './benchBroker.js';
import { percentile, round } from './stats.js';

const DEVICES = 8;
const EVENTS = Number(process.env.SAHA_BENCH_INGEST_EVENTS || 16_000);
const ROUNDS = 3;
const LATENCY_SAMPLES = 200;
const WARM_UP = 20;
/** IngestService's default Receive Maximum; the counting subscriber gets the same. */
const RECEIVE_MAXIMUM = 1000;
const GROUP = 'bench';
/**
 * The shipped max_queued_messages (2000) is below a burst of EVENTS into one consumer that is behind:
 * Mosquitto then drops the excess for that consumer (devices get their PUBACK; with end-to-end acks
 * they send it again only after mqtt.ackTimeoutSec), and the bench would time the resends. Raised so
 * both sides measure throughput; `ingest_broker_warnings` counts what Mosquitto still complained about.
 */
const QUEUE_LIMIT = 1_000_000;
const INGEST_USER = 'bo_bench_ingest';
const COUNT_USER = 'bo_bench_count';
/** The app's default mqtt.maxInFlight, read from the schema so the bench measures what ships. */
const MAX_IN_FLIGHT = (ConfigSchema.properties.mqtt.properties.maxInFlight as { default: number }).default;
const sample = JSON.parse(readFileSync(new URL('../fixtures/contract/events/reading.recorded.json', import.meta.url), 'utf8')) as {
  type: string;
  operatorId: string;
  jobId?: string;
  data: Record<string, unknown>;
};
const log = (m: string) => process.stderr.write(`  ingest: ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean | Promise<boolean>, what: string, capMs = 180_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > capMs) throw new Error(`bench gave up waiting for ${what}`);
    await sleep(2);
  }
}

interface SimDevice {
  id: string;
  store: StoreEngine;
  link: MqttLink;
  sender: OutboxSender;
  /** Called with every ack the device receives, after the sender took it. */
  onAck?: (ackedSeq: number, at: number) => void;
}

const oneEvent = { type: sample.type, operatorId: sample.operatorId, ...(sample.jobId ? { jobId: sample.jobId } : {}), data: sample.data };

/** A handheld's delivery path with `backlog` events in its outbox; its link is connected, its sender not started. */
async function device(id: string, broker: BenchBroker, backlog: number): Promise<SimDevice> {
  const store = await openMemoryStore({ deviceId: id, eventTopic: (d, t) => topics.event(d, t as never) });
  for (let i = 0; i < backlog; i += 500) {
    await store.transact((tx) => {
      for (let k = i; k < Math.min(backlog, i + 500); k++) tx.event(oneEvent as never);
    });
  }
  const link = new MqttLink(
    {
      url: broker.url,
      clientId: id,
      protocolVersion: 4,
      keepaliveSec: 30,
      sessionExpirySec: 604800,
      reconnectMinMs: 200,
      reconnectMaxMs: 2000,
      username: id,
      password: broker.password(id),
      subscriptions: topics.subscriptions(id),
      will: () => ({ topic: topics.status(id), payload: JSON.stringify({ state: 'offline' }) }),
    },
    { log: () => undefined },
  );
  const sender = new OutboxSender({ store, link, maxInFlight: MAX_IN_FLIGHT, endToEndAck: 'on' });
  const d: SimDevice = { id, store, link, sender };
  // What InboundService does with an ack (src/compose.ts), without the rest of the app.
  link.setInboundHandler(async (topic, payload) => {
    if (parseTopic(topic)?.kind !== 'acks') return;
    const at = performance.now();
    const r = parseAck(payload);
    if (!r.ok) return;
    await sender.onAck(r.ack);
    d.onAck?.(r.ack.ackedSeq, at);
  });
  link.start();
  await until(() => link.state.state === 'online', `${id} online`, 30_000);
  return d;
}

async function stopDevices(devices: readonly SimDevice[]): Promise<void> {
  for (const d of devices) {
    d.sender.stop();
    await d.link.stop();
    await d.store.close();
  }
}

async function fleet(prefix: string, broker: BenchBroker): Promise<SimDevice[]> {
  const per = Math.ceil(EVENTS / DEVICES);
  return Promise.all(Array.from({ length: DEVICES }, (_, i) => device(`${prefix}-${i}`, broker, per)));
}

const totalOf = (devices: readonly SimDevice[]) => devices.reduce((s, d) => s + d.store.counter('eventSeq'), 0);

/** Events/s of the devices' backlog into a subscriber that only counts distinct events. */
async function brokerDrain(broker: BenchBroker, prefix: string): Promise<number> {
  const sub = await mqtt.connectAsync(broker.url, {
    clientId: COUNT_USER,
    username: COUNT_USER,
    password: broker.password(COUNT_USER),
    protocolVersion: 5,
    clean: true,
    properties: { receiveMaximum: RECEIVE_MAXIMUM },
    reconnectPeriod: 0,
  });
  const seen = new Set<string>();
  sub.on('message', (_t, payload) => {
    seen.add((JSON.parse(payload.toString()) as { eventId: string }).eventId);
  });
  await sub.subscribeAsync(shared(GROUP, fleetFilters.events()), { qos: 1 });
  const devices = await fleet(prefix, broker);
  try {
    const n = totalOf(devices);
    const t0 = performance.now();
    for (const d of devices) d.sender.start();
    await until(() => seen.size >= n, `${n} events at the counting subscriber`);
    return n / ((performance.now() - t0) / 1000);
  } finally {
    await stopDevices(devices);
    await sub.endAsync();
  }
}

/** The database, timing its transactions: the share of the ingest phase spent in them says whether the database bounds it. */
function timed(db: TestDatabase): TestDatabase & { busyMs: number } {
  const t: TestDatabase & { busyMs: number } = {
    kind: db.kind,
    busyMs: 0,
    query: (text, params) => db.query(text, params),
    transaction: async (fn) => {
      const s = performance.now();
      try {
        return await db.transaction(fn);
      } finally {
        t.busyMs += performance.now() - s;
      }
    },
    close: () => db.close(),
  };
  return t;
}

function ingestService(db: TestDatabase, broker: BenchBroker): IngestService {
  return new IngestService({
    db,
    group: GROUP,
    mqtt: {
      url: broker.url,
      clientId: INGEST_USER,
      username: INGEST_USER,
      password: broker.password(INGEST_USER),
      protocolVersion: 5,
      receiveMaximum: RECEIVE_MAXIMUM,
    },
    // What `saha ingest` runs (src/cli/ingestCommand.ts): the plug-ins ride on every batch.
    plugins: [jobDeliveryPlugin(), reconcilePlugin()],
    log: (level, msg) => {
      if (level !== 'info') log(`${level} ${msg}`);
    },
  });
}

interface IngestRound {
  eventsPerS: number;
  allAckedPerS: number;
  batches: number;
  messages: number;
  busyShare: number;
}

/** Events/s of the same backlog stored in the database by IngestService (committed), and until every device holds an ack for all of it. */
async function ingestDrain(plainDb: TestDatabase, broker: BenchBroker, prefix: string): Promise<IngestRound> {
  const db = timed(plainDb);
  const svc = ingestService(db, broker);
  await svc.start();
  const devices = await fleet(prefix, broker);
  try {
    const n = totalOf(devices);
    const before = { ...svc.stats };
    db.busyMs = 0;
    const t0 = performance.now();
    for (const d of devices) d.sender.start();
    await until(() => svc.stats.stored - before.stored >= n, `${n} events stored`);
    const stored = performance.now();
    const busyShare = db.busyMs / (stored - t0);
    await until(() => devices.every((d) => d.sender.ackedSeq() >= d.store.counter('eventSeq')), 'every device acknowledged');
    const acked = performance.now();
    const rows = (await db.query<{ n: number }>('select count(*)::int as n from events where device_id like $1', [`${prefix}-%`])).rows[0]!
      .n;
    if (rows !== n) throw new Error(`${rows} rows in events for ${n} events sent`);
    return {
      eventsPerS: n / ((stored - t0) / 1000),
      allAckedPerS: n / ((acked - t0) / 1000),
      batches: svc.stats.batches - before.batches,
      messages: svc.stats.messages - before.messages,
      busyShare,
    };
  } finally {
    await stopDevices(devices);
    await svc.stop();
    await discardSession(broker, INGEST_USER);
  }
}

/** Commit → ack on the device, one event at a time, with ingest otherwise idle. */
async function commitToAck(db: TestDatabase, broker: BenchBroker, id: string): Promise<number[]> {
  const svc = ingestService(db, broker);
  await svc.start();
  const d = await device(id, broker, 0);
  let waiter: { seq: number; resolve: (at: number) => void } | undefined;
  d.onAck = (ackedSeq, at) => {
    if (waiter && ackedSeq >= waiter.seq) {
      waiter.resolve(at);
      waiter = undefined;
    }
  };
  d.sender.start();
  try {
    const out: number[] = [];
    for (let i = 0; i < WARM_UP + LATENCY_SAMPLES; i++) {
      const seq = d.store.counter('eventSeq') + 1;
      const acked = new Promise<number>((resolve) => {
        waiter = { seq, resolve };
      });
      await d.store.transact((tx) => {
        tx.event(oneEvent as never);
      });
      const committed = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const at = await Promise.race([
        acked,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no ack for seq ${seq} within 30 s`)), 30_000);
        }),
      ]);
      clearTimeout(timer);
      if (i >= WARM_UP) out.push(Math.max(0, at - committed));
    }
    return out;
  } finally {
    await stopDevices([d]);
    await svc.stop();
    await discardSession(broker, INGEST_USER);
  }
}

export async function benchIngest(): Promise<Record<string, number | string>> {
  const targets = databaseTargets();
  const target = targets.find((t) => t.name === 'postgres') ?? targets[0]!;
  if (target.name !== 'postgres') log('PostgreSQL is not reachable on 127.0.0.1:5432: measuring on PGlite (ingest_database says so)');
  const prefixes: string[] = [];
  for (let r = 0; r < ROUNDS; r++) prefixes.push(`HT-R${r}B`, `HT-R${r}I`);
  const deviceIds = [...prefixes.flatMap((p) => Array.from({ length: DEVICES }, (_, i) => `${p}-${i}`)), 'HT-LAT'];
  const broker = await startBenchBroker(deviceIds, [INGEST_USER, COUNT_USER], { maxQueuedMessages: QUEUE_LIMIT });
  const db = await target.open();
  try {
    for (const w of broker.warnings()) log(`mosquitto: ${w}`);
    let drain = 0;
    let best: IngestRound | undefined;
    for (let r = 0; r < ROUNDS; r++) {
      const b = await brokerDrain(broker, `HT-R${r}B`);
      log(`round ${r + 1}: broker drain ${Math.round(b)} events/s`);
      const i = await ingestDrain(db, broker, `HT-R${r}I`);
      log(
        `round ${r + 1}: ingest ${Math.round(i.eventsPerS)} events/s (${i.batches} batches, ${round(i.messages / i.batches, 1)} messages each, ${Math.round(i.busyShare * 100)} % of the time in a transaction), all acked at ${Math.round(i.allAckedPerS)} events/s`,
      );
      drain = Math.max(drain, b);
      if (!best || i.eventsPerS > best.eventsPerS) best = i;
    }
    const lat = await commitToAck(db, broker, 'HT-LAT');
    return {
      ingest_database: target.name,
      ingest_devices: DEVICES,
      ingest_events: Math.ceil(EVENTS / DEVICES) * DEVICES,
      ingest_events_per_s: Math.round(best!.eventsPerS),
      ingest_all_acked_events_per_s: Math.round(best!.allAckedPerS),
      ingest_mean_batch: round(best!.messages / best!.batches, 1),
      // Near 1: ingest is waiting for the database (one batch at a time), not for the broker.
      ingest_transaction_busy_share: round(best!.busyShare, 2),
      broker_drain_events_per_s: Math.round(drain),
      ingest_ratio: round(best!.eventsPerS / drain),
      commit_to_ack_p50_ms: round(percentile(lat, 50)),
      commit_to_ack_p99_ms: round(percentile(lat, 99)),
      ingest_broker_warnings: broker.warnings().length,
    };
  } finally {
    await db.close();
    await broker.stop();
  }
}
