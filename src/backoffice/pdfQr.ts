/**
 * The invoice's QR code as an image for the A4 PDF: the content is exactly what the slip's QR
 * carries (core/documents/invoiceQr.ts, the one function both call, so paper and mail never
 * differ), drawn by the `qrcode` package as a PNG with the slip's error correction (M, as
 * adapters/printer/encodeDocument.ts asks the printer for) and the standard 4-module quiet zone.
 *
 * `modules` is the symbol the PNG shows (QRCode.create of the same content and level), so a test
 * can compare what was drawn with what should be, module by module.
 */
import QRCode from 'qrcode';
import type { Invoice } from '../core/billing/types.js';
import { invoiceQrPayload } from '../core/documents/invoiceQr.js';
import type { DistributorInfo } from '../core/documents/types.js';

export const QR_CORRECTION = 'M' as const;
/** Quiet zone in modules (ISO/IEC 18004 asks for 4). */
export const QR_MARGIN = 4;
/** PNG pixels per module: crisp when the PDF is printed at 40 mm, small to mail. */
export const QR_SCALE = 6;

export interface QrImage {
  content: string;
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Row-major, true = dark. */
  modules: boolean[];
  png: Buffer;
  /** PNG side in pixels: (size + 2 × QR_MARGIN) × QR_SCALE. */
  pixels: number;
}

/** The QR content of an invoice: the slip's. */
export function invoiceQrContent(inv: Invoice, seller: Pick<DistributorInfo, 'taxNo'>): string {
  return invoiceQrPayload(inv, seller);
}

export async function qrImage(content: string): Promise<QrImage> {
  const symbol = QRCode.create(content, { errorCorrectionLevel: QR_CORRECTION });
  const size = symbol.modules.size;
  const modules = Array.from(symbol.modules.data, (v) => v !== 0);
  const png = await QRCode.toBuffer(content, {
    type: 'png',
    errorCorrectionLevel: QR_CORRECTION,
    margin: QR_MARGIN,
    scale: QR_SCALE,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  return { content, size, modules, png, pixels: (size + 2 * QR_MARGIN) * QR_SCALE };
}
