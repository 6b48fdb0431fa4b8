/**
 * Receipt left when gas is reopened (docs/domain.md §3): the seal removed, the index, and the safety
 * checklist as done on site (the checklist items are data: *assumed*, configurable). The paper the
 * customer signs states each answer ("Gaz kokusu: YOK"), never a question with a box that could be
 * read either way.
 */
import { checkOptions, distributorHeader, emergency, footer, reprintMark, signatures, title } from './commonBlocks.js';
import { formatDateTime } from './format.js';
import { kv, para, rule } from './layout.js';
import { scanOverrideBlock, siteBlock } from './siteBlock.js';
import type { CrewInfo, DistributorInfo, DocLine, PrintDocument, RenderOptions, SiteInfo } from './types.js';

export interface ChecklistItem {
  /** What was checked ("Gaz kokusu"); on records made before answers were worded, the question itself. */
  label: string;
  ok: boolean;
  /** The answer as worded in the reference ("YOK", "AÇILDI"). */
  result?: string;
  /** Older records: the yes/no given to the question in `label`. */
  answer?: boolean;
}

/** One checklist line: the item and its answer. */
export function checklistLine(c: ChecklistItem): string {
  if (c.result) return `${c.label}: ${c.result}`;
  if (c.answer !== undefined) return `${c.label} ${c.answer ? 'EVET' : 'HAYIR'}`;
  return `${c.label}: ${c.ok ? 'UYGUN' : 'UYGUN DEĞİL'}`;
}

export interface ReconnectionData {
  site: SiteInfo;
  crew: CrewInfo;
  reconnectedAt: string;
  index: number;
  removedSealNo: string;
  checklist: ChecklistItem[];
  /** What differs from the cut (reconnectCheck.ts findingText), printed with the offer of an inspection. */
  findings?: string[];
  /** Name of the adult occupant present, if they gave it. */
  occupantName?: string;
  note?: string;
  /** The meter's barcode was declared unreadable: the reason's label (core/reading/scanGate.ts). */
  scanOverrideReason?: string;
}

export function renderReconnectionReceipt(d: ReconnectionData, distributor: DistributorInfo, o: RenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const lines: DocLine[] = [
    ...distributorHeader(distributor, w),
    ...title('Gaz Açma Fişi', w),
    ...reprintMark(o),
    ...siteBlock(d.site, w),
    ...scanOverrideBlock(d.scanOverrideReason, w),
    rule(w),
    ...kv('Açma zamanı:', formatDateTime(d.reconnectedAt), w),
    ...kv('Açma endeksi:', String(d.index), w),
    ...kv('Sökülen mühür no:', d.removedSealNo, w, { bold: true }),
    rule(w),
    ...(d.findings?.length
      ? [
          ...para('TESPİT:', w, { bold: true }),
          ...d.findings.flatMap((f) => para(f, w)),
          ...para('Kaçak/usulsüz kullanım kontrolü için denetim önerildi.', w),
          rule(w),
        ]
      : []),
    ...para('Güvenlik kontrolleri:', w, { bold: true }),
    ...d.checklist.flatMap((c) => para(checklistLine(c), w)),
    ...(d.occupantName ? kv('Hazır bulunan:', d.occupantName, w) : []),
    ...(d.note ? para(`Not: ${d.note}`, w) : []),
    rule(w),
    ...para("Cihazlarınızı yakarken gaz kokusu alırsanız vanayı kapatın ve 187'yi arayın.", w),
    ...signatures(['Abone / hazır bulunan', 'Görevli'], w),
    rule(w),
    ...emergency(w),
    ...footer(d.crew, o),
    { kind: 'cut' },
  ];
  return { type: 'reconnection-receipt', documentNo: o.documentNo, copy: o.copy, width: w, lines };
}
