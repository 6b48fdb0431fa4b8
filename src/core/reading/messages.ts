/**
 * What the reader sees, as message keys with Turkish defaults and an English variant.
 * The handheld screen is 40 columns: every line of every template must fit with the widest
 * parameters (10-digit indexes), which test/unit/reading/messages.test.ts checks. A template may
 * hold one '\n' for a second line.
 *
 * Params are locale-neutral strings (dot decimals); quantities are rendered in the one number
 * style of src/core/text/format.ts ("93,6 m³", "211.667 m³") in both languages.
 */
import { fillTemplate } from '../text/fillTemplate.js';
import { formatDecimal, isDecimalString, roundWhole } from '../text/format.js';

const QUANTITIES: ReadonlySet<string> = new Set(['consumption', 'limit', 'expected']);

/** Each message in Turkish and English side by side, so a change to one is seen next to the other. */
const MESSAGES = {
  'reading.empty': ['Endeks boş. Okunamıyorsa kod seçin.', 'Index empty. If unreadable, pick a code.'],
  'reading.decimal': ['Kırmızı (ondalık) haneleri girmeyin.', 'Do not key the red (decimal) digits.'],
  'reading.notDigits': ['Endekse yalnız rakam girin.', 'Key digits only.'],
  'reading.leadingGarbage': ['Baştaki fazla karakteri silin.', 'Delete the extra leading characters.'],
  'reading.tooManyDigits': ['Sayaç {digits} haneli; fazla hane var.', 'Meter has {digits} dials; too many digits.'],
  'reading.unusual': ['Olağandışı değer.\nEndeksi tekrar girin.', 'Unusual value.\nRe-key the index.'],
  'reading.high': [
    'Yüksek: {consumption} m³ > {limit}\nBeklenen {expected} m³. Tekrar girin',
    'High: {consumption} m³ > {limit}\nExpected {expected} m³. Re-key.',
  ],
  'reading.low': [
    'Düşük: {consumption} m³ < {limit}\nBeklenen {expected} m³. Tekrar girin',
    'Low: {consumption} m³ < {limit}\nExpected {expected} m³. Re-key.',
  ],
  'reading.zero': ['Isınma sezonunda sıfır tüketim.\nEndeksi tekrar girin.', 'Zero use in heating season.\nRe-key the index.'],
  'reading.lower': [
    'Endeks öncekinden düşük.\nDevir / sayaç değişti / yanlış okuma?',
    'Index below the previous one.\nRollover / meter changed / misread?',
  ],
  'reading.lowerRevealed': [
    'Endeks öncekinden ({previous}) düşük.\nDevir / sayaç değişti / yanlış okuma?',
    'Index below previous ({previous}).\nRollover / meter changed / misread?',
  ],
  'reading.rekeyMismatch': ['İki giriş farklı.\nEndeksi baştan girin.', 'The two entries differ.\nKey the index again.'],
  'reading.misread': ['Endeksi yeniden okuyup girin.', 'Read the meter again and key it.'],
  'reading.aboveCeiling': [
    'Sayaç kapasitesini aşan tüketim.\nYeniden okuyun ya da kod seçin.',
    'More than the meter can pass.\nRead again or pick a no-read code.',
  ],
  'reading.lowerNoRollover': [
    'Endeks düşük, devir olamaz.\nSayaç değişti / yanlış okuma / müdahale?',
    'Index lower; not a rollover.\nMeter changed / misread / tampering?',
  ],
  'reading.supervisor': [
    'Yüksek tüketim: amir onayı gerekli.\nAmir no ve şifresini girin.',
    'High use: supervisor must confirm.\nKey the supervisor id and PIN.',
  ],
  'reading.scanRequired': [
    'Sayaç okutulmadan fatura kesilmez.\nOkutun ya da "okunamıyor" seçin.',
    'No bill without a meter scan.\nScan it or pick "unreadable".',
  ],
  'reading.scanMismatch': [
    'Bu işin sayacı değil: faturalanmaz.\nYeniden okutun ya da kod 11 seçin.',
    "Not this job's meter: no bill.\nScan again or pick code 11.",
  ],
  'reading.overrideAfterMismatch': [
    'Barkod okundu, sayaç başka.\nYeniden okutun ya da kod 11 seçin.',
    'The barcode read: another meter.\nScan again or pick code 11.',
  ],
  'noRead.unknownCode': ['Geçersiz okunamama kodu: {code}.', 'Unknown no-read code: {code}.'],
  'noRead.noteRequired': ['Kod {code} için açıklama yazın.', 'Code {code} needs a note.'],
  'noRead.noteTooLong': ['Açıklama en çok {max} karakter olmalı.', 'Note may be at most {max} characters.'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES;

const column = (i: 0 | 1) => Object.fromEntries(Object.entries(MESSAGES).map(([k, v]) => [k, v[i]])) as Record<MessageKey, string>;
export const MESSAGES_TR: Record<MessageKey, string> = column(0);
export const MESSAGES_EN: Record<MessageKey, string> = column(1);

export type Locale = 'tr' | 'en';
export type MessageParams = Readonly<Record<string, string>>;

/** A message as the UI gets it: the key and params to re-render, and the Turkish text ready to show. */
export interface Message {
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly text: string;
}

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { tr: MESSAGES_TR, en: MESSAGES_EN };

export function renderMessage(key: MessageKey, params: MessageParams = {}, locale: Locale = 'tr'): string {
  return fillTemplate(CATALOGS[locale][key], (name) => {
    const v = params[name];
    // Quantities in the one number style (src/core/text/format.ts), in every locale; indexes and
    // codes stay as keyed (an index's leading zeros are the meter's dials, not a number to group).
    if (v === undefined || !QUANTITIES.has(name) || !isDecimalString(v)) return v;
    // An expectation is an estimate: whole m³ (half-up), not a false tenth.
    return formatDecimal(name === 'expected' ? roundWhole(v) : v);
  });
}

export function message(key: MessageKey, params: MessageParams = {}): Message {
  return { key, params, text: renderMessage(key, params, 'tr') };
}
