/**
 * A printer profile (device/printers/*.json): everything that differs between printer makes and
 * units. Checked against PrinterProfileSchema with the shared helper (src/core/validation), so
 * every problem is reported at once, each naming its key.
 */
import { Type } from '@sinclair/typebox';
import { check, flag, isRecord, oneOf, wholeNumber } from '../validation/index.js';
import type { TextEncoding } from './codePages.js';

export type FlowControl = 'none' | 'rtscts' | 'xonxoff';
export type Cutter = 'none' | 'partial' | 'full';

export interface PrinterProfile {
  id: string;
  description: string;
  /** Prefer /dev/serial/by-id/… : ttyUSB numbers change with plug order. */
  path: string;
  baudRate: number;
  flowControl: FlowControl;
  /** Characters per line in font A: 32 (58 mm), 42 (80 mm at 180 dpi), 48 (80 mm). */
  columns: 32 | 42 | 48;
  /**
   * 'pc857' / 'wpc1254' print Turkish letters with the ESC t table `codePageTable`;
   * 'ascii' is the visible fallback for printers without Turkish glyphs: ş → s, İ → I.
   */
  encoding: Exclude<TextEncoding, 'pc437'>;
  /** ESC t number of `encoding` on THIS printer: PC857 is 13 on Epson, 61 on many clones; WPC1254 48. */
  codePageTable: number | null;
  /** Answers DLE EOT real-time status queries (paper out, cover open). */
  statusQueries: boolean;
  /** Prints GS ( k QR codes; without it the QR data is printed as text. */
  qr: boolean;
  /** Handhelds usually have only a tear bar ('none'). */
  cutter: Cutter;
  /** Lines fed after a document so the tear bar clears the last line. */
  feedAfter: number;
  /** Bytes per write before waiting for drain. */
  chunkSize: number;
  /**
   * Print head resolution in dots per inch (203 on the shipped printers; 180 on some older heads).
   * Turns dots into millimetres of paper (src/core/escpos/paperLength.ts) and sizes the QR module.
   */
  dpi: number;
  /**
   * Line spacing of font A lines, the ESC 3 n argument in dots (one vertical motion unit = one dot
   * on the shipped printers). Default 24: the font A cell itself (12×24, baseline at 21, room for
   * accents above and descenders below), instead of the printer's power-on 1/6 inch (≈ 34 dots at
   * 203 dpi). Less than the cell is refused: Epson printers feed the cell height anyway.
   * Raise it for a printer whose font needs air. docs/invoice.md "Paper".
   */
  lineSpacingDots: number;
  /** Line spacing of font B lines (the 9×17 small print), ESC 3 n in dots. Default 17, the cell. */
  smallLineSpacingDots: number;
}

/** Defaults of the paper fields, shared with encoders given a reduced profile (tests, tools). */
export const PAPER_DEFAULTS = { dpi: 203, lineSpacingDots: 24, smallLineSpacingDots: 17 } as const;

export type ProfileResult = { ok: true; profile: PrinterProfile } | { ok: false; errors: string[] };

const BAUDS = [2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400] as const;

/** The file's shape; defaults are what an unnamed key means (see the shipped device/printers/). */
export const PrinterProfileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    id: Type.String({
      pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
      errorMessage: 'must be lowercase letters, digits and dashes (the file name without .json)',
    }),
    description: Type.Optional(Type.String({ minLength: 1, errorMessage: 'must be a non-empty string' })),
    path: Type.String({ pattern: '^/', errorMessage: 'must be an absolute device path (prefer /dev/serial/by-id/…)' }),
    baudRate: oneOf(BAUDS),
    flowControl: oneOf(['none', 'rtscts', 'xonxoff'], { default: 'none' }),
    columns: oneOf([32, 42, 48]),
    encoding: oneOf(['pc857', 'wpc1254', 'ascii']),
    codePageTable: Type.Optional(
      Type.Union([wholeNumber(0, 255), Type.Null()], { errorMessage: 'must be an ESC t number 0–255 (or null for ascii)' }),
    ),
    statusQueries: flag({ default: true }),
    qr: flag({ default: true }),
    cutter: oneOf(['none', 'partial', 'full'], { default: 'none' }),
    feedAfter: wholeNumber(0, 20, { default: 4 }),
    chunkSize: wholeNumber(16, 65536, { default: 256 }),
    dpi: wholeNumber(100, 600, { default: PAPER_DEFAULTS.dpi }),
    // Below the glyph height (font A 24, font B 17 dots) the lines would overlap on paper.
    lineSpacingDots: wholeNumber(24, 255, { default: PAPER_DEFAULTS.lineSpacingDots }),
    smallLineSpacingDots: wholeNumber(17, 255, { default: PAPER_DEFAULTS.smallLineSpacingDots }),
  },
  { additionalProperties: false },
);

export function parsePrinterProfile(input: unknown): ProfileResult {
  const r = check(PrinterProfileSchema, input, {
    defaults: true,
    rules: (v, report) => {
      const o = isRecord(v) ? v : {};
      // Without the table number the printer keeps its power-on code page and Turkish letters come out wrong.
      if ((o.codePageTable ?? null) === null && o.encoding !== 'ascii' && typeof o.encoding === 'string') {
        report('codePageTable', `required for encoding ${o.encoding} (PC857: 13 on Epson, 61 on many clones; WPC1254: 48)`, 'required');
      }
    },
  });
  if (!r.ok) return { ok: false, errors: r.errors.map((e) => `${e.key}: ${e.message}`) };
  const { $schema: _, description, codePageTable, ...rest } = r.value;
  return { ok: true, profile: { ...rest, description: description ?? '', codePageTable: codePageTable ?? null } };
}

/** Which text encoding an ESC t number selects on this printer; the decoder needs this map. */
export function codeTablesOf(p: Pick<PrinterProfile, 'encoding' | 'codePageTable'>): Record<number, TextEncoding> {
  const m: Record<number, TextEncoding> = { ...DEFAULT_CODE_TABLES };
  if (p.codePageTable !== null) m[p.codePageTable] = p.encoding === 'ascii' ? 'pc437' : p.encoding;
  return m;
}

/** Without a profile, assume Epson numbering plus the common clone number for PC857 (61). */
export const DEFAULT_CODE_TABLES: Record<number, TextEncoding> = { 0: 'pc437', 13: 'pc857', 48: 'wpc1254', 61: 'pc857' };
