// `saha report` figures from a known office day, on PGlite and PostgreSQL: every figure checked,
// the mismatch listed with its field, numbering gaps and duplicates listed, --date and --device.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate } from '../../../../src/backoffice/db/migrate.js';
import { m0001 } from '../../../../src/backoffice/db/migrations/0001_events.js';
import { m0003 } from '../../../../src/backoffice/db/migrations/0003_reconcile.js';
import { numberingGaps } from '../../../../src/backoffice/reconcile/numberingGaps.js';
import { buildReport } from '../../../../src/backoffice/report/buildReport.js';
import { renderReport } from '../../../../src/backoffice/report/renderReport.js';
import { databaseTargets, type TestDatabase } from '../../../helpers/databases.js';
import { event, insertEvents, type TestEvent } from '../../../helpers/officeEvents.js';
import { seedFixture } from './reportFixture.js';

const eventIdOf = (events: TestEvent[], device: string, seq: number) => events.find((e) => e.deviceId === device && e.seq === seq)!.eventId;

for (const target of databaseTargets()) {
  const t = suite<{ db: TestDatabase; events: TestEvent[] }>(`report on ${target.name}`);
  t.before(async (ctx) => {
    ctx.db = await target.open();
    await migrate(ctx.db);
    ctx.events = await seedFixture(ctx.db, { jobs: true });
  });
  t.after(async (ctx) => ctx.db.close());

  t('the whole store: every figure', async ({ db, events }) => {
    const r = await buildReport(db);
    assert.equal(r, {
      date: null,
      device: null,
      devices: [
        { deviceId: 'HT-1', ackedSeq: 3, missingSeqs: [4, 7, 14, 16], missingCount: 4, missingReleased: 0, quarantined: 2 },
        { deviceId: 'HT-2', ackedSeq: 6, missingSeqs: [1, 2], missingCount: 2, missingReleased: 2, quarantined: 0 },
        { deviceId: 'HT-3', ackedSeq: 0, missingSeqs: [], missingCount: 0, missingReleased: 0, quarantined: 1 },
      ],
      // 2461.63 × 4 + 2520.01 (the two-tariff period); payable 2462.00 × 3 + 2462.01 + 2520.00
      invoices: { count: 5, totalSum: '12366.53', payableSum: '12368.01' },
      readings: { done: 1, skipped: 1, heldForReview: 0 },
      fieldWork: { cuts: 1, reconnections: 1, meterExchanges: 1 },
      inspections: { count: 2, accrualSum: '1234.50' },
      reconciliation: {
        checked: 4,
        mismatches: [
          {
            eventId: eventIdOf(events, 'HT-1', 3),
            deviceId: 'HT-1',
            seq: 3,
            invoiceNo: 'HTA2025000000002',
            differences: [{ field: 'payable', expected: '2462.00', actual: '2462.01' }],
          },
        ],
        unverifiable: [
          {
            eventId: eventIdOf(events, 'HT-2', 4),
            deviceId: 'HT-2',
            invoiceNo: 'HTB2025000000011',
            reason: 'tariff never received: ESGAZ-K1-2025-09',
          },
        ],
        unchecked: 0,
      },
      numbering: {
        gaps: [{ series: 'HTA', year: 2025, from: 4, to: 4 }],
        duplicates: [{ invoiceNo: 'HTB2025000000011', issued: 1, voided: 1 }],
        malformed: ['BOGUS'],
      },
      // assigns only: m1–m5 and m7 (m6 is a cancel)
      jobs: { sent: 5, accepted: 2, awaitingAcceptance: 3, rejected: 1 },
      notes: [],
    });
  });

  t('numbering in SQL agrees with the pure check on the same numbers', async ({ db, events }) => {
    const nos = (type: string) => events.filter((e) => e.type === type).map((e) => String(e.data.invoiceNo));
    assert.equal((await buildReport(db)).numbering, numberingGaps(nos('invoice.issued'), nos('invoice.voided')));
  });

  t("--date: the crew's local day (00:30 in Istanbul is that day, not the UTC one)", async ({ db }) => {
    const day1 = await buildReport(db, { date: '2025-09-01' });
    assert.equal(day1.invoices, { count: 3, totalSum: '7384.89', payableSum: '7386.01' });
    assert.equal(day1.readings, { done: 1, skipped: 1, heldForReview: 0 });
    assert.equal(day1.fieldWork, { cuts: 1, reconnections: 0, meterExchanges: 0 });
    assert.equal(day1.inspections, { count: 1, accrualSum: '0.00' });
    assert.is(day1.reconciliation!.checked, 3);
    assert.equal(day1.reconciliation!.unverifiable, []);
    assert.equal(day1.numbering.gaps, [{ series: 'HTA', year: 2025, from: 4, to: 4 }]);
    assert.equal(day1.numbering.duplicates, []);
    assert.is(day1.devices.length, 3, 'delivery state is not narrowed by date');

    const day2 = await buildReport(db, { date: '2025-09-02' });
    assert.equal(day2.invoices, { count: 2, totalSum: '4981.64', payableSum: '4982.00' });
    assert.equal(day2.fieldWork, { cuts: 0, reconnections: 1, meterExchanges: 1 });
    assert.equal(day2.inspections, { count: 1, accrualSum: '1234.50' });
    assert.equal(day2.reconciliation!.mismatches, []);

    const empty = await buildReport(db, { date: '2024-01-01' });
    assert.equal(empty.invoices, { count: 0, totalSum: '0.00', payableSum: '0.00' });
    assert.equal(empty.numbering, { gaps: [], duplicates: [], malformed: [] });
  });

  t("--device: that device's delivery, work, numbering and jobs only", async ({ db }) => {
    const r = await buildReport(db, { deviceId: 'HT-2' });
    assert.equal(
      r.devices.map((d) => d.deviceId),
      ['HT-2'],
    );
    assert.equal(r.invoices, { count: 2, totalSum: '4981.64', payableSum: '4982.00' });
    assert.equal(r.readings, { done: 0, skipped: 0, heldForReview: 0 });
    assert.equal(r.reconciliation!.mismatches, []);
    assert.is(r.reconciliation!.unverifiable.length, 1);
    assert.equal(r.numbering.gaps, []);
    assert.equal(
      r.numbering.duplicates.map((d) => d.invoiceNo),
      ['HTB2025000000011'],
    );
    assert.equal(r.numbering.malformed, ['BOGUS']);
    assert.equal(r.jobs, { sent: 1, accepted: 0, awaitingAcceptance: 1, rejected: 0 });
  });

  t('the table names the mismatch, the gap, the duplicate and the missing seqs', async ({ db }) => {
    const text = renderReport(await buildReport(db));
    assert.match(text, 'MISMATCH HTA2025000000002 (HT-1 seq 3)');
    assert.match(text, 'payable: office 2462.00, printed 2462.01');
    assert.match(text, 'GAP HTA 2025: 4 missing');
    assert.match(text, 'DUPLICATE HTB2025000000011: issued 1×, voided 1×');
    assert.match(text, '4: 4, 7, 14, 16');
    assert.match(text, '2: 1–2; 2 released by the device before acks');
  });

  t.run();

  const bare = suite<{ db: TestDatabase }>(`report on ${target.name} without the job ledger`);
  bare.before(async (ctx) => {
    ctx.db = await target.open();
    await migrate(ctx.db, [m0001, m0003]);
    await seedFixture(ctx.db, { jobs: false });
  });
  bare.after(async (ctx) => ctx.db.close());
  bare('jobs are null and a note says why; the other figures are unaffected', async ({ db }) => {
    const r = await buildReport(db);
    assert.is(r.jobs, null);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0]!, 'job_messages');
    assert.is(r.invoices.count, 5);
    assert.match(renderReport(r), 'Note: no job ledger');
  });
  bare.run();

  const held = suite<{ db: TestDatabase }>(`report on ${target.name}: readings held for the office`);
  held.before(async (ctx) => {
    ctx.db = await target.open();
    await migrate(ctx.db);
    await insertEvents(ctx.db, [
      event('HT-9', 1, 'reading.recorded', { index: 1900, consumptionM3: '893' }),
      event('HT-9', 2, 'reading.recorded', {
        index: 1900,
        consumptionM3: '893',
        billingHeld: { reason: 'high-consumption', consumptionM3: '893' },
      }),
    ]);
  });
  held.after(async (ctx) => ctx.db.close());
  held('a reading recorded without a bill is counted as done and listed as held for review', async ({ db }) => {
    const r = await buildReport(db);
    assert.equal(r.readings, { done: 2, skipped: 0, heldForReview: 1 });
    assert.equal(r.invoices.count, 0);
    assert.match(renderReport(r), /Readings\s+done 2\s+skipped 0\s+held for review 1/);
  });
  held.run();
}
