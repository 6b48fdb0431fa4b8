/**
 * Back-office orders as contract v1 messages: job.assign, job.cancel, the message command, and the
 * retained tariff, each with its topic, validated the way the device will validate it (parseInbound)
 * and signed when a key is given (contract §Signed orders).
 *
 * Message ids of job.assign are derived from (device, job, version): dispatching the same route
 * twice sends the same messages, and the device, which ignores a version it already holds, does
 * nothing the second time. Pure apart from the caller's clock and id generator.
 */
import { createHash } from 'node:crypto';
import { checkTariff } from '../core/billing/parseTariff.js';
import { isValidTariffId, parseInbound, signMessage, topics, type Job, type KeyLike, type Tariff } from '../core/contract/index.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';

export interface Order {
  topic: string;
  payload: string;
  retain: boolean;
  /** What it is, for the operator's log: "job.assign J-1001 v1". */
  label: string;
}

export interface Signer {
  kid: string;
  privateKey: KeyLike;
}

export interface OrderContext {
  deviceId: string;
  sentAt: string;
  newId: () => string;
  signer?: Signer;
}

/** UUID-shaped id that is the same for the same inputs (a name-based id, RFC 4122 §4.3 style). */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function finish(ctx: OrderContext, topic: string, msg: Record<string, unknown>, label: string): Order {
  const signed = ctx.signer ? signMessage(msg, ctx.signer) : msg;
  const payload = JSON.stringify(signed);
  // The device's own parser is the judge: an order it would reject is never sent.
  const r = parseInbound(topic, Buffer.from(payload, 'utf8'), { maxBytes: 262_144, deviceId: ctx.deviceId });
  if (r.kind === 'rejected') {
    throw new AppError(`${label} would be rejected by the device: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, ErrorCode.Contract_Invalid);
  }
  return { topic, payload, retain: false, label };
}

export function assignOrder(job: Job, ctx: OrderContext): Order {
  const msg = { messageId: stableId(ctx.deviceId, job.jobId, String(job.version)), sentAt: ctx.sentAt, type: 'job.assign', job };
  return finish(ctx, topics.jobs(ctx.deviceId), msg, `job.assign ${job.jobId} v${job.version}`);
}

export function cancelOrder(jobId: string, reason: string, ctx: OrderContext): Order {
  const msg = { messageId: ctx.newId(), sentAt: ctx.sentAt, type: 'job.cancel', jobId, reason };
  return finish(ctx, topics.jobs(ctx.deviceId), msg, `job.cancel ${jobId}`);
}

export function messageOrder(text: string, ctx: OrderContext): Order {
  const msg = { messageId: ctx.newId(), sentAt: ctx.sentAt, type: 'message', text };
  return finish(ctx, topics.commands(ctx.deviceId), msg, 'message');
}

/** Tariffs are retained and for every device; they are not signed (contract §Tariffs). */
export function tariffOrder(value: unknown): Order {
  const id = (value as { tariffId?: unknown } | null)?.tariffId;
  if (!isValidTariffId(id)) throw new AppError('invalid tariff: /tariffId must be 1–64 of A–Z a–z 0–9 . _ -', ErrorCode.Contract_Invalid);
  const topic = topics.tariff(id);
  const payload = JSON.stringify(value);
  const r = parseInbound(topic, Buffer.from(payload, 'utf8'), { maxBytes: 262_144 });
  const errors = r.kind === 'rejected' ? r.errors : [];
  const billing = checkTariff(value);
  if (!billing.ok) errors.push(...billing.errors.filter((b) => !errors.some((e) => e.path === b.path)));
  if (errors.length) throw new AppError(`invalid tariff ${id}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, ErrorCode.Contract_Invalid);
  return { topic, payload, retain: true, label: `tariff ${id}` };
}

/** An empty retained payload withdraws a tariff from every device. */
export function withdrawTariffOrder(tariffId: string): Order {
  return { topic: topics.tariff(tariffId), payload: '', retain: true, label: `withdraw tariff ${tariffId}` };
}

export type { Tariff };
