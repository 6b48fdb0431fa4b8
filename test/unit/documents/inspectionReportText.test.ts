/**
 * The tutanak's words moved from core/inspection to the printed-document catalogue
 * (src/core/documents/inspectionReportText.ts, issue 19) word for word: a report sealed after the
 * move prints, and hashes, as one sealed before it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACCRUAL_LINE_TEXT, REPORT_NOTES, sealNote } from '../../../src/core/documents/inspectionReportText.js';

test('accrual line descriptions', () => {
  assert.is(ACCRUAL_LINE_TEXT.usulsuzCharge('2'), 'Usulsüz kullanım bedeli (2 × açma-kapama bedeli)');
  assert.is(
    ACCRUAL_LINE_TEXT.kacakConsumption(
      'appliance-capacity',
      ACCRUAL_LINE_TEXT.appliances([ACCRUAL_LINE_TEXT.appliance('24', '6', '0,5')], 30),
    ),
    'Kaçak tüketim (cihaz kapasitesi: 24 kW × 6 sa × 0,5 × 30 gün)',
  );
  assert.is(
    ACCRUAL_LINE_TEXT.kacakConsumption('own-history', ACCRUAL_LINE_TEXT.dailyM3('1,25', 90)),
    'Kaçak tüketim (geçmiş dönem tüketimi: 1,25 m³/gün × 90 gün)',
  );
  assert.is(
    ACCRUAL_LINE_TEXT.kacakConsumption('similar-units', ACCRUAL_LINE_TEXT.similarUnits(45)),
    'Kaçak tüketim (benzer aboneler ortalaması: benzer aboneler, 45 gün)',
  );
  assert.is(ACCRUAL_LINE_TEXT.kacakSurcharge('30'), 'Kaçak ek bedeli (%30)');
  assert.is(ACCRUAL_LINE_TEXT.kacakSurcharge('60', 2), 'Kaçak ek bedeli (%60, 2 yıl içinde tekrar)');
});

test('description notes and seal states', () => {
  assert.is(REPORT_NOTES.corrects('TT-1'), 'DÜZELTME: Bu tutanak TT-1 sayılı tutanağı düzeltir.');
  assert.is(REPORT_NOTES.otherMeter('M-9'), 'Yerindeki sayaç iş emrindeki M-9 değil.');
  assert.is(sealNote('', 'missing'), 'numarasız (yok)');
  assert.is(sealNote('S1', 'broken'), 'S1 (kopuk)');
});

test.run();
