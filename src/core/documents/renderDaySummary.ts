/** End-of-day summary the crew hands in with the cash and the device. */
import { checkOptions, footer, reprintMark, title } from './commonBlocks.js';
import { formatDate, formatTl } from './format.js';
import { kv, para, rule } from './layout.js';
import type { CrewInfo, DistributorInfo, DocLine, PrintDocument, RenderOptions } from './types.js';

export interface DaySummaryData {
  /** The working day, YYYY-MM-DD. */
  date: string;
  crew: CrewInfo;
  counts: {
    readings: number;
    skipped: number;
    invoices: number;
    cuts: number;
    reconnections: number;
    meterChanges: number;
    inspections: number;
    /** Bilgi fişleri for e-Fatura buyers, not in `invoices`; absent in summaries printed before they were counted apart. */
    infoSlips?: number;
    /**
     * Readings held for the office (docs/invoice.md "Plausibility"): in `readings`, without an
     * invoice; the office bills them after review. Absent in summaries printed before they were counted.
     */
    heldForOffice?: number;
  };
  /** Sum of payable amounts of the day's invoices, decimal string. */
  invoicedTotal: string;
  /** Sum of payable amounts of the day's bilgi fişleri, not in `invoicedTotal`. */
  infoSlipTotal?: string;
  /** First and last e-Arşiv invoice numbers (bilgi fişleri have their own series). */
  firstInvoiceNo?: string;
  lastInvoiceNo?: string;
  /** No-read reasons: code (docs/domain.md §2) and how many. */
  skippedByReason: Array<{ code: string; label: string; count: number }>;
  reprints: number;
  /** Events not yet delivered to the back office at print time. */
  pendingEvents: number;
}

export function renderDaySummary(d: DaySummaryData, distributor: DistributorInfo, o: RenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const n = (label: string, v: number) => kv(label, String(v), w);
  const lines: DocLine[] = [
    ...para(distributor.title, w, { align: 'center', bold: true }),
    rule(w),
    ...title('Gün Sonu Özeti', w),
    ...reprintMark(o),
    ...kv('Tarih:', formatDate(d.date), w),
    rule(w),
    ...n('Okunan sayaç:', d.counts.readings),
    ...n('Okunamayan:', d.counts.skipped),
    ...d.skippedByReason.flatMap((r) => kv(`  ${r.code} ${r.label}`, String(r.count), w)),
    ...n('Kesilen fatura:', d.counts.invoices),
    ...(d.firstInvoiceNo ? kv('İlk fatura:', d.firstInvoiceNo, w) : []),
    ...(d.lastInvoiceNo ? kv('Son fatura:', d.lastInvoiceNo, w) : []),
    ...kv('Fatura tutarı:', formatTl(d.invoicedTotal), w, { bold: true }),
    // Not invoices: the office issues their e-Fatura (docs/invoice.md "Bilgi fişi").
    ...(d.counts.infoSlips
      ? [...n('Bilgi fişi:', d.counts.infoSlips), ...kv('Bilgi fişi tutarı:', formatTl(d.infoSlipTotal ?? '0'), w)]
      : []),
    // Read but not billed here: the office bills them, so the crew's invoices are not short of them.
    ...(d.counts.heldForOffice ? n('Merkeze bırakılan:', d.counts.heldForOffice) : []),
    ...n('Gaz kesme:', d.counts.cuts),
    ...n('Gaz açma:', d.counts.reconnections),
    ...n('Sayaç değişimi:', d.counts.meterChanges),
    ...n('Tespit tutanağı:', d.counts.inspections),
    ...n('Yeniden basım:', d.reprints),
    ...n('Gönderilmeyi bekleyen kayıt:', d.pendingEvents),
    ...(d.pendingEvents > 0 ? para('Cihazı kapsama alanında açık bırakın: kayıtlar henüz merkeze ulaşmadı.', w, { bold: true }) : []),
    ...footer(d.crew, o),
    { kind: 'cut' },
  ];
  return { type: 'day-summary', documentNo: o.documentNo, copy: o.copy, width: w, lines };
}
