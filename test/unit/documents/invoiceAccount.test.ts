/**
 * The account on the slip and in invoice.issued (docs/invoice.md): ReadingService bills a job's
 * charges and carry, the event carries every line, the slip prints the lines, VAT per rate, the
 * carry deducted, the buyer's tax id and the previous debt as information.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { validateEvent } from '../../../src/core/contract/index.js';
import { documentToText, overlongLines } from '../../../src/core/documents/documentToText.js';
import { renderInvoice } from '../../../src/core/documents/renderInvoice.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loadTariff } from '../../helpers/tariffs.js';
import * as s from '../../fixtures/escpos/sampleDocuments.js';

const PAPER = { encoding: 'pc857', feedAfter: 0, cutter: 'none', qr: true } as const;

async function issue(over: Parameters<typeof readingJob>[1]) {
  const now = Date.parse('2026-02-04T10:00:00+03:00');
  const store = await memoryTarget().open({ clock: () => now });
  const job = readingJob(1, over);
  await store.transact((tx) => {
    const t = loadTariff('esgaz-k1-2026-01');
    tx.put('tariffs', t.tariffId, t);
    tx.put('jobs', job.jobId, {
      job,
      state: 'open',
      receivedAt: '2026-02-01T08:00:00.000+03:00',
      updatedAt: '2026-02-01T08:00:00.000+03:00',
      workIds: [],
    });
  });
  const readings = new ReadingService({ store, deviceId: 'HT-0042', invoiceSeries: 'HTA', clock: () => now, newId: randomUUID });
  const r = await readings.confirmReading({ jobId: job.jobId, operatorId: 'op-17', index: 4250 });
  const events = [...store.values('outbox')].map((e) => e.envelope);
  return { invoice: r.invoice!, events };
}

const meter = { ...readingJob(1).meter, lastIndex: 4100, lastReadDate: '2026-01-05', class: 'G4' as const };
const account = {
  previousCarry: '0.45',
  charges: [
    { code: 'reconnection', description: 'Açma-kapama bedeli', amount: '206.00', vatRate: '0.20' },
    { code: 'late-fee', description: 'Gecikme zammı', amount: '12.37', vatRate: '0.20' },
    { code: 'deposit', description: 'Güvence bedeli taksiti', amount: '250.00', vatRate: '0' },
  ],
  previousDebt: '3125.40',
};

test('a job with an account: the invoice and invoice.issued carry every line, the carry and the buyer', async () => {
  const { invoice, events } = await issue({ meter, account, customer: { ...readingJob(1).customer, taxId: '10000000146' } });
  assert.equal([invoice.total, invoice.previousCarry, invoice.payable, invoice.roundingCarry], ['2567.14', '0.45', '2567.00', '0.31']);
  assert.equal(
    invoice.lines.map((l) => l.code),
    ['gas', 'reconnection', 'late-fee', 'deposit'],
  );
  assert.is(invoice.customer.taxId, '10000000146');
  assert.is(invoice.meter.class, 'G4');
  assert.is(invoice.previousDebt, '3125.40');
  const issued = events.find((e) => e.type === 'invoice.issued')!;
  assert.ok(validateEvent(issued).ok, JSON.stringify(validateEvent(issued)));
  assert.equal((issued.data as typeof invoice).lines.length, 4);
  assert.equal((issued.data as typeof invoice).vatTotals, invoice.vatTotals);
});

test("an individual without a tax id is billed to GİB's placeholder 11111111111", async () => {
  const { invoice } = await issue({ meter });
  assert.is(invoice.customer.taxId, '11111111111');
  assert.is(invoice.previousCarry, '0.00');
});

test("the slip prints the lines, VAT per rate, the carry deducted and the previous debt, within its fonts' columns", async () => {
  const { invoice } = await issue({ meter, account, customer: { ...readingJob(1).customer, taxId: '10000000146' } });
  const doc = renderInvoice(invoice, s.distributor, { width: 32, documentNo: invoice.invoiceNo, copy: 1 });
  assert.equal(overlongLines(doc), []);
  const text = documentToText(doc, PAPER);
  for (const re of [
    /VKN\/TCKN\n[^\n]*10000000146/,
    /Tüketim bedeli:\s+1\.712,58 TL/,
    /Açma-kapama bedeli \(KDV %20\):\s*\n?\s*206,00 TL/,
    /Gecikme zammı \(KDV %20\):\s+12,37 TL/,
    /Güvence bedeli taksiti \(KDV\s*\n?\s*%0\):\s*\n?\s*250,00 TL/,
    // VAT per rate as a small table: rate, base, VAT.
    /KDV oranı\s+KDV matrahı\s+KDV\n/,
    /%0\s+250,00 TL\s+0,00 TL/,
    /%20\s+1\.930,95 TL\s+386,19 TL/,
    /Fatura toplamı:\s+2\.567,14 TL/,
    /Önceki yuvarlama:\s+-0,45 TL/,
    /Yuvarlama \(devreden\):\s+0,31 TL/,
    /ÖDENECEK TUTAR:\s+2\.567,00 TL/,
    /3\.125,40 TL/,
    /dahil değildir/,
  ])
    assert.match(text, re);
});

test('a gas-only bill without a carry prints its amounts as before', () => {
  const text = documentToText(renderInvoice(s.invoice, s.distributor, { width: 32, documentNo: s.invoice.invoiceNo, copy: 1 }), PAPER);
  assert.not.match(text, /matrahı|Önceki yuvarlama|VKN/);
  assert.match(text, /KDV \(%20\):\s+410,27 TL/);
});

test.run();
