/**
 * BrokerLink over mqtt.js v5. See ports/BrokerLink.ts for the behaviour.
 *
 * Why a new mqtt.js client per connection attempt: mqtt.js replays its in-memory outgoing store on
 * reconnect and can drop publishes made during that replay (mqtt.js #2015). We keep no state in it:
 * the durable outbox re-sends anything not acknowledged, so each connection starts empty, pending
 * publishes are failed on close, and the last will is rebuilt fresh at every connect.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { BrokerLink, InboundHandler, LinkState, PublishOptions } from '../../ports/BrokerLink.js';
import { backoffDelay } from './backoff.js';

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
  log?: (level: 'info' | 'warn' | 'debug', msg: string) => void;
}

type Pending = { reject: (e: Error) => void };

const AUTH_CODES = new Set([4, 5, 134, 135, 138, 140]);

export class MqttLink implements BrokerLink {
  private client: MqttClient | undefined;
  private current: LinkState = { state: 'offline', reason: 'not started' };
  private readonly listeners = new Set<(s: LinkState) => void>();
  private handler: InboundHandler = async () => undefined;
  private inboundChain: Promise<void> = Promise.resolve();
  private readonly pending = new Set<Pending>();
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private started = false;
  private lastError: AppError | undefined;
  private connectFn: ((url: string, opts: IClientOptions) => MqttClient) | undefined;

  constructor(private readonly o: MqttLinkOptions, private readonly deps: MqttLinkDeps = {}) {}

  get state(): LinkState {
    return this.current;
  }

  onState(fn: (s: LinkState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  setInboundHandler(h: InboundHandler): void {
    this.handler = h;
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
    if (this.started) return;
    this.started = true;
    void this.connectOnce();
  }

  private async connectOnce(): Promise<void> {
    if (this.stopping) return;
    this.connectFn ??= this.deps.connect ?? (await import('mqtt')).connect;
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
      const topic = packet.topic;
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      const retain = packet.retain;
      // One at a time, in arrival order; PUBACK only once the handler settled (durable).
      this.inboundChain = this.inboundChain.then(() => this.handler(topic, payload, { retain })).catch((e: unknown) => {
        this.deps.log?.('warn', `inbound handler failed on ${topic}: ${(e as Error).message}`);
      });
      void this.inboundChain.then(() => done());
    };
    client.on('connect', (connack) => {
      if (client !== this.client) return;
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
      const granted = await client.subscribeAsync(this.o.subscriptions.map((topic) => ({ topic, qos: 1 as const })).reduce<Record<string, { qos: 1 }>>((a, s) => ({ ...a, [s.topic]: { qos: 1 } }), {}));
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
    this.setState({ state: 'online', sessionPresent });
  }

  private onClosed(client: MqttClient): void {
    for (const p of this.pending) p.reject(new AppError('connection to the broker closed before PUBACK', ErrorCode.Mqtt_Closed));
    this.pending.clear();
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end(true);
    this.client = undefined;
    if (this.stopping) return;
    const authFailed = this.lastError?.code === ErrorCode.Mqtt_Auth;
    // A refused login will not fix itself in a second: retry at the slow end of the range.
    const delay = authFailed ? this.o.reconnectMaxMs : backoffDelay(this.attempt - 1, this.o.reconnectMinMs, this.o.reconnectMaxMs, this.deps.random);
    this.setState({ state: 'offline', reason: this.lastError?.message ?? 'connection closed', ...(this.lastError ? { error: this.lastError } : {}), retryInMs: delay });
    this.timer = setTimeout(() => void this.connectOnce(), delay);
  }

  publish(topic: string, payload: string | Buffer, opts: PublishOptions = {}): Promise<void> {
    const client = this.client;
    if (!client || this.current.state !== 'online') return Promise.reject(new AppError('not connected to the broker', ErrorCode.Mqtt_Closed));
    return new Promise<void>((resolve, reject) => {
      const p: Pending = { reject };
      this.pending.add(p);
      client.publish(topic, payload, { qos: 1, retain: opts.retain ?? false }, (err) => {
        if (!this.pending.delete(p)) return; // already failed by close
        if (err) reject(new AppError(`publish to ${topic} failed: ${err.message}`, ErrorCode.Mqtt_Closed, { cause: err }));
        else resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      await new Promise<void>((r) => client.end(false, {}, () => r()));
      client.removeAllListeners();
    }
    for (const p of this.pending) p.reject(new AppError('link stopped', ErrorCode.Mqtt_Closed));
    this.pending.clear();
    this.setState({ state: 'offline', reason: 'stopped' });
  }
}

function classify(err: Error & { code?: number | string }): AppError {
  const code = err.code;
  if (typeof code === 'number' && AUTH_CODES.has(code)) {
    return new AppError(`broker refused the device: ${err.message} (check user name, password file or client certificate)`, ErrorCode.Mqtt_Auth, { cause: err });
  }
  if (typeof code === 'string' && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME|ALTNAME/i.test(code + err.message)) {
    return new AppError(`TLS handshake with the broker failed: ${err.message} (check mqtt.caFile, mqtt.servername and the client certificate)`, ErrorCode.Mqtt_Auth, { cause: err });
  }
  return new AppError(`cannot reach the broker: ${err.message}`, ErrorCode.Mqtt_Connect, { cause: err });
}
