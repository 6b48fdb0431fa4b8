/**
 * The notice left with the customer when gas is cut (DMHY art. 44–46, docs/domain.md §3): what was
 * done, when, by whom, the lock seal number and the index at the cut, how to pay and get gas back
 * the same day, and the 187 emergency line.
 */
import { checkOptions, distributorHeader, emergency, footer, reprintMark, title } from './commonBlocks.js';
import { formatDate, formatDateTime, formatTl } from './format.js';
import { blank, kv, para, rule } from './layout.js';
import { scanOverrideBlock, siteBlock } from './siteBlock.js';
import type { CrewInfo, DistributorInfo, DocLine, PrintDocument, RenderOptions, SiteInfo } from './types.js';

export type CutReason = 'debt' | 'kacak' | 'usulsuz' | 'safety' | 'customer-request';

export interface CutNoticeData {
  site: SiteInfo;
  crew: CrewInfo;
  reason: CutReason;
  /** When the valve was closed and sealed (ISO-8601 with offset). */
  cutAt: string;
  /** Index at the cut (integer dials). */
  index: number;
  /** Number of the lock seal (kilit mühür) fitted. */
  sealNo: string;
  /** Debt cuts: what is owed and since when. */
  debt?: { amount: string; oldestDueDate: string };
  /** Cut/reopen fee excl. VAT, billed on the next invoice (206 TL in 2026); data, not a constant. */
  reconnectFee?: string;
  note?: string;
  /** The meter's barcode was declared unreadable: the reason's label (core/reading/scanGate.ts). */
  scanOverrideReason?: string;
}

const REASON: Record<CutReason, string> = {
  debt: 'Ödenmemiş borç',
  kacak: 'Kaçak kullanım tespiti',
  usulsuz: 'Usulsüz kullanım tespiti',
  safety: 'Güvenlik (gaz kaçağı / tehlike)',
  'customer-request': 'Abone talebi',
};

export function renderCutNotice(d: CutNoticeData, distributor: DistributorInfo, o: RenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const channels = distributor.paymentChannels ?? [];
  const lines: DocLine[] = [
    ...distributorHeader(distributor, w),
    ...title('Gaz Kesme Bildirimi', w),
    ...reprintMark(o),
    ...siteBlock(d.site, w),
    ...scanOverrideBlock(d.scanOverrideReason, w),
    rule(w),
    ...para(`Doğal gazınız ${formatDateTime(d.cutAt)} tarihinde sayaç giriş vanası kapatılarak ve kilit mühür takılarak kesilmiştir.`, w),
    blank,
    ...kv('Neden:', REASON[d.reason], w),
    ...kv('Kesme zamanı:', formatDateTime(d.cutAt), w),
    ...kv('Kesme endeksi:', String(d.index), w),
    ...kv('Kilit mühür no:', d.sealNo, w, { bold: true }),
    ...(d.debt
      ? [
          ...kv('Borç tutarı:', formatTl(d.debt.amount), w, { bold: true }),
          ...kv('En eski son ödeme:', formatDate(d.debt.oldestDueDate), w),
        ]
      : []),
    ...(d.note ? para(`Not: ${d.note}`, w) : []),
    rule(w),
    ...para('GAZINIZI AYNI GÜN AÇTIRMAK İÇİN', w, { bold: true, align: 'center' }),
    ...(d.reason === 'debt'
      ? para('Borcunuzu ödeyin; ödemeniz bize ulaştığında gazınız aynı gün açılır.', w)
      : para('Müşteri hizmetlerimizi arayın; gerekli işlemlerden sonra gazınız açılır.', w)),
    ...channels.flatMap((c) => para(`- ${c}`, w)),
    ...(distributor.phone ? para(`Müşteri hizmetleri: ${distributor.phone}`, w) : []),
    ...(d.reconnectFee ? para(`Açma-kapama bedeli ${formatTl(d.reconnectFee)} + KDV sonraki faturanıza eklenir.`, w) : []),
    ...para('Gaz açılırken evde bir yetişkin bulunmalıdır.', w),
    blank,
    ...para('Mührü sökmeyin, vanayı açmayın: mühür kırmak suçtur ve can güvenliğinizi tehlikeye atar.', w, { bold: true }),
    rule(w),
    ...emergency(w),
    ...footer(d.crew, o),
    { kind: 'cut' },
  ];
  return { type: 'cut-notice', documentNo: o.documentNo, copy: o.copy, width: w, lines };
}
