/**
 * Receipt left when gas is reopened (docs/domain.md §3): the seal removed, the index, and the safety
 * checklist as done on site (the checklist items are data: *assumed*, configurable).
 */
import { checkOptions, distributorHeader, emergency, footer, reprintMark, signatures, title } from './commonBlocks.js';
import { formatDateTime } from './format.js';
import { kv, para, rule } from './layout.js';
import { siteBlock } from './siteBlock.js';
import type { CrewInfo, DistributorInfo, DocLine, PrintDocument, RenderOptions, SiteInfo } from './types.js';

export interface ChecklistItem {
  label: string;
  ok: boolean;
}

export interface ReconnectionData {
  site: SiteInfo;
  crew: CrewInfo;
  reconnectedAt: string;
  index: number;
  removedSealNo: string;
  checklist: ChecklistItem[];
  /** Name of the adult occupant present, if they gave it. */
  occupantName?: string;
  note?: string;
}

export function renderReconnectionReceipt(d: ReconnectionData, distributor: DistributorInfo, o: RenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const lines: DocLine[] = [
    ...distributorHeader(distributor, w),
    ...title('Gaz Açma Fişi', w),
    ...reprintMark(o),
    ...siteBlock(d.site, w),
    rule(w),
    ...kv('Açma zamanı:', formatDateTime(d.reconnectedAt), w),
    ...kv('Açma endeksi:', String(d.index), w),
    ...kv('Sökülen mühür no:', d.removedSealNo, w, { bold: true }),
    rule(w),
    ...para('Güvenlik kontrolleri:', w, { bold: true }),
    ...d.checklist.flatMap((c) => para(`[${c.ok ? 'X' : ' '}] ${c.label}`, w)),
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
