/**
 * GİB karekod on the slip (src/core/documents/invoiceQr.ts, docs/invoice.md "The karekod"): an
 * invoice with charges at two VAT rates, a carry and a buyer VKN is billed by ReadingService,
 * printed, the QR decoded from the ESC/POS bytes and parsed back, and every value compared with the
 * invoice's own figures (recomputed here from its lines).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import { dec } from '../../../src/core/billing/decimal.js';
import type { Invoice } from '../../../src/core/billing/types.js';
import { KAREKOD_FIELDS, karekodContent, karekodPercent } from '../../../src/core/documents/invoiceQr.js';
import { renderInvoice } from '../../../src/core/documents/renderInvoice.js';
import { decodeEscPos } from '../../../src/core/escpos/decodeEscPos.js';
import { codeTablesOf } from '../../../src/core/escpos/printerProfile.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loadTariff } from '../../helpers/tariffs.js';
import { epson58, wpc80 } from '../../fixtures/escpos/profiles.js';
import * as s from '../../fixtures/escpos/sampleDocuments.js';

async function issue(over: Parameters<typeof readingJob>[1]): Promise<Invoice> {
  const now = Date.parse('2026-02-04T00:30:00+03:00'); // just after midnight in Istanbul: still 2026-02-03 in UTC
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
  return (await readings.confirmReading({ jobId: job.jobId, operatorId: 'op-17', index: 4250 })).invoice!;
}

const meter = { ...readingJob(1).meter, lastIndex: 4100, lastReadDate: '2026-01-05', class: 'G4' as const };
const account = {
  previousCarry: '0.45',
  charges: [
    { code: 'reconnection', description: 'Açma-kapama bedeli', amount: '206.00', vatRate: '0.20' },
    { code: 'deposit', description: 'Güvence bedeli taksiti', amount: '250.00', vatRate: '0' },
  ],
};

function qrOf(inv: Invoice, profile = epson58): Record<string, string> {
  const doc = renderInvoice(inv, s.distributor, { width: profile.columns, documentNo: inv.invoiceNo, copy: 1 });
  const slip = decodeEscPos(encodeDocument(doc, profile).bytes, { width: profile.columns, codeTables: codeTablesOf(profile) });
  assert.is(slip.qr.length, 1);
  return JSON.parse(slip.qr[0] as string) as Record<string, string>;
}

test('charges at two VAT rates and a carry: the karekod parsed back equals the invoice figures', async () => {
  const inv = await issue({ meter, account, customer: { ...readingJob(1).customer, taxId: '10000000146' } });
  for (const profile of [epson58, wpc80]) {
    const k = qrOf(inv, profile);
    const net = inv.lines.reduce((a, l) => a.add(l.amount), dec(0));
    const byRate = (r: string) => inv.lines.filter((l) => dec(l.vatRate).eq(r));
    const sum = (ls: Invoice['lines'], f: 'amount' | 'vat') => ls.reduce((a, l) => a.add(l[f]), dec(0)).toFixed(2);
    assert.equal(k, {
      vkntckn: s.distributor.taxNo,
      avkntckn: '10000000146',
      senaryo: 'EARSIVFATURA',
      tip: 'SATIS',
      tarih: '2026-02-04',
      no: inv.invoiceNo,
      ettn: inv.ettn,
      parabirimi: 'TRY',
      malhizmettoplam: net.toFixed(2),
      'kdvmatrah(0)': sum(byRate('0'), 'amount'),
      'hesaplanankdv(0)': sum(byRate('0'), 'vat'),
      'kdvmatrah(20)': sum(byRate('0.20'), 'amount'),
      'hesaplanankdv(20)': sum(byRate('0.20'), 'vat'),
      vergidahil: inv.total,
      odenecek: inv.payable,
    });
    // The figures agree among themselves as GİB's reader would check them.
    assert.is(dec(k['kdvmatrah(0)']!).add(k['kdvmatrah(20)']!).toFixed(2), k.malhizmettoplam);
    assert.is(dec(k.malhizmettoplam!).add(k['hesaplanankdv(0)']!).add(k['hesaplanankdv(20)']!).toFixed(2), k.vergidahil);
    assert.is(dec(k.vergidahil!).sub(inv.previousCarry!).sub(k.odenecek!).neg().toFixed(2), inv.roundingCarry);
  }
});

test('the keys follow the field table (data) in its order, one matrah/KDV pair per rate', async () => {
  const inv = await issue({ meter, account });
  const keys = Object.keys(karekodContent(inv, s.distributor));
  const expected = KAREKOD_FIELDS.flatMap((f) =>
    f.key.endsWith('(r)')
      ? []
      : f.key === 'vergidahil'
        ? ['kdvmatrah(0)', 'hesaplanankdv(0)', 'kdvmatrah(20)', 'hesaplanankdv(20)', f.key]
        : [f.key],
  );
  assert.equal(keys, expected);
});

test('VAT percentages are written as GİB writes them', () => {
  assert.equal(['0.20', '0.2', '0.10', '0.01', '0.085', '0'].map(karekodPercent), ['20', '20', '10', '1', '8.5', '0']);
});

test('docs/invoice.md lists every karekod field of the table', () => {
  const doc = readFileSync(new URL('../../../docs/invoice.md', import.meta.url), 'utf8');
  for (const f of KAREKOD_FIELDS) assert.ok(doc.includes(`\`${f.key}\``), `docs/invoice.md lacks ${f.key}`);
});

test.run();
