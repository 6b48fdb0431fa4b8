/**
 * Bills the office issues, as the crew sees them on the real screen: a high reading held for the
 * office (config reading.highConsumption 'hold-for-office', docs/invoice.md "Plausibility") and an
 * e-Fatura buyer's bilgi fişi, whose number is not called an invoice number.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import { docNo } from '../../../src/adapters/ui/screens/ReadingScreenView.js';
import type { Invoice } from '../../../src/core/billing/types.js';
import { DEFAULT_READING_RULES } from '../../../src/core/reading/rules.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loginAsReader, scanOpenJob, startTui } from './tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);
const flat = (s: string) => s.replace(/\s+/g, ' ');

test('held for the office: after the identical re-key the crew is told the office bills it; saved, done, nothing printed', async () => {
  const rules = { ...DEFAULT_READING_RULES, highConsumption: 'hold-for-office' as const };
  const f = await startTui({ appOptions: { rules, printOnConfirm: true } });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await scanOpenJob(f);
    await f.term.type('1900'); // ~890 m³ in 30 days: far above 2.5 × expected, under a G4's ceiling
    await f.term.press('enter');
    await f.term.waitFor('Tekrar: _');
    await f.term.type('1900');
    await f.term.press('enter');
    const held = await f.term.waitFor('Merkeze bırakıldı');
    show(held);
    assert.match(flat(held), 'Yüksek tüketim: faturayı merkez kesecek.');
    assert.not.match(held, 'amir onayı', 'no supervisor is asked for');
    assert.is(f.app.job('J-00001')!.state, 'open', 'nothing is recorded before the crew confirms');
    await f.term.press('enter');
    const saved = await f.term.waitFor('Kaydedildi');
    show(saved);
    assert.match(flat(saved), 'faturayı merkez kesecek');
    assert.not.match(saved, 'Fatura No');
    assert.is(f.app.job('J-00001')!.state, 'done');
    assert.is(f.rig.store.size('invoices'), 0);
    assert.equal(f.rig.prints(), [], 'nothing printed, printOnConfirm or not');
    const [recorded] = f.rig.events('reading.recorded');
    assert.equal((recorded!.data as { billingHeld?: unknown }).billingHeld, { reason: 'high-consumption', consumptionM3: '893' });
    assert.equal(f.rig.events('invoice.issued'), []);
    await f.term.press('enter');
    show(await f.term.waitFor(/İşler\s+1\/20/));
  } finally {
    await f.close();
  }
});

const company = readingJob(21, {
  customer: { ...readingJob(21).customer, taxId: '9876543217', company: true, eInvoiceRegistered: true },
});

test('an e-Fatura buyer: the saved and printed screens say "Bilgi Fişi No", never "Fatura No"', async () => {
  const f = await startTui({ appOptions: { count: 2, jobs: [company] } });
  try {
    await loginAsReader(f);
    f.rig.scan(company.meter.serial); // the scan opens the job and counts as its scan
    await f.term.waitFor('Sayaç doğrulandı');
    await f.term.type(String(company.meter.lastIndex + 100));
    await f.term.press('enter');
    await f.term.waitFor('Fatura önizleme');
    await f.term.press('enter');
    const saved = await f.term.waitFor('Kaydedildi');
    show(saved);
    const no = /Bilgi Fişi No (\S+)/.exec(saved)?.[1];
    assert.ok(no, 'the slip number is named as such');
    assert.not.match(saved, 'Fatura No');
    await f.term.press('enter');
    const printed = await f.term.waitFor('Yazdırıldı');
    show(printed);
    assert.match(printed, `Bilgi Fişi No ${no!}`);
    assert.not.match(printed, 'Fatura No');
  } finally {
    await f.close();
  }
});

test('the document number line in both languages', () => {
  const slip = { invoiceNo: 'HTB2026000000001', documentKind: 'bilgi-fisi' } as Invoice;
  const invoice = { invoiceNo: 'HTA2026000000001' } as Invoice;
  assert.is(docNo(slip, translator('tr')), 'Bilgi Fişi No HTB2026000000001');
  assert.is(docNo(slip, translator('en')), 'Info Slip No HTB2026000000001');
  assert.is(docNo(invoice, translator('tr')), 'Fatura No HTA2026000000001');
  assert.is(docNo(invoice, translator('en')), 'Invoice No HTA2026000000001');
});

test.run();
