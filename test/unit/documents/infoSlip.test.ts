/**
 * The bilgi fişi for e-Fatura buyers (src/core/documents/renderInfoSlip.ts, docs/invoice.md
 * "Bilgi fişi"): says it is not an invoice, carries its own number, the reading and the amounts,
 * and none of an e-Arşiv invoice's marks (ETTN, karekod).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import type { Invoice } from '../../../src/core/billing/types.js';
import { documentToText, overlongLines } from '../../../src/core/documents/documentToText.js';
import { INFO_SLIP_NOTICE, renderInfoSlip } from '../../../src/core/documents/renderInfoSlip.js';
import { decodeEscPos } from '../../../src/core/escpos/decodeEscPos.js';
import { codeTablesOf } from '../../../src/core/escpos/printerProfile.js';
import { epson58, wpc80 } from '../../fixtures/escpos/profiles.js';
import * as s from '../../fixtures/escpos/sampleDocuments.js';

const slip: Invoice = {
  ...s.invoice,
  invoiceNo: 'BLG2025000000007',
  documentKind: 'bilgi-fisi',
  customer: { ...s.invoice.customer, taxId: '9876543217', eInvoiceRegistered: true },
};

for (const profile of [epson58, wpc80]) {
  test(`${profile.columns} columns: not an invoice, its own number, the reading and the amounts; no ETTN, no QR`, () => {
    const doc = renderInfoSlip(slip, s.distributor, { width: profile.columns, documentNo: slip.invoiceNo, copy: 1 });
    assert.is(doc.type, 'info-slip');
    assert.equal(overlongLines(doc), []);
    const decoded = decodeEscPos(encodeDocument(doc, profile).bytes, { width: profile.columns, codeTables: codeTablesOf(profile) });
    assert.is(decoded.qr.length, 0, 'no karekod: it is not an e-Arşiv invoice');
    const t = decoded.text;
    const flat = t.replace(/\s+/g, ' ');
    // The notice opens the slip (before any figure) and closes it again.
    assert.ok(flat.indexOf(INFO_SLIP_NOTICE) < flat.indexOf('Fiş No'), 'the notice comes first');
    assert.is(flat.split(INFO_SLIP_NOTICE).length - 1, 2);
    for (const f of [
      'BİLGİ FİŞİ',
      'Fiş No: BLG2025000000007',
      'VKN/TCKN: 9876543217',
      '12345 / 12533',
      'Tüketim (m³): 188',
      '2.051,36 TL',
      '410,27 TL',
      'Fatura toplamı: 2.461,63 TL',
      'ÖDENECEK TUTAR: 2.462,00 TL',
      '11.09.2025',
      'e-Fatura olarak düzenlenip',
      'DOĞAL GAZ ACİL: 187',
    ])
      assert.ok(flat.includes(f), `slip lacks ${f}`);
    for (const f of ['ETTN', 'e-Arşiv', 'Doğrulama kodu', 'Fatura No']) assert.not.ok(flat.includes(f), `slip has ${f}`);
    // Its number is printed once: no "Belge No" repeating the Fiş No in the footer (paper).
    assert.is(flat.split('BLG2025000000007').length - 1, 1);
    assert.not.ok(flat.includes('Belge No'));
  });
}

test('a reprint is marked as such', () => {
  const doc = renderInfoSlip(slip, s.distributor, {
    width: 32,
    documentNo: slip.invoiceNo,
    copy: 2,
    reprint: { by: 'op-17', reason: 'kağıt sıkıştı' },
  });
  assert.match(documentToText(doc, epson58), 'YENİDEN BASIM');
});

test.run();
