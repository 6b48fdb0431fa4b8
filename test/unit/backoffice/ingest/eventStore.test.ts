/** EventStore on PGlite and PostgreSQL: what the office finds in the database after a batch. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Database } from '../../../../src/backoffice/db/Database.js';
import { PgDatabase } from '../../../../src/backoffice/db/PgDatabase.js';
import { migrate } from '../../../../src/backoffice/db/migrate.js';
import { EventStore, type IncomingMessage } from '../../../../src/backoffice/ingest/EventStore.js';
import { databaseTargets, type TestDatabase } from '../../../helpers/databases.js';
import { eventMessage, fixture, raw, statusMessage } from './deviceMessages.js';

const EVENT_TYPES = [
  'job.accepted',
  'job.rejected',
  'reading.recorded',
  'reading.skipped',
  'invoice.issued',
  'invoice.voided',
  'document.printed',
  'gas.cut',
  'gas.reconnected',
  'meter.removed',
  'meter.installed',
  'inspection.reported',
  'job.cancel-too-late',
  'device.wiped',
  'sync.requested',
];

for (const target of databaseTargets()) {
  const s = suite(`EventStore (${target.name})`);
  let db: TestDatabase;
  let store: EventStore;
  s.before.each(async () => {
    db = await target.open();
    await migrate(db);
    store = new EventStore(db);
  });
  s.after.each(async () => {
    await db.close();
  });

  const device = async (id: string) =>
    (
      await db.query<{ acked: number; max: number; floor: number }>(
        'select acked_seq::int as acked, max_seq::int as max, floor_seq::int as floor from devices where device_id = $1',
        [id],
      )
    ).rows[0];
  const count = async (sql: string, params: unknown[] = []) =>
    (await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params)).rows[0]!.n;
  const reasons = async () => (await db.query<{ reason: string }>('select reason from quarantine order by id')).rows.map((r) => r.reason);

  s('a batch stores each event once, with the envelope, and acknowledges the contiguous run', async () => {
    const out = await store.storeBatch([1, 2, 3].map((seq) => eventMessage('HT-1', seq)));
    assert.is(out.stored.length, 3);
    assert.equal(out.acks, [{ deviceId: 'HT-1', ackedSeq: 3 }]);
    const rows = await db.query<{ seq: number; envelope: { deviceId: string } }>(
      'select seq::int as seq, envelope from events order by seq',
    );
    assert.equal(
      rows.rows.map((r) => r.seq),
      [1, 2, 3],
    );
    assert.is(rows.rows[0]!.envelope.deviceId, 'HT-1');
    assert.equal(await device('HT-1'), { acked: 3, max: 3, floor: 1 });
  });

  s(
    'events nobody on the device caused are stored with operatorId null, and with "system" as devices sent them before the contract fix',
    async () => {
      const types = ['job.accepted', 'job.rejected', 'device.wiped'];
      const msgs = types.flatMap((type, i) => [
        eventMessage('HT-1', 2 * i + 1, { type, operatorId: null }),
        eventMessage('HT-1', 2 * i + 2, { type, operatorId: 'system' }),
      ]);
      const out = await store.storeBatch(msgs);
      assert.is(out.stored.length, 6, JSON.stringify(out.quarantined.map((q) => q.detail)));
      assert.equal(await reasons(), []);
      const rows = await db.query<{ type: string; operator_id: string | null }>('select type, operator_id from events order by seq');
      assert.equal(
        rows.rows.map((r) => [r.type, r.operator_id]),
        types.flatMap((t) => [
          [t, null],
          [t, 'system'],
        ]),
      );
    },
  );

  s('a duplicate eventId is a no-op, in another batch or the same one, and the ack is published again', async () => {
    const m = eventMessage('HT-1', 1);
    await store.storeBatch([m]);
    const again = await store.storeBatch([m, m]);
    assert.is(again.stored.length, 0);
    assert.is(again.duplicates, 2);
    assert.equal(again.acks, [{ deviceId: 'HT-1', ackedSeq: 1 }]);
    assert.is(await count('select * from events'), 1);
    assert.is(await count('select * from quarantine'), 0);
  });

  s('a gap holds the high-water mark until it is filled; max_seq runs ahead', async () => {
    const first = await store.storeBatch([
      eventMessage('HT-1', 1),
      eventMessage('HT-1', 2),
      eventMessage('HT-1', 4),
      eventMessage('HT-1', 5),
    ]);
    assert.equal(first.acks, [{ deviceId: 'HT-1', ackedSeq: 2 }]);
    assert.equal(await device('HT-1'), { acked: 2, max: 5, floor: 1 });
    const stuck = await store.storeBatch([eventMessage('HT-1', 7)]);
    assert.equal(stuck.acks, [], 'acked_seq did not move: nothing to publish');
    const filled = await store.storeBatch([eventMessage('HT-1', 3)]);
    assert.equal(filled.acks, [{ deviceId: 'HT-1', ackedSeq: 5 }]);
    assert.equal(await device('HT-1'), { acked: 5, max: 7, floor: 1 });
  });

  s('devices are acknowledged independently', async () => {
    const out = await store.storeBatch([eventMessage('HT-1', 1), eventMessage('HT-2', 2), eventMessage('HT-2', 1)]);
    assert.equal(
      out.acks.sort((a, b) => a.deviceId.localeCompare(b.deviceId)),
      [
        { deviceId: 'HT-1', ackedSeq: 1 },
        { deviceId: 'HT-2', ackedSeq: 2 },
      ],
    );
  });

  s('sync.requested raises the floor over seqs the device released, and the mark moves past them', async () => {
    await store.storeBatch([eventMessage('HT-1', 1), eventMessage('HT-1', 2), eventMessage('HT-1', 6)]);
    const sync = fixture('events/sync.requested.json');
    const out = await store.storeBatch([
      eventMessage('HT-1', 7, { type: 'sync.requested', data: { ...(sync.data as object), heldFromSeq: 6 } }),
    ]);
    assert.equal(out.acks, [{ deviceId: 'HT-1', ackedSeq: 7 }]);
    assert.equal(await device('HT-1'), { acked: 7, max: 7, floor: 6 });
    // A later sync with a lower heldFromSeq (a stale page) never lowers the floor.
    await store.storeBatch([eventMessage('HT-1', 8, { type: 'sync.requested', data: { ...(sync.data as object), heldFromSeq: 2 } })]);
    assert.equal(await device('HT-1'), { acked: 8, max: 8, floor: 6 });
  });

  s('a floor above everything stored acknowledges up to just below it', async () => {
    const sync = fixture('events/sync.requested.json');
    const out = await store.storeBatch([
      eventMessage('HT-1', 50, { type: 'sync.requested', data: { ...(sync.data as object), heldFromSeq: 40 } }),
    ]);
    assert.equal(await device('HT-1'), { acked: 39, max: 50, floor: 40 });
    assert.equal(out.acks, [{ deviceId: 'HT-1', ackedSeq: 39 }]);
  });

  s('every quarantine reason is stored with its detail, and none counts as acknowledged', async () => {
    await store.storeBatch([eventMessage('HT-1', 1)]);
    const bad = eventMessage('HT-1', 2);
    const invalid = eventMessage('HT-1', 2, { data: { jobId: 'J-1' } });
    const out = await store.storeBatch([
      raw('saha/v1/devices/HT-1/events/job.accepted', '{not json'),
      raw('saha/v1/devices/HT-1/events/job.accepted', Buffer.from([0xff, 0xfe])),
      invalid,
      eventMessage('HT-1', 2, { topicDevice: 'HT-9' }),
      eventMessage('HT-1', 2, { topicType: 'gas.cut' }),
      eventMessage('HT-1', 1),
      { ...bad, payload: Buffer.from(JSON.stringify({ ...bad.envelope, seq: 1 })) },
    ]);
    assert.is(out.stored.length, 0);
    assert.equal(out.acks, []);
    assert.equal(await reasons(), [
      'not-json',
      'not-json',
      'schema-invalid',
      'device-mismatch',
      'type-mismatch',
      'seq-conflict',
      'seq-conflict',
    ]);
    const q = (
      await db.query<{ device_id: string; seq: number; detail: string }>(
        "select device_id, seq::int as seq, detail from quarantine where reason = 'schema-invalid'",
      )
    ).rows[0]!;
    assert.equal([q.device_id, q.seq], ['HT-1', 2]);
    assert.match(q.detail, /version/);
    const mismatch = (await db.query<{ device_id: string }>("select device_id from quarantine where reason = 'device-mismatch'")).rows[0]!;
    assert.is(mismatch.device_id, 'HT-9', 'filed under the device the broker authenticated (the topic)');
    assert.equal(await device('HT-1'), { acked: 1, max: 1, floor: 1 });
  });

  s('an eventId stored for another seq is an id-conflict, and a too-large payload is kept only in part', async () => {
    const m = eventMessage('HT-1', 1);
    await store.storeBatch([m]);
    const moved = { ...m.envelope, seq: 2 };
    const big = new EventStore(db, { maxPayloadBytes: 200 });
    const out = await big.storeBatch([raw(m.topic, JSON.stringify(moved)), raw(m.topic, 'x'.repeat(100) + JSON.stringify(moved))]);
    assert.equal(
      out.quarantined.map((q) => q.reason),
      ['too-large', 'too-large'],
    );
    await store.storeBatch([raw(m.topic, JSON.stringify(moved))]);
    assert.equal(await reasons(), ['too-large', 'too-large', 'id-conflict']);
  });

  s('the same bad bytes sent again count as one quarantine row with attempts', async () => {
    const m = raw('saha/v1/devices/HT-1/events/job.accepted', '{oops');
    await store.storeBatch([m, m]);
    await store.storeBatch([m]);
    assert.equal((await db.query('select reason, attempts from quarantine')).rows, [{ reason: 'not-json', attempts: 3 }]);
  });

  s('a string PostgreSQL cannot store (\\u0000) is quarantined, not a failed batch', async () => {
    const m = eventMessage('HT-1', 1, { type: 'reading.skipped', data: { reasonCode: '99', note: 'a\u0000b' } });
    const out = await store.storeBatch([m, eventMessage('HT-1', 2)]);
    assert.is(out.stored.length, 1);
    assert.equal(await reasons(), ['schema-invalid']);
  });

  s('a batch a plug-in cannot handle is split: the bad message is quarantined as store-failed, the rest stored', async () => {
    const poison = eventMessage('HT-1', 2);
    const out = await store.storeBatch([eventMessage('HT-1', 1), poison, eventMessage('HT-1', 3)], async (_tx, o) => {
      if (o.stored.some((e) => e.envelope.eventId === poison.envelope.eventId)) throw new Error('plug-in refuses it');
    });
    assert.equal(
      out.stored.map((e) => e.envelope.seq),
      [1, 3],
    );
    assert.equal(await reasons(), ['store-failed']);
    assert.equal(await device('HT-1'), { acked: 1, max: 3, floor: 1 });
  });

  s('status messages record online/offline and report the transition to online once', async () => {
    const a = await store.storeBatch([statusMessage('HT-1', 'online')]);
    assert.equal(
      a.statuses.map((x) => [x.deviceId, x.online, x.cameOnline]),
      [['HT-1', true, true]],
    );
    const b = await store.storeBatch([statusMessage('HT-1', 'online')]);
    assert.equal(
      b.statuses.map((x) => x.cameOnline),
      [false],
    );
    const c = await store.storeBatch([statusMessage('HT-1', 'offline'), statusMessage('HT-1', 'online'), statusMessage('HT-1', 'offline')]);
    assert.equal(
      c.statuses.map((x) => [x.online, x.cameOnline]),
      [[false, true]],
    );
    const row = (await db.query<{ online: boolean; status: { state: string } }>('select online, status from devices')).rows[0]!;
    assert.equal([row.online, row.status.state], [false, 'offline']);
    await store.storeBatch([raw('saha/v1/devices/HT-1/status', '{"state":"sideways"}')]);
    assert.equal(await reasons(), ['schema-invalid']);
  });

  s('tariffs keep every version by canonical body; an empty payload withdraws them', async () => {
    const t = fixture('tariffs/ESGAZ-K1-2025-08.json');
    const topic = `saha/v1/tariffs/${t.tariffId}`;
    const reordered = Object.fromEntries(Object.entries(t).reverse());
    const a = await store.storeBatch([raw(topic, JSON.stringify(t)), raw(topic, JSON.stringify(reordered, null, 2))]);
    assert.equal(
      a.tariffs.map((x) => x.isNew),
      [true, false],
      'same body in another key order is the same version',
    );
    await store.storeBatch([raw(topic, JSON.stringify({ ...t, unitPricePerKwh: '9.99' }))]);
    const w = await store.storeBatch([raw(topic, '')]);
    assert.equal(w.tariffs, [{ tariffId: t.tariffId as string, tariff: null, bodySha256: null, isNew: true }]);
    const rows = (await db.query<{ withdrawn: boolean }>('select withdrawn_at is not null as withdrawn from tariff_versions')).rows;
    assert.equal(rows, [{ withdrawn: true }, { withdrawn: true }]);
    const back = await store.storeBatch([raw(topic, JSON.stringify(t))]);
    assert.equal(
      back.tariffs.map((x) => x.isNew),
      [true],
      'offered again after withdrawal',
    );
  });

  s('every event type lands in its office view with money as text', async () => {
    const out = await store.storeBatch(EVENT_TYPES.map((type, i) => eventMessage('HT-1', i + 1, { type })));
    assert.is(out.stored.length, EVENT_TYPES.length, JSON.stringify(out.quarantined.map((q) => q.detail)));
    const inv = (
      await db.query<{ total: string; payable: string; local_date: string; trace: unknown[] }>(
        'select total, payable, local_date, trace from invoices',
      )
    ).rows[0]!;
    const data = fixture('events/invoice.issued.json').data as { total: string; payable: string };
    assert.equal([inv.total, inv.payable], [data.total, data.payable]);
    assert.ok(Array.isArray(inv.trace));
    for (const [view, n] of [
      ['readings', 2],
      ['voided_numbers', 1],
      ['field_work', 4],
      ['inspection_reports', 1],
      ['printed_documents', 1],
      ['rejected_jobs', 1],
    ] as const) {
      assert.is(await count(`select * from ${view}`), n, view);
    }
  });

  s('acks not yet published are listed until marked, and marking never lowers them', async () => {
    await store.storeBatch([eventMessage('HT-1', 1), eventMessage('HT-2', 1), eventMessage('HT-2', 2)]);
    assert.equal(await store.unpublishedAcks(), [
      { deviceId: 'HT-1', ackedSeq: 1 },
      { deviceId: 'HT-2', ackedSeq: 2 },
    ]);
    await store.markPublished([{ deviceId: 'HT-2', ackedSeq: 2 }]);
    await store.markPublished([{ deviceId: 'HT-2', ackedSeq: 1 }]);
    assert.equal(await store.unpublishedAcks(), [{ deviceId: 'HT-1', ackedSeq: 1 }]);
  });

  s("two instances storing one device's events at the same time end with every seq and the full high-water mark", async () => {
    // postgres: a second pool, as a second ingest process in the same shared-subscription group.
    const otherDb: Database = db.url ? new PgDatabase(db.url) : db;
    const other = new EventStore(otherDb);
    try {
      const odd: IncomingMessage[] = [],
        even: IncomingMessage[] = [];
      for (let seq = 1; seq <= 200; seq++) (seq % 2 ? odd : even).push(eventMessage('HT-1', seq));
      const chunks = (l: typeof odd) => Array.from({ length: 10 }, (_, i) => l.slice(i * 10, i * 10 + 10));
      await Promise.all([
        (async () => {
          for (const c of chunks(odd)) await store.storeBatch(c);
        })(),
        (async () => {
          for (const c of chunks(even)) await other.storeBatch(c);
        })(),
      ]);
      assert.is(await count('select * from events'), 200);
      assert.equal(await device('HT-1'), { acked: 200, max: 200, floor: 1 });
    } finally {
      if (otherDb !== db) await otherDb.close();
    }
  });

  s.run();
}
