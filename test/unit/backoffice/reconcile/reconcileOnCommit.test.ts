// Reconciliation as ingest runs it: EventStore stores a batch and calls the plug-in before COMMIT.
// On PGlite and PostgreSQL.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqlClient } from '../../../../src/backoffice/db/Database.js';
import { migrate } from '../../../../src/backoffice/db/migrate.js';
import { EventStore, type InTransactionHook } from '../../../../src/backoffice/ingest/EventStore.js';
import { reconcileBacklog, reconcileOnCommit } from '../../../../src/backoffice/reconcile/reconcileOnCommit.js';
import { reconcilePlugin } from '../../../../src/backoffice/reconcile/reconcilePlugin.js';
import type { Tariff } from '../../../../src/core/contract/tariff.js';
import { AppError, ErrorCode, isAppError } from '../../../../src/core/errors/AppError.js';
import { databaseTargets, type TestDatabase } from '../../../helpers/databases.js';
import { event, insertEvents, invoiceData, type TestEvent } from '../../../helpers/officeEvents.js';
import { rejects } from '../../../helpers/rejects.js';
import { loadTariff } from '../../../helpers/tariffs.js';

// Compile-time: the plug-in fits the hook EventStore takes.
const hook: InTransactionHook = reconcileOnCommit;

const AUG = loadTariff('esgaz-k1-2025-08');
const SEP = loadTariff('esgaz-k1-2025-09');
const example = { previousIndex: 12345, currentIndex: 12533, previousDate: '2025-08-01', currentDate: '2025-09-01', group: 'ESGAZ-K1' };
const acrossTariffs = { ...example, previousDate: '2025-09-01', currentDate: '2025-10-01' };

const eventMsg = (e: TestEvent) => ({ topic: `saha/v1/devices/${e.deviceId}/events/${e.type}`, payload: Buffer.from(JSON.stringify(e)) });
const tariffMsg = (t: Tariff) => ({ topic: `saha/v1/tariffs/${t.tariffId}`, payload: Buffer.from(JSON.stringify(t)) });
/** Verdicts of one series: each test uses its own device and series in one shared database. */
const verdicts = async (db: SqlClient, series: string) =>
  (
    await db.query<{ invoice_no: string; status: string }>(
      'select invoice_no, status from reconciliation where invoice_no like $1 order by invoice_no',
      [`${series}%`],
    )
  ).rows.map((r) => [r.invoice_no, r.status]);

for (const target of databaseTargets()) {
  const t = suite<{ db: TestDatabase }>(`reconcileOnCommit on ${target.name}`);
  t.before(async (ctx) => {
    ctx.db = await target.open();
    await migrate(ctx.db);
  });
  t.after(async (ctx) => ctx.db.close());

  t('every stored invoice gets its verdict in the batch that stores it; a tariff in the same batch is used', async ({ db }) => {
    const store = new EventStore(db);
    const out = await store.storeBatch(
      [
        tariffMsg(AUG),
        eventMsg(event('HT-1', 1, 'invoice.issued', { ...invoiceData('HTA2025000000001', example, [AUG]) })),
        eventMsg(event('HT-1', 2, 'invoice.issued', { ...invoiceData('HTA2025000000002', example, [AUG]), vat: '410.26' })),
        eventMsg(
          event('HT-1', 3, 'reading.recorded', {
            index: 12533,
            previousIndex: 12345,
            consumptionM3: '188',
            rollover: false,
            outlierConfirmed: false,
            readAt: '2025-09-01T10:00:00+03:00',
          }),
        ),
      ],
      hook,
    );
    assert.is(out.stored.length, 3, JSON.stringify(out.quarantined));
    assert.equal(await verdicts(db, 'HTA'), [
      ['HTA2025000000001', 'ok'],
      ['HTA2025000000002', 'mismatch'],
    ]);
  });

  t('an invoice waiting for a tariff is settled when the tariff arrives in a later batch', async ({ db }) => {
    const store = new EventStore(db);
    await store.storeBatch(
      [tariffMsg(AUG), eventMsg(event('HT-2', 1, 'invoice.issued', { ...invoiceData('HTB2025000000001', acrossTariffs, [AUG, SEP]) }))],
      hook,
    );
    assert.equal(await verdicts(db, 'HTB'), [['HTB2025000000001', 'unverifiable']]);
    await store.storeBatch([tariffMsg(SEP)], hook);
    assert.equal(await verdicts(db, 'HTB'), [['HTB2025000000001', 'ok']]);
  });

  t('a redelivered invoice is not checked twice, and a rolled-back batch leaves no verdict', async ({ db }) => {
    const store = new EventStore(db);
    const inv = eventMsg(event('HT-3', 1, 'invoice.issued', { ...invoiceData('HTC2025000000001', example, [AUG]) }));
    await store.storeBatch([inv], hook);
    const checkedAt = async () =>
      (await db.query<{ checked_at: Date }>(`select checked_at from reconciliation where invoice_no like 'HTC%'`)).rows.map((r) =>
        r.checked_at.toISOString(),
      );
    const first = await checkedAt();
    await store.storeBatch([inv], hook);
    assert.equal(await checkedAt(), first, 'the verdict row was not rewritten');

    // The database going away after the verdicts were written: the batch, verdicts included, rolls back.
    const failing: InTransactionHook = async (tx, o) => {
      await reconcileOnCommit(tx, o);
      throw new AppError('database went away', ErrorCode.Db_Unavailable);
    };
    const other = eventMsg(event('HT-3', 2, 'invoice.issued', { ...invoiceData('HTC2025000000002', example, [AUG]) }));
    await rejects(store.storeBatch([other], failing), (e) => isAppError(e, ErrorCode.Db_Unavailable));
    assert.equal(
      (await verdicts(db, 'HTC')).map((v) => v[0]),
      ['HTC2025000000001'],
    );
    await store.storeBatch([other], hook);
    assert.equal(await verdicts(db, 'HTC'), [
      ['HTC2025000000001', 'ok'],
      ['HTC2025000000002', 'ok'],
    ]);
  });

  t('the backlog of stored invoices without a verdict is caught up at start, in chunks', async ({ db }) => {
    await insertEvents(
      db,
      [1, 2, 3, 4, 5].map((n) => event('HT-9', n, 'invoice.issued', { ...invoiceData(`HTZ202500000000${n}`, example, [AUG]) })),
    );
    assert.is(await reconcileBacklog(db, 2), 5);
    assert.is(await reconcileBacklog(db, 2), 0);
    assert.equal(
      (await verdicts(db, 'HTZ')).map((v) => v[1]),
      ['ok', 'ok', 'ok', 'ok', 'ok'],
    );
  });

  t('the plug-in at start checks unchecked invoices and settles unverifiable ones whose tariff is now stored', async ({ db }) => {
    const lines: string[] = [];
    const ctx = { db, publish: async () => undefined, log: (_level: string, msg: string) => void lines.push(msg) };
    // An invoice left unverifiable (its tariff stored later by another instance, say) and one never checked.
    await insertEvents(db, [event('HT-8', 1, 'invoice.issued', { ...invoiceData('HTY2025000000001', acrossTariffs, [AUG, SEP]) })]);
    await db.query(`insert into reconciliation (event_id, invoice_no, status, reason)
      select event_id, 'HTY2025000000001', 'unverifiable', 'tariff never received: ESGAZ-K1-2025-09' from events where device_id = 'HT-8'`);
    await insertEvents(db, [event('HT-8', 2, 'invoice.issued', { ...invoiceData('HTY2025000000002', example, [AUG]) })]);
    const plugin = reconcilePlugin();
    assert.is(plugin.name, 'reconcile');
    await plugin.start!(ctx);
    assert.equal(await verdicts(db, 'HTY'), [
      ['HTY2025000000001', 'ok'],
      ['HTY2025000000002', 'ok'],
    ]);
    assert.equal(lines, ['reconcile: 1 stored invoice(s) checked at start, 1 of 1 unverifiable settled']);
  });

  t.run();
}
