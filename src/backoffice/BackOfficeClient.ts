/**
 * A back-office MQTT connection (dispatch, watch, mail relay), over mqtt.js. Unlike the device's
 * MqttLink it has no last will and no outbox: the back office is not on a GSM link and its orders
 * are re-sendable (stable message ids).
 *
 * Inbound QoS 1 messages are handed to the handler one at a time, in arrival order, and the PUBACK
 * goes out only when the handler has settled: with a persistent session (`clean: false`) a message
 * whose handling was cut short (crash, stop) is delivered again, to this client or, on a shared
 * subscription, to another member of the group. A handler that throws is logged and the message
 * acknowledged (a message that cannot be handled must not come back forever); a handler that must
 * not lose the message retries inside itself.
 *
 * Deferred mode (`deps.deferred`, for ingest): every message is handed over at once with an `ack()`
 * to call later, so a consumer can gather many messages into one database transaction and PUBACK
 * them only after it committed. mqtt.js processes the next packet only after its handleMessage
 * callback, and sends the PUBACK inside that callback; deferred mode calls back at once with a
 * marker error (mqtt.js then sends nothing) and writes the PUBACK itself in `ack()`. The broker
 * bounds how many unacknowledged messages it sends (MQTT 5 `receiveMaximum`, Mosquitto
 * `max_inflight_messages`).
 */
import type { IClientOptions, ISubscriptionMap, MqttClient } from 'mqtt';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import type { Log } from '../ports/Logger.js';

export interface BackOfficeMqttOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** false: persistent session (what a consumer that must not miss events needs). */
  clean: boolean;
  protocolVersion?: 4 | 5;
  /** MQTT 5 session expiry for a persistent session; default 7 days. */
  sessionExpirySec?: number;
  keepaliveSec?: number;
  reconnectMs?: number;
  /** MQTT 5: how many unacknowledged QoS 1 messages the broker may send us (deferred mode). */
  receiveMaximum?: number;
}

/** A message handed over in deferred mode. */
export interface DeferredMessage {
  topic: string;
  payload: Buffer;
  retain: boolean;
  /**
   * Sends the PUBACK — only if the connection it arrived on is still the current one: after a
   * reconnect its packet id may belong to another message, and the broker delivers it again anyway.
   */
  ack(): void;
}

/** mqtt.js's internal packet writer (mqtt 5.x); used only to write a deferred PUBACK. */
interface PacketWriter {
  _sendPacket(
    packet: { cmd: 'puback'; messageId: number; reasonCode?: number },
    cb?: () => void,
    cbStorePut?: () => void,
    noStore?: boolean,
  ): void;
}

const DEFERRED = new Error('PUBACK deferred');

/** CONNACK "unacceptable protocol version" (3.1.1: 1) or "unsupported protocol version" (5: 0x84). */
function refusedVersion(e: unknown): boolean {
  const code = ((e as { cause?: { code?: unknown } }).cause ?? {}).code;
  return code === 1 || code === 0x84;
}

export type MessageHandler = (topic: string, payload: Buffer, meta: { retain: boolean }) => Promise<void> | void;

export class BackOfficeClient {
  private handler: MessageHandler = () => undefined;
  private chain: Promise<void> = Promise.resolve();
  private closing = false;

  private constructor(
    readonly client: MqttClient,
    private readonly log: Log,
  ) {}

  /**
   * Connects; rejects with Mqtt_Auth / Mqtt_Connect if the first attempt fails (a tool should say so
   * and exit). With no `protocolVersion` chosen, MQTT 5 first, then 3.1.1 when the broker refuses
   * the version: the demo's in-process broker (aedes) speaks 3.1.1 only.
   */
  static async connect(
    o: BackOfficeMqttOptions,
    deps: { log?: Log; deferred?: (m: DeferredMessage) => void } = {},
  ): Promise<BackOfficeClient> {
    if (o.protocolVersion !== undefined) return BackOfficeClient.connectWith(o, deps);
    try {
      return await BackOfficeClient.connectWith({ ...o, protocolVersion: 5 }, deps);
    } catch (e) {
      if (!refusedVersion(e)) throw e;
      deps.log?.('info', `the broker at ${o.url} does not speak MQTT 5: using MQTT 3.1.1`);
      return BackOfficeClient.connectWith({ ...o, protocolVersion: 4 }, deps);
    }
  }

  private static async connectWith(
    o: BackOfficeMqttOptions,
    deps: { log?: Log; deferred?: (m: DeferredMessage) => void },
  ): Promise<BackOfficeClient> {
    const { connect } = await import('../adapters/mqtt/mqttModule.js');
    const opts: IClientOptions = {
      clientId: o.clientId,
      clean: o.clean,
      protocolVersion: o.protocolVersion ?? 5,
      keepalive: o.keepaliveSec ?? 30,
      reconnectPeriod: o.reconnectMs ?? 1000,
      connectTimeout: 15_000,
      ...(o.protocolVersion !== 4
        ? {
            properties: {
              ...(!o.clean ? { sessionExpiryInterval: o.sessionExpirySec ?? 7 * 24 * 3600 } : {}),
              ...(o.receiveMaximum ? { receiveMaximum: o.receiveMaximum } : {}),
            },
          }
        : {}),
      ...(o.username ? { username: o.username } : {}),
      ...(o.password ? { password: o.password } : {}),
      ...(o.ca ? { ca: o.ca } : {}),
      ...(o.cert ? { cert: o.cert } : {}),
      ...(o.key ? { key: o.key } : {}),
      rejectUnauthorized: true,
      // Handle before connect resolves: a persistent session may deliver at once.
      manualConnect: true,
    };
    const client = connect(o.url, opts);
    const c = new BackOfficeClient(client, deps.log ?? (() => undefined));
    const deferred = deps.deferred;
    if (deferred) {
      client.handleMessage = (packet, done) => {
        const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
        const stream = client.stream;
        const id = packet.messageId;
        const ack = () => {
          if (packet.qos !== 1 || id === undefined || c.closing || !client.connected || client.stream !== stream) return;
          (client as unknown as PacketWriter)._sendPacket({ cmd: 'puback', messageId: id, reasonCode: 0 }, undefined, undefined, true);
        };
        try {
          deferred({ topic: packet.topic, payload, retain: packet.retain, ack });
        } catch (e) {
          c.log('error', `handler failed on ${packet.topic}: ${(e as Error).message}`);
        }
        done(packet.qos === 1 ? DEFERRED : undefined);
      };
    } else
      client.handleMessage = (packet, done) => {
        const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
        const topic = packet.topic;
        const retain = packet.retain;
        c.chain = c.chain.then(async () => {
          try {
            await c.handler(topic, payload, { retain });
          } catch (e) {
            c.log('error', `handler failed on ${topic}: ${(e as Error).message}`);
          }
          // Stopped mid-handling: no PUBACK, so the broker delivers the message again later.
          if (!c.closing) done();
        });
      };
    await new Promise<void>((resolve, reject) => {
      const onConnect = () => {
        client.off('error', onError);
        resolve();
      };
      const onError = (err: Error & { code?: number | string }) => {
        client.off('connect', onConnect);
        client.end(true);
        const auth = typeof err.code === 'number' && [4, 5, 134, 135].includes(err.code);
        reject(
          new AppError(
            `${auth ? 'broker refused the back-office account' : 'cannot reach the broker'} at ${o.url}: ${err.message}`,
            auth ? ErrorCode.Mqtt_Auth : ErrorCode.Mqtt_Connect,
            { cause: err },
          ),
        );
      };
      client.once('connect', onConnect);
      client.once('error', onError);
      client.connect();
    });
    client.on('error', (err) => c.log('warn', `mqtt: ${err.message}`));
    return c;
  }

  onMessage(h: MessageHandler): void {
    this.handler = h;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /**
   * QoS 1 subscriptions. `again`: send the SUBSCRIBE even for filters this connection subscribed
   * before (mqtt.js otherwise leaves out filters it believes the session already has).
   */
  async subscribe(filters: string[], o: { again?: boolean } = {}): Promise<void> {
    const map: ISubscriptionMap = filters
      .map((topic) => ({ topic, qos: 1 as const }))
      .reduce<Record<string, { qos: 1 }>>((a, f) => ({ ...a, [f.topic]: { qos: 1 } }), {});
    if (o.again) map.resubscribe = true;
    const granted = await this.client.subscribeAsync(map);
    const refused = granted.filter((g) => (g.qos as number) >= 0x80).map((g) => g.topic);
    if (refused.length)
      throw new AppError(`broker refused subscription to ${refused.join(', ')} (check the back-office ACL)`, ErrorCode.Mqtt_Auth);
  }

  /** QoS 1: resolves on PUBACK. */
  async publish(topic: string, payload: string | Buffer, opts: { retain?: boolean } = {}): Promise<void> {
    const r = await this.client.publishAsync(topic, payload, { qos: 1, retain: opts.retain ?? false });
    const code = (r as { reasonCode?: number } | undefined)?.reasonCode;
    if (code !== undefined && code >= 0x80)
      throw new AppError(
        `broker refused the publish to ${topic} (reason 0x${code.toString(16)}; check the back-office ACL)`,
        ErrorCode.Mqtt_Auth,
      );
  }

  /** Messages being handled are not acknowledged after this; it waits for nothing but the socket. */
  async close(): Promise<void> {
    this.closing = true;
    await this.client.endAsync(true).catch(() => undefined);
  }

  /** Lets the handler chain finish, then disconnects cleanly (PUBACKs of finished messages go out). */
  async drainAndClose(): Promise<void> {
    await this.chain;
    await this.client.endAsync(false).catch(() => undefined);
    this.closing = true;
  }
}
