/**
 * Back-office orders as contract v1 messages: job.assign, job.cancel, the message command, and the
 * retained tariff, each with its topic, validated the way the device will validate it (parseInbound)
 * and signed when a key is given (contract §Signed orders). A signed order names the device it is
 * for (`*` for a tariff) and carries `notAfter`; both are signed, so it cannot be replayed to another
 * device or after it expires.
 *
 * Message ids of job.assign are derived from (device, job, version): dispatching the same route
 * twice sends the same messages, and the device, which ignores a version it already holds, does
 * nothing the second time. Pure apart from the caller's clock and id generator.
 */
import { createHash } from 'node:crypto';
import { checkTariff } from '../core/billing/parseTariff.js';
import {
  ANY_DEVICE,
  isValidTariffId,
  parseInbound,
  signMessage,
  topics,
  type Job,
  type KeyLike,
  type Tariff,
} from '../core/contract/index.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import { isoInstant } from '../core/time/calendar.js';

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
  /** Hours after sentAt that a signed order stays valid (DEFAULT_VALID_HOURS). */
  validHours?: number;
}

/**
 * Three days: the job ledger re-sends the stored bytes of an unanswered order until the device
 * answers (backoffice/jobs/JobDelivery.ts), and a device refuses a signed order past its notAfter,
 * so the validity must cover the longest a handheld is expected to stay out of coverage or
 * switched off (a long weekend). An order that expires unanswered is answered job.rejected and must
 * be dispatched again.
 */
export const DEFAULT_VALID_HOURS = 72;

/**
 * A tariff is retained at the broker and taken by every device when it subscribes, including a
 * handheld provisioned months later: a year, so a retained tariff outlives a route by far; publish
 * it again (a fresh signature) before then.
 */
export const DEFAULT_TARIFF_VALID_HOURS = 365 * 24;

/** notAfter of an order sent at `sentAt` (ISO with offset), in the device's time zone. */
export function notAfterOf(sentAt: string, hours: number): string {
  const at = Date.parse(sentAt);
  if (!Number.isFinite(at)) throw new AppError(`sentAt ${sentAt} is not an ISO-8601 instant`, ErrorCode.Input_Invalid);
  if (!(hours > 0)) throw new AppError(`validity must be a positive number of hours, got ${hours}`, ErrorCode.Input_Invalid);
  return isoInstant(at + Math.round(hours * 3_600_000));
}

/** UUID-shaped id that is the same for the same inputs (a name-based id, RFC 4122 §4.3 style). */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function finish(ctx: OrderContext, topic: string, msg: Record<string, unknown>, label: string): Order {
  const signed = ctx.signer
    ? signMessage({ ...msg, deviceId: ctx.deviceId, notAfter: notAfterOf(ctx.sentAt, ctx.validHours ?? DEFAULT_VALID_HOURS) }, ctx.signer)
    : msg;
  const payload = JSON.stringify(signed);
  // The device's own parser is the judge: an order it would reject is never sent.
  const r = parseInbound(topic, Buffer.from(payload, 'utf8'), { maxBytes: 262_144, deviceId: ctx.deviceId });
  if (r.kind === 'rejected') {
    throw new AppError(
      `${label} would be rejected by the device: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      ErrorCode.Contract_Invalid,
    );
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

export interface TariffSigning {
  signer: Signer;
  sentAt: string;
  /** Hours after sentAt the signed tariff stays valid (DEFAULT_TARIFF_VALID_HOURS). */
  validHours?: number;
}

/**
 * Tariffs are retained and for every device. With a key they are signed like job messages, with
 * deviceId "*" (devices that require signatures refuse unsigned tariffs).
 */
export function tariffOrder(value: unknown, signing?: TariffSigning): Order {
  const id = (value as { tariffId?: unknown } | null)?.tariffId;
  if (!isValidTariffId(id)) throw new AppError('invalid tariff: /tariffId must be 1–64 of A–Z a–z 0–9 . _ -', ErrorCode.Contract_Invalid);
  const topic = topics.tariff(id);
  if (signing && (typeof value !== 'object' || value === null || Array.isArray(value)))
    throw new AppError(`invalid tariff ${id}: must be a JSON object`, ErrorCode.Contract_Invalid);
  const signed = signing
    ? signMessage(
        {
          ...(value as object),
          deviceId: ANY_DEVICE,
          notAfter: notAfterOf(signing.sentAt, signing.validHours ?? DEFAULT_TARIFF_VALID_HOURS),
        },
        signing.signer,
      )
    : value;
  const payload = JSON.stringify(signed);
  const r = parseInbound(topic, Buffer.from(payload, 'utf8'), { maxBytes: 262_144 });
  const errors = r.kind === 'rejected' ? r.errors : [];
  const billing = checkTariff(signed);
  if (!billing.ok) errors.push(...billing.errors.filter((b) => !errors.some((e) => e.path === b.path)));
  if (errors.length)
    throw new AppError(`invalid tariff ${id}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, ErrorCode.Contract_Invalid);
  return { topic, payload, retain: true, label: `tariff ${id}` };
}

/** An empty retained payload withdraws a tariff from every device. */
export function withdrawTariffOrder(tariffId: string): Order {
  return { topic: topics.tariff(tariffId), payload: '', retain: true, label: `withdraw tariff ${tariffId}` };
}

export type { Tariff };
