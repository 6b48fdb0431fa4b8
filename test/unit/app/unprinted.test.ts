/** Issue 19: which documents count as unprinted (app/unprinted.ts), through the real app and store. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { READER, TestApp } from '../../helpers/testApp.js';

test('an invoice saved and not printed, then a failed print, then printed: counted until a copy is printed', async () => {
  const rig = await TestApp.create();
  try {
    await rig.app.login(READER.operatorId, READER.pin);
    assert.is(rig.app.status().unprinted, 0);
    const { invoice } = await rig.app.confirmReading({ jobId: 'J-00001', index: 1112, scan: { kind: 'matched', code: 'M10000001' } });
    const [d] = rig.app.unprintedDocuments();
    assert.equal(d, {
      documentNo: invoice!.invoiceNo,
      type: 'invoice',
      at: invoice!.issuedAt,
      jobId: 'J-00001',
      customer: invoice!.customer.name,
    });
    assert.is(rig.app.status().unprinted, 1);
    rig.printer.device.set({ paperOut: true });
    await rig.app.printUnprinted(invoice!.invoiceNo).catch(() => undefined);
    assert.is(rig.app.unprintedDocuments().length, 1, 'a failed copy is not a printed one');
    rig.printer.device.set({ paperOut: false });
    const doc = await rig.app.printUnprinted(invoice!.invoiceNo);
    assert.is(doc.copy, 1);
    assert.is(rig.app.unprintedDocuments().length, 0);
    assert.is(rig.app.status().unprinted, 0);
  } finally {
    await rig.close();
  }
});

test('a non-invoice document whose print failed is unprinted; printing it is copy 1 with no reprint mark', async () => {
  const rig = await TestApp.create();
  try {
    await rig.app.login(READER.operatorId, READER.pin);
    rig.printer.device.set({ paperOut: true });
    await rig.app.printDaySummary().catch(() => undefined);
    const [d] = rig.app.unprintedDocuments();
    assert.is(d?.type, 'day-summary');
    rig.printer.device.set({ paperOut: false });
    const doc = await rig.app.printUnprinted(d!.documentNo);
    assert.is(doc.copy, 1);
    const p = rig.prints().at(-1)!;
    assert.is(p.copy, 1);
    assert.is(p.reason, undefined);
    assert.is(rig.app.unprintedDocuments().length, 0);
  } finally {
    await rig.close();
  }
});

test.run();
