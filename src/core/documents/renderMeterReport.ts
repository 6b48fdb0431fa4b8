/**
 * Meter removal / installation report (docs/domain.md §3): the old meter's final index and seals and
 * the new meter's serial, initial index and seals, recorded in the same visit.
 */
import { checkOptions, distributorHeader, emergency, footer, reprintMark, signatures, title } from './commonBlocks.js';
import { formatDateTime } from './format.js';
import { kv, labelled, para, rule } from './layout.js';
import { checklistLine, type ChecklistItem } from './renderReconnectionReceipt.js';
import { scanOverrideBlock } from './siteBlock.js';
import type { CrewInfo, DistributorInfo, DocLine, PrintDocument, RenderOptions } from './types.js';

export type MeterChangeReason = 'periodic' | 'fault' | 'lab' | 'customer-request' | 'other';

export interface MeterRemoved {
  serial: string;
  finalIndex: number;
  sealNos: string[];
  brand?: string;
  /** Its barcode was declared unreadable: the reason's label (core/reading/scanGate.ts). */
  scanOverrideReason?: string;
}
export interface MeterInstalled {
  serial: string;
  initialIndex: number;
  sealNos: string[];
  brand?: string;
  digits?: number;
}

export interface MeterReportData {
  /** The site; meterSerial there is the meter on record before this visit. */
  site: { installationNo: string; contractAccount?: string; customerName: string; address: string };
  crew: CrewInfo;
  at: string;
  reason: MeterChangeReason;
  reasonText?: string;
  removed?: MeterRemoved;
  installed?: MeterInstalled;
  /** The safety checks as answered on site (foam test after the valve was opened). */
  checklist?: ChecklistItem[];
  note?: string;
}

const REASON: Record<MeterChangeReason, string> = {
  periodic: 'Periyodik muayene (10 yıl)',
  fault: 'Arızalı sayaç',
  lab: 'Laboratuvar incelemesi',
  'customer-request': 'Abone talebi',
  other: 'Diğer',
};

export function renderMeterReport(d: MeterReportData, distributor: DistributorInfo, o: RenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const seals = (s: string[]) => (s.length ? s.join(', ') : 'yok');
  const heading = d.removed && d.installed ? 'Sayaç Değişim Tutanağı' : d.removed ? 'Sayaç Sökme Tutanağı' : 'Sayaç Takma Tutanağı';
  const lines: DocLine[] = [
    ...distributorHeader(distributor, w),
    ...title(heading, w),
    ...reprintMark(o),
    ...labelled('Abone:', d.site.customerName, w),
    ...labelled('Adres:', d.site.address, w),
    ...kv('Tesisat No:', d.site.installationNo, w),
    ...(d.site.contractAccount ? kv('Sözleşme Hesap No:', d.site.contractAccount, w) : []),
    ...kv('Tarih:', formatDateTime(d.at), w),
    ...kv('Neden:', REASON[d.reason], w),
    ...(d.reasonText ? para(d.reasonText, w) : []),
    rule(w),
    ...(d.removed
      ? [
          ...para('SÖKÜLEN SAYAÇ', w, { bold: true }),
          ...kv('Seri No:', d.removed.serial, w),
          ...scanOverrideBlock(d.removed.scanOverrideReason, w),
          ...(d.removed.brand ? kv('Marka:', d.removed.brand, w) : []),
          ...kv('Son endeks:', String(d.removed.finalIndex), w, { bold: true }),
          ...labelled('Mühürler:', seals(d.removed.sealNos), w),
          rule(w),
        ]
      : []),
    ...(d.installed
      ? [
          ...para('TAKILAN SAYAÇ', w, { bold: true }),
          ...kv('Seri No:', d.installed.serial, w),
          ...(d.installed.brand ? kv('Marka:', d.installed.brand, w) : []),
          ...(d.installed.digits ? kv('Hane sayısı:', String(d.installed.digits), w) : []),
          ...kv('İlk endeks:', String(d.installed.initialIndex), w, { bold: true }),
          ...labelled('Mühürler:', seals(d.installed.sealNos), w),
          rule(w),
        ]
      : []),
    ...(d.checklist?.length
      ? [...para('Güvenlik kontrolleri:', w, { bold: true }), ...d.checklist.flatMap((c) => para(checklistLine(c), w)), rule(w)]
      : []),
    ...(d.note ? para(`Not: ${d.note}`, w) : []),
    ...signatures(['Abone / hazır bulunan', 'Görevli'], w),
    rule(w),
    ...emergency(w),
    ...footer(d.crew, o),
    { kind: 'cut' },
  ];
  return { type: 'meter-report', documentNo: o.documentNo, copy: o.copy, width: w, lines };
}
