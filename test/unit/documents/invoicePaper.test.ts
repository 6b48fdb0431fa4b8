/**
 * The compact invoice (docs/invoice.md "Paper"): the typical invoice with two charges fits 160 mm of
 * 58 mm paper, measured from its ESC/POS bytes, with every field still on it; the header prints
 * "V.D." once and never wraps inside the tax number; the ETTN takes one line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import { loadPrinterProfile } from '../../../src/adapters/printer/loadPrinterProfile.js';
import { taxOfficeName } from '../../../src/core/documents/commonBlocks.js';
import { documentToText } from '../../../src/core/documents/documentToText.js';
import { renderInvoice } from '../../../src/core/documents/renderInvoice.js';
import type { DocLine } from '../../../src/core/documents/types.js';
import { paperLength } from '../../../src/core/escpos/paperLength.js';
import { epson58, wpc80 } from '../../fixtures/escpos/profiles.js';
import * as s from '../../fixtures/escpos/sampleDocuments.js';
import { typicalDistributor, typicalInvoice } from '../../fixtures/escpos/typicalInvoice.js';

const printers = new URL('../../../device/printers/', import.meta.url).pathname;
const inv = typicalInvoice();
const render = (width: number, d = typicalDistributor) => renderInvoice(inv, d, { width, documentNo: inv.invoiceNo, copy: 1 });

test('the typical invoice with two charges takes at most 160 mm on the shipped 58 mm printer', async () => {
  const p = await loadPrinterProfile(printers + 'epson-tm-p20-58mm-pc857.json');
  const paper = paperLength(encodeDocument(render(32), p).bytes, p);
  assert.ok(paper.mm <= 160, `${paper.mm} mm`);
  assert.equal(paper.warnings, []);
  // The same slip at the printer's power-on spacing and without font B is far longer: the layout, not the model, saves paper.
  const loose = paperLength(encodeDocument(render(32), { ...p, lineSpacingDots: 34, smallLineSpacingDots: 34 }).bytes, p);
  assert.ok(loose.mm > paper.mm + 20, `${loose.mm} vs ${paper.mm}`);
});

test("with a QR as long as GİB's karekod JSON (330 bytes) and two more lines of small print it still fits 160 mm", async () => {
  const p = await loadPrinterProfile(printers + 'epson-tm-p20-58mm-pc857.json');
  const doc = render(32);
  const lines = doc.lines.flatMap((l): DocLine[] =>
    l.kind === 'qr'
      ? [
          { ...l, data: 'x'.repeat(330) },
          { kind: 'text', text: 'e-Arşiv', small: true },
          { kind: 'text', text: 'x', small: true },
        ]
      : [l],
  );
  const paper = paperLength(encodeDocument({ ...doc, lines }, p).bytes, p);
  assert.equal(paper.qr[0]?.modules, 69); // version 13 at level M
  assert.ok(paper.mm <= 160, `${paper.mm} mm`);
});

test('with a year of consumptionHistory the slip adds one line of figures and still fits 160 mm', async () => {
  const p = await loadPrinterProfile(printers + 'epson-tm-p20-58mm-pc857.json');
  const to = inv.period.to;
  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 2 - i, 1));
    return { period: d.toISOString().slice(0, 7), m3: String(100 + i * 7) };
  });
  const withHistory = { ...inv, consumptionHistory: months };
  const doc = renderInvoice(withHistory, typicalDistributor, { width: 32, documentNo: inv.invoiceNo, copy: 1 });
  const text = documentToText(doc, p);
  const line = text.split('\n').find((l) => l.includes(' m³: '));
  assert.ok(line, text);
  assert.match(line!, `| ${formatWhole(inv.consumptionM3)}`);
  assert.match(line!, ' 100 |', 'the newest earlier month is next to this bill');
  const paper = paperLength(encodeDocument(doc, p).bytes, p);
  const without = paperLength(encodeDocument(render(32), p).bytes, p);
  assert.ok(paper.mm <= 160, `${paper.mm} mm`);
  assert.ok(paper.mm > without.mm, 'the line takes paper');
});

const formatWhole = (m3: string) => String(Math.round(Number(m3))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

test('every field is still on the compact slip, at 32 and 48 columns', () => {
  for (const [w, p] of [
    [32, epson58],
    [48, wpc80],
  ] as const) {
    const t = documentToText(render(w), p).replace(/ +/g, ' ');
    for (const f of [
      'ÖRNEK ŞEHİR DOĞAL GAZ DAĞITIM A.Ş.',
      'İstiklal Mah.',
      'V.D.: Eskişehir V.No: 1234567890',
      'MERSİS: 0123456789012345',
      'Tel: 444 0 426',
      'DOĞAL GAZ FATURASI',
      'e-Arşiv Fatura',
      `Fatura No: ${inv.invoiceNo}`,
      `ETTN: ${inv.ettn}`,
      'Düzenleme: 04.02.2026 10:00',
      'Abone: Şükrü Işıkoğlu Çağatay',
      'Adres: Gültepe Mah.',
      'Tesisat No',
      '4000123456',
      '1000234567',
      '11111111111',
      'Sayaç Seri No: ELS-G4-00123456',
      'Okuma: 05.01.2026 - 04.02.2026',
      'Endeks: 4100 - 4250',
      'Gün: 30',
      'Tüketim (m³): 150',
      'Düzeltme katsayısı (K): 1,02500',
      'Düzeltilmiş hacim (m³): 153,75',
      'Üst ısıl değer (kcal/m³): 9.400,00',
      'kWh katsayısı: 10,92',
      'Tüketim (kWh): 1.679',
      'Birim fiyat (TL/kWh): 1,02000000',
      'Tüketim bedeli: 1.712,58 TL',
      'Açma-kapama bedeli (KDV %20): 206,00 TL',
      'Gecikme zammı (KDV %20): 12,37 TL',
      '%20 1.930,95 TL 386,19 TL',
      'Fatura toplamı: 2.317,14 TL',
      'Önceki yuvarlama: -0,45 TL',
      'Yuvarlama (devreden): 0,31 TL',
      'ÖDENECEK TUTAR: 2.317,00 TL',
      'SON ÖDEME TARİHİ: 16.02.2026',
      '3.125,40 TL',
      '[QR: ',
      'Doğrulama kodu:',
      'DOĞAL GAZ ACİL: 187',
      'Görevli: op-17',
      'Cihaz: HT-0042',
    ])
      assert.ok(t.includes(f), `${w} columns: lacks ${f}`);
  }
});

test("the operator's name with the id, as the field documents print it: 160 mm still, one line when it fits", async () => {
  const p = await loadPrinterProfile(printers + 'epson-tm-p20-58mm-pc857.json');
  const named = (w: number, operatorName: string) =>
    renderInvoice(inv, typicalDistributor, { width: w, documentNo: inv.invoiceNo, copy: 1, operatorName });
  // A long name at 32 columns: name and id on the Görevli line, the device on its own; still within 160 mm.
  const long = named(32, 'Gülşen Yıldırımoğlu');
  const paper = paperLength(encodeDocument(long, p).bytes, p);
  assert.ok(paper.mm <= 160, `${paper.mm} mm`);
  const t32 = documentToText(long, epson58).split('\n');
  assert.ok(
    t32.some((l) => /^Görevli: +Gülşen Yıldırımoğlu \(op-17\)$/.test(l)),
    t32.join('\n'),
  );
  assert.ok(
    t32.some((l) => /^Cihaz: +HT-0042$/.test(l)),
    t32.join('\n'),
  );
  // A short one shares the device's line: no line added.
  const short = named(32, 'Ali Kaya');
  assert.is(short.lines.length, render(32).lines.length);
  assert.ok(documentToText(short, epson58).includes('Görevli: Ali Kaya (op-17)  Cihaz: HT-0042'));
  // At 48 columns even the long name shares the line.
  assert.is(named(48, 'Gülşen Yıldırımoğlu').lines.length, render(48).lines.length);
  assert.ok(documentToText(named(48, 'Gülşen Yıldırımoğlu'), wpc80).includes('Görevli: Gülşen Yıldırımoğlu (op-17)  Cihaz: HT-0042'));
});

test('"V.D." once whatever the config says, and the tax number never split over two lines', () => {
  assert.equal(['Eskişehir V.D.', 'Eskişehir', 'Osmangazi Vergi Dairesi', 'Büyük Mükellefler V.D', 'Çankaya VD'].map(taxOfficeName), [
    'Eskişehir',
    'Eskişehir',
    'Osmangazi',
    'Büyük Mükellefler',
    'Çankaya',
  ]);
  for (const taxOffice of ['Eskişehir V.D.', 'Büyük Mükellefler Vergi Dairesi Başkanlığı Ankara V.D.']) {
    for (const [w, p] of [
      [32, epson58],
      [48, wpc80],
    ] as const) {
      const t = documentToText(render(w, { ...typicalDistributor, taxOffice }), p);
      assert.is(t.split('V.D.').length - 1, 1, t);
      assert.ok(
        t.split('\n').some((l) => l.includes('V.No: 1234567890')),
        t,
      );
    }
  }
});

test('the ETTN is on one line at 32 and 48 columns; the invoice does not repeat its number as "Belge No"', () => {
  for (const [w, p] of [
    [32, epson58],
    [48, wpc80],
  ] as const) {
    const t = documentToText(render(w), p);
    assert.ok(
      t.split('\n').some((l) => /^ETTN: +/.test(l) && l.endsWith(inv.ettn)),
      t,
    );
    assert.not.match(t, 'Belge No');
  }
  // A reprint keeps its copy number; a document number other than the invoice's is still printed.
  const other = documentToText(renderInvoice(s.invoice, s.distributor, { width: 32, documentNo: 'D-9', copy: 1 }), epson58);
  assert.match(other, 'Belge No: D-9');
});

test('the bytes: ESC 3 24 for font A, ESC M 1 + ESC 3 17 for the small print, a 3-dot QR module with a 12-dot quiet zone, ESC 2 before the tail feed', () => {
  const { bytes } = encodeDocument(render(32), epson58);
  const has = (...b: number[]) => bytes.includes(Buffer.from(b));
  assert.ok(has(0x1b, 0x33, 24));
  assert.ok(has(0x1b, 0x4d, 1, 0x1b, 0x33, 17));
  assert.ok(has(0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 3));
  assert.ok(has(0x1b, 0x4a, 12, 0x1d, 0x28, 0x6b));
  assert.ok(has(0x1b, 0x32, 0x1b, 0x64, 4));
});

test.run();
