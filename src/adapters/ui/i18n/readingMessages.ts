/**
 * What the reader is told while keying an index (core/reading/messages.ts hands out the keys and
 * params), spread into tr.ts / en.ts. The handheld screen is 40 columns: every line of every
 * template must fit with the widest parameters (10-digit indexes), which
 * test/unit/reading/messages.test.ts checks. A template may hold one '\n' for a second line.
 * Rendered by `readingText` (index.ts), which puts quantities in the one number style.
 */
import type { MessageKey } from '../../../core/reading/messages.js';

export const READING_MESSAGES_TR = {
  'reading.empty': 'Endeks boş. Okunamıyorsa kod seçin.',
  'reading.decimal': 'Kırmızı (ondalık) haneleri girmeyin.',
  'reading.notDigits': 'Endekse yalnız rakam girin.',
  'reading.leadingGarbage': 'Baştaki fazla karakteri silin.',
  'reading.tooManyDigits': 'Sayaç {digits} haneli; fazla hane var.',
  'reading.unusual': 'Olağandışı değer.\nEndeksi tekrar girin.',
  'reading.high': 'Yüksek: {consumption} m³ > {limit}\nBeklenen {expected} m³. Tekrar girin',
  'reading.low': 'Düşük: {consumption} m³ < {limit}\nBeklenen {expected} m³. Tekrar girin',
  'reading.zero': 'Isınma sezonunda sıfır tüketim.\nEndeksi tekrar girin.',
  'reading.lower': 'Endeks öncekinden düşük.\nDevir / sayaç değişti / yanlış okuma?',
  'reading.lowerRevealed': 'Endeks öncekinden ({previous}) düşük.\nDevir / sayaç değişti / yanlış okuma?',
  'reading.rekeyMismatch': 'İki giriş farklı.\nEndeksi baştan girin.',
  'reading.misread': 'Endeksi yeniden okuyup girin.',
  'reading.aboveCeiling': 'Sayaç kapasitesini aşan tüketim.\nYeniden okuyun ya da kod seçin.',
  'reading.lowerNoRollover': 'Endeks düşük, devir olamaz.\nSayaç değişti / yanlış okuma / müdahale?',
  'reading.supervisor': 'Yüksek tüketim: amir onayı gerekli.\nAmir no ve şifresini girin.',
  'reading.scanRequired': 'Sayaç okutulmadan fatura kesilmez.\nOkutun ya da "okunamıyor" seçin.',
  'reading.scanMismatch': 'Bu işin sayacı değil: faturalanmaz.\nYeniden okutun ya da kod 11 seçin.',
  'reading.overrideAfterMismatch': 'Barkod okundu, sayaç başka.\nYeniden okutun ya da kod 11 seçin.',
  'noRead.unknownCode': 'Geçersiz okunamama kodu: {code}.',
  'noRead.noteRequired': 'Kod {code} için açıklama yazın.',
  'noRead.noteTooLong': 'Açıklama en çok {max} karakter olmalı.',
} as const satisfies Record<MessageKey, string>;

export const READING_MESSAGES_EN: Record<MessageKey, string> = {
  'reading.empty': 'Index empty. If unreadable, pick a code.',
  'reading.decimal': 'Do not key the red (decimal) digits.',
  'reading.notDigits': 'Key digits only.',
  'reading.leadingGarbage': 'Delete the extra leading characters.',
  'reading.tooManyDigits': 'Meter has {digits} dials; too many digits.',
  'reading.unusual': 'Unusual value.\nRe-key the index.',
  'reading.high': 'High: {consumption} m³ > {limit}\nExpected {expected} m³. Re-key.',
  'reading.low': 'Low: {consumption} m³ < {limit}\nExpected {expected} m³. Re-key.',
  'reading.zero': 'Zero use in heating season.\nRe-key the index.',
  'reading.lower': 'Index below the previous one.\nRollover / meter changed / misread?',
  'reading.lowerRevealed': 'Index below previous ({previous}).\nRollover / meter changed / misread?',
  'reading.rekeyMismatch': 'The two entries differ.\nKey the index again.',
  'reading.misread': 'Read the meter again and key it.',
  'reading.aboveCeiling': 'More than the meter can pass.\nRead again or pick a no-read code.',
  'reading.lowerNoRollover': 'Index lower; not a rollover.\nMeter changed / misread / tampering?',
  'reading.supervisor': 'High use: supervisor must confirm.\nKey the supervisor id and PIN.',
  'reading.scanRequired': 'No bill without a meter scan.\nScan it or pick "unreadable".',
  'reading.scanMismatch': "Not this job's meter: no bill.\nScan again or pick code 11.",
  'reading.overrideAfterMismatch': 'The barcode read: another meter.\nScan again or pick code 11.',
  'noRead.unknownCode': 'Unknown no-read code: {code}.',
  'noRead.noteRequired': 'Code {code} needs a note.',
  'noRead.noteTooLong': 'Note may be at most {max} characters.',
};
