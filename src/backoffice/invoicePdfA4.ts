/**
 * The e-mailed invoice on A4, laid out for reading (docs/invoice.md "E-mailed invoice (A4)"): the
 * distributor's identity, the e-Arşiv identity (invoice no, ETTN, date), the customer and meter
 * blocks, a table of lines with VAT, totals per VAT rate, the carry, the payable boxed with the due
 * date, the QR code as an image (the slip's content, pdfQr.ts) and, when the job carried a
 * consumption history, a bar chart of the last 12 months (pdfHistoryChart.ts).
 *
 * Every figure is the invoice's own decimal string, only regrouped (core/documents/format.ts), so
 * the PDF, the slip and the invoice.issued event agree digit for digit. Text is set in DejaVu Sans,
 * which has every Turkish letter (ğ ş ı İ); pdfkit embeds the subset with a ToUnicode map, so the
 * text is searchable.
 */
import { dec } from '../core/billing/decimal.js';
import type { Invoice, InvoiceLine } from '../core/billing/types.js';
import { operatorLabel } from '../core/documents/commonBlocks.js';
import { historyBars } from '../core/documents/consumptionHistory.js';
import { formatDate, formatDateTime, formatDecimal, formatTl } from '../core/documents/format.js';
import type { DistributorInfo } from '../core/documents/types.js';
import { drawHistoryChart } from './pdfHistoryChart.js';
import type { QrImage } from './pdfQr.js';

type Pdf = PDFKit.PDFDocument;
export interface A4Fonts {
  regular: string;
  bold: string;
}

const M = 40; // page margin, pt
const GREY = '#e8ecf2';

export const pct = (rate: string) => `%${formatDecimal(dec(rate).mul(100).toString())}`;
/** Money without the currency (the table's header says TL). */
const money = (s: string) => formatDecimal(s);
const grossOf = (l: InvoiceLine) => l.gross ?? dec(l.amount).add(dec(l.vat)).toFixed(2);

class Page {
  y = M;
  readonly left = M;
  readonly width: number;
  constructor(
    readonly pdf: Pdf,
    readonly f: A4Fonts,
  ) {
    this.width = pdf.page.width - 2 * M;
  }
  /** Starts a new page when `h` more points do not fit. */
  ensure(h: number): void {
    if (this.y + h > this.pdf.page.height - M) {
      this.pdf.addPage();
      this.y = M;
    }
  }
  text(s: string, x: number, y: number, o: { size?: number; bold?: boolean; width?: number; align?: 'left' | 'right' | 'center' } = {}) {
    this.pdf
      .font(o.bold ? this.f.bold : this.f.regular)
      .fontSize(o.size ?? 8.5)
      .fillColor('black');
    const opts = { width: o.width ?? this.width, align: o.align ?? 'left' };
    const h = this.pdf.heightOfString(s, opts);
    this.pdf.text(s, x, y, opts);
    return h;
  }
  rule(y: number, weight = 0.6) {
    this.pdf
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(weight)
      .strokeColor('#333333')
      .stroke();
  }
}

/** "Label: value" rows in a column; returns the height used. */
function rows(p: Page, items: readonly [string, string][], x: number, y: number, w: number, size = 8.5): number {
  let h = 0;
  for (const [k, v] of items) h += p.text(`${k}: ${v}`, x, y + h, { size, width: w }) + 1.5;
  return h;
}

function header(p: Page, inv: Invoice, d: DistributorInfo): void {
  const colW = p.width * 0.58;
  const rightX = p.left + colW + 10;
  const rightW = p.width - colW - 10;
  let l = p.text(d.title, p.left, p.y, { size: 12, bold: true, width: colW });
  l += p.text(d.address, p.left, p.y + l, { width: colW });
  l += p.text(`Vergi Dairesi: ${d.taxOffice}   VKN: ${d.taxNo}`, p.left, p.y + l, { width: colW });
  if (d.mersisNo) l += p.text(`MERSİS No: ${d.mersisNo}`, p.left, p.y + l, { width: colW });
  if (d.phone) l += p.text(`Tel: ${d.phone}`, p.left, p.y + l, { width: colW });
  let r = p.text('e-ARŞİV FATURA', rightX, p.y, { size: 15, bold: true, width: rightW, align: 'right' });
  r += p.text('DOĞAL GAZ FATURASI', rightX, p.y + r, { size: 10, bold: true, width: rightW, align: 'right' });
  r += p.text(`Fatura No: ${inv.invoiceNo}`, rightX, p.y + r + 2, { size: 9, bold: true, width: rightW, align: 'right' }) + 2;
  r += p.text(`Düzenleme: ${formatDateTime(inv.issuedAt)}`, rightX, p.y + r, { width: rightW, align: 'right' });
  r += p.text('Fatura tipi: SATIŞ', rightX, p.y + r, { width: rightW, align: 'right' });
  p.y += Math.max(l, r) + 4;
  p.y += p.text(`ETTN: ${inv.ettn}`, p.left, p.y, { size: 8.5 }) + 4;
  p.rule(p.y);
  p.y += 8;
}

function customerAndMeter(p: Page, inv: Invoice): void {
  const gap = 16;
  const w = (p.width - gap) / 2;
  const rx = p.left + w + gap;
  const c = inv.customer;
  let l = p.text('SAYIN', p.left, p.y, { size: 8, bold: true, width: w });
  l += p.text(c.name, p.left, p.y + l, { size: 10, bold: true, width: w }) + 1;
  l += p.text(c.address, p.left, p.y + l, { width: w }) + 3;
  l += rows(
    p,
    [
      ['VKN/TCKN', c.taxId ?? '11111111111'],
      ['Tesisat No', c.installationNo],
      ['Sözleşme Hesap No', c.contractAccount],
      ['Tarife grubu', inv.tariffGroup],
    ],
    p.left,
    p.y + l,
    w,
  );
  let r = p.text('SAYAÇ VE TÜKETİM', rx, p.y, { size: 8, bold: true, width: w }) + 1;
  r += rows(
    p,
    [
      ['Sayaç Seri No', inv.meter.serial + (inv.meter.class ? ` (${inv.meter.class})` : '')],
      ['Okuma dönemi', `${formatDate(inv.period.from)} – ${formatDate(inv.period.to)} (${inv.period.days} gün)`],
      ['İlk endeks', String(inv.previousIndex)],
      ['Son endeks', String(inv.currentIndex) + (inv.rollover ? ' (sayaç sıfırdan döndü)' : '')],
      ['Tüketim (m³)', formatDecimal(inv.consumptionM3)],
      ['Düzeltme katsayısı (K)', formatDecimal(inv.correctionFactor)],
      ['Düzeltilmiş hacim (m³)', formatDecimal(inv.correctedM3)],
      ['Üst ısıl değer (kcal/m³)', formatDecimal(inv.calorificValue)],
      ['kWh katsayısı', formatDecimal(inv.kwhFactor)],
      ['Tüketim (kWh)', formatDecimal(inv.energyKwh)],
    ],
    rx,
    p.y + r,
    w,
  );
  p.y += Math.max(l, r) + 6;
}

/** Column x offsets and widths of the lines table (sum = content width). */
const COLS: readonly { title: string; w: number; align: 'left' | 'right' }[] = [
  { title: 'Açıklama', w: 0.31, align: 'left' },
  { title: 'Miktar', w: 0.12, align: 'right' },
  { title: 'Birim fiyat', w: 0.12, align: 'right' },
  { title: 'Tutar (TL)', w: 0.11, align: 'right' },
  { title: 'KDV oranı', w: 0.1, align: 'right' },
  { title: 'KDV (TL)', w: 0.1, align: 'right' },
  { title: 'Toplam (TL)', w: 0.14, align: 'right' },
];

function table(p: Page, inv: Invoice): void {
  const pad = 3;
  const cells = (vals: readonly string[], bold: boolean, fill?: string) => {
    const xs: number[] = [];
    let x = p.left;
    for (const c of COLS) (xs.push(x), (x += c.w * p.width));
    const h =
      Math.max(
        ...vals.map((v, i) =>
          p.pdf
            .font(bold ? p.f.bold : p.f.regular)
            .fontSize(8)
            .heightOfString(v, { width: COLS[i]!.w * p.width - 2 * pad }),
        ),
      ) +
      2 * pad;
    p.ensure(h);
    if (fill) p.pdf.rect(p.left, p.y, p.width, h).fill(fill);
    vals.forEach((v, i) =>
      p.text(v, xs[i]! + pad, p.y + pad, { size: 8, bold, width: COLS[i]!.w * p.width - 2 * pad, align: COLS[i]!.align }),
    );
    p.y += h;
  };
  cells(
    COLS.map((c) => c.title),
    true,
    GREY,
  );
  for (const l of inv.lines) {
    const qty = `${formatDecimal(l.quantity)} ${l.unit}`;
    cells(
      [l.description, qty, formatDecimal(l.unitPrice, { group: false }), money(l.amount), pct(l.vatRate), money(l.vat), money(grossOf(l))],
      false,
    );
    p.rule(p.y, 0.2);
  }
  p.y += 8;
}

function totals(p: Page, inv: Invoice, qr: QrImage): void {
  const qrSide = 118; // ≈ 42 mm
  const x = p.left + p.width * 0.45;
  const w = p.width - (x - p.left);
  const vatTotals = inv.vatTotals ?? [{ vatRate: inv.vatRate, net: inv.consumptionAmount, vat: inv.vat }];
  const items: [string, string, boolean][] = [];
  for (const t of vatTotals) {
    items.push([`KDV matrahı (${pct(t.vatRate)})`, formatTl(t.net), false]);
    items.push([`Hesaplanan KDV (${pct(t.vatRate)})`, formatTl(t.vat), false]);
  }
  items.push(['Fatura toplamı (KDV dahil)', formatTl(inv.total), true]);
  const carry = inv.previousCarry !== undefined && !dec(inv.previousCarry).isZero() ? inv.previousCarry : undefined;
  // Shown with the sign it has on this bill, as the slip does (invoiceAmounts.ts).
  if (carry) items.push(['Önceki yuvarlama', formatTl(carry.startsWith('-') ? carry.slice(1) : `-${carry}`), false]);
  items.push(['Yuvarlama (devreden)', formatTl(inv.roundingCarry), false]);
  const rowH = 13;
  p.ensure(Math.max(qrSide + 30, items.length * rowH + 80));
  const top = p.y;
  p.pdf.image(qr.png, p.left, top, { width: qrSide, height: qrSide });
  p.text('e-Arşiv karekod', p.left, top + qrSide + 1, { size: 7, width: qrSide, align: 'center' });
  let y = top;
  for (const [k, v, bold] of items) {
    p.text(k, x, y, { bold, width: w * 0.6 });
    p.text(v, x + w * 0.6, y, { bold, width: w * 0.4, align: 'right' });
    y += rowH;
  }
  y += 4;
  const boxH = 44;
  p.pdf.rect(x, y, w, boxH).lineWidth(1.5).strokeColor('black').stroke();
  p.text('ÖDENECEK TUTAR', x + 8, y + 7, { size: 11, bold: true, width: w * 0.5 });
  p.text(formatTl(inv.payable), x + w * 0.4, y + 5, { size: 16, bold: true, width: w * 0.6 - 8, align: 'right' });
  p.text(`Son ödeme tarihi: ${formatDate(inv.dueDate)}`, x + 8, y + 27, { size: 9.5, bold: true, width: w - 16 });
  y += boxH + 3;
  // TBK art. 93: a holiday moves the due date to the next working day; say why it is later than usual.
  if (inv.dueDateMovedFrom) y += p.text(`(${formatDate(inv.dueDateMovedFrom)} tatil olduğundan ertelendi)`, x, y, { size: 7.5, width: w });
  if (inv.previousDebt !== undefined && !dec(inv.previousDebt).isZero())
    y += p.text(`Önceki dönemlerden ödenmemiş borcunuz: ${formatTl(inv.previousDebt)} (bu faturaya dahil değildir)`, x, y + 2, {
      size: 8,
      width: w,
    });
  p.y = Math.max(y, top + qrSide + 12) + 10;
}

function footer(p: Page, inv: Invoice, d: DistributorInfo, operatorName: string | undefined): void {
  p.ensure(70);
  p.rule(p.y);
  p.y += 6;
  if (d.paymentChannels?.length) p.y += p.text(`Ödeme kanalları: ${d.paymentChannels.join(' · ')}`, p.left, p.y, { size: 8 }) + 3;
  p.y += p.text('Bu belge e-Arşiv faturanın görüntüsüdür; ETTN ile sorgulanabilir.', p.left, p.y, { size: 8 }) + 3;
  p.y += p.text('DOĞAL GAZ ACİL: 187', p.left, p.y, { size: 10, bold: true });
  p.y += p.text("Gaz kokusu alırsanız elektrik düğmelerine dokunmayın, 187'yi arayın.", p.left, p.y, { size: 8 }) + 3;
  p.text(`Görevli: ${operatorLabel(inv.operatorId, operatorName)}   Cihaz: ${inv.deviceId}`, p.left, p.y, { size: 7.5 });
}

/**
 * Draws the whole invoice on `pdf` (an A4 document with its first page open). `operatorName`: the
 * issuing operator's, from the relay's pdf.operatorsFile (the event names the operator by id only).
 */
export function drawInvoiceA4(pdf: Pdf, inv: Invoice, d: DistributorInfo, qr: QrImage, fonts: A4Fonts, operatorName?: string): void {
  const p = new Page(pdf, fonts);
  header(p, inv, d);
  customerAndMeter(p, inv);
  table(p, inv);
  totals(p, inv, qr);
  const bars = historyBars(inv);
  if (bars.length) {
    const h = 120;
    p.ensure(h + 10);
    drawHistoryChart(pdf, bars, { x: p.left, y: p.y, w: p.width, h }, fonts);
    p.y += h + 12;
  }
  footer(p, inv, d, operatorName);
}
