/**
 * The consumption bar chart of the A4 invoice (docs/invoice.md "E-mailed invoice (A4)"): the 12
 * months before this bill and this bill, as Turkish gas bills show it. The bars come from
 * core/documents/consumptionHistory.ts; `chartGeometry` turns them into rectangles (pure, tested),
 * `drawHistoryChart` puts them on the page with each month's label and m³ as text.
 */
import { dec } from '../core/billing/decimal.js';
import { sameMonthLastYear, type HistoryBar } from '../core/documents/consumptionHistory.js';
import { formatDecimal } from '../core/documents/format.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BarRect extends Box {
  bar: HistoryBar;
}

/** One rectangle per bar with m³, bottom-aligned in `plot`, the tallest reaching its top. */
export function chartGeometry(bars: readonly HistoryBar[], plot: Box): BarRect[] {
  if (!bars.length) return [];
  const max = bars.reduce((m, b) => (b.m3 !== null && dec(b.m3).gt(m) ? dec(b.m3) : m), dec(0));
  const slot = plot.w / bars.length;
  const out: BarRect[] = [];
  bars.forEach((bar, i) => {
    if (bar.m3 === null) return;
    const h = max.isZero() ? 0 : dec(bar.m3).div(max).mul(plot.h).toNumber();
    out.push({ bar, x: plot.x + i * slot + slot * 0.15, y: plot.y + plot.h - h, w: slot * 0.7, h });
  });
  return out;
}

type Pdf = PDFKit.PDFDocument;

/** Draws the chart in `box`; returns the height used. */
export function drawHistoryChart(pdf: Pdf, bars: readonly HistoryBar[], box: Box, fonts: { regular: string; bold: string }): number {
  const titleH = 14;
  const valueH = 10;
  const labelH = 12;
  pdf.font(fonts.bold).fontSize(9).fillColor('black').text('Tüketim geçmişi (m³)', box.x, box.y, { lineBreak: false });
  const last = sameMonthLastYear(bars);
  if (last)
    pdf
      .font(fonts.regular)
      .fontSize(8)
      .text(`Geçen yıl aynı ay (${last.label}): ${formatDecimal(last.m3!)} m³`, box.x, box.y + 1, {
        width: box.w,
        align: 'right',
        lineBreak: false,
      });
  const plot: Box = { x: box.x, y: box.y + titleH + valueH, w: box.w, h: box.h - titleH - valueH - labelH };
  const slot = plot.w / bars.length;
  pdf
    .moveTo(plot.x, plot.y + plot.h)
    .lineTo(plot.x + plot.w, plot.y + plot.h)
    .lineWidth(0.5)
    .strokeColor('#555555')
    .stroke();
  for (const r of chartGeometry(bars, plot)) {
    if (r.h > 0) pdf.rect(r.x, r.y, r.w, r.h).fill(r.bar.current ? '#1f4e8c' : '#9bb3d1');
    pdf
      .fillColor('black')
      .font(r.bar.current ? fonts.bold : fonts.regular)
      .fontSize(6.5)
      .text(formatDecimal(r.bar.m3!), r.x - slot * 0.15, r.y - valueH + 1, { width: slot, align: 'center', lineBreak: false });
  }
  bars.forEach((b, i) => {
    pdf
      .fillColor('black')
      .font(b.current ? fonts.bold : fonts.regular)
      .fontSize(6.5)
      .text(b.label, plot.x + i * slot, plot.y + plot.h + 3, { width: slot, align: 'center', lineBreak: false });
    if (b.m3 === null) pdf.text('–', plot.x + i * slot, plot.y + plot.h - valueH, { width: slot, align: 'center', lineBreak: false });
  });
  pdf.fillColor('black');
  return box.h;
}
