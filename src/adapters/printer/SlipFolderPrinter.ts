/**
 * Demo mode's "paper": after each printed document, the decoded slip is written as text and SVG to
 * a folder the screen names, so a user without a printer can read what the customer would get.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEscPos } from '../../core/escpos/decodeEscPos.js';
import { renderSlipSvg } from '../../core/escpos/slipSvg.js';
import { codeTablesOf, type PrinterProfile } from '../../core/escpos/printerProfile.js';
import type { EncodedDocument } from './encodeDocument.js';

export function slipKeeper(dir: string, profile: PrinterProfile) {
  return async (documentNo: string, copy: number, encoded: EncodedDocument): Promise<string> => {
    await mkdir(dir, { recursive: true });
    const base = join(dir, `${documentNo}-${copy}`);
    const slip = decodeEscPos(encoded.bytes, { width: profile.columns, codeTables: codeTablesOf(profile) });
    await writeWhole(`${base}.txt`, encoded.text);
    await writeWhole(`${base}.svg`, renderSlipSvg(slip));
    return `${base}.txt`;
  };
}

/** Written aside and renamed, so whoever opens the slip (a user, a test) never reads half of it. */
async function writeWhole(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
