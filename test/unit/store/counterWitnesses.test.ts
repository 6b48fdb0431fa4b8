/**
 * Which records witness which counter. A witness the store misreads would stop a healthy device at
 * start-up, so the formats here are the ones the services write (ReadingService, InspectionService,
 * PrintService / FieldWorkService, Tx.event, Tx.audit), and anything else is ignored.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { counterWitnesses } from '../../../src/adapters/store/counterWitnesses.js';
import type { Collection } from '../../../src/ports/Store.js';

const entries = (data: Partial<Record<Collection, Record<string, unknown>>>) => (c: Collection) => Object.entries(data[c] ?? {});

test('each numbered record names its counter and the highest number wins', () => {
  const w = counterWitnesses(
    entries({
      outbox: { '000000000003': { seq: 3 }, '000000000009': { seq: 9 } },
      invoiceNos: { DMO2026000000004: {}, DMO2025000000011: {} },
      invoices: { DMO2026000000002: {} },
      work: { 'inspection:TT-HT-0042-2026-000031': {}, 'W-1': {} },
      documents: {
        'KB-HT-0042-000017': { source: { kind: 'cut-notice' } },
        'GS-HT-0042-000002': { source: { kind: 'day-summary' } },
        DMO2026000000004: { source: { kind: 'invoice' } },
        'TT-HT-0042-2026-000031': { source: { kind: 'inspection-report' } },
      },
      audit: { '000000000001': { n: 1 }, '000000000012': { n: 12 } },
    }),
  );
  const got = Object.fromEntries([...w.values()].map((x) => [x.counter, x.atLeast]));
  assert.equal(got, {
    eventSeq: 9,
    'invoice:DMO:2026': 4,
    'invoice:DMO:2025': 11,
    'inspection-report:2026': 31,
    'doc:cut-notice': 17,
    'doc:day-summary': 2,
    auditHead: 12,
  });
  assert.is(w.get('invoice:DMO:2026')!.witness, 'invoiceNos DMO2026000000004');
});

test('records whose format is not certain witness nothing', () => {
  const w = counterWitnesses(
    entries({
      outbox: { x: { seq: 'seven' }, y: null },
      invoiceNos: { 'not-a-number': {} },
      work: { 'inspection:draft': {} },
      documents: { 'KB-HT-0042-17': { source: { kind: 'cut-notice' } }, 'AB-HT-0042-000003': {} },
      audit: { a: { n: 0 } },
    }),
  );
  assert.is(w.size, 0);
});

test.run();
