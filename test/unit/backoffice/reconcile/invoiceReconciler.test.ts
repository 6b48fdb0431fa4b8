// Reconciliation against the event store, on PGlite and PostgreSQL: verdicts stored per invoice,
// unverifiable ones settled when the missing tariff arrives.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqlClient } from '../../../../src/backoffice/db/Database.js';
import { migrate } from '../../../../src/backoffice/db/migrate.js';
import { m0001 } from '../../../../src/backoffice/db/migrations/0001_events.js';
import { m0003 } from '../../../../src/backoffice/db/migrations/0003_reconcile.js';
import { recheckUnverifiable, reconcileStoredEvents, reconcileUnchecked } from '../../../../src/backoffice/reconcile/InvoiceReconciler.js';
import { databaseTargets, type TestDatabase } from '../../../helpers/databases.js';
import { event, insertEvents, insertTariff, invoiceData } from '../../../helpers/officeEvents.js';
import { loadTariff } from '../../../helpers/tariffs.js';

const AUG = loadTariff('esgaz-k1-2025-08');
const SEP = loadTariff('esgaz-k1-2025-09');
const example = { previousIndex: 12345, currentIndex: 12533, previousDate: '2025-08-01', currentDate: '2025-09-01', group: 'ESGAZ-K1' };

const verdicts = async (db: SqlClient) =>
  (
    await db.query<{ invoice_no: string; status: string; differences: unknown; reason: string | null }>(
      'select invoice_no, status, differences, reason from reconciliation order by invoice_no',
    )
  ).rows;

for (const target of databaseTargets()) {
  const t = suite<{ db: TestDatabase }>(`InvoiceReconciler on ${target.name}`);
  t.before(async (ctx) => {
    ctx.db = await target.open();
    await migrate(ctx.db, [m0001, m0003]);
  });
  // One database per target (opening one costs seconds); each test starts from empty tables.
  t.before.each(async ({ db }) => void (await db.query('truncate reconciliation, events, tariff_versions')));
  t.after(async (ctx) => ctx.db.close());

  t('stored invoices get a verdict each, in the transaction that stores them', async ({ db }) => {
    await insertTariff(db, AUG);
    const good = event('HT-1', 1, 'invoice.issued', { ...invoiceData('HTA2025000000001', example, [AUG]) });
    const bad = event('HT-1', 2, 'invoice.issued', { ...invoiceData('HTA2025000000002', example, [AUG]), payable: '2462.01' });
    const reading = event('HT-1', 3, 'reading.recorded', {});
    await db.transaction(async (tx) => {
      await insertEvents(tx, [good, bad, reading]);
      const v = await reconcileStoredEvents(tx, [good.eventId, bad.eventId, reading.eventId]);
      assert.equal(
        v.map((x) => x.result.status),
        ['ok', 'mismatch'],
      );
    });
    assert.equal(await verdicts(db), [
      { invoice_no: 'HTA2025000000001', status: 'ok', differences: [], reason: null },
      {
        invoice_no: 'HTA2025000000002',
        status: 'mismatch',
        differences: [{ field: 'payable', expected: '2462.00', actual: '2462.01' }],
        reason: null,
      },
    ]);
  });

  t('an invoice naming a tariff the office lacks is unverifiable until that tariff arrives', async ({ db }) => {
    await insertTariff(db, AUG);
    const inv = event('HT-1', 1, 'invoice.issued', {
      ...invoiceData('HTA2025000000001', { ...example, previousDate: '2025-09-01', currentDate: '2025-10-01' }, [AUG, SEP]),
    });
    await insertEvents(db, [inv]);
    await db.transaction((tx) => reconcileUnchecked(tx));
    const [before] = await verdicts(db);
    assert.is(before!.status, 'unverifiable');
    assert.match(before!.reason ?? '', 'ESGAZ-K1-2025-09');

    // Another tariff's arrival does not touch it; the missing one settles it.
    assert.equal(await db.transaction((tx) => recheckUnverifiable(tx, 'OTHER-TARIFF')), []);
    await insertTariff(db, SEP, '2025-09-10T00:00:00Z');
    const rechecked = await db.transaction((tx) => recheckUnverifiable(tx, SEP.tariffId));
    assert.equal(
      rechecked.map((v) => v.result.status),
      ['ok'],
    );
    assert.equal(
      (await verdicts(db)).map((v) => [v.status, v.reason]),
      [['ok', null]],
    );
  });

  t('catch-up reconciles only invoices without a verdict', async ({ db }) => {
    await insertTariff(db, AUG);
    await insertEvents(
      db,
      [1, 2, 3].map((n) => event('HT-2', n, 'invoice.issued', { ...invoiceData(`HTB202500000000${n}`, example, [AUG]) })),
    );
    assert.is((await db.transaction((tx) => reconcileUnchecked(tx))).length, 3);
    assert.is((await db.transaction((tx) => reconcileUnchecked(tx))).length, 0);
  });

  t.run();
}
