/**
 * How big a QR symbol prints: its version from the content (ISO/IEC 18004 capacities), its modules,
 * and the module size we choose for it (docs/invoice.md "Paper"). Pure; the encoder uses it to size
 * the symbol to its content, and paperLength.ts to measure the printed symbol from the bytes.
 */
import type { QrCorrection } from './commands.js';

/** Data codewords per version 1–40 and error-correction level (ISO/IEC 18004 table 7). */
const DATA_CODEWORDS: Record<QrCorrection, readonly number[]> = {
  L: [
    19, 34, 55, 80, 108, 136, 156, 194, 232, 274, 324, 370, 428, 461, 523, 589, 647, 721, 795, 861, 932, 1006, 1094, 1174, 1276, 1370, 1468,
    1531, 1631, 1735, 1843, 1955, 2071, 2191, 2306, 2434, 2566, 2702, 2812, 2956,
  ],
  M: [
    16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254, 290, 334, 365, 415, 453, 507, 563, 627, 669, 714, 782, 860, 914, 1000, 1062, 1128,
    1193, 1267, 1373, 1455, 1541, 1631, 1725, 1812, 1914, 1992, 2102, 2216, 2334,
  ],
  Q: [
    13, 22, 34, 48, 62, 76, 88, 110, 132, 154, 180, 206, 244, 261, 295, 325, 367, 397, 445, 485, 512, 568, 614, 664, 718, 754, 808, 871,
    911, 985, 1033, 1115, 1171, 1231, 1286, 1354, 1426, 1502, 1582, 1666,
  ],
  H: [
    9, 16, 26, 36, 46, 60, 66, 86, 100, 122, 140, 158, 180, 197, 223, 253, 283, 313, 341, 385, 406, 442, 464, 514, 538, 596, 628, 661, 701,
    745, 793, 845, 901, 961, 986, 1054, 1096, 1142, 1222, 1276,
  ],
};

/**
 * The smallest version that holds `bytes` bytes in byte mode: mode indicator (4 bits), character
 * count (8 bits up to version 9, 16 after), 8 bits per byte. Byte mode is what our ASCII payloads
 * and GİB's JSON karekod need; a printer that picks a denser mode prints a smaller symbol, never a
 * larger one, so this is an upper bound.
 */
export function qrVersion(bytes: number, correction: QrCorrection = 'M'): number {
  const table = DATA_CODEWORDS[correction];
  for (let v = 1; v <= 40; v++) {
    const bits = 4 + (v <= 9 ? 8 : 16) + 8 * bytes;
    if (bits <= (table[v - 1] as number) * 8) return v;
  }
  throw new RangeError(`QR data of ${bytes} bytes does not fit version 40-${correction}`);
}

/** Modules on a side of a version-v symbol (quiet zone not included). */
export function qrModules(version: number): number {
  return 17 + 4 * version;
}

/**
 * The smallest module a phone camera reads reliably off thermal paper (0.33 mm: 3 dots at 203 dpi,
 * 0.375 mm), and the ISO/IEC 18004 quiet zone (four modules of white around the symbol).
 */
export const QR_MIN_MODULE_MM = 0.33;
export const QR_QUIET_MODULES = 4;

/**
 * Module size in dots (the GS ( k fn 67 argument) for `data` (ASCII, as qrCode requires): the
 * smallest legible module, so the symbol is as big as its content needs and no bigger (the version
 * grows with the content: GİB's karekod JSON prints larger than a short string); smaller only when
 * the symbol would not fit the paper (`widthDots`).
 */
export function qrModuleSize(data: string, opts: { dpi: number; widthDots: number; correction?: QrCorrection }): number {
  const modules = qrModules(qrVersion(data.length, opts.correction ?? 'M'));
  const legible = Math.ceil((QR_MIN_MODULE_MM * opts.dpi) / 25.4);
  const fit = Math.min(legible, Math.floor(opts.widthDots / modules));
  if (fit < 1) throw new RangeError(`QR of ${modules} modules does not fit ${opts.widthDots} dots`);
  return Math.min(16, fit);
}
