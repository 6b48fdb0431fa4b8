/**
 * The device's one connection to the MQTT broker (contract v1 §Connection).
 *
 * Behaviour (MqttLink is the real one; the fake is a real MqttLink against the in-process aedes
 * broker, and test/contract/mqtt runs one suite against aedes and Mosquitto):
 * - The constructor does no I/O. `start()` begins connecting and returns at once; it never rejects
 *   for an unreachable broker: the link keeps retrying with exponential backoff and jitter, and
 *   reports every state change on `onState`. A refused connection (bad credentials, certificate)
 *   is reported with a typed error (Mqtt_Auth) in the state and retried more slowly: a technician
 *   may fix the broker side.
 * - `online` means CONNACK received and subscriptions made. `offline` means no usable connection
 *   (never connected, broker gone, keepalive timeout on a dead GSM link).
 * - `publish()` is QoS 1: it resolves on PUBACK and rejects with Mqtt_Closed if the connection is
 *   lost first. It never queues by itself while offline (rejects at once): the durable outbox is the
 *   queue, so nothing depends on mqtt.js's in-memory store surviving.
 * - Inbound messages are handed over in arrival order, in batches of at most a bounded number of
 *   messages and bytes (one message at a time to an InboundHandler; a whole batch to an
 *   InboundBatchHandler, which commits it at once). The PUBACK for a QoS 1 message is sent only after
 *   the promise of the handler that took it settles, so a message whose processing was not yet
 *   durable is redelivered by the broker after a crash; PUBACKs go out in arrival order (MQTT 3.1.1
 *   §4.6). A handler that throws is contained (the message is acknowledged: a malformed message must
 *   not be redelivered forever; the handler reports it). Between batches the link yields, so a flood
 *   of inbound messages never holds back keepalive or the acknowledgements of outgoing publishes.
 * - `stop()` publishes the offline status if connected, disconnects cleanly and stops retrying.
 */
import type { AppError } from '../core/errors/AppError.js';

export type LinkState =
  | { state: 'connecting'; attempt: number }
  | { state: 'online'; sessionPresent: boolean }
  | { state: 'offline'; reason: string; error?: AppError; retryInMs?: number };

export interface PublishOptions {
  retain?: boolean;
}

export type InboundHandler = (topic: string, payload: Buffer, meta: { retain: boolean }) => Promise<void>;

export interface InboundMessage {
  topic: string;
  payload: Buffer;
  retain: boolean;
}
/** Takes a batch of inbound messages in arrival order; all of them are acknowledged once it settles. */
export type InboundBatchHandler = (msgs: readonly InboundMessage[]) => Promise<void>;

export interface BrokerLink {
  start(): void;
  stop(): Promise<void>;
  readonly state: LinkState;
  onState(fn: (s: LinkState) => void): () => void;
  publish(topic: string, payload: string | Buffer, opts?: PublishOptions): Promise<void>;
  setInboundHandler(h: InboundHandler): void;
  /** Replaces the handler with one that takes whole batches (InboundService.handleBatch); optional for fakes that never receive. */
  setInboundBatchHandler?(h: InboundBatchHandler): void;
}
