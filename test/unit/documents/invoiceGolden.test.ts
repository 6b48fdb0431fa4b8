import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import { documentToText } from '../../../src/core/documents/documentToText.js';
import { invoiceQrPayload, invoiceVerificationHash } from '../../../src/core/documents/invoiceQr.js';
import { renderInvoice } from '../../../src/core/documents/renderInvoice.js';
import { decodeEscPos } from '../../../src/core/escpos/decodeEscPos.js';
import { codeTablesOf } from '../../../src/core/escpos/printerProfile.js';
import { ascii58, clone58, epson58, wpc80 } from '../../fixtures/escpos/profiles.js';
import * as s from '../../fixtures/escpos/sampleDocuments.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/escpos/${name}`, import.meta.url), 'utf8');
const invoice32 = renderInvoice(s.invoice, s.distributor, { width: 32, documentNo: s.invoice.invoiceNo, copy: 1 });

test('a Turkish invoice, encoded for an Epson PC857 printer, decodes back to the reviewed slip', () => {
  const out = encodeDocument(invoice32, epson58);
  assert.fixture(out.text, fixture('invoice-32-pc857.txt'));
  assert.equal(out.warnings, []);
});

test('the slip shows ş ğ ı İ ç ö ü in name and address, and Turkish amounts right-aligned', () => {
  const lines = encodeDocument(invoice32, epson58).text.split('\n');
  for (const l of [
    'Abone: Şükrü Işıkoğlu Çağatay İnce Öztürk',
    'Adres: Gültepe Mah. Şehit Öğretmen İlhan',
    '  Çiçek Cad. No:42/7 Tepebaşı/Eskişehir',
    'Tüketim bedeli:      2.051,36 TL',
    'KDV (%20):             410,27 TL',
    'Fatura toplamı:      2.461,63 TL',
    'ÖDENECEK TUTAR:      2.462,00 TL',
    'Yuvarlama (devreden): 0,37 TL',
    'SON ÖDEME TARİHİ:     11.09.2025',
    '      DOĞAL GAZ ACİL: 187',
  ])
    assert.ok(lines.includes(l), `missing line ${JSON.stringify(l)}`);
});

test('Turkish letters are PC857 bytes after ESC t 13 (Epson), and the page is the first thing set', () => {
  const { bytes } = encodeDocument(invoice32, epson58);
  assert.equal([...bytes.subarray(0, 5)], [0x1b, 0x40, 0x1b, 0x74, 13]);
  const name = Buffer.from([0x9e, 0x81, 0x6b, 0x72, 0x81]); // "Şükrü"
  assert.ok(bytes.includes(name));
});

test('clone numbering (ESC t 61) and Windows-1254 (ESC t 48) print the same Turkish text', () => {
  const clone = encodeDocument(invoice32, clone58);
  assert.ok(clone.bytes.includes(Buffer.from([0x1b, 0x74, 61])));
  assert.fixture(clone.text, fixture('invoice-32-pc857.txt'));
  const doc48 = renderInvoice(s.invoice, s.distributor, { width: 48, documentNo: s.invoice.invoiceNo, copy: 1 });
  const win = encodeDocument(doc48, wpc80);
  assert.ok(win.bytes.includes(Buffer.from([0xde, 0xfc, 0x6b, 0x72, 0xfc]))); // "Şükrü" in 1254
  assert.ok(win.text.includes('Abone: Şükrü Işıkoğlu Çağatay İnce Öztürk\n'));
});

test('a printer without Turkish glyphs gets visible ASCII transliteration', () => {
  const out = encodeDocument(invoice32, ascii58);
  assert.fixture(out.text, fixture('invoice-32-ascii.txt'));
  assert.ok(out.text.includes('Abone: Sukru Isikoglu Cagatay'));
  assert.ok(!out.bytes.some((b) => b >= 0x80), 'no byte above 0x7F');
});

test("decoded bytes equal the model's own text rendering (encoder and decoder agree)", () => {
  for (const p of [epson58, clone58, ascii58]) assert.fixture(encodeDocument(invoice32, p).text, documentToText(invoice32, p));
});

test('the QR carries GİB karekod JSON that parses back to the invoice figures', () => {
  const out = encodeDocument(invoice32, epson58);
  const slip = decodeEscPos(out.bytes, { width: 32, codeTables: codeTablesOf(epson58) });
  assert.is(slip.qr.length, 1);
  const k = JSON.parse(slip.qr[0] as string) as Record<string, string>;
  // Every value compared with the invoice it was printed from, in the guide's key order.
  assert.equal(Object.keys(k), [
    'vkntckn',
    'avkntckn',
    'senaryo',
    'tip',
    'tarih',
    'no',
    'ettn',
    'parabirimi',
    'malhizmettoplam',
    'kdvmatrah(20)',
    'hesaplanankdv(20)',
    'vergidahil',
    'odenecek',
  ]);
  assert.equal(k, {
    vkntckn: s.distributor.taxNo,
    avkntckn: '11111111111',
    senaryo: 'EARSIVFATURA',
    tip: 'SATIS',
    tarih: s.invoice.issuedAt.slice(0, 10),
    no: s.invoice.invoiceNo,
    ettn: s.invoice.ettn,
    parabirimi: 'TRY',
    malhizmettoplam: s.invoice.consumptionAmount,
    'kdvmatrah(20)': s.invoice.consumptionAmount,
    'hesaplanankdv(20)': s.invoice.vat,
    vergidahil: s.invoice.total,
    odenecek: s.invoice.payable,
  });
  assert.is(slip.qr[0], invoiceQrPayload(s.invoice, s.distributor));
});

test('the verification code under the QR is the documented hash the back office recomputes', () => {
  const out = encodeDocument(invoice32, epson58);
  const expected = createHash('sha256')
    .update(
      `SAHA1|${s.invoice.invoiceNo}|${s.invoice.ettn}|${s.invoice.issuedAt}|${s.invoice.deviceId}|${s.invoice.customer.installationNo}|2461.63|2462.00`,
    )
    .digest('hex')
    .slice(0, 16);
  assert.ok(out.text.includes(`Doğrulama kodu: ${expected}`));
  assert.is(invoiceVerificationHash(s.invoice), expected);
  assert.is.not(invoiceVerificationHash({ ...s.invoice, total: '2461.64' }), expected);
});

test('the QR store length counts bytes (pL pH = data + 3)', () => {
  const { bytes } = encodeDocument(invoice32, epson58);
  const at = bytes.indexOf(Buffer.from([0x31, 0x50, 0x30])) - 5; // GS ( k pL pH 31 50 30
  const len = (bytes[at + 3] as number) + (bytes[at + 4] as number) * 256;
  assert.is(len, invoiceQrPayload(s.invoice, s.distributor).length + 3);
});

test('changing one amount changes the karekod', () => {
  const k = (inv: typeof s.invoice) => JSON.parse(invoiceQrPayload(inv, s.distributor)) as Record<string, string>;
  assert.is(k({ ...s.invoice, payable: '2463.00' }).odenecek, '2463.00');
  assert.is.not(invoiceQrPayload({ ...s.invoice, total: '2461.64' }, s.distributor), invoiceQrPayload(s.invoice, s.distributor));
});

test.run();
