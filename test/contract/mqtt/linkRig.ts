/**
 * What the MQTT tests drive: broker targets (in-process aedes, private Mosquitto from the shipped
 * templates), a device wired the way the app wires it (store → OutboxSender → MqttLink, MqttLink →
 * InboundService → store, StatusPublisher with the will), and a back-office client that records
 * what it receives. Not a test file itself.
 */
import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { suite } from 'uvu';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { MqttLink, type MqttLinkOptions } from '../../../src/adapters/mqtt/MqttLink.js';
import { openMemoryStore } from '../../../src/adapters/store/openStore.js';
import type { StoreEngine } from '../../../src/adapters/store/StoreEngine.js';
import { InboundService } from '../../../src/app/InboundService.js';
import { OutboxSender } from '../../../src/app/OutboxSender.js';
import type { EndToEndAckMode } from '../../../src/app/EndToEndAck.js';
import { SyncRequester } from '../../../src/app/SyncRequester.js';
import { StatusPublisher } from '../../../src/app/StatusPublisher.js';
import { topics, validateEvent, type EventEnvelope, type Status } from '../../../src/core/contract/index.js';
import type { LinkState } from '../../../src/ports/BrokerLink.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { BACKOFFICE_USERS, PrivateMosquitto, type MosquittoOptions } from '../../helpers/mosquitto.js';
import { storeOpts } from '../../helpers/storeTargets.js';

export const fixtureDir = new URL('../../fixtures/contract/', import.meta.url).pathname;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- samples are plain JSON
export const fixture = (name: string): any => JSON.parse(readFileSync(fixtureDir + name, 'utf8'));
export const testKeys: ReadonlyMap<string, string> = new Map([
  ['test-2026-01', readFileSync(fixtureDir + 'keys/test-2026-01.pub.pem', 'utf8')],
]);

/** Every event type with its sample data, in a fixed order. */
export const EVENT_SAMPLES = [
  'job.accepted',
  'reading.recorded',
  'invoice.issued',
  'document.printed',
  'reading.skipped',
  'gas.cut',
  'gas.reconnected',
  'meter.removed',
  'meter.installed',
  'inspection.reported',
  'job.rejected',
  'job.cancel-too-late',
].map((t) => fixture(`events/${t}.json`) as EventEnvelope);

/** Queues `n` valid events in the store's outbox, cycling through every event type, one per transaction. */
export async function queueEvents(store: StoreEngine, n: number, perTx = 1): Promise<void> {
  for (let i = 0; i < n; i += perTx) {
    await store.transact((tx) => {
      for (let k = i; k < Math.min(n, i + perTx); k++) {
        const s = EVENT_SAMPLES[k % EVENT_SAMPLES.length]!;
        tx.event({ type: s.type, operatorId: s.operatorId, ...(s.jobId ? { jobId: s.jobId } : {}), data: s.data });
      }
    });
  }
}

/** Poll a condition; the cap only keeps a broken implementation from hanging the run. */
export async function until(cond: () => boolean, what: string, capMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > capMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Connection settings for one account on a running broker. */
export interface Account {
  url: string;
  username?: string;
  password?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface Broker {
  device(id: string): Account;
  /**
   * A back-office account for one worker (default: the BackOffice client). On Mosquitto each worker
   * name gets an account of its own, because the shipped conf makes the user name the client id: two
   * back-office clients of one account would take each other's session (a clean-session peek would
   * wipe the BackOffice's queued events).
   */
  backOffice(worker?: string): Account;
  /** Sessions made so far survive a crash (Mosquitto: save now, as its autosave would; aedes: always). */
  persistSessions(): Promise<void>;
  /** The broker goes away abruptly (aedes: device sockets destroyed, listener closed, the back office kept connected; Mosquitto: SIGKILL). */
  crash(): Promise<void>;
  /** Back on the same port, sessions as the broker kept them. */
  recover(): Promise<void>;
  close(): Promise<void>;
  mosquitto?: PrivateMosquitto;
}

export interface BrokerTarget {
  name: string;
  protocolVersion: 4 | 5;
  /**
   * Whether a crash of the broker can lose messages it had already acknowledged to the device.
   * aedes (crash = listener closed, process alive) keeps everything in memory; Mosquitto SIGKILLed
   * can (observed with 2.0.11, see brokerRestart.test.ts and device/mosquitto/README.md).
   */
  losesAckedOnCrash: boolean;
  start(): Promise<Broker>;
}

/** The test back office's client id (BackOffice.connect's default). */
export const BACKOFFICE_CLIENT_ID = 'bo-1';

export const aedesTarget: BrokerTarget = {
  name: 'aedes (in-process), MQTT 3.1.1',
  protocolVersion: 4,
  losesAckedOnCrash: false,
  async start() {
    const b = await new InProcessBroker().start();
    const acc = (): Account => ({ url: b.url });
    // aedes resumes a persistent session by restoring its subscriptions before it replays the
    // queued messages (lib/handlers/connect.js: restoreSubs → doConnack → emptyQueue), so a back
    // office that reconnects while a device resends gets live events ahead of its queued ones: a
    // broker property, not the device's, and it reordered seqs on loaded CI runs. aedes never dies
    // for real (demo only, everything in memory), so its "crash" drops every device connection and
    // keeps the back office's (the common field fault: a handheld loses GSM). The back office's own
    // reconnects are covered by the Mosquitto targets, which replay the queue first.
    return {
      device: acc,
      backOffice: acc,
      persistSessions: async () => undefined,
      crash: () => b.stopListening({ keepClients: [BACKOFFICE_CLIENT_ID] }),
      recover: () => b.listen(),
      close: () => b.close(),
    };
  },
};

export function mosquittoTarget(protocolVersion: 4 | 5, tls: boolean, opts: MosquittoOptions = {}): BrokerTarget {
  return {
    name: `Mosquitto, MQTT ${protocolVersion === 5 ? '5' : '3.1.1'}${tls ? ' over TLS' : ''}`,
    protocolVersion,
    losesAckedOnCrash: true,
    async start() {
      const m = await PrivateMosquitto.start(opts);
      const acc = (user: string): Account =>
        tls
          ? { url: m.tlsUrl, username: user, password: m.password(user), ca: m.pki.ca }
          : { url: m.plainUrl, username: user, password: m.password(user) };
      const workers: string[] = [];
      const backOffice = (worker = BACKOFFICE_CLIENT_ID): Account => {
        if (!workers.includes(worker)) workers.push(worker);
        const user = BACKOFFICE_USERS[workers.indexOf(worker)];
        if (!user) throw new Error(`more back-office workers than BACKOFFICE_USERS (${BACKOFFICE_USERS.length})`);
        return acc(user);
      };
      return {
        mosquitto: m,
        device: acc,
        backOffice,
        persistSessions: () => m.save(),
        crash: () => m.kill(),
        recover: () => m.restart(),
        close: () => m.cleanup(),
      };
    },
  };
}

export interface Received {
  topic: string;
  payload: string;
  retain: boolean;
}

/**
 * A back-office client: persistent session (clean false / 7-day expiry), QoS 1, subscribed to every
 * device's events and status again on each connect (after a broker crash its session may be gone).
 */
export class BackOffice {
  readonly got: Received[] = [];
  client!: MqttClient;
  /** CONNACK's session-present flag of the latest connection. */
  sessionPresent = false;

  static async connect(
    acc: Account,
    protocolVersion: 4 | 5,
    clientId = BACKOFFICE_CLIENT_ID,
    filters = ['saha/v1/devices/+/events/+', 'saha/v1/devices/+/status'],
  ): Promise<BackOffice> {
    const bo = new BackOffice();
    const opts: IClientOptions = {
      clientId,
      clean: false,
      protocolVersion,
      reconnectPeriod: 100,
      connectTimeout: 5000,
      resubscribe: false,
      ...(protocolVersion === 5 ? { properties: { sessionExpiryInterval: 7 * 24 * 3600 } } : {}),
      ...(acc.username ? { username: acc.username, password: acc.password } : {}),
      ...(acc.ca ? { ca: acc.ca } : {}),
    };
    bo.client = mqtt.connect(acc.url, opts);
    bo.client.on('error', () => undefined);
    bo.client.on('message', (topic, payload, packet) => bo.got.push({ topic, payload: payload.toString('utf8'), retain: packet.retain }));
    let subscribed = 0;
    bo.client.on('connect', (connack) => {
      bo.sessionPresent = connack.sessionPresent;
      // Messages queued in the session are sent right after CONNACK, so by this SUBACK they are here.
      bo.client.subscribe(Object.fromEntries(filters.map((f) => [f, { qos: 1 as const }])), (err) => {
        if (!err) subscribed++;
      });
    });
    await until(() => subscribed > 0, 'back office subscribed');
    return bo;
  }

  events(): { topic: string; env: { eventId: string; seq: number; type: string; deviceId: string } }[] {
    return this.got.filter((m) => m.topic.includes('/events/')).map((m) => ({ topic: m.topic, env: JSON.parse(m.payload) }));
  }

  statuses(deviceId: string): (Status & { retain: boolean })[] {
    return this.got
      .filter((m) => m.topic === topics.status(deviceId))
      .map((m) => ({ ...(JSON.parse(m.payload) as Status), retain: m.retain }));
  }

  /** Every event received, checked against the contract (envelope, data, topic). */
  invalidEvents(): string[] {
    return this.events().flatMap(({ topic, env }) => {
      const r = validateEvent(env, topic);
      return r.ok ? [] : [`${topic} seq ${env.seq}: ${JSON.stringify(r.errors)}`];
    });
  }

  publish(topic: string, payload: string, retain = false): Promise<unknown> {
    return this.client.publishAsync(topic, payload, { qos: 1, retain });
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** Reads the retained value of a topic with a fresh clean-session client. */
export async function retainedOn(acc: Account, protocolVersion: 4 | 5, topic: string): Promise<string | undefined> {
  const c = await mqtt.connectAsync(acc.url, {
    clientId: `peek-${Math.random().toString(16).slice(2, 10)}`,
    clean: true,
    protocolVersion,
    reconnectPeriod: 0,
    ...(acc.username ? { username: acc.username, password: acc.password } : {}),
    ...(acc.ca ? { ca: acc.ca } : {}),
  });
  let value: string | undefined;
  c.on('message', (t, p, packet) => {
    if (t === topic && packet.retain) value = p.toString('utf8');
  });
  await c.subscribeAsync(topic, { qos: 1 });
  // Retained messages are sent right after SUBACK; a round trip behind them is a PINGRESP-free way
  // to know they have arrived: subscribe to something else and wait for that SUBACK.
  await c.subscribeAsync(`${topic}/__barrier`, { qos: 1 });
  await c.endAsync(true);
  return value;
}

export interface DeviceOptions {
  deviceId?: string;
  store?: StoreEngine;
  maxInFlight?: number;
  link?: Partial<MqttLinkOptions>;
  /** The link's jitter source (backoff tests pin it). */
  random?: () => number;
  /** mqtt.endToEndAck (default 'auto', as the app). */
  endToEndAck?: EndToEndAckMode;
  ackTimeoutMs?: number;
  /** Send sync.requested as the app does (off by default: most suites count the events they queued). */
  sync?: boolean;
}

/** A device wired as the app wires it, against `acc`. `start()` brings it up. */
export class Device {
  readonly deviceId: string;
  readonly link: MqttLink;
  readonly sender: OutboxSender;
  readonly status: StatusPublisher;
  readonly inbound: InboundService;
  readonly sync: SyncRequester | undefined;
  readonly states: LinkState[] = [];
  /** Every mqtt.js client the link created (one per connection attempt). */
  readonly clients: MqttClient[] = [];
  readonly logs: string[] = [];
  /** seq → when its publish was acknowledged (PUBACK), for the "removed only after PUBACK" check. */
  readonly ackedSeqs = new Set<number>();

  private constructor(
    readonly store: StoreEngine,
    acc: Account,
    protocolVersion: 4 | 5,
    o: DeviceOptions,
  ) {
    this.deviceId = o.deviceId ?? 'HT-0042';
    const log = (level: string, msg: string) => this.logs.push(`${level} ${msg}`);
    const clock = Date.now;
    const link = new MqttLink(
      {
        url: acc.url,
        clientId: this.deviceId,
        protocolVersion,
        keepaliveSec: 10,
        sessionExpirySec: 7 * 24 * 3600,
        reconnectMinMs: 50,
        reconnectMaxMs: 500,
        subscriptions: topics.subscriptions(this.deviceId),
        connectTimeoutMs: 5000,
        will: () => this.status.will(),
        ...(acc.username ? { username: acc.username, password: acc.password } : {}),
        ...(acc.ca ? { ca: acc.ca } : {}),
        ...(acc.cert ? { cert: acc.cert } : {}),
        ...(acc.key ? { key: acc.key } : {}),
        ...o.link,
      },
      {
        connect: (url, opts) => {
          const c = mqtt.connect(url, opts);
          this.clients.push(c);
          return c;
        },
        log,
        ...(o.random ? { random: o.random } : {}),
      },
    );
    this.link = link;
    this.status = new StatusPublisher({
      link,
      deviceId: this.deviceId,
      appVersion: '0.1.0-test',
      clock,
      source: {
        outboxDepth: () => this.sender.depth(),
        oldestPendingAt: () => this.sender.oldestUnsent()?.queuedAt ?? null,
        unackedDepth: () => this.sender.unackedDepth(),
        oldestUnackedAt: () => this.sender.oldestUnackedAt(),
        printer: () => 'ready',
        operatorId: () => 'op-17',
      },
      minIntervalMs: 200,
    });
    link.onState((s) => this.states.push(s));
    // The PUBACK spy: the sender sees the real link, but every resolved publish is recorded first.
    const spied = {
      get state() {
        return link.state;
      },
      get receiveMaximum() {
        return link.receiveMaximum;
      },
      onState: (fn: (s: LinkState) => void) => link.onState(fn),
      publish: async (topic: string, payload: string | Buffer, op?: { retain?: boolean }) => {
        await link.publish(topic, payload, op);
        const seq = (JSON.parse(payload.toString()) as { seq?: number }).seq;
        if (typeof seq === 'number') this.ackedSeqs.add(seq);
      },
      start: () => link.start(),
      stop: () => link.stop(),
      setInboundHandler: () => undefined,
    };
    const sync = o.sync ? new SyncRequester({ store, link, log }) : undefined;
    this.sync = sync;
    this.sender = new OutboxSender({
      store,
      link: spied,
      maxInFlight: o.maxInFlight ?? 10,
      log,
      ...(sync ? { onReleasedGap: (held: number) => void sync.released(held) } : {}),
      ...(o.endToEndAck ? { endToEndAck: o.endToEndAck } : {}),
      ...(o.ackTimeoutMs ? { ackTimeoutMs: o.ackTimeoutMs } : {}),
    });
    // As compose.ts: PUBACKs and acks move events between the depths without a store commit.
    this.sender.onChange(() => this.status.changed());
    this.inbound = new InboundService({
      store,
      deviceId: this.deviceId,
      maxBytes: 262144,
      keys: testKeys,
      requireSignatures: true,
      notify: () => undefined,
      clock,
      log,
      onAck: (a) => this.sender.onAck(a),
    });
    link.setInboundHandler((topic, payload) => this.inbound.handle(topic, payload));
  }

  static async create(acc: Account, protocolVersion: 4 | 5, o: DeviceOptions = {}): Promise<Device> {
    const store = o.store ?? (await openMemoryStore(storeOpts({ deviceId: o.deviceId ?? 'HT-0042' })));
    return new Device(store, acc, protocolVersion, o);
  }

  start(): this {
    this.sender.start();
    this.sync?.start();
    this.status.start();
    this.link.start();
    return this;
  }

  /** Outbox seqs left in the store. */
  outboxSeqs(): number[] {
    return [...this.store.values('outbox')].map((e) => e.seq);
  }

  /** The mqtt.js client of the current connection. */
  get client(): MqttClient {
    const c = this.clients.at(-1);
    if (!c) throw new Error('no connection attempt yet');
    return c;
  }

  /** Like the app's shutdown: offline status, clean disconnect; the store stays open. */
  async stop(): Promise<void> {
    this.sender.stop();
    this.sync?.stop();
    await this.status.stop();
    await this.link.stop();
  }
}

/**
 * What a crash did to the stream the back office received, given the seqs the broker had
 * acknowledged (PUBACK) before it died.
 */
export function crashOutcome(bo: BackOffice, n: number, ackedBeforeCrash: ReadonlySet<number>) {
  const idBySeq = new Map<number, string>();
  const firstSeen = new Map<string, number>();
  const conflicts: string[] = [];
  for (const { env } of bo.events()) {
    const known = idBySeq.get(env.seq);
    if (known === undefined) idBySeq.set(env.seq, env.eventId);
    else if (known !== env.eventId) conflicts.push(`seq ${env.seq} arrived with two eventIds`);
    if (!firstSeen.has(env.eventId)) firstSeen.set(env.eventId, env.seq);
  }
  const all = Array.from({ length: n }, (_, i) => i + 1);
  const missing = all.filter((s) => !idBySeq.has(s));
  return {
    conflicts,
    missing,
    /** Missing although the device still had them: the device's guarantee broken. Must be empty. */
    missingUnacked: missing.filter((s) => !ackedBeforeCrash.has(s)),
    /** Seqs in first-arrival order, duplicates dropped by eventId. */
    deduped: [...firstSeen.values()],
    /** The received seqs in order, for comparison with `deduped` (must be ascending). */
    expectedOrder: all.filter((s) => idBySeq.has(s)),
    duplicates: bo.events().length - firstSeen.size,
  };
}

export interface RigCtx {
  broker?: Broker;
  devices: Device[];
  backOffices: BackOffice[];
}

/**
 * A uvu suite on `target`: a fresh broker before each test; every device and back office made with
 * the returned helpers, then the broker, closed after it.
 */
export function rigSuite(title: string, target: BrokerTarget, defaultDeviceId = 'HT-0042') {
  const test = suite<RigCtx>(title, { devices: [], backOffices: [] });
  const pv = target.protocolVersion;
  test.before.each(async (ctx) => {
    ctx.devices = [];
    ctx.backOffices = [];
    ctx.broker = await target.start();
  });
  test.after.each(async (ctx) => {
    for (const d of ctx.devices) await d.stop().catch(() => undefined);
    for (const b of ctx.backOffices) await b.close().catch(() => undefined);
    await ctx.broker?.close();
    ctx.broker = undefined;
  });
  const device = async (ctx: RigCtx, o: DeviceOptions = {}) => {
    const d = await Device.create(ctx.broker!.device(o.deviceId ?? defaultDeviceId), pv, o);
    ctx.devices.push(d);
    return d;
  };
  const backOffice = async (ctx: RigCtx) => {
    const b = await BackOffice.connect(ctx.broker!.backOffice(), pv);
    ctx.backOffices.push(b);
    return b;
  };
  return { test, device, backOffice };
}
