/**
 * The e-mailed A4 invoice (docs/invoice.md "E-mailed invoice (A4)"): rendered to text with
 * pdf-parse, every figure of a bill with charges at two VAT rates, a carry, a previous debt and a
 * consumption history is checked against the invoice; the QR image embedded in the PDF is decoded
 * pixel by pixel and compared with the QR symbol of the slip's content.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { PDFParse } from 'pdf-parse';
import QRCode from 'qrcode';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { defaultFonts, renderInvoicePdf } from '../../../src/backoffice/invoicePdf.js';
import { QR_MARGIN, QR_SCALE, invoiceQrContent, qrImage } from '../../../src/backoffice/pdfQr.js';
import { dec } from '../../../src/core/billing/decimal.js';
import type { Invoice } from '../../../src/core/billing/types.js';
import { historyBars } from '../../../src/core/documents/consumptionHistory.js';
import { formatDate, formatDateTime, formatDecimal, formatTl } from '../../../src/core/documents/format.js';
import { invoiceQrPayload } from '../../../src/core/documents/invoiceQr.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loadTariff } from '../../helpers/tariffs.js';

const distributor = {
  title: 'Örnek Şehir Doğal Gaz Dağıtım A.Ş.',
  address: 'İstiklal Mah. Çağdaş Sok. No:12 Odunpazarı/Eskişehir',
  taxOffice: 'Eskişehir',
  taxNo: '4540536920',
  mersisNo: '0454053692000015',
  phone: '444 0 426',
  paymentChannels: ['Online işlemler: www.ornekgaz.com.tr', 'Anlaşmalı bankalar ve PTT'],
};
const history = [
  { period: '2025-02', m3: '301.5' },
  { period: '2025-03', m3: '240' },
  { period: '2025-05', m3: '61' },
  { period: '2025-11', m3: '97' },
  { period: '2025-12', m3: '188.25' },
  { period: '2026-01', m3: '263' },
];
const account = {
  previousCarry: '0.45',
  charges: [
    { code: 'reconnection', description: 'Açma-kapama bedeli', amount: '206.00', vatRate: '0.20' },
    { code: 'deposit', description: 'Güvence bedeli taksiti', amount: '250.00', vatRate: '0' },
  ],
  previousDebt: '3125.40',
};

/** An invoice as the device issues it (ReadingService), so every figure is the billing core's. */
async function issue(over: Parameters<typeof readingJob>[1] = {}): Promise<Invoice> {
  const now = Date.parse('2026-02-04T10:00:00+03:00');
  const store = await memoryTarget().open({ clock: () => now });
  const job = readingJob(1, { meter: { ...readingJob(1).meter, lastIndex: 4100, lastReadDate: '2026-01-05', class: 'G4' }, ...over });
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

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: pdf });
  const text = (await parser.getText()).text;
  await parser.destroy();
  return text.replace(/[ \t]+/g, ' ');
}

const full = () => issue({ account, consumptionHistory: history, customer: { ...readingJob(1).customer, taxId: '10000000146' } });

test('every figure of a bill with two VAT rates, a carry and a previous debt reads back from the PDF', async () => {
  const inv = await full();
  assert.is(inv.lines.length, 3);
  assert.is(inv.vatTotals?.length, 2, 'two VAT rates');
  const text = await pdfText(await renderInvoicePdf(inv, distributor, { page: 'a4', fonts: defaultFonts() }));
  const pct = (r: string) => `%${formatDecimal(dec(r).mul(100).toString())}`;
  const want = [
    // Seller
    distributor.title,
    `Vergi Dairesi: ${distributor.taxOffice} VKN: ${distributor.taxNo}`,
    `MERSİS No: ${distributor.mersisNo}`,
    // e-Arşiv identity
    'e-ARŞİV FATURA',
    `Fatura No: ${inv.invoiceNo}`,
    `ETTN: ${inv.ettn}`,
    `Düzenleme: ${formatDateTime(inv.issuedAt)}`,
    // Buyer, meter, consumption
    inv.customer.name,
    'VKN/TCKN: 10000000146',
    `Tesisat No: ${inv.customer.installationNo}`,
    `Sözleşme Hesap No: ${inv.customer.contractAccount}`,
    `Sayaç Seri No: ${inv.meter.serial} (G4)`,
    `Okuma dönemi: ${formatDate(inv.period.from)} – ${formatDate(inv.period.to)} (${inv.period.days} gün)`,
    `İlk endeks: ${inv.previousIndex}`,
    `Son endeks: ${inv.currentIndex}`,
    `Tüketim (m³): ${formatDecimal(inv.consumptionM3)}`,
    `Düzeltme katsayısı (K): ${formatDecimal(inv.correctionFactor)}`,
    `Tüketim (kWh): ${formatDecimal(inv.energyKwh)}`,
    // One table row per line: net, VAT rate, VAT, gross
    ...inv.lines.map((l) =>
      [
        l.description,
        formatDecimal(l.quantity),
        l.unit,
        formatDecimal(l.unitPrice, { group: false }),
        formatDecimal(l.amount),
        pct(l.vatRate),
        formatDecimal(l.vat),
        formatDecimal(l.gross!),
      ].join(' '),
    ),
    // VAT per rate, totals, carry, payable, due date
    ...inv.vatTotals!.flatMap((t) => [
      `KDV matrahı (${pct(t.vatRate)}) ${formatTl(t.net)}`,
      `Hesaplanan KDV (${pct(t.vatRate)}) ${formatTl(t.vat)}`,
    ]),
    `Fatura toplamı (KDV dahil) ${formatTl(inv.total)}`,
    `Önceki yuvarlama -${formatTl(inv.previousCarry!)}`,
    `Yuvarlama (devreden) ${formatTl(inv.roundingCarry)}`,
    `ÖDENECEK TUTAR ${formatTl(inv.payable)}`,
    `Son ödeme tarihi: ${formatDate(inv.dueDate)}`,
    `Önceki dönemlerden ödenmemiş borcunuz: ${formatTl(inv.previousDebt!)}`,
    'DOĞAL GAZ ACİL: 187',
    'Görevli: op-17 Cihaz: HT-0042',
  ];
  const flat = text.replace(/\n/g, ' ');
  for (const s of want) assert.ok(flat.includes(s), `PDF has "${s}":\n${text}`);
  assert.is(inv.lines.reduce((s, l) => s.add(dec(l.gross!)), dec(0)).toFixed(2), inv.total, 'the table rows add up to the total printed');
});

test('the history chart: every month label and m³ of the last 12 months and this bill; none without history', async () => {
  const inv = await full();
  const text = await pdfText(await renderInvoicePdf(inv, distributor, { page: 'a4', fonts: defaultFonts() }));
  const bars = historyBars(inv);
  assert.is(bars.length, 13);
  assert.ok(text.includes('Tüketim geçmişi (m³)'));
  for (const b of bars) {
    assert.ok(text.includes(b.label), `label ${b.label}`);
    if (b.m3 !== null)
      assert.match(text, new RegExp(`(^|\\s)${formatDecimal(b.m3).replace('.', '\\.')}(\\s|$)`), `value ${b.m3} of ${b.label}`);
  }
  // 2025-02 (301,5) is 12 months before 2026-02: the chart's first bar; nothing older is drawn.
  assert.is(bars[0]!.period, '2025-02');
  assert.ok(text.includes('301,5'));
  assert.ok(text.includes(`Geçen yıl aynı ay (Şub 25): 301,5 m³`));
  const plain = await pdfText(await renderInvoicePdf(await issue(), distributor, { page: 'a4', fonts: defaultFonts() }));
  assert.not.ok(plain.includes('Tüketim geçmişi'));
  assert.ok(plain.includes('ÖDENECEK TUTAR'));
});

/** The RGB image XObjects of a pdfkit PDF, inflated (pdfkit moves a PNG's alpha into an SMask). */
function rgbImages(pdf: Buffer): { width: number; height: number; rgb: Buffer }[] {
  const s = pdf.toString('latin1');
  const out: { width: number; height: number; rgb: Buffer }[] = [];
  const re = /\d+ 0 obj\n<<\n([\s\S]*?)\n>>\nstream\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const dict = m[1]!;
    if (!/\/Subtype \/Image/.test(dict) || !/\/ColorSpace \/DeviceRGB/.test(dict)) continue;
    const len = Number(/\/Length (\d+)/.exec(dict)![1]);
    const start = m.index + m[0].length;
    out.push({
      width: Number(/\/Width (\d+)/.exec(dict)![1]),
      height: Number(/\/Height (\d+)/.exec(dict)![1]),
      rgb: inflateSync(pdf.subarray(start, start + len)),
    });
  }
  return out;
}

test('the QR image in the PDF is, module for module, the QR symbol of the content the slip carries', async () => {
  const inv = await full();
  const pdf = await renderInvoicePdf(inv, distributor, { page: 'a4', fonts: defaultFonts() });
  const images = rgbImages(pdf);
  assert.is(images.length, 1, 'one image: the QR');
  const img = images[0]!;
  const content = invoiceQrPayload(inv, distributor);
  assert.is(invoiceQrContent(inv, distributor), content, "the slip's content, from the slip's function");
  const symbol = QRCode.create(content, { errorCorrectionLevel: 'M' });
  const n = symbol.modules.size;
  assert.is(img.width, (n + 2 * QR_MARGIN) * QR_SCALE);
  assert.is(img.height, img.width);
  let dark = 0;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const x = (QR_MARGIN + c) * QR_SCALE + QR_SCALE / 2;
      const y = (QR_MARGIN + r) * QR_SCALE + QR_SCALE / 2;
      const drawn = img.rgb[(y * img.width + x) * 3]! < 128;
      const want = symbol.modules.get(r, c) === 1;
      if (drawn !== want) assert.unreachable(`module ${r},${c}: drawn ${drawn}, symbol ${want}`);
      if (drawn) dark++;
    }
  assert.ok(dark > n * n * 0.3 && dark < n * n * 0.7, `a QR is about half dark: ${dark}/${n * n}`);
  // The quiet zone is white.
  for (let x = 0; x < QR_MARGIN * QR_SCALE; x++) assert.ok(img.rgb[x * 3]! > 200);
  // And qrImage reports the same symbol it drew.
  const q = await qrImage(content);
  assert.is(q.size, n);
  assert.equal(
    q.modules,
    Array.from(symbol.modules.data, (v) => v !== 0),
  );
});

test('the slip-width PDF draws the same QR symbol as an image', async () => {
  const inv = await full();
  const pdf = await renderInvoicePdf(inv, distributor, { page: 'slip', fonts: defaultFonts() });
  const [img] = rgbImages(pdf);
  const symbol = QRCode.create(invoiceQrPayload(inv, distributor), { errorCorrectionLevel: 'M' });
  const n = symbol.modules.size;
  assert.ok(img, 'an image');
  assert.is(img!.width, (n + 2 * QR_MARGIN) * QR_SCALE);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const x = (QR_MARGIN + c) * QR_SCALE + QR_SCALE / 2;
      const y = (QR_MARGIN + r) * QR_SCALE + QR_SCALE / 2;
      if (img!.rgb[(y * img!.width + x) * 3]! < 128 !== (symbol.modules.get(r, c) === 1)) assert.unreachable(`module ${r},${c}`);
    }
});

test('Turkish letters survive in an embedded DejaVu Sans subset; a missing font is a config error', async () => {
  const inv = await full();
  const pdf = await renderInvoicePdf(inv, distributor, { page: 'a4', fonts: defaultFonts() });
  const raw = pdf.toString('latin1');
  assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\n/);
  assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\n/);
  const text = await pdfText(pdf);
  for (const s of [
    'Doğal',
    'Şehir',
    'Sözleşme',
    'İlk endeks',
    'Açma-kapama',
    'Güvence',
    'ÖDENECEK',
    'Düzeltilmiş',
    'ısıl',
    'Ağu 25',
    'Şub 26',
  ])
    assert.ok(text.includes(s), `${s} in\n${text}`);
  try {
    await renderInvoicePdf(inv, distributor, { page: 'a4', fonts: defaultFonts('/nonexistent') });
    assert.unreachable('a missing font must be refused');
  } catch (e) {
    assert.match((e as Error).message, /PDF font .*DejaVuSans.*not found/);
  }
});

test('twenty charges run onto a second page with every line, the payable and the QR still there', async () => {
  const charges = Array.from({ length: 20 }, (_, i) => ({
    code: `c${i}`,
    description: `Ek hizmet bedeli ${i + 1} (uzun bir açıklama, satırı sarmak için yeterince uzun)`,
    amount: `${10 + i}.50`,
    vatRate: i % 2 ? '0.20' : '0.10',
  }));
  const inv = await issue({ account: { charges }, consumptionHistory: history });
  const pdf = await renderInvoicePdf(inv, distributor, { page: 'a4', fonts: defaultFonts() });
  const text = await pdfText(pdf);
  assert.match(text, /-- 2 of 2 --/);
  const flat = text.replace(/\n/g, ' ');
  for (const l of inv.lines) assert.ok(flat.includes(`${formatDecimal(l.amount)} %`), `line ${l.code}`);
  assert.ok(flat.includes(`ÖDENECEK TUTAR ${formatTl(inv.payable)}`));
  assert.is(rgbImages(pdf).length, 1);
});

test.run();
