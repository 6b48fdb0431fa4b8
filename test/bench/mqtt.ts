/**
 * MQTT benchmarks against a private Mosquitto started from the shipped templates (plain listener,
 * MQTT 3.1.1, device account), every figure compared with a baseline from the same run:
 *
 * - drain_events_per_s: a backlog of 10,000 events in the outbox of a real file store (as after a
 *   day out of coverage) drained by the app's OutboxSender + MqttLink until the outbox is empty
 *   (every PUBACK received and its deletion committed).
 * - raw_events_per_s: the same 10,000 payloads published by a bare mqtt.js client, QoS 1, all at
 *   once (mqtt.js has no window of its own), until the last PUBACK: what the broker and mqtt.js can
 *   do with no store and no ordering. Raw and drain alternate for three rounds; the best of each counts.
 * - drain_ratio = drain / raw (target ≥ 0.5).
 * - reading_to_broker_p99_ms: from the commit of a reading (ReadingService.confirmReading on a file
 *   store holding tariffs and a route; the store's onCommit for the transaction that queued the
 *   reading.recorded event) to that event's arrival at a back-office subscriber, online, 200 readings
 *   one after another.
 */
import { ConfigSchema } from '../../src/config/schema.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { MqttLink } from '../../src/adapters/mqtt/MqttLink.js';
import { openFileStore } from '../../src/adapters/store/openStore.js';
import type { StoreEngine } from '../../src/adapters/store/StoreEngine.js';
import { OutboxSender } from '../../src/app/OutboxSender.js';
import { ReadingService } from '../../src/app/ReadingService.js';
import { topics, type EventEnvelope } from '../../src/core/contract/index.js';
import type { JobRecord } from '../../src/core/jobs/types.js';
import type { OutboxEntry } from '../../src/ports/Store.js';
import { BACKOFFICE_USER, PrivateMosquitto } from '../helpers/mosquitto.js';
import { readingJob } from '../helpers/sampleJobs.js';
import { esgaz } from '../helpers/tariffs.js';
import { percentile, round } from './stats.js';

const DEV = 'HT-0042';
const BACKLOG = 10_000;
const LATENCY_SAMPLES = 200;
const ROUNDS = 3;
/** The app's default mqtt.maxInFlight, read from the schema so the bench measures what ships. */
const MAX_IN_FLIGHT = (ConfigSchema.properties.mqtt.properties.maxInFlight as { default: number }).default;
const storeOpts = { deviceId: DEV, eventTopic: (d: string, t: string) => topics.event(d, t as never) };
const sample = JSON.parse(
  readFileSync(new URL('../fixtures/contract/events/reading.recorded.json', import.meta.url), 'utf8'),
) as EventEnvelope;

function link(m: PrivateMosquitto): MqttLink {
  return new MqttLink(
    {
      url: m.plainUrl,
      clientId: DEV,
      protocolVersion: 4,
      keepaliveSec: 20,
      sessionExpirySec: 604800,
      reconnectMinMs: 100,
      reconnectMaxMs: 1000,
      subscriptions: topics.subscriptions(DEV),
      username: DEV,
      password: m.password(DEV),
      will: () => ({ topic: topics.status(DEV), payload: JSON.stringify({ state: 'offline' }) }),
    },
    { log: () => undefined },
  );
}

async function until(cond: () => boolean, what: string, capMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > capMs) throw new Error(`bench gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function fillBacklog(store: StoreEngine, n: number): Promise<void> {
  for (let i = 0; i < n; i += 500) {
    await store.transact((tx) => {
      for (let k = i; k < Math.min(n, i + 500); k++)
        tx.event({ type: sample.type, operatorId: sample.operatorId, ...(sample.jobId ? { jobId: sample.jobId } : {}), data: sample.data });
    });
  }
}

/** Raw mqtt.js: every payload published at once, QoS 1; events/s until the last PUBACK. */
async function raw(m: PrivateMosquitto, payloads: readonly { topic: string; body: string }[]): Promise<number> {
  const c = await mqtt.connectAsync(m.plainUrl, {
    clientId: `${DEV}`,
    clean: true,
    username: DEV,
    password: m.password(DEV),
    reconnectPeriod: 0,
  });
  try {
    const t0 = performance.now();
    await Promise.all(payloads.map((p) => c.publishAsync(p.topic, p.body, { qos: 1 })));
    return payloads.length / ((performance.now() - t0) / 1000);
  } finally {
    await c.endAsync();
  }
}

/** The app's path: file-store outbox → OutboxSender → MqttLink → broker; events/s until the outbox is empty. */
async function drain(m: PrivateMosquitto, dir: string, maxInFlight: number): Promise<number> {
  const store = await openFileStore(dir, storeOpts);
  const l = link(m);
  const sender = new OutboxSender({ store, link: l, maxInFlight });
  try {
    const n = store.size('outbox');
    sender.start();
    l.start();
    await until(() => l.state.state === 'online', 'link online', 15_000);
    const t0 = performance.now();
    await sender.whenDrained();
    const rate = n / ((performance.now() - t0) / 1000);
    if (store.size('outbox') !== 0) throw new Error(`outbox not empty: ${store.size('outbox')}`);
    return rate;
  } finally {
    sender.stop();
    await l.stop();
    await store.close();
  }
}

async function readingLatency(m: PrivateMosquitto, dir: string): Promise<number[]> {
  let store = await openFileStore(dir, storeOpts);
  await store.transact((tx) => {
    const t = esgaz({ validFrom: '2020-01-01' });
    tx.put('tariffs', t.tariffId, t);
    for (let i = 1; i <= 2000; i++) {
      const job = readingJob(i);
      tx.put('jobs', job.jobId, {
        job,
        state: 'open',
        receivedAt: '2026-11-25T08:00:00.000+03:00',
        updatedAt: '2026-11-25T08:00:00.000+03:00',
        workIds: [],
      });
    }
  });
  await store.checkpoint();
  await store.close();
  store = await openFileStore(dir, storeOpts);
  const svc = new ReadingService({ store, deviceId: DEV, invoiceSeries: 'HTA', clock: Date.now, newId: randomUUID });
  const l = link(m);
  const sender = new OutboxSender({ store, link: l, maxInFlight: MAX_IN_FLIGHT });
  const sub = await mqtt.connectAsync(m.plainUrl, {
    clientId: 'bench-bo',
    clean: true,
    username: BACKOFFICE_USER,
    password: m.password(BACKOFFICE_USER),
    reconnectPeriod: 0,
  });
  const committedAt = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  sub.on('message', (_t, payload) => {
    const env = JSON.parse(payload.toString()) as { type: string; eventId: string };
    if (env.type === 'reading.recorded') arrivedAt.set(env.eventId, performance.now());
  });
  store.onCommit((touched) => {
    if (!touched.has('outbox')) return;
    const now = performance.now();
    for (const e of store.values('outbox'))
      if (e.envelope.type === 'reading.recorded' && !committedAt.has(e.envelope.eventId)) committedAt.set(e.envelope.eventId, now);
  });
  try {
    await sub.subscribeAsync('saha/v1/devices/+/events/reading.recorded', { qos: 1 });
    sender.start();
    l.start();
    await until(() => l.state.state === 'online', 'link online', 15_000);
    const jobs = [...store.values('jobs')].slice(0, LATENCY_SAMPLES + 20);
    const out: number[] = [];
    for (const [i, rec] of jobs.entries()) {
      await svc.confirmReading({ jobId: rec.job.jobId, operatorId: 'op-17', index: rec.job.meter.lastIndex + 90 });
      await until(() => arrivedAt.size > i, 'reading.recorded at the subscriber', 15_000);
      if (i < 20) continue; // warm-up
      const [eventId, t1] = [...arrivedAt].at(-1)!;
      out.push(t1 - committedAt.get(eventId)!);
    }
    return out;
  } finally {
    sender.stop();
    await l.stop();
    await sub.endAsync();
    await store.close();
  }
}

export async function benchMqtt(): Promise<Record<string, number>> {
  const m = await PrivateMosquitto.start({ devices: [DEV] });
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'saha-bench-mqtt-'));
    dirs.push(d);
    return d;
  };
  try {
    // Interleaved rounds, best of each: a noisy neighbour on a shared machine hits both sides.
    let rawRate = 0;
    let drained = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const dir = tmp();
      const store = await openFileStore(dir, storeOpts);
      await fillBacklog(store, BACKLOG);
      const payloads = [...store.values('outbox')].map((e) => ({ topic: e.topic, body: JSON.stringify(e.envelope) }));
      await store.close();
      rawRate = Math.max(rawRate, await raw(m, payloads));
      drained = Math.max(drained, await drain(m, dir, MAX_IN_FLIGHT));
    }
    const lat = await readingLatency(m, tmp());
    return {
      drain_events_per_s: Math.round(drained),
      raw_events_per_s: Math.round(rawRate),
      drain_ratio: round(drained / rawRate),
      reading_to_broker_p50_ms: round(percentile(lat, 50)),
      reading_to_broker_p99_ms: round(percentile(lat, 99)),
    };
  } finally {
    await m.cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
