/**
 * The words of the field-work rule messages (core/fieldwork/messages.ts hands out keys and params),
 * Turkish first, English second. Lines fit 40 columns with realistic params (the screen wraps
 * anything longer).
 *
 * Here, outside src/core and outside the UI, because three sides word these messages: the screens
 * (through src/adapters/ui/i18n/index.ts), the app's error messages (src/app/fieldWorkChecks.ts,
 * FieldWorkService.ts) and the back office's cut check (src/backoffice/cutCheck.ts), and neither the
 * app nor the back office may import the UI (docs/ARCHITECTURE.md, "Layers and import rules").
 */
import { fillTemplate } from '../core/text/fillTemplate.js';
import type { FieldWorkMessage, FieldWorkMessageKey } from '../core/fieldwork/messages.js';

import type { Locale } from './locale.js';

export type { Locale };

export const FIELDWORK_TR: Readonly<Record<FieldWorkMessageKey, string>> = {
  'pre.not-cancelled.ok': 'İş iptal edilmedi.',
  'pre.not-cancelled.failed': 'İŞ İPTAL EDİLDİ ({reason}): kesme yapılamaz.',
  'pre.debt-known.ok': 'Borç bilgisi var: {amount} TL.',
  'pre.debt-known.failed': 'İşte borç bilgisi yok: kesme yapılamaz.',
  'pre.past-due.ok': 'Son ödeme {due}, {days} gün geçti (en az {min}).',
  'pre.past-due.failed': 'Son ödeme {due}: {days} gün geçti, en az {min} gün gerekli.',
  'pre.unpaid-volume.ok': 'Ödenmemiş tüketim {m3} m³ (>{min}).',
  'pre.unpaid-volume.failed': 'Ödenmemiş tüketim {m3} m³: {min} m³ üstü gerekli.',
  'pre.unpaid-volume.missing': 'Ödenmemiş tüketim (m³) merkezden gelmedi: kesme yapılamaz.',
  'pre.notice-days.ok': 'Bildirim {date}: {days} iş günü önce (en az {min}).',
  'pre.notice-days.failed': 'Bildirim {date}: {days} iş günü önce, en az {min} gerekli.',
  'pre.notice-days.uncovered': 'Bildirim {date}: tatil takvimi bu tarihi kapsamıyor, iş günü sayılamaz.',
  'pre.notice-channels.ok': 'Bildirim kanalları: {channels}.',
  'pre.notice-channels.failed': 'Bildirim kanalları: {channels}. En az {min} kanal, biri yazılı ({written}) gerekli.',
  'pre.protected-category.none': 'Korunan abone değil.',
  'pre.protected-category.ok': 'Korunan abone ({category}): {periods} dönem ödenmemiş (en az {min}).',
  'pre.protected-category.failed': 'Korunan abone ({category}): {periods} dönem ödenmemiş, en az {min} gerekli.',
  'pre.protected-category.missing': 'Korunan abone bilgisi merkezden gelmedi: kesme yapılamaz.',
  'pre.protected-category.missing-periods': 'Korunan abone ({category}): ödenmemiş dönem sayısı gelmedi, kesme yapılamaz.',
  'pre.calendar-covered.ok': 'Tatil takvimi {date} tarihini kapsıyor.',
  'pre.calendar-covered.computed': 'Tatil takvimi {date}: dini bayramlar hesaplandı, resmî takvimle teyit edilmeli.',
  'pre.calendar-covered.failed': 'Tatil takvimi {date} tarihini kapsamıyor (veri {years}): kesme yapılamaz.',
  'pre.working-day.ok': 'Bugün iş günü ({weekday}).',
  'pre.working-day.failed': 'Bugün iş günü değil ({weekday}): kesme yapılamaz.',
  'pre.not-holiday.ok': 'Resmi tatil değil.',
  'pre.not-holiday.failed': 'Resmi tatil: {name}. Kesme yapılamaz.',
  'pre.not-holiday.computed': 'Resmi tatil (hesaplanan tarih): {name}. Kesme yapılamaz.',
  'pre.working-hours.ok': 'Saat {time}, mesai {start}–{end} içinde.',
  'pre.working-hours.failed': 'Saat {time}: mesai {start}–{end} dışında.',
  'pre.sync-fresh.ok': 'Merkezle son bağlantı {minutes} dk önce.',
  'pre.sync-fresh.failed':
    'Merkezle son bağlantı {minutes} dk önce (en çok {max} dk). Ödeme gelmiş olabilir: kapsama alanına girip bağlanın.',
  'pre.sync-fresh.never': 'Merkezle hiç bağlantı kurulmadı. Ödeme gelmiş olabilir: kapsama alanına girip bağlanın.',
  'seal.empty': 'Mühür numarasını girin veya okutun.',
  'seal.format': 'Mühür no biçimi hatalı (örnek {example}).',
  'override.reasonShort': 'Gerekçe en az {min} karakter olmalı.',
  'override.notAllowed': 'Bu koşul şef onayıyla geçilemez: {ids}.',
};

export const FIELDWORK_EN: Readonly<Record<FieldWorkMessageKey, string>> = {
  'pre.not-cancelled.ok': 'Job not cancelled.',
  'pre.not-cancelled.failed': 'JOB CANCELLED ({reason}): no cut.',
  'pre.debt-known.ok': 'Debt on record: {amount} TL.',
  'pre.debt-known.failed': 'The job carries no debt: no cut.',
  'pre.past-due.ok': 'Due {due}, {days} days ago (min {min}).',
  'pre.past-due.failed': 'Due {due}: {days} days ago, {min} needed.',
  'pre.unpaid-volume.ok': 'Unpaid use {m3} m³ (>{min}).',
  'pre.unpaid-volume.failed': 'Unpaid use {m3} m³: over {min} m³ needed.',
  'pre.unpaid-volume.missing': 'Unpaid m³ not sent by the office: no cut.',
  'pre.notice-days.ok': 'Notice {date}: {days} working days ago (min {min}).',
  'pre.notice-days.failed': 'Notice {date}: {days} working days ago, {min} needed.',
  'pre.notice-days.uncovered': 'Notice {date}: not covered by the holiday data; working days cannot be counted.',
  'pre.notice-channels.ok': 'Notice channels: {channels}.',
  'pre.notice-channels.failed': 'Notice channels: {channels}. At least {min}, one written ({written}).',
  'pre.protected-category.none': 'Not a protected customer.',
  'pre.protected-category.ok': 'Protected customer ({category}): {periods} periods unpaid (min {min}).',
  'pre.protected-category.failed': 'Protected customer ({category}): {periods} periods unpaid, {min} needed.',
  'pre.protected-category.missing': 'Protected-customer category not sent by the office: no cut.',
  'pre.protected-category.missing-periods': 'Protected customer ({category}): unpaid periods not sent, no cut.',
  'pre.calendar-covered.ok': 'Holiday data covers {date}.',
  'pre.calendar-covered.computed': 'Holiday data {date}: religious holidays computed, to confirm with the official calendar.',
  'pre.calendar-covered.failed': 'Holiday data does not cover {date} (data {years}): no cut.',
  'pre.working-day.ok': 'Today is a working day ({weekday}).',
  'pre.working-day.failed': 'Not a working day ({weekday}): no cut.',
  'pre.not-holiday.ok': 'Not an official holiday.',
  'pre.not-holiday.failed': 'Official holiday: {name}. No cut.',
  'pre.not-holiday.computed': 'Official holiday (computed date): {name}. No cut.',
  'pre.working-hours.ok': '{time}, within hours {start}–{end}.',
  'pre.working-hours.failed': '{time}: outside working hours {start}–{end}.',
  'pre.sync-fresh.ok': 'Last contact with the office {minutes} min ago.',
  'pre.sync-fresh.failed':
    'Last contact with the office {minutes} min ago (max {max} min). A payment may be on its way: get coverage first.',
  'pre.sync-fresh.never': 'No contact with the office yet. A payment may be on its way: get coverage first.',
  'seal.empty': 'Key or scan the seal number.',
  'seal.format': 'Seal number format wrong (e.g. {example}).',
  'override.reasonShort': 'The reason needs at least {min} characters.',
  'override.notAllowed': 'A supervisor cannot override: {ids}.',
};

const CATALOGS: Record<Locale, Readonly<Record<FieldWorkMessageKey, string>>> = { tr: FIELDWORK_TR, en: FIELDWORK_EN };

/** Labels of contract codes carried in params (`channels`, `written` lists; `category`). */
const LABELS: Record<Locale, Readonly<Record<string, string>>> = {
  tr: {
    written: 'yazılı',
    sms: 'SMS',
    email: 'e-posta',
    phone: 'telefon',
    kep: 'KEP',
    'martyr-family': 'şehit yakını',
    veteran: 'gazi',
  },
  en: {
    written: 'written',
    sms: 'SMS',
    email: 'e-mail',
    phone: 'phone',
    kep: 'KEP',
    'martyr-family': "martyr's family",
    veteran: 'veteran',
  },
};
const label = (locale: Locale, code: string) => LABELS[locale][code] ?? code;

const WEEKDAYS: Record<Locale, readonly string[]> = {
  tr: ['', 'Pazartesi', 'Salı', 'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar'],
  en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** Renders a message; `weekday` params hold an ISO weekday number and are named in the locale. */
export function fieldWorkText(m: FieldWorkMessage, locale: Locale = 'tr'): string {
  return fillTemplate(CATALOGS[locale][m.key]!, (name) => {
    const v = m.params[name];
    if (v === undefined) return v;
    if (name === 'weekday') return WEEKDAYS[locale][Number(v)] ?? v;
    if (name === 'channels')
      return v
        .split(', ')
        .map((c) => label(locale, c))
        .join(', ');
    if (name === 'written')
      return v
        .split('/')
        .map((c) => label(locale, c))
        .join('/');
    if (name === 'category') return label(locale, v);
    return v;
  });
}
