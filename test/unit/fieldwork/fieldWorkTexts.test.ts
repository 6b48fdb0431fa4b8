/**
 * The words core's field-work rules put on paper and in the record come from the printed-document
 * catalogue (src/core/documents/fieldWorkTexts.ts), unchanged (issue 19 moved them out of core/fieldwork).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findingText as receiptFindingText, VALVE_RECLOSED_TEXT } from '../../../src/core/documents/fieldWorkTexts.js';
import { findingText, reconnectFindings, valveReclosed, VALVE_RECLOSED_ID } from '../../../src/core/fieldwork/index.js';

test('each reconnection finding as the receipt prints it', () => {
  const f = reconnectFindings({ sealNo: 'KM1000001', index: 3200 }, { removedSealNo: 'KM1000002', index: 3250 });
  assert.equal(f.map(findingText), [
    'Sökülen mühür kesmedekinden farklı: kesmede KM1000001, bulunan KM1000002',
    'Endeks kesmeden beri ilerlemiş: kesmede 3200, şimdi 3250',
  ]);
  const lower = reconnectFindings({ sealNo: 'KM1000001', index: 3200 }, { removedSealNo: 'KM1000001', index: 3100 });
  assert.equal(lower.map(findingText), ['Endeks kesmedekinden düşük: kesmede 3200, şimdi 3100']);
  assert.is(findingText, receiptFindingText, 'core/fieldwork re-exports the catalogue, no second wording');
});

test('the valve-reclosed answer carries the catalogue words', () => {
  assert.equal(valveReclosed(), { id: VALVE_RECLOSED_ID, label: 'Vana yeniden kapatıldı', answer: true, ok: true, result: 'KAPATILDI' });
  assert.is(valveReclosed().label, VALVE_RECLOSED_TEXT.label);
});

test.run();
