/**
 * BrokerLink over mqtt.js v5. See ports/BrokerLink.ts for the behaviour.
 *
 * Why a new mqtt.js client per connection attempt: mqtt.js replays its in-memory outgoing store on
 * reconnect and can drop publishes made during that replay (mqtt.js #2015). We keep no state in it:
 * the durable outbox re-sends anything not acknowledged, so each connection starts empty, pending
 * publishes are failed on close, and the last will is rebuilt fresh at every connect.
 *
 * Flow control: an MQTT 5 broker announces in CONNACK how many QoS 1 publishes it accepts
 * unacknowledged (Receive Maximum, MQTT 5.0 §3.2.2.3.3; Mosquitto sends its max_inflight_messages).
 * mqtt.js does not hold back to it (docs/implementation-notes.md §4) and a strict broker disconnects a client that
 * exceeds it (reason 0x93). So the link counts its own unacknowledged publishes and holds any beyond
 * `receiveMaximum` until a PUBACK frees a slot; OutboxSender reads `receiveMaximum` and keeps its
 * window within it, so the hold only ever delays the odd status publish. MQTT 3.1.1 has no such
 * limit: `receiveMaximum` is undefined and the caller's own window applies.
 *
 * Inbound: mqtt.js hands over one PUBLISH at a time and reads the next packet only once that
 * message's callback ran, and it sends the PUBACK from that same callback. With one store commit
 * per message, a flood of 10,000 job.assign kept every packet behind it waiting, the PINGRESP and
 * the PUBACKs of our own events too: keepalive timeouts and an outbox held back for minutes (issue
 * 15, item 5). So the link takes each PUBLISH into a bounded batch and lets mqtt.js read on at once
 * WITHOUT its PUBACK (the callback given an error skips it: node_modules/mqtt/build/lib/handlers/
 * publish.js), commits the batch through the handler, then sends the batch's PUBACKs itself in
 * arrival order. When a batch is full, mqtt.js is held as before, so memory stays bounded. Every
 * PUBLISH read also counts as a sign of life for keepalive: the broker is plainly there, and its
 * PINGRESP may sit behind a backlog we are still reading.
 *
 * Lifecycle: start() connects and keeps retrying; stop() disconnects cleanly and stops retrying.
 * start() after stop() has resolved connects again (same client id, same persistent session): the
 * app does not need it today, a technician's "reconnect now" would. start() while stop() is still
 * running throws Mqtt_Closed: which of the two should win is the caller's bug, not a guess here.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { BrokerLink, InboundBatchHandler, InboundHandler, InboundMessage, LinkState, PublishOptions } from '../../ports/BrokerLink.js';
import { backoffDelay } from '../../core/retry/backoff.js';
import type { Log } from '../../ports/Logger.js';

export interface MqttLinkOptions {
  url: string;
  clientId: string;
  protocolVersion: 4 | 5;
  keepaliveSec: number;
  sessionExpirySec: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  username?: string;
  password?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  servername?: string;
  subscriptions: string[];
  /** The last will, rebuilt at each connect (contract: status "offline", retained). */
  will: () => { topic: string; payload: string };
  connectTimeoutMs?: number;
}

export interface MqttLinkDeps {
  connect?: (url: string, opts: IClientOptions) => MqttClient;
  random?: () => number;
  log?: Log;
}

type Pending = { reject: (e: Error) => void };
/** A message taken from mqtt.js and not yet acknowledged. */
type Taken = InboundMessage & { ack: () => void; bytes: number };
/** Inbound batch bounds: messages and payload bytes handed to the handler at once. */
export const INBOUND_BATCH_MAX = 100;
export const INBOUND_BATCH_MAX_BYTES = 1 << 20;
/** Given to mqtt.js's message callback so that it reads on without sending the PUBACK itself. */
const ACK_LATER = new Error('PUBACK sent by MqttLink after the batch is committed');
/** MQTT 5.0 §3.2.2.3.3: absent Receive Maximum means 65,535. */
const MQTT5_DEFAULT_RECEIVE_MAXIMUM = 65_535;

const AUTH_CODES = new Set([4, 5, 134, 135, 138, 140]);

export class MqttLink implements BrokerLink {
  private client: MqttClient | undefined;
  private current: LinkState = { state: 'offline', reason: 'not started' };
  private readonly listeners = new Set<(s: LinkState) => void>();
  private batchHandler: InboundBatchHandler = async () => undefined;
  /** Taken from mqtt.js, waiting for the next batch. */
  private taken: Taken[] = [];
  private takenBytes = 0;
  /** mqtt.js's callback for the message that filled the batch: calling it lets mqtt.js read on. */
  private resumeReading: (() => void) | undefined;
  private draining = false;
  private readonly pending = new Set<Pending>();
  private attempt = 0;
  /** Connections lost or refused since the link was last online: the backoff exponent. */
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private started = false;
  private stopInProgress: Promise<void> | undefined;
  /** Publishes sent on the current connection and not yet acknowledged (the Receive Maximum count). */
  private unacked = 0;
  /** Publishes held back because `unacked` reached the broker's Receive Maximum; FIFO. */
  private held: (() => void)[] = [];
  private brokerReceiveMaximum: number | undefined;
  private lastError: AppError | undefined;
  private connectFn: ((url: string, opts: IClientOptions) => MqttClient) | undefined;

  constructor(
    private readonly o: MqttLinkOptions,
    private readonly deps: MqttLinkDeps = {},
  ) {}

  get state(): LinkState {
    return this.current;
  }

  /**
   * How many QoS 1 publishes the broker accepts unacknowledged on the current connection: its MQTT 5
   * Receive Maximum from CONNACK (65,535 when it sent none), or undefined over MQTT 3.1.1 and while
   * not connected. Callers that keep a window of publishes in flight (OutboxSender) stay within it.
   */
  get receiveMaximum(): number | undefined {
    return this.brokerReceiveMaximum;
  }

  onState(fn: (s: LinkState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  setInboundHandler(h: InboundHandler): void {
    this.batchHandler = async (msgs) => {
      for (const m of msgs) {
        try {
          await h(m.topic, m.payload, { retain: m.retain });
        } catch (e) {
          this.deps.log?.('warn', `inbound handler failed on ${m.topic}: ${(e as Error).message}`);
        }
      }
    };
  }

  setInboundBatchHandler(h: InboundBatchHandler): void {
    this.batchHandler = h;
  }

  /** Hands what was taken to the handler, a bounded batch at a time, yielding between batches. */
  private async drainInbound(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.taken.length) {
        // Yield first: mqtt.js reads on meanwhile (more for this batch, PINGRESP, PUBACKs of our
        // events), timers fire and the outbox gets to publish.
        await new Promise((r) => setImmediate(r));
        let n = 0;
        let bytes = 0;
        while (n < this.taken.length && n < INBOUND_BATCH_MAX && (n === 0 || bytes + this.taken[n]!.bytes <= INBOUND_BATCH_MAX_BYTES))
          bytes += this.taken[n++]!.bytes;
        const batch = this.taken.splice(0, n);
        this.takenBytes -= bytes;
        const resume = this.resumeReading;
        this.resumeReading = undefined;
        resume?.(); // the next batch fills while this one commits: at most two batches in memory
        try {
          await this.batchHandler(batch);
        } catch (e) {
          this.deps.log?.('warn', `inbound handler failed on a batch of ${batch.length}: ${(e as Error).message}`);
        }
        for (const m of batch) m.ack();
      }
    } finally {
      this.draining = false;
    }
  }

  private setState(s: LinkState): void {
    this.current = s;
    for (const l of this.listeners) {
      try {
        l(s);
      } catch (e) {
        this.deps.log?.('warn', `link state listener failed: ${(e as Error).message}`);
      }
    }
  }

  start(): void {
    if (this.stopInProgress)
      throw new AppError('MqttLink.start() called while stop() is still running; await stop() first', ErrorCode.Mqtt_Closed);
    if (this.started && !this.stopping) return;
    this.started = true;
    this.stopping = false;
    this.attempt = 0;
    this.failures = 0;
    void this.connectOnce();
  }

  private async connectOnce(): Promise<void> {
    if (this.stopping) return;
    this.connectFn ??= this.deps.connect ?? (await import('./mqttModule.js')).connect;
    if (this.stopping) return; // stop() came while mqtt.js was loading
    this.attempt++;
    this.setState({ state: 'connecting', attempt: this.attempt });
    const will = this.o.will();
    const opts: IClientOptions = {
      clientId: this.o.clientId,
      clean: false,
      protocolVersion: this.o.protocolVersion,
      keepalive: this.o.keepaliveSec,
      reconnectPeriod: 0,
      connectTimeout: this.o.connectTimeoutMs ?? 15_000,
      resubscribe: false,
      queueQoSZero: false,
      // PINGREQ every keepalive whatever the traffic: mqtt.js would otherwise reset a timer on every
      // packet sent, a measurable cost when a backlog of thousands of events drains.
      reschedulePings: false,
      will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true },
      ...(this.o.protocolVersion === 5 ? { properties: { sessionExpiryInterval: this.o.sessionExpirySec } } : {}),
      ...(this.o.username ? { username: this.o.username } : {}),
      ...(this.o.password !== undefined && this.o.password !== '' ? { password: this.o.password } : {}),
      ...(this.o.ca ? { ca: this.o.ca } : {}),
      ...(this.o.cert ? { cert: this.o.cert } : {}),
      ...(this.o.key ? { key: this.o.key } : {}),
      ...(this.o.servername ? { servername: this.o.servername } : {}),
      rejectUnauthorized: true,
    };
    const client = this.connectFn(this.o.url, opts);
    this.client = client;
    this.lastError = undefined;
    client.handleMessage = (packet, done) => {
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      client.reschedulePing(true);
      const id = packet.messageId;
      // PUBACK only once the handler settled (durable), and only on the connection it came on: after
      // a reconnect the broker redelivers it and the inbox answers it as a duplicate.
      const ack =
        packet.qos === 1 && id !== undefined
          ? () => {
              if (client === this.client) sendPuback(client, id);
            }
          : () => undefined;
      this.taken.push({ topic: packet.topic, payload, retain: packet.retain, ack, bytes: payload.byteLength });
      this.takenBytes += payload.byteLength;
      // QoS 2 is never subscribed to; were it granted, mqtt.js's own flow would be needed.
      const resume = () => done(packet.qos === 1 ? ACK_LATER : undefined);
      if (this.taken.length >= INBOUND_BATCH_MAX || this.takenBytes >= INBOUND_BATCH_MAX_BYTES) this.resumeReading = resume;
      else resume();
      void this.drainInbound();
    };
    client.on('connect', (connack) => {
      if (client !== this.client) return;
      this.brokerReceiveMaximum =
        this.o.protocolVersion === 5 ? (connack.properties?.receiveMaximum ?? MQTT5_DEFAULT_RECEIVE_MAXIMUM) : undefined;
      void this.afterConnect(client, connack.sessionPresent);
    });
    client.on('error', (err: Error & { code?: number | string }) => {
      if (client !== this.client) return;
      this.lastError = classify(err);
      this.deps.log?.('warn', `mqtt: ${this.lastError.message}`);
    });
    client.on('close', () => {
      if (client !== this.client) return;
      this.onClosed(client);
    });
  }

  private async afterConnect(client: MqttClient, sessionPresent: boolean): Promise<void> {
    try {
      const granted = await client.subscribeAsync(
        this.o.subscriptions
          .map((topic) => ({ topic, qos: 1 as const }))
          .reduce<Record<string, { qos: 1 }>>((a, s) => ({ ...a, [s.topic]: { qos: 1 } }), {}),
      );
      const refused = granted.filter((g) => g.qos === 128 || (g.qos as number) >= 0x80).map((g) => g.topic);
      if (refused.length) {
        this.lastError = new AppError(`broker refused subscription to ${refused.join(', ')} (check the device ACL)`, ErrorCode.Mqtt_Auth);
        this.deps.log?.('warn', this.lastError.message);
      }
    } catch (e) {
      this.deps.log?.('warn', `subscribe failed: ${(e as Error).message}`);
      client.end(true);
      return;
    }
    if (client !== this.client || this.stopping) return;
    this.attempt = 0;
    this.failures = 0;
    this.setState({ state: 'online', sessionPresent });
  }

  private failPending(e: AppError): void {
    const pending = [...this.pending];
    this.pending.clear();
    this.held = [];
    this.unacked = 0;
    this.brokerReceiveMaximum = undefined;
    for (const p of pending) p.reject(e);
  }

  private onClosed(client: MqttClient): void {
    this.failPending(new AppError('connection to the broker closed before PUBACK', ErrorCode.Mqtt_Closed));
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end(true);
    this.client = undefined;
    if (this.stopping) return;
    const authFailed = this.lastError?.code === ErrorCode.Mqtt_Auth;
    // A refused login will not fix itself in a second: retry at the slow end of the range.
    // The same schedule after a drop from online as from a cold start: base, 2×, 4×… up to the max
    // (a dropped GSM link usually comes back at once; the first retry must not wait longer, nor
    // come sooner than the base delay).
    const delay = authFailed
      ? this.o.reconnectMaxMs
      : backoffDelay(this.failures, this.o.reconnectMinMs, this.o.reconnectMaxMs, this.deps.random ?? Math.random);
    this.failures++;
    this.setState({
      state: 'offline',
      reason: this.lastError?.message ?? 'connection closed',
      ...(this.lastError ? { error: this.lastError } : {}),
      retryInMs: delay,
    });
    this.timer = setTimeout(() => void this.connectOnce(), delay);
  }

  publish(topic: string, payload: string | Buffer, opts: PublishOptions = {}): Promise<void> {
    const client = this.client;
    if (!client || this.current.state !== 'online')
      return Promise.reject(new AppError('not connected to the broker', ErrorCode.Mqtt_Closed));
    return new Promise<void>((resolve, reject) => {
      const p: Pending = { reject };
      this.pending.add(p);
      const send = () => {
        if (!this.pending.has(p) || client !== this.client) return; // failed by close meanwhile
        this.unacked++;
        client.publish(topic, payload, { qos: 1, retain: opts.retain ?? false }, (err) => {
          if (!this.pending.delete(p)) return; // already failed by close
          this.unacked--;
          this.held.shift()?.();
          if (err) reject(new AppError(`publish to ${topic} failed: ${err.message}`, ErrorCode.Mqtt_Closed, { cause: err }));
          else resolve();
        });
      };
      if (this.brokerReceiveMaximum !== undefined && this.unacked >= this.brokerReceiveMaximum) this.held.push(send);
      else send();
    });
  }

  async stop(): Promise<void> {
    if (this.stopInProgress) return this.stopInProgress;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const client = this.client;
    this.client = undefined;
    this.stopInProgress = (async () => {
      if (client) {
        await new Promise<void>((r) => client.end(false, {}, () => r()));
        client.removeAllListeners();
        client.on('error', () => undefined);
      }
      this.failPending(new AppError('link stopped', ErrorCode.Mqtt_Closed));
      this.setState({ state: 'offline', reason: 'stopped' });
    })();
    try {
      await this.stopInProgress;
    } finally {
      this.stopInProgress = undefined;
    }
  }
}

/**
 * PUBACK for QoS 1 packet `id`: fixed header 0x40, remaining length 2, the packet id (MQTT 3.1.1
 * §3.4; MQTT 5 §3.4.2.1 allows leaving out reason code 0 and the properties). Written to the client's
 * stream whole and synchronously, so it never lands inside another packet.
 */
function sendPuback(client: MqttClient, id: number): void {
  if (!client.stream?.writable) return;
  client.stream.write(Buffer.from([0x40, 0x02, id >> 8, id & 0xff]));
}

function classify(err: Error & { code?: number | string }): AppError {
  const code = err.code;
  if (typeof code === 'number' && AUTH_CODES.has(code)) {
    return new AppError(
      `broker refused the device: ${err.message} (check user name, password file or client certificate)`,
      ErrorCode.Mqtt_Auth,
      { cause: err },
    );
  }
  if (typeof code === 'string' && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME|ALTNAME/i.test(code + err.message)) {
    return new AppError(
      `TLS handshake with the broker failed: ${err.message} (check mqtt.caFile, mqtt.servername and the client certificate)`,
      ErrorCode.Mqtt_Auth,
      { cause: err },
    );
  }
  return new AppError(`cannot reach the broker: ${err.message}`, ErrorCode.Mqtt_Connect, { cause: err });
}
