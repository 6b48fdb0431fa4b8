/**
 * The printer test page of the provisioning self-test: every Turkish letter in both cases (the code
 * page is the usual fault: PC857 is ESC t 13 on Epson and 61 on many clones), a line at the full
 * width, and a QR code. The technician compares the paper with the text shown on screen.
 */
import { blank, para, rule, text } from '../core/documents/layout.js';
import type { PrintDocument } from '../core/documents/types.js';
import { isoInstant } from '../core/time/calendar.js';

export const TURKISH_LINE = 'ÇĞİÖŞÜ çğıöşü';
export const PANGRAM = 'Pijamalı hasta yağız şoföre çabucak güvendi.';

export function testPage(o: { deviceId: string; profileId: string; width: number; at: number }): PrintDocument {
  const w = o.width;
  return {
    // The document model has no test-page type; the type only labels ledger entries, and this page
    // never enters the ledger.
    type: 'day-summary',
    documentNo: `TEST-${o.deviceId}`,
    copy: 1,
    width: w,
    lines: [
      text('SAHA YAZICI TESTİ', { align: 'center', bold: true }),
      text(o.deviceId, { align: 'center' }),
      rule(w),
      text(TURKISH_LINE),
      ...para(PANGRAM, w),
      text('0123456789'.repeat(Math.ceil(w / 10)).slice(0, w)),
      rule(w, '='),
      text(`Profil: ${o.profileId}`.slice(0, w)),
      text(isoInstant(o.at).slice(0, 19).replace('T', ' ')),
      blank,
      { kind: 'qr', data: `SAHA-TEST ${o.deviceId} ${isoInstant(o.at)}` },
      text('QR okunuyorsa yazıcı hazır.', { align: 'center' }),
      { kind: 'cut' },
    ],
  };
}
