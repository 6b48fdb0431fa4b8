/**
 * Document model → ESC/POS bytes, built with node-thermal-printer as a pure byte builder (no
 * interface: 4.6.1 no longer needs one), then decoded back so the caller gets what the paper shows.
 *
 * Where the library is not trusted (docs/implementation-notes.md §1):
 *  - text bytes come from our own code page tables (core/escpos/codePages) and the ESC t number
 *    from the profile: the library emits ESC t 13 for PC857 (wrong on clones, which use 61) and
 *    silently switches page for characters it cannot map.
 *  - characterSet is still set, so a stray string append can never spew iconv traces on stderr.
 *  - cut() ends with ESC @, which resets the code page: we send ESC t again after every cut.
 *  - setTextSize(h, w) writes h into the *width* nibble of GS ! (Epson: bits 4–6 width, 0–2
 *    height), so sizes are sent as explicit GS ! bytes.
 *  - QR: the library counts UTF-16 units for the store length; we build GS ( k ourselves.
 *  - getText() is a UTF-8 decode of the bytes (garbage for Turkish): we decode properly instead.
 *
 * Paper (docs/invoice.md "Paper"): lines are spaced by the profile's ESC 3 n (font A) and font B
 * small print by its own; the QR's module size follows its content (core/escpos/qrSize) with the
 * ISO quiet zone fed around it; the tail feed goes back to the printer's default spacing (ESC 2),
 * so `feedAfter` keeps clearing the tear bar by the same distance as before.
 */
import ntp from 'node-thermal-printer';
import { encodeText, type TextEncoding } from '../../core/escpos/codePages.js';
import { ESC, GS, INIT, feedLines, qrCode, selectCodeTable } from '../../core/escpos/commands.js';
import { decodeEscPos } from '../../core/escpos/decodeEscPos.js';
import { PAPER_DEFAULTS, codeTablesOf, type PrinterProfile } from '../../core/escpos/printerProfile.js';
import { QR_QUIET_MODULES, qrModuleSize } from '../../core/escpos/qrSize.js';
import { sha256Hex } from '../../core/documents/evidenceHash.js';
import { wrap } from '../../core/documents/layout.js';
import type { EncodedDocument, PrintDocument } from '../../core/documents/types.js';

export type { EncodedDocument };

/** What encoding needs of a profile; the paper fields default to PAPER_DEFAULTS (as in a profile file). */
export type EncodeProfile = Pick<PrinterProfile, 'columns' | 'encoding' | 'codePageTable' | 'qr' | 'cutter' | 'feedAfter'> &
  Partial<Pick<PrinterProfile, 'dpi' | 'lineSpacingDots' | 'smallLineSpacingDots'>>;

type ThermalPrinterCtor = typeof ntp.ThermalPrinter;

export function encodeDocument(
  doc: PrintDocument,
  profile: EncodeProfile,
  deps: { ThermalPrinter?: ThermalPrinterCtor } = {},
): EncodedDocument {
  if (doc.width > profile.columns) throw new RangeError(`document laid out for ${doc.width} columns, printer has ${profile.columns}`);
  const Ctor = deps.ThermalPrinter ?? ntp.ThermalPrinter;
  const enc: TextEncoding = profile.encoding;
  const tp = new Ctor({
    type: 'epson' as never,
    interface: undefined as never,
    width: profile.columns,
    characterSet: (enc === 'wpc1254' ? 'WPC1254_TURKISH' : 'PC857_TURKISH') as never,
    breakLine: 'NONE' as never,
  });
  const add = (b: Uint8Array) => tp.add(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  const selectPage = () => {
    if (profile.codePageTable !== null) add(selectCodeTable(profile.codePageTable));
  };

  // Drop the library's own ESC t (Epson numbering) and start from a known printer state.
  tp.setBuffer(Buffer.alloc(0));
  add(INIT);
  selectPage();

  const dpi = profile.dpi ?? PAPER_DEFAULTS.dpi;
  const spacingA = profile.lineSpacingDots ?? PAPER_DEFAULTS.lineSpacingDots;
  const spacingB = profile.smallLineSpacingDots ?? PAPER_DEFAULTS.smallLineSpacingDots;
  // -1: not known (after ESC @ or the tail feed's ESC 2): sent again before the next line.
  let spacing = -1;
  let fontB = false;
  const setFont = (b: boolean) => {
    if (b !== fontB) {
      add(Uint8Array.of(ESC, 0x4d, b ? 1 : 0));
      fontB = b;
    }
    const want = b ? spacingB : spacingA;
    if (want !== spacing) {
      add(Uint8Array.of(ESC, 0x33, want));
      spacing = want;
    }
  };
  const feed = (dots: number) => add(Uint8Array.of(ESC, 0x4a, Math.max(0, Math.min(255, dots))));

  let bold = false;
  let size = 0;
  let align: 'left' | 'center' | 'right' = 'left';
  const setAlign = (a: typeof align) => {
    if (a === align) return;
    if (a === 'center') tp.alignCenter();
    else if (a === 'right') tp.alignRight();
    else tp.alignLeft();
    align = a;
  };
  const setBold = (b: boolean) => {
    if (b !== bold) {
      tp.bold(b);
      bold = b;
    }
  };
  const setSize = (n: number) => {
    if (n !== size) {
      add(Uint8Array.of(GS, 0x21, n));
      size = n;
    }
  };

  for (const l of doc.lines) {
    if (l.kind === 'text') {
      setAlign(l.align ?? 'left');
      setBold(!!l.bold);
      setSize((l.wide ? 0x10 : 0) | (l.tall ? 0x01 : 0));
      setFont(!!l.small);
      if (l.text) add(encodeText(l.text, enc));
      tp.newLine();
    } else if (l.kind === 'qr') {
      setBold(false);
      setSize(0);
      setFont(false);
      if (profile.qr) {
        setAlign('center');
        const moduleSize = qrModuleSize(l.data, { dpi, widthDots: profile.columns * 12, correction: 'M' });
        feed(QR_QUIET_MODULES * moduleSize);
        add(qrCode(l.data, { moduleSize, correction: 'M' }));
        feed(QR_QUIET_MODULES * moduleSize);
      } else {
        setAlign('left');
        for (const part of wrap(l.data, profile.columns)) {
          add(encodeText(part, enc));
          tp.newLine();
        }
      }
    } else {
      add(Uint8Array.of(ESC, 0x32));
      spacing = -1;
      add(feedLines(profile.feedAfter));
      if (profile.cutter !== 'none') {
        if (profile.cutter === 'full') tp.cut({ verticalTabAmount: 0 });
        else tp.partialCut({ verticalTabAmount: 0 });
        // cut() appended ESC @: the printer is back to its power-on page, alignment and modes.
        selectPage();
        bold = false;
        size = 0;
        fontB = false;
        align = 'left';
      }
    }
  }
  setBold(false);
  setSize(0);
  if (fontB) add(Uint8Array.of(ESC, 0x4d, 0));
  setAlign('left');

  const bytes = Buffer.from(tp.getBuffer());
  const decoded = decodeEscPos(bytes, { width: profile.columns, codeTables: codeTablesOf(profile) });
  return { bytes, sha256: sha256Hex(bytes), text: decoded.text, warnings: decoded.warnings };
}
