/**
 * The invoice as a PDF for e-mail. On A4 (the default): an e-Arşiv invoice laid out for reading
 * (invoicePdfA4.ts; docs/invoice.md "E-mailed invoice (A4)") with the QR code drawn as an image.
 * On the slip page (58 mm wide, as long as the slip): the very document the handheld prints
 * (renderInvoice), line for line, in a monospaced font so the slip's columns hold; its QR is drawn
 * as an image too, the wide and tall slip styles become bold.
 *
 * Turkish letters (ş ğ ı İ …) need an embedded font: PDF's standard 14 fonts have no glyphs for
 * them, so the font files are required (DejaVu Sans and DejaVu Sans Mono from Debian's
 * fonts-dejavu-core by default). pdfkit embeds the used subset with a ToUnicode map, so the text
 * can be searched and copied (and pdf-parse reads it back).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Invoice } from '../core/billing/types.js';
import { renderInvoice } from '../core/documents/renderInvoice.js';
import { drawInvoiceA4 } from './invoicePdfA4.js';
import { invoiceQrContent, qrImage } from './pdfQr.js';
import type { DistributorInfo, PrintDocument } from '../core/documents/types.js';
import { alignPad } from '../core/escpos/decodeEscPos.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';

export type PdfPage = 'a4' | 'slip';

export interface PdfFonts {
  /** Monospaced, for the slip page. */
  regular: string;
  bold: string;
  /** Proportional, for the A4 invoice. */
  sans: string;
  sansBold: string;
}

export const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export function defaultFonts(dir = DEFAULT_FONT_DIR): PdfFonts {
  return {
    regular: join(dir, 'DejaVuSansMono.ttf'),
    bold: join(dir, 'DejaVuSansMono-Bold.ttf'),
    sans: join(dir, 'DejaVuSans.ttf'),
    sansBold: join(dir, 'DejaVuSans-Bold.ttf'),
  };
}

export function checkFonts(f: PdfFonts): void {
  for (const file of [f.regular, f.bold, f.sans, f.sansBold]) {
    if (!existsSync(file))
      throw new AppError(
        `PDF font ${file} not found (install fonts-dejavu-core, or set pdf.fontDir to a directory with DejaVuSans.ttf, DejaVuSans-Bold.ttf, DejaVuSansMono.ttf and DejaVuSansMono-Bold.ttf)`,
        ErrorCode.Config_Invalid,
        { context: { file } },
      );
  }
}

/**
 * Slip lines with their weight: the same lines the paper shows (documentToText), in Unicode; the QR
 * symbol is a line of its own (`qr`: its content), drawn as an image.
 */
export function slipLines(doc: PrintDocument): { text: string; bold: boolean; qr?: string }[] {
  const W = doc.width;
  const out: { text: string; bold: boolean; qr?: string }[] = [];
  for (const l of doc.lines) {
    if (l.kind === 'text') {
      const cols = [...l.text].length * (l.wide ? 2 : 1);
      out.push({ text: (alignPad(cols, W, l.align ?? 'left') + l.text).trimEnd(), bold: !!(l.bold || l.tall || l.wide) });
    } else if (l.kind === 'qr') out.push({ text: '', bold: false, qr: l.data });
    else out.push({ text: '', bold: false });
  }
  while (out.length && out[out.length - 1]!.text === '' && out[out.length - 1]!.qr === undefined) out.pop();
  return out;
}

const MM = 72 / 25.4;

export async function renderInvoicePdf(
  inv: Invoice,
  distributor: DistributorInfo,
  o: { page: PdfPage; fonts: PdfFonts; creationDate?: Date; operatorName?: string },
): Promise<Buffer> {
  checkFonts(o.fonts);
  const { default: PDFDocument } = await import('pdfkit');
  const info = {
    Title: `Fatura ${inv.invoiceNo}`,
    Author: distributor.title,
    Subject: 'Doğal gaz faturası',
    ...(o.creationDate ? { CreationDate: o.creationDate } : {}),
  };
  if (o.page === 'a4') {
    const qr = await qrImage(invoiceQrContent(inv, distributor));
    const pdf = new PDFDocument({ size: 'A4', margin: 40, font: o.fonts.sans, autoFirstPage: true, info });
    const out = collect(pdf);
    drawInvoiceA4(pdf, inv, distributor, qr, { regular: o.fonts.sans, bold: o.fonts.sansBold }, o.operatorName);
    pdf.end();
    return out;
  }
  // The slip page: the 58 mm layout (32 columns), what a printer of that width prints.
  const width = 32;
  const doc = renderInvoice(inv, distributor, { width, documentNo: inv.invoiceNo, copy: 1, operatorName: o.operatorName });
  const lines = slipLines(doc);
  const fontSize = 7.5;
  const lineHeight = fontSize * 1.25;
  const margin = 3 * MM;
  const qrSide = 30 * MM;
  const qrs = new Map<string, Awaited<ReturnType<typeof qrImage>>>();
  for (const l of lines) if (l.qr !== undefined && !qrs.has(l.qr)) qrs.set(l.qr, await qrImage(l.qr));
  const height = lines.reduce((h, l) => h + (l.qr !== undefined ? qrSide + 2 : lineHeight), 0);
  const size: [number, number] = [58 * MM, height + 2 * margin + fontSize];
  const pdf = new PDFDocument({ size, margin, font: o.fonts.regular, autoFirstPage: true, info });
  const out = collect(pdf);
  let y = margin;
  pdf.fontSize(fontSize);
  for (const l of lines) {
    if (l.qr !== undefined) {
      pdf.image(qrs.get(l.qr)!.png, (size[0] - qrSide) / 2, y, { width: qrSide, height: qrSide });
      y += qrSide + 2;
      continue;
    }
    if (l.text) pdf.font(l.bold ? o.fonts.bold : o.fonts.regular).text(l.text, margin, y, { lineBreak: false });
    y += lineHeight;
  }
  pdf.end();
  return out;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}
