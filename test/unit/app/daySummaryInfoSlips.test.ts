/**
 * The end of day counts bilgi fişleri apart from e-Arşiv invoices (docs/invoice.md "Bilgi fişi"):
 * on the screen (tr and en) and on the printed day summary, with their own total.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import type { UiContext } from '../../../src/adapters/ui/screens/Screen.js';
import { EndOfDayScreen } from '../../../src/adapters/ui/screens/EndOfDayScreen.js';
import { formatMoney } from '../../../src/adapters/ui/view/format.js';
import { lineText } from '../../../src/adapters/ui/view/text.js';
import { dec } from '../../../src/core/billing/decimal.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { READER, TestApp } from '../../helpers/testApp.js';

/** The screen always proves the meter (issue 19 scan gate); so do these calls. */
const scanOf = (j: { meter: { serial: string } }) => ({ kind: 'matched' as const, code: j.meter.serial });

const company = readingJob(21, {
  customer: { ...readingJob(21).customer, taxId: '9876543217', company: true, eInvoiceRegistered: true },
});

function screenText(rig: TestApp, locale: 'tr' | 'en'): string {
  const ctx = { app: rig.app, t: translator(locale), nav: {}, invalidate: () => undefined, errorText: String } as unknown as UiContext;
  const v = new EndOfDayScreen(ctx).view({ cols: 40, rows: 40 });
  return v.body.map(lineText).join('\n');
}

test('one bilgi fişi and two e-Arşiv invoices: counted and totalled apart, on the screen and on paper', async () => {
  const rig = await TestApp.create({ count: 2, jobs: [company] });
  try {
    await rig.app.login(READER.operatorId, READER.pin);
    const before = rig.app.daySummary();
    assert.equal([before.invoiceCount, before.infoSlipCount, before.infoSlipTotal], [0, 0, '0.00']);
    assert.not.match(screenText(rig, 'tr'), 'Bilgi fişi', 'no line while there is none');

    const { invoice: slip } = await rig.app.confirmReading({
      jobId: company.jobId,
      index: company.meter.lastIndex + 100,
      scan: scanOf(company),
    });
    const a = (await rig.app.confirmReading({ jobId: 'J-00001', index: readingJob(1).meter.lastIndex + 100, scan: scanOf(readingJob(1)) }))
      .invoice!;
    const b = (await rig.app.confirmReading({ jobId: 'J-00002', index: readingJob(2).meter.lastIndex + 50, scan: scanOf(readingJob(2)) }))
      .invoice!;
    assert.is(slip!.documentKind, 'bilgi-fisi');

    const s = rig.app.daySummary();
    const invoiceTotal = dec(a.payable).add(b.payable).toFixed(2);
    assert.equal([s.invoiceCount, s.invoiceTotal], [2, invoiceTotal], 'the e-Arşiv figures hold no bilgi fişi');
    assert.equal([s.infoSlipCount, s.infoSlipTotal], [1, dec(slip!.payable).toFixed(2)]);

    const tr = screenText(rig, 'tr');
    assert.match(tr, `Fatura 2 adet, ${formatMoney(invoiceTotal, 'tr')}`);
    assert.match(tr, `Bilgi fişi: 1, ${formatMoney(slip!.payable, 'tr')}`);
    assert.match(screenText(rig, 'en'), `Info slips: 1, ${formatMoney(slip!.payable, 'en')}`);

    await rig.app.printDaySummary();
    const paper = rig.slips().at(-1)!;
    assert.match(paper, /Kesilen fatura: +2/);
    assert.match(paper, /Bilgi fişi: +1/);
    assert.match(paper, /Bilgi fişi tutarı:/);
    // First and last invoice numbers are e-Arşiv ones: the slip's series is not in that range.
    assert.match(paper, new RegExp(`İlk fatura: +${a.invoiceNo}`));
    assert.match(paper, new RegExp(`Son fatura: +${b.invoiceNo}`));
    assert.not.match(paper, slip!.invoiceNo);
  } finally {
    await rig.close();
  }
});

test.run();
