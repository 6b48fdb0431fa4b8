/**
 * The printed invoice and bilgi fişi name their operator with the id, as the field documents do:
 * the name is the issuing operator's from the device's operators, also on a copy another operator
 * prints (docs/invoice.md "Fields on the printed invoice").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readingJob } from '../../helpers/sampleJobs.js';
import { READER, SUPERVISOR, TestApp } from '../../helpers/testApp.js';

/** The screen always proves the meter (issue 19 scan gate); so do these calls. */
const scanOf = (j: { meter: { serial: string } }) => ({ kind: 'matched' as const, code: j.meter.serial });

const company = readingJob(21, {
  customer: { ...readingJob(21).customer, taxId: '9876543217', company: true, eInvoiceRegistered: true },
});
const flat = (s: string) => s.replace(/ +/g, ' ');

test("invoice and bilgi fişi: 'Görevli: name (id)'; a copy printed by the supervisor still names the reader who issued it", async () => {
  const rig = await TestApp.create({ count: 1, jobs: [company] });
  try {
    await rig.app.login(READER.operatorId, READER.pin);
    const slip = (await rig.app.confirmReading({ jobId: company.jobId, index: company.meter.lastIndex + 100, scan: scanOf(company) }))
      .invoice!;
    const invoice = (
      await rig.app.confirmReading({ jobId: 'J-00001', index: readingJob(1).meter.lastIndex + 100, scan: scanOf(readingJob(1)) })
    ).invoice!;
    assert.is(slip.documentKind, 'bilgi-fisi');
    await rig.app.printInvoice(slip.invoiceNo);
    await rig.app.printInvoice(invoice.invoiceNo);
    const [paperSlip, paperInvoice] = rig.slips().map(flat);
    const who = `Görevli: ${READER.name} (${READER.operatorId})`;
    assert.match(paperSlip!, who);
    assert.match(paperInvoice!, who);
    // The invoice.issued event stays as it was: the name is the printing side's.
    assert.ok(rig.events('invoice.issued').every((e) => !('operatorName' in e.data)));

    await rig.app.logout({ operatorId: SUPERVISOR.operatorId, pin: SUPERVISOR.pin });
    await rig.app.login(SUPERVISOR.operatorId, SUPERVISOR.pin);
    await rig.app.reprint(invoice.invoiceNo, 'Müşteri istedi');
    const copy = flat(rig.slips().at(-1)!);
    assert.match(copy, 'NÜSHA 2');
    assert.match(copy, `Basan: ${SUPERVISOR.operatorId}`);
    assert.match(copy, who);
    assert.not.match(copy, `Görevli: ${SUPERVISOR.name}`);
  } finally {
    await rig.close();
  }
});

test.run();
