/**
 * "Barkod okunamadı: <reason>" on the field slips (siteBlock.ts scanOverrideBlock): fits 32 and 48
 * columns and decodes from the printer's bytes; a slip without it is the sample slip unchanged.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import { documentToText, overlongLines } from '../../../src/core/documents/documentToText.js';
import { renderCutNotice } from '../../../src/core/documents/renderCutNotice.js';
import { renderMeterReport } from '../../../src/core/documents/renderMeterReport.js';
import { renderReconnectionReceipt } from '../../../src/core/documents/renderReconnectionReceipt.js';
import type { PrintDocument, RenderOptions } from '../../../src/core/documents/types.js';
import { decodeEscPos } from '../../../src/core/escpos/decodeEscPos.js';
import { codeTablesOf } from '../../../src/core/escpos/printerProfile.js';
import { epson58, wpc80 } from '../../fixtures/escpos/profiles.js';
import * as s from '../../fixtures/escpos/sampleDocuments.js';

const REASON = 'Etiket yıpranmış / okunmuyor';
const slips: Record<string, (o: RenderOptions, reason?: string) => PrintDocument> = {
  'cut-notice': (o, r) => renderCutNotice({ ...s.cutNotice, ...(r ? { scanOverrideReason: r } : {}) }, s.distributor, o),
  'reconnection-receipt': (o, r) =>
    renderReconnectionReceipt({ ...s.reconnection, ...(r ? { scanOverrideReason: r } : {}) }, s.distributor, o),
  'meter-report': (o, r) =>
    renderMeterReport(
      { ...s.meterReport, ...(r ? { removed: { ...s.meterReport.removed!, scanOverrideReason: r } } : {}) },
      s.distributor,
      o,
    ),
};

for (const [type, render] of Object.entries(slips)) {
  for (const [width, profile] of [
    [32, epson58],
    [48, wpc80],
  ] as const) {
    test(`${type} at ${width}: the override decodes from the bytes, fits, and is the only difference`, () => {
      const o = { width, documentNo: 'D-1', copy: 1 };
      const doc = render(o, REASON);
      assert.equal(overlongLines(doc), []);
      const bytes = encodeDocument(doc, profile).bytes;
      const text = decodeEscPos(bytes, { width, codeTables: codeTablesOf(profile) }).text;
      assert.match(text.replace(/\s+/g, ' '), `Barkod okunamadı: ${REASON}`);
      const plain = render(o);
      assert.equal(plain, render(o, undefined));
      assert.not.match(documentToText(plain, profile), 'Barkod');
      const extra = doc.lines.filter((l) => !plain.lines.some((p) => JSON.stringify(p) === JSON.stringify(l)));
      assert.ok(extra.length >= 1 && extra.length <= 2, JSON.stringify(extra));
      assert.is(doc.lines.length, plain.lines.length + extra.length);
    });
  }
}

test.run();
