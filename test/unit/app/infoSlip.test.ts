/**
 * The whole device (TestApp: composeApp over the test adapters) bills an e-Fatura buyer: the
 * printer gets a bilgi fişi, not an invoice; invoice.issued tells the office to issue the e-Fatura;
 * no e-Arşiv number is consumed (docs/invoice.md "Bilgi fişi").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseInvoiceNo } from '../../../src/core/billing/invoiceNo.js';
import { validateEvent } from '../../../src/core/contract/index.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { READER, TestApp } from '../../helpers/testApp.js';

const company = readingJob(21, {
  customer: {
    ...readingJob(21).customer,
    taxId: '9876543217',
    company: true,
    eInvoiceRegistered: true,
    email: 'muhasebe@example.com',
    invoiceByEmail: true,
  },
});

test('an e-Fatura buyer gets a bilgi fişi in its own series; the next e-Arşiv invoice is still number 1', async () => {
  const rig = await TestApp.create({ count: 2, jobs: [company] });
  try {
    await rig.app.login(READER.operatorId, READER.pin);
    const { invoice: slip } = await rig.app.confirmReading({
      jobId: company.jobId,
      index: company.meter.lastIndex + 100,
      scan: { kind: 'matched', code: company.meter.serial },
    });
    assert.is(slip!.documentKind, 'bilgi-fisi');
    const no = parseInvoiceNo(slip!.invoiceNo)!;
    assert.is.not(no.series, 'HTA', 'not the e-Arşiv series');
    assert.is(no.seq, 1);
    await rig.app.printInvoice(slip!.invoiceNo);

    const { invoice } = await rig.app.confirmReading({
      jobId: 'J-00001',
      index: readingJob(1).meter.lastIndex + 100,
      scan: { kind: 'matched', code: readingJob(1).meter.serial },
    });
    assert.is(invoice!.documentKind, undefined);
    assert.is(invoice!.invoiceNo, 'HTA2026000000001', 'no e-Arşiv number was used for the bilgi fişi');
    await rig.app.printInvoice(invoice!.invoiceNo);

    // On paper: the slip says it is not an invoice and has no karekod; the invoice has both.
    const [paperSlip, paperInvoice] = rig.slips().map((t) => t.replace(/\s+/g, ' '));
    assert.match(paperSlip!, 'BİLGİ FİŞİDİR - FATURA YERİNE GEÇMEZ');
    assert.match(paperSlip!, `Fiş No: ${slip!.invoiceNo}`);
    assert.not.match(paperSlip!, /ETTN|vkntckn/);
    assert.match(paperInvoice!, 'e-Arşiv');
    assert.match(paperInvoice!, '"vkntckn":"9876543217"');
    assert.equal(
      rig.prints().map((p) => [p.documentNo, p.type]),
      [
        [slip!.invoiceNo, 'info-slip'],
        [invoice!.invoiceNo, 'invoice'],
      ],
    );

    // In the events: the office is told to issue the e-Fatura for this one.
    const issued = rig.events('invoice.issued');
    assert.equal(
      issued.map((e) => [e.data.invoiceNo, e.data.documentKind]),
      [
        [slip!.invoiceNo, 'bilgi-fisi'],
        [invoice!.invoiceNo, undefined],
      ],
    );
    for (const e of issued) assert.ok(validateEvent(e).ok);
    const printed = rig.events('document.printed').map((e) => [e.data.documentNo, e.data.documentType]);
    assert.ok(
      printed.some(([n, t]) => n === slip!.invoiceNo && t === 'info-slip'),
      JSON.stringify(printed),
    );
    assert.equal(rig.app.unprintedDocuments(), []);
  } finally {
    await rig.close();
  }
});

test.run();
