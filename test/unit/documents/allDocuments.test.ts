/** Every document type, at 32 and 48 columns, on every code page family. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import { documentToText, overlongLines } from '../../../src/core/documents/documentToText.js';
import { renderCutNotice } from '../../../src/core/documents/renderCutNotice.js';
import { renderDaySummary } from '../../../src/core/documents/renderDaySummary.js';
import { inspectionEvidenceSha256, renderInspectionReport } from '../../../src/core/documents/renderInspectionReport.js';
import { renderInvoice } from '../../../src/core/documents/renderInvoice.js';
import { renderMeterReport } from '../../../src/core/documents/renderMeterReport.js';
import { renderReconnectionReceipt } from '../../../src/core/documents/renderReconnectionReceipt.js';
import type { PrintDocument, RenderOptions } from '../../../src/core/documents/types.js';
import { decodeEscPos, fontBColumns } from '../../../src/core/escpos/decodeEscPos.js';
import { codeTablesOf } from '../../../src/core/escpos/printerProfile.js';
import { ascii58, clone58, epson58, pc857_48, wpc80 } from '../../fixtures/escpos/profiles.js';
import * as s from '../../fixtures/escpos/sampleDocuments.js';

const renderers: Record<string, (o: RenderOptions) => PrintDocument> = {
  invoice: (o) => renderInvoice(s.invoice, s.distributor, o),
  'cut-notice': (o) => renderCutNotice(s.cutNotice, s.distributor, o),
  'reconnection-receipt': (o) => renderReconnectionReceipt(s.reconnection, s.distributor, o),
  'meter-report': (o) => renderMeterReport(s.meterReport, s.distributor, o),
  'inspection-report': (o) => renderInspectionReport(s.inspection, s.distributor, o),
  'day-summary': (o) => renderDaySummary(s.daySummary, s.distributor, o),
};

const profiles = { 32: [epson58, clone58, ascii58], 48: [wpc80, pc857_48] } as const;

for (const [type, render] of Object.entries(renderers)) {
  for (const width of [32, 48] as const) {
    test(`${type} at ${width} columns: no line wider than the paper, decodes to its own text`, () => {
      const doc = render({ width, documentNo: 'D-1', copy: 1 });
      assert.is(doc.type, type);
      assert.equal(overlongLines(doc), []);
      for (const p of profiles[width]) {
        const out = encodeDocument(doc, p);
        assert.equal(out.warnings, [], `${type}/${width}: decoder warnings`);
        assert.fixture(out.text, documentToText(doc, p));
        // Every printed line fits its font's columns: font A's width, or font B's for the small print.
        for (const l of decodeEscPos(out.bytes, { width, codeTables: codeTablesOf(p) }).lines) {
          if (l.kind !== 'text') continue;
          const small = l.spans.length > 0 && l.spans.every((x) => x.fontB);
          assert.ok(l.columns <= (small ? fontBColumns(width) : width), `too long: ${l.text}`);
        }
      }
    });
  }
}

test('the MERSİS number, when configured, is on every document header; absent, no line', () => {
  const mersis = { ...s.distributor, mersisNo: '0123456789012345' };
  for (const width of [32, 48] as const) {
    const withIt = documentToText(renderInvoice(s.invoice, mersis, { width, documentNo: 'x', copy: 1 }), width === 32 ? epson58 : wpc80);
    assert.match(withIt, 'MERSİS: 0123456789012345');
    const without = documentToText(
      renderInvoice(s.invoice, s.distributor, { width, documentNo: 'x', copy: 1 }),
      width === 32 ? epson58 : wpc80,
    );
    assert.not.match(without, 'MERSİS');
  }
  assert.match(
    documentToText(renderCutNotice(s.cutNotice, mersis, { width: 32, documentNo: 'x', copy: 1 }), epson58),
    'MERSİS: 0123456789012345',
  );
});

test('a long name wraps instead of being cut off', () => {
  const longName = 'Ayşegül Şükriye Gülizar Çiçekçioğlu Öztürkmenoğulları Yılmazer';
  const doc = renderInvoice({ ...s.invoice, customer: { ...s.invoice.customer, name: longName } }, s.distributor, {
    width: 32,
    documentNo: 'x',
    copy: 1,
  });
  const text = documentToText(doc, { ...epson58 });
  const words = longName.split(' ');
  for (const w of words) assert.ok(text.includes(w), `word ${w} lost`);
});

test('invoice carries every field of docs/domain.md §1', () => {
  const t = documentToText(renderInvoice(s.invoice, s.distributor, { width: 32, documentNo: 'x', copy: 1 }), epson58);
  for (const f of [
    'ÖRNEK ŞEHİR DOĞAL GAZ DAĞITIM',
    'İstiklal Mah.',
    'V.D.: Eskişehir  V.No: 1234567890',
    'HTA2025000001207',
    '3f2b8c1e-9a4d-4e7f-b1c2-',
    'Abone:',
    'Adres:',
    '4000123456',
    '1000234567',
    'ELS-G4-00123456',
    '01.08.2025',
    '01.09.2025',
    'Gün: 31',
    '12345',
    '12533',
    'Tüketim (m³):                188',
    '1,03083',
    '193,80',
    '9.438,77',
    '10,97',
    '2.126',
    '0,96489117',
    '2.051,36 TL',
    '410,27 TL',
    '2.461,63 TL',
    '2.462,00 TL',
    '0,37 TL',
    '11.09.2025',
    '[QR: {"vkntckn":"1234567890",',
    '187',
    'op-17',
    'HT-0042',
  ]) {
    assert.ok(t.includes(f), `invoice lacks ${f}`);
  }
});

test('cut notice: what, when, who, seal, index, how to pay, same-day reopening, 187', () => {
  const t = documentToText(renderCutNotice(s.cutNotice, s.distributor, { width: 32, documentNo: 'K-7', copy: 1 }), epson58);
  for (const f of [
    'GAZ KESME BİLDİRİMİ',
    'Ödenmemiş borç',
    '25.11.2026 09:14',
    'Gülşen Yıldırım (op-17)',
    'KM-0098765',
    '23456',
    '3.125,40 TL',
    'AYNI GÜN',
    'www.ornekgaz.com.tr',
    '206,00 TL',
    '187',
  ])
    assert.ok(t.includes(f), `cut notice lacks ${f}`);
});

test('meter report: old meter final index and seals, new meter serial, initial index and seals', () => {
  const t = documentToText(renderMeterReport(s.meterReport, s.distributor, { width: 32, documentNo: 'S-1', copy: 1 }), epson58);
  for (const f of [
    'SAYAÇ DEĞİŞİM TUTANAĞI',
    'SÖKÜLEN SAYAÇ',
    'ELS-G4-00123456',
    '23501',
    'M-111, M-112',
    'TAKILAN SAYAÇ',
    'ITR-G4-99887766',
    'M-901, M-902',
  ]) {
    assert.ok(t.includes(f), `meter report lacks ${f}`);
  }
});

test('inspection report: two copies (customer, company), every §4 field, the evidence hash on both', () => {
  const t = documentToText(renderInspectionReport(s.inspection, s.distributor, { width: 32, documentNo: 'TT-1', copy: 1 }), epson58);
  const hash = inspectionEvidenceSha256(s.inspection);
  assert.is(t.split('MÜŞTERİ NÜSHASI').length - 1, 1);
  assert.is(t.split('ŞİRKET NÜSHASI').length - 1, 1);
  assert.is(t.split(hash.slice(0, 32)).length - 1, 2, 'hash printed on both copies');
  for (const f of [
    'TT-2026-000123',
    '25.11.2026 13:45',
    'İsmail Çelik',
    'Ömer Faruk Güneş',
    'kiracı',
    'Bulunan mühürler: M-111',
    'Eksik/kopuk mühürler: M-112',
    'Takılan mühürler: M-555',
    'KAÇAK KULLANIM',
    'bypass',
    'Kombi',
    '24 kW',
    '7,5 kW',
    'Gaz kesildi',
    'Hüseyin Öz',
    'İMZADAN İMTİNA ETTİ',
    '23511',
  ]) {
    assert.ok(t.includes(f), `report lacks ${f}`);
  }
});

test('the evidence hash changes when any recorded fact changes', () => {
  const a = inspectionEvidenceSha256(s.inspection);
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.is(inspectionEvidenceSha256({ ...s.inspection }), a);
  assert.is.not(inspectionEvidenceSha256({ ...s.inspection, meter: { ...s.inspection.meter, index: 23512 } }), a);
});

test("a cutter profile cuts after each part and re-selects the code page after the cut's ESC @", () => {
  const doc = renderInspectionReport(s.inspection, s.distributor, { width: 48, documentNo: 'TT-1', copy: 1 });
  const out = encodeDocument(doc, pc857_48);
  assert.is(out.text.split('✂').length - 1, 2);
  // The company copy (after the first cut) still prints Turkish letters correctly.
  assert.ok(out.text.split('✂')[1]?.includes('ŞİRKET NÜSHASI'));
});

test('field slips print answers, not boxes: "Gaz kokusu: YOK"; an older record prints its question with the answer given', () => {
  const rc = documentToText(renderReconnectionReceipt(s.reconnection, s.distributor, { width: 32, documentNo: 'x', copy: 1 }), epson58);
  const flat = rc.replace(/\s+/g, ' ');
  for (const line of ['Gaz kokusu (açmadan önce): YOK', 'Sayaç vanası: AÇILDI', 'Sızdırmazlık (cihazlar kapalı): ENDEKS SABİT', 'TESPİT:'])
    assert.ok(flat.includes(line), line);
  assert.not.ok(flat.includes('[X]'));
  const mr = documentToText(renderMeterReport(s.meterReport, s.distributor, { width: 48, documentNo: 'x', copy: 1 }), wpc80).replace(
    /\s+/g,
    ' ',
  );
  for (const line of ['Köpük testi (bağlantılar): TEMİZ', 'Gaz kokusu var mı? HAYIR']) assert.ok(mr.includes(line), line);
});

test.run();
