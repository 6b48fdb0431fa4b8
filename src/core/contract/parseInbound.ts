/**
 * Everything the device receives, from raw MQTT bytes to a typed message or a rejection listing
 * every problem at once (the back office fixes a message in one round). Pure: no I/O, no clock.
 *
 * Schema only: signatures are checked by the caller with verifyMessage (signature.ts), because
 * whether unsigned orders are acceptable is device policy. A rejection carries what the device
 * needs for the job.rejected event (messageId, jobId when they could be read).
 */
import type { Command, CommandType } from './commands.js';
import { COMMAND_SCHEMAS } from './commands.js';
import type { ContractError } from './contractError.js';
import { customerRules, REQUIRED_BY_KIND } from './job.js';
import { JOB_MESSAGE_SCHEMAS, type JobMessage, type JobMessageType } from './jobMessages.js';
import { TariffSchema, type Tariff } from './tariff.js';
import { firstDuplicateKey } from './duplicateKeys.js';
import { MAX_JSON_DEPTH, scanPayload } from './scanPayload.js';
import { parseTopic } from './topics.js';
import { validateAgainst } from './validate.js';

export interface ParseInboundOptions {
  /** Payloads above this many bytes are rejected unread (a device has little memory to spare). */
  maxBytes: number;
  /** When given, jobs/commands topics of any other device are rejected. */
  deviceId?: string;
  /** Deepest `[`/`{` nesting accepted, checked on the raw bytes before parsing (default MAX_JSON_DEPTH). */
  maxDepth?: number;
}

export type InboundResult =
  | { kind: 'job'; topic: string; message: JobMessage }
  | { kind: 'command'; topic: string; message: Command }
  | { kind: 'tariff'; topic: string; tariffId: string; tariff: Tariff }
  /** An empty retained payload on a tariff topic withdraws that tariff. */
  | { kind: 'tariff-withdrawn'; topic: string; tariffId: string }
  | InboundRejection;

export interface InboundRejection {
  kind: 'rejected';
  topic: string;
  /** Which inbound channel it came on; 'unknown' for topics outside the contract. */
  channel: 'jobs' | 'commands' | 'tariff' | 'unknown';
  errors: ContractError[];
  messageId?: string;
  jobId?: string;
  tariffId?: string;
}

/** job.rejected carries at most this many errors; a message that wrong needs no more detail. */
export const MAX_REPORTED_ERRORS = 100;

// ignoreBOM: false drops one leading byte order mark (EF BB BF), which some back-office tools write
// and JSON.parse would refuse; stated here because the payload is accepted because of it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function parseInbound(topic: string, payload: Uint8Array, opts: ParseInboundOptions): InboundResult {
  const t = parseTopic(topic);
  const channel: InboundRejection['channel'] = !t
    ? 'unknown'
    : t.kind === 'jobs' || t.kind === 'commands' || t.kind === 'tariff'
      ? t.kind
      : 'unknown';
  const reject = (
    errors: ContractError[],
    ids: Partial<Pick<InboundRejection, 'messageId' | 'jobId' | 'tariffId'>> = {},
  ): InboundRejection => ({
    kind: 'rejected',
    topic,
    channel,
    errors: errors.slice(0, MAX_REPORTED_ERRORS).map(clamp),
    ...ids,
  });

  if (!t || channel === 'unknown') return reject([{ path: '/', message: `topic ${clip(topic)} is not one the device receives` }]);
  if (opts.deviceId !== undefined && 'deviceId' in t && t.deviceId !== opts.deviceId) {
    return reject([{ path: '/', message: `topic is for device ${t.deviceId}, not ${opts.deviceId}` }]);
  }
  const tariffId = t.kind === 'tariff' ? t.tariffId : undefined;
  if (tariffId !== undefined && payload.byteLength === 0) return { kind: 'tariff-withdrawn', topic, tariffId };
  // Refused before the parser: the answer still names the message, read by a bounded scan of the
  // raw bytes (scanPayload.ts says why depth is checked here and not after JSON.parse).
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH;
  if (payload.byteLength > opts.maxBytes) {
    return reject(
      [{ path: '/', message: `payload of ${payload.byteLength} bytes exceeds the limit of ${opts.maxBytes}` }],
      refusedIds(payload, maxDepth, opts.maxBytes, tariffId),
    );
  }
  const scan = scanPayload(payload, { maxDepth });
  if (scan.tooDeep) {
    return reject(
      [{ path: '/', message: `nested more than ${maxDepth} levels deep` }],
      refusedIds(payload, maxDepth, opts.maxBytes, tariffId),
    );
  }
  // JSON.parse would keep the last of two equal keys, other parsers the first (duplicateKeys.ts).
  const dup = firstDuplicateKey(payload);
  if (dup) {
    return reject(
      [{ path: dup.path, message: 'key appears more than once in the same object' }],
      refusedIds(payload, maxDepth, opts.maxBytes, tariffId),
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(payload));
  } catch (e) {
    const why = e instanceof TypeError ? 'not valid UTF-8' : `not valid JSON (${(e as Error).message})`;
    return reject([{ path: '/', message: why }], tariffId ? { tariffId } : {});
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject(
      [{ path: '/', message: `must be a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` }],
      tariffId ? { tariffId } : {},
    );
  }
  const obj = value as Record<string, unknown>;
  const ids = idsOf(obj);

  if (t.kind === 'tariff') {
    const errors = errorsOf(validateAgainst(TariffSchema, obj));
    if (typeof obj.tariffId === 'string' && obj.tariffId !== t.tariffId)
      errors.push({ path: '/tariffId', message: `must equal the topic's tariff id "${t.tariffId}"` });
    if (typeof obj.validTo === 'string' && typeof obj.validFrom === 'string' && obj.validTo < obj.validFrom)
      errors.push({ path: '/validTo', message: 'must not be before validFrom' });
    return errors.length
      ? reject(errors, { tariffId: t.tariffId })
      : { kind: 'tariff', topic, tariffId: t.tariffId, tariff: obj as Tariff };
  }

  const table: Record<string, (typeof JOB_MESSAGE_SCHEMAS)[JobMessageType] | (typeof COMMAND_SCHEMAS)[CommandType]> =
    t.kind === 'jobs' ? JOB_MESSAGE_SCHEMAS : COMMAND_SCHEMAS;
  const known = Object.keys(table);
  const type = obj.type;
  if (typeof type !== 'string' || !own(table, type)) {
    const what = t.kind === 'jobs' ? 'job message type' : 'command type';
    const message =
      type === undefined ? 'is required' : `unknown ${what} ${clip(JSON.stringify(type) ?? String(type))}; known: ${known.join(', ')}`;
    // Still list the envelope problems, so one round fixes them all.
    const errors: ContractError[] = [{ path: '/type', message }];
    if (typeof obj.messageId !== 'string')
      errors.push({ path: '/messageId', message: obj.messageId === undefined ? 'is required' : 'must be a string' });
    return reject(errors, ids);
  }

  const errors = errorsOf(validateAgainst(table[type]!, obj));
  if (type === 'job.assign' && typeof obj.job === 'object' && obj.job !== null) {
    errors.push(...kindRules(obj.job as Record<string, unknown>));
    errors.push(...customerRules(obj.job as Record<string, unknown>).map((e) => ({ ...e, path: `/job${e.path}` })));
  }
  if (errors.length) return reject(errors, ids);
  return t.kind === 'jobs'
    ? { kind: 'job', topic, message: obj as unknown as JobMessage }
    : { kind: 'command', topic, message: obj as unknown as Command };
}

/** Sender-controlled text inside our messages is clipped so a job.rejected event stays within its schema. */
function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
function clamp(e: ContractError): ContractError {
  return { path: clip(e.path, 300), message: clip(e.message, 500) };
}

function kindRules(job: Record<string, unknown>): ContractError[] {
  const kind = job.kind as keyof typeof REQUIRED_BY_KIND;
  const needed = typeof kind === 'string' ? (REQUIRED_BY_KIND[kind] ?? []) : [];
  return needed.filter((k) => job[k] === undefined).map((k) => ({ path: `/job/${k}`, message: `is required for ${kind} jobs` }));
}

function errorsOf(r: ReturnType<typeof validateAgainst>): ContractError[] {
  return r.ok ? [] : [...r.errors];
}

/** Ids of a payload refused unparsed: from a scan of at most `limit` bytes; tariffs by their topic. */
function refusedIds(
  payload: Uint8Array,
  maxDepth: number,
  limit: number,
  tariffId: string | undefined,
): Partial<Pick<InboundRejection, 'messageId' | 'jobId' | 'tariffId'>> {
  if (tariffId) return { tariffId };
  const { messageId, jobId } = scanPayload(payload, { maxDepth: Number.MAX_SAFE_INTEGER, limitBytes: limit });
  return { ...(messageId ? { messageId } : {}), ...(jobId ? { jobId } : {}) };
}

function idsOf(obj: Record<string, unknown>): { messageId?: string; jobId?: string } {
  const out: { messageId?: string; jobId?: string } = {};
  const short = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
  if (short(obj.messageId)) out.messageId = obj.messageId;
  const job = obj.job as Record<string, unknown> | undefined;
  if (short(obj.jobId)) out.jobId = obj.jobId;
  else if (job && typeof job === 'object' && short(job.jobId)) out.jobId = job.jobId;
  return out;
}
