/**
 * The invoice as a PDF for e-mail: the very document the handheld prints (renderInvoice), line for
 * line, set in a monospaced TrueType font so the slip's column layout holds, on A4 or on a
 * slip-width page (58 mm wide, as long as the slip). Turkish letters (ş ğ ı İ …) need an embedded
 * font: PDF's standard 14 fonts have no glyphs for them, so the font files are required
 * (DejaVu Sans Mono from Debian's fonts-dejavu-core by default). pdfkit embeds the used subset
 * with a ToUnicode map, so the text can be searched and copied (and pdf-parse reads it back).
 *
 * The QR symbol is shown as its payload text (the back office verifies it, see invoiceQr.ts);
 * the wide and tall slip styles become bold, the paper cut a rule.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Invoice } from '../core/billing/types.js';
import { renderInvoice } from '../core/documents/renderInvoice.js';
import { wrap } from '../core/documents/layout.js';
import type { DistributorInfo, PrintDocument } from '../core/documents/types.js';
import { alignPad } from '../core/escpos/decodeEscPos.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';

export type PdfPage = 'a4' | 'slip';

export interface PdfFonts {
  regular: string;
  bold: string;
}

export const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export function defaultFonts(dir = DEFAULT_FONT_DIR): PdfFonts {
  return { regular: join(dir, 'DejaVuSansMono.ttf'), bold: join(dir, 'DejaVuSansMono-Bold.ttf') };
}

export function checkFonts(f: PdfFonts): void {
  for (const file of [f.regular, f.bold]) {
    if (!existsSync(file))
      throw new AppError(
        `PDF font ${file} not found (install fonts-dejavu-core, or set pdf.fontDir to a directory with DejaVuSansMono.ttf and DejaVuSansMono-Bold.ttf)`,
        ErrorCode.Config_Invalid,
        { context: { file } },
      );
  }
}

/** Slip text lines with their weight: the same lines the paper shows (documentToText), in Unicode. */
export function slipLines(doc: PrintDocument): { text: string; bold: boolean }[] {
  const W = doc.width;
  const out: { text: string; bold: boolean }[] = [];
  for (const l of doc.lines) {
    if (l.kind === 'text') {
      const cols = [...l.text].length * (l.wide ? 2 : 1);
      out.push({ text: (alignPad(cols, W, l.align ?? 'left') + l.text).trimEnd(), bold: !!(l.bold || l.tall || l.wide) });
    } else if (l.kind === 'qr') {
      for (const part of wrap(`QR: ${l.data}`, W)) out.push({ text: part, bold: false });
    } else out.push({ text: '', bold: false });
  }
  while (out.length && out[out.length - 1]!.text === '') out.pop();
  return out;
}

const MM = 72 / 25.4;

export async function renderInvoicePdf(
  inv: Invoice,
  distributor: DistributorInfo,
  o: { page: PdfPage; fonts: PdfFonts; creationDate?: Date },
): Promise<Buffer> {
  checkFonts(o.fonts);
  // A4 takes the 80 mm layout (48 columns), the slip page the 58 mm one (32): what a printer of that width prints.
  const width = o.page === 'a4' ? 48 : 32;
  const doc = renderInvoice(inv, distributor, { width, documentNo: inv.invoiceNo, copy: 1 });
  const lines = slipLines(doc);
  const { default: PDFDocument } = await import('pdfkit');
  const fontSize = o.page === 'a4' ? 10 : 7.5;
  const lineHeight = fontSize * 1.25;
  const margin = o.page === 'a4' ? 56 : 3 * MM;
  // Monospaced: every glyph is 0.6 em wide in DejaVu Sans Mono.
  const textWidth = width * fontSize * 0.602;
  const size: [number, number] | string = o.page === 'a4' ? 'A4' : [58 * MM, lines.length * lineHeight + 2 * margin + fontSize];
  const pdf = new PDFDocument({
    size,
    margin,
    font: o.fonts.regular,
    autoFirstPage: true,
    info: {
      Title: `Fatura ${inv.invoiceNo}`,
      Author: distributor.title,
      Subject: 'Doğal gaz faturası',
      ...(o.creationDate ? { CreationDate: o.creationDate } : {}),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const pageLeft = o.page === 'a4' ? (pdf.page.width - textWidth) / 2 : margin;
  let y = margin;
  pdf.fontSize(fontSize);
  for (const l of lines) {
    if (y + lineHeight > pdf.page.height - margin) {
      pdf.addPage();
      y = margin;
    }
    if (l.text) pdf.font(l.bold ? o.fonts.bold : o.fonts.regular).text(l.text, pageLeft, y, { lineBreak: false });
    y += lineHeight;
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}
