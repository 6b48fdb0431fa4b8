import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import { documentToText } from '../../../src/core/documents/documentToText.js';
import { renderInspectionReport } from '../../../src/core/documents/renderInspectionReport.js';
import { renderInvoice } from '../../../src/core/documents/renderInvoice.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { epson58 } from '../../fixtures/escpos/profiles.js';
import * as s from '../../fixtures/escpos/sampleDocuments.js';

const base = { width: 32, documentNo: 'HTA2025000001207' };

test('the original (copy 1) carries no reprint marking', () => {
  const t = documentToText(renderInvoice(s.invoice, s.distributor, { ...base, copy: 1 }), epson58);
  assert.not.ok(t.includes('NÜSHA'));
  assert.not.ok(t.includes('YENİDEN BASIM'));
});

test('copy 2 prints NÜSHA 2 with who reprinted it and why', () => {
  const t = documentToText(
    renderInvoice(s.invoice, s.distributor, {
      ...base,
      copy: 2,
      reprint: { by: 'Gülşen Yıldırım', reason: 'Müşteri kâğıdı kaybetti', at: '2025-09-02T08:00:00+03:00' },
    }),
    epson58,
  );
  const lines = t.split('\n');
  assert.ok(lines.includes('            NÜSHA 2'));
  assert.ok(lines.includes(' YENİDEN BASIM - ASLI DEĞİLDİR'));
  assert.ok(lines.includes('Basan: Gülşen Yıldırım'));
  assert.ok(lines.includes('Neden: Müşteri kâğıdı kaybetti'));
  assert.ok(lines.includes('Basım zamanı:   02.09.2025 08:00'));
});

test('copy 3 says 3', () => {
  const t = documentToText(
    renderInvoice(s.invoice, s.distributor, { ...base, copy: 3, reprint: { by: 'op-17', reason: 'Kağıt sıkıştı' } }),
    epson58,
  );
  assert.ok(t.includes('NÜSHA 3'));
});

test('a reprint without who or why is refused', () => {
  for (const reprint of [undefined, { by: '', reason: 'x' }, { by: 'op', reason: ' ' }]) {
    try {
      renderInvoice(s.invoice, s.distributor, { ...base, copy: 2, reprint });
      assert.unreachable('should throw');
    } catch (e) {
      assert.ok(isAppError(e, 'Input_Invalid'));
    }
  }
});

test('both parts of a reprinted inspection report are marked', () => {
  const t = documentToText(
    renderInspectionReport(s.inspection, s.distributor, { ...base, copy: 2, reprint: { by: 'op-22', reason: 'Şirket nüshası ıslandı' } }),
    epson58,
  );
  assert.is(t.split('NÜSHA 2').length - 1, 2);
});

test('sha256 is of the exact bytes sent, and a reprint has different bytes', () => {
  const one = encodeDocument(renderInvoice(s.invoice, s.distributor, { ...base, copy: 1 }), epson58);
  const two = encodeDocument(renderInvoice(s.invoice, s.distributor, { ...base, copy: 2, reprint: { by: 'op-17', reason: 'x' } }), epson58);
  assert.is(one.sha256, createHash('sha256').update(one.bytes).digest('hex'));
  assert.is.not(one.sha256, two.sha256);
  assert.is(encodeDocument(renderInvoice(s.invoice, s.distributor, { ...base, copy: 1 }), epson58).sha256, one.sha256, 'deterministic');
});

test.run();
