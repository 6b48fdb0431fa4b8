/**
 * What the reader sees, as message keys with Turkish defaults and an English variant.
 * The handheld screen is 40 columns: every line of every template must fit with the widest
 * parameters (10-digit indexes), which test/unit/reading/messages.test.ts checks. A template may
 * hold one '\n' for a second line.
 *
 * Params are locale-neutral strings (dot decimals); rendering in Turkish turns the dot into the
 * decimal comma Turkish readers expect ("93,6 m³").
 */
import { fillTemplate } from '../text/fillTemplate.js';

export const MESSAGES_TR = {
  'reading.empty': 'Endeks boş. Okunamıyorsa kod seçin.',
  'reading.decimal': 'Kırmızı (ondalık) haneleri girmeyin.',
  'reading.notDigits': 'Endekse yalnız rakam girin.',
  'reading.leadingGarbage': 'Baştaki fazla karakteri silin.',
  'reading.tooManyDigits': 'Sayaç {digits} haneli; fazla hane var.',
  'reading.unusual': 'Olağandışı değer.\nEndeksi tekrar girin.',
  'reading.high': 'Yüksek: {consumption} m³ (üst {limit}).\nBeklenen {expected} m³. Tekrar girin.',
  'reading.low': 'Düşük: {consumption} m³ (alt {limit}).\nBeklenen {expected} m³. Tekrar girin.',
  'reading.zero': 'Isınma sezonunda sıfır tüketim.\nEndeksi tekrar girin.',
  'reading.lower': 'Endeks öncekinden düşük.\nDevir / sayaç değişti / yanlış okuma?',
  'reading.lowerRevealed': 'Endeks öncekinden ({previous}) düşük.\nDevir / sayaç değişti / yanlış okuma?',
  'reading.rekeyMismatch': 'İki giriş farklı.\nEndeksi baştan girin.',
  'reading.misread': 'Endeksi yeniden okuyup girin.',
  'reading.aboveCeiling': 'Sayaç kapasitesini aşan tüketim.\nYeniden okuyun ya da kod seçin.',
  'reading.lowerNoRollover': 'Endeks düşük, devir olamaz.\nSayaç değişti / yanlış okuma / müdahale?',
  'reading.supervisor': 'Yüksek tüketim: amir onayı gerekli.\nAmir no ve şifresini girin.',
  'noRead.unknownCode': 'Geçersiz okunamama kodu: {code}.',
  'noRead.noteRequired': 'Kod {code} için açıklama yazın.',
  'noRead.noteTooLong': 'Açıklama en çok {max} karakter olmalı.',
} as const;

export type MessageKey = keyof typeof MESSAGES_TR;

export const MESSAGES_EN: Record<MessageKey, string> = {
  'reading.empty': 'Index empty. If unreadable, pick a code.',
  'reading.decimal': 'Do not key the red (decimal) digits.',
  'reading.notDigits': 'Key digits only.',
  'reading.leadingGarbage': 'Delete the extra leading characters.',
  'reading.tooManyDigits': 'Meter has {digits} dials; too many digits.',
  'reading.unusual': 'Unusual value.\nRe-key the index.',
  'reading.high': 'High: {consumption} m³ (max {limit}).\nExpected {expected} m³. Re-key.',
  'reading.low': 'Low: {consumption} m³ (min {limit}).\nExpected {expected} m³. Re-key.',
  'reading.zero': 'Zero use in heating season.\nRe-key the index.',
  'reading.lower': 'Index below the previous one.\nRollover / meter changed / misread?',
  'reading.lowerRevealed': 'Index below previous ({previous}).\nRollover / meter changed / misread?',
  'reading.rekeyMismatch': 'The two entries differ.\nKey the index again.',
  'reading.misread': 'Read the meter again and key it.',
  'reading.aboveCeiling': 'More than the meter can pass.\nRead again or pick a no-read code.',
  'reading.lowerNoRollover': 'Index lower; not a rollover.\nMeter changed / misread / tampering?',
  'reading.supervisor': 'High use: supervisor must confirm.\nKey the supervisor id and PIN.',
  'noRead.unknownCode': 'Unknown no-read code: {code}.',
  'noRead.noteRequired': 'Code {code} needs a note.',
  'noRead.noteTooLong': 'Note may be at most {max} characters.',
};

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
    return v !== undefined && locale === 'tr' && /^-?\d+\.\d+$/.test(v) ? v.replace('.', ',') : v;
  });
}

export function message(key: MessageKey, params: MessageParams = {}): Message {
  return { key, params, text: renderMessage(key, params, 'tr') };
}
