/**
 * Stores a batch of MQTT messages from devices in the back-office database, in one transaction:
 * events (one row per eventId; a duplicate is a no-op), the quarantine for what cannot be accepted,
 * device status, tariff versions, and per device the contiguous high-water mark `acked_seq` that
 * the acks topic publishes. The caller PUBACKs the messages only after `storeBatch` resolves, so a
 * crash at any point before that means the broker delivers them again, and storing them again
 * changes nothing.
 *
 * Failure handling:
 * - Db_Unavailable (and anything else retrying may fix, e.g. a deadlock between two instances):
 *   rejected, nothing committed; the caller retries later.
 * - A batch that fails for a reason retrying cannot fix (PostgreSQL refuses a value — 22xxx/23xxx/
 *   54xxx — or a plug-in throws a plain Error) is split and every message stored on its own, so one
 *   poisonous message is quarantined as 'store-failed' instead of blocking every device forever.
 */
import { ErrorCode, isAppError } from '../../core/errors/AppError.js';
import type { Database, SqlClient } from '../db/Database.js';
import { emptyOutcome, mergeOutcomes, type BatchOutcome, type StatusChange, type TariffChange } from './batchTypes.js';
import { classifyMessage, sha256Hex, type Classified } from './classifyMessage.js';
import type { QuarantineEntry } from './quarantine.js';
import {
  advanceDevices,
  applyStatuses,
  findStored,
  insertEvents,
  insertQuarantine,
  lockDevices,
  putTariff,
  seqKey,
  withdrawTariff,
  type BatchSeq,
  type EventRow,
  type StatusRow,
} from './storeSteps.js';

export interface IncomingMessage {
  topic: string;
  payload: Buffer;
}

export interface EventStoreOptions {
  /** Largest payload stored; above it the message is quarantined as 'too-large'. Default 256 KiB. */
  maxPayloadBytes?: number;
}

/** Runs inside the batch transaction after everything is written; throwing rolls the batch back. */
export type InTransactionHook = (tx: SqlClient, outcome: BatchOutcome) => Promise<void>;

type EventItem = Extract<Classified, { kind: 'event' }>;

export class EventStore {
  private readonly maxBytes: number;

  constructor(
    private readonly db: Database,
    o: EventStoreOptions = {},
  ) {
    this.maxBytes = o.maxPayloadBytes ?? 256 * 1024;
  }

  async storeBatch(messages: readonly IncomingMessage[], hook?: InTransactionHook): Promise<BatchOutcome> {
    const items = messages.map((m) => classifyMessage(m.topic, m.payload, { maxBytes: this.maxBytes }));
    try {
      return await this.db.transaction((tx) => this.write(tx, items, hook));
    } catch (e) {
      if (!unfixableByRetry(e)) throw e;
      if (items.length > 1) {
        const parts: BatchOutcome[] = [];
        for (const m of messages) parts.push(await this.storeBatch([m], hook));
        return mergeOutcomes(parts);
      }
      return this.quarantineAlone(messages[0]!, e);
    }
  }

  /** Devices whose acked_seq is ahead of the last published ack (a crash between commit and publish). */
  async unpublishedAcks(): Promise<{ deviceId: string; ackedSeq: number }[]> {
    const r = await this.db.query<{ device_id: string; acked: string }>(
      'select device_id, acked_seq::text as acked from devices where acked_seq > published_ack order by device_id',
    );
    return r.rows.map((x) => ({ deviceId: x.device_id, ackedSeq: Number(x.acked) }));
  }

  /**
   * Records what the broker acknowledged on the acks topics (never lowers it). The rows are locked in
   * device_id order first, the order lockDevices uses: an update taking them in plan order could
   * deadlock with the batch being stored meanwhile (seen as soon as two batches overlap). One round
   * trip (pipeline, Database.ts).
   */
  async markPublished(acks: readonly { deviceId: string; ackedSeq: number }[]): Promise<void> {
    if (!acks.length) return;
    const ids = acks.map((a) => a.deviceId);
    await this.db.transaction((tx) =>
      settledInOrder([
        tx.query('select 1 from devices where device_id = any($1::text[]) order by device_id for update', [ids]),
        tx.query(
          `update devices v set published_ack = greatest(v.published_ack, a.seq)
         from unnest($1::text[], $2::bigint[]) as a(device_id, seq) where v.device_id = a.device_id`,
          [ids, acks.map((a) => String(a.ackedSeq))],
        ),
      ] as const),
    );
  }

  private async write(tx: SqlClient, items: readonly Classified[], hook?: InTransactionHook): Promise<BatchOutcome> {
    const out = emptyOutcome();
    const quarantined: QuarantineEntry[] = [];
    const events = firstOfEachId(
      items.filter((i): i is EventItem => i.kind === 'event'),
      out,
    );
    for (const i of items) {
      if (i.kind === 'quarantine') quarantined.push(i.entry);
      if (i.kind === 'ignored') out.ignored += 1;
    }
    const deviceIds = new Set<string>();
    for (const i of items) {
      if (i.kind === 'event') deviceIds.add(i.envelope.deviceId);
      if (i.kind === 'status') deviceIds.add(i.deviceId);
      if (i.kind === 'quarantine' && i.entry.deviceId) deviceIds.add(i.entry.deviceId);
    }
    // One round trip for the common batch (pipeline, Database.ts): the device locks, the insert, and
    // the high-water marks, which read what is stored from the table and so need neither the
    // insert's answer nor the lock's; the server runs them in this order.
    const rows = events.map(toRow);
    const [wasOnline, inserted, moved] = await settledInOrder([
      lockDevices(tx, [...deviceIds]),
      insertEvents(tx, rows),
      advanceDevices(tx, events.map(toBatchSeq)),
    ] as const);
    const rejected = events.filter((e) => !inserted.has(e.envelope.eventId.toLowerCase()));
    const resent = new Set<string>();
    if (rejected.length) {
      const { byId, bySeq } = await findStored(tx, rejected.map(toRow));
      for (const e of rejected) {
        const env = e.envelope;
        const same = byId.get(env.eventId.toLowerCase());
        if (same && same.deviceId === env.deviceId && same.seq === env.seq) {
          out.duplicates += 1;
          resent.add(env.deviceId);
        } else if (same) {
          quarantined.push(conflict(e, 'id-conflict', `eventId is already stored as ${same.deviceId} seq ${same.seq}`));
        } else {
          const other = bySeq.get(seqKey(env.deviceId, env.seq));
          quarantined.push(
            conflict(
              e,
              'seq-conflict',
              `seq ${env.seq} of ${env.deviceId} is already stored under eventId ${other?.eventId ?? '(unknown)'}`,
            ),
          );
        }
      }
    }
    out.stored = events
      .filter((e) => inserted.has(e.envelope.eventId.toLowerCase()))
      .map((e) => ({ topic: e.topic, envelope: e.envelope }));
    await insertQuarantine(tx, quarantined);
    out.quarantined = quarantined;

    for (const [deviceId, m] of moved) {
      if (m.after > m.before || resent.has(deviceId)) out.acks.push({ deviceId, ackedSeq: m.after });
    }
    out.statuses = await this.writeStatuses(tx, items, wasOnline);
    out.tariffs = await this.writeTariffs(tx, items);
    if (hook) await hook(tx, out);
    return out;
  }

  private async writeStatuses(tx: SqlClient, items: readonly Classified[], wasOnline: Map<string, boolean>): Promise<StatusChange[]> {
    const latest = new Map<string, StatusChange>();
    for (const i of items) {
      if (i.kind !== 'status') continue;
      const online = i.status?.state === 'online';
      const before = latest.get(i.deviceId)?.online ?? wasOnline.get(i.deviceId) ?? false;
      const cameOnline = (latest.get(i.deviceId)?.cameOnline ?? false) || (!before && online);
      latest.set(i.deviceId, { deviceId: i.deviceId, status: i.status, online, cameOnline });
    }
    const rows: StatusRow[] = [...latest.values()].map((s) => ({
      deviceId: s.deviceId,
      json: s.status ? JSON.stringify(s.status) : null,
      online: s.online,
    }));
    await applyStatuses(tx, rows);
    return [...latest.values()];
  }

  private async writeTariffs(tx: SqlClient, items: readonly Classified[]): Promise<TariffChange[]> {
    const out: TariffChange[] = [];
    // One statement per tariff message: they are rare (a few per tariff change), and order matters.
    for (const i of items) {
      if (i.kind === 'tariff') {
        const isNew = await putTariff(tx, i.tariffId, i.bodySha256, JSON.stringify(i.tariff));
        out.push({ tariffId: i.tariffId, tariff: i.tariff, bodySha256: i.bodySha256, isNew });
      } else if (i.kind === 'tariff-withdrawn') {
        const isNew = await withdrawTariff(tx, i.tariffId);
        out.push({ tariffId: i.tariffId, tariff: null, bodySha256: null, isNew });
      }
    }
    return out;
  }

  private async quarantineAlone(m: IncomingMessage, cause: unknown): Promise<BatchOutcome> {
    const c = classifyMessage(m.topic, m.payload, { maxBytes: this.maxBytes });
    const env = c.kind === 'event' ? c.envelope : undefined;
    const entry: QuarantineEntry = {
      topic: m.topic,
      deviceId: env?.deviceId ?? (c.kind === 'status' ? c.deviceId : null),
      eventId: env?.eventId ?? null,
      seq: env?.seq ?? null,
      reason: 'store-failed',
      detail: `${(cause as Error).message}`.slice(0, 2000),
      payload: m.payload.toString('utf8').replace(/\u0000/g, '\uFFFD'),
      payloadSha256: sha256Hex(m.payload),
    };
    await this.db.transaction((tx) => insertQuarantine(tx, [entry]));
    return { ...emptyOutcome(), quarantined: [entry] };
  }
}

/** The same event twice in one batch: the later copies are duplicates before the database is asked. */
function firstOfEachId(events: EventItem[], out: BatchOutcome): EventItem[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const id = e.envelope.eventId.toLowerCase();
    if (seen.has(id)) {
      out.duplicates += 1;
      return false;
    }
    seen.add(id);
    return true;
  });
}

function toRow(e: EventItem): EventRow {
  const env = e.envelope;
  return {
    eventId: env.eventId.toLowerCase(),
    deviceId: env.deviceId,
    seq: env.seq,
    type: env.type,
    occurredAt: env.occurredAt,
    operatorId: env.operatorId,
    jobId: env.jobId ?? null,
    json: e.json,
  };
}

function conflict(e: EventItem, reason: 'seq-conflict' | 'id-conflict', detail: string): QuarantineEntry {
  const env = e.envelope;
  return {
    topic: e.topic,
    deviceId: env.deviceId,
    eventId: env.eventId,
    seq: env.seq,
    reason,
    detail,
    payload: e.payload,
    payloadSha256: e.payloadSha256,
  };
}

function toBatchSeq(e: EventItem): BatchSeq {
  const env = e.envelope;
  return {
    deviceId: env.deviceId,
    seq: env.seq,
    eventId: env.eventId.toLowerCase(),
    heldFromSeq: env.type === 'sync.requested' ? env.data.heldFromSeq : 0,
  };
}

/**
 * Awaits statements issued together (pipeline) and throws the first error in issue order: when one
 * fails, the ones behind it fail with "transaction aborted", which is not the cause.
 */
async function settledInOrder<T extends readonly unknown[]>(list: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(list);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Errors a retry cannot fix: the data or the code is wrong, not the connection. */
function unfixableByRetry(e: unknown): boolean {
  if (isAppError(e, ErrorCode.Db_Query)) return /^(22|23|54)/.test(String(e.context.sqlState ?? ''));
  return !isAppError(e);
}
