/**
 * The words of the "barkod okunamıyor" reasons (core/reading/scanGate.ts SCAN_OVERRIDE_CODES):
 * the pick list on the reading and field-work screens, in the screen's language, and the
 * `reasonLabel` the app sends with reading.recorded, gas.cut, gas.reconnected and meter.removed,
 * always in Turkish (the office's record; docs/asyncapi.yaml). One table for both, so the crew
 * picks exactly what the office reads.
 *
 * Here, outside src/core and outside the UI, because both the screens and the app's events use it
 * and the app may not import the UI (docs/ARCHITECTURE.md, "Layers and import rules").
 * Each label fits the 40-column screen after its number ("2 ").
 */
import type { ScanOverrideCode } from '../core/reading/scanGate.js';

import type { Locale } from './locale.js';

export type { Locale };

const LABELS: Readonly<Record<Locale, Readonly<Record<ScanOverrideCode, string>>>> = {
  tr: {
    '01': 'Barkod etiketi yok',
    '02': 'Etiket yıpranmış / okunmuyor',
    '03': 'Barkod okuyucu arızalı',
    '04': 'Etikete ulaşılamıyor',
  },
  en: {
    '01': 'No barcode label',
    '02': 'Label worn / unreadable',
    '03': 'Barcode reader broken',
    '04': 'Label out of reach',
  },
};

/** A reason's words; undefined for a code not in the list. Turkish unless a screen asks otherwise. */
export function scanOverrideLabel(code: string, locale: Locale = 'tr'): string | undefined {
  return Object.prototype.hasOwnProperty.call(LABELS[locale], code) ? LABELS[locale][code as ScanOverrideCode] : undefined;
}
