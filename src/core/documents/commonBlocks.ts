/** Blocks every document shares: distributor header, reprint marking, emergency line, footer. */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { formatDateTime, trUpper } from './format.js';
import { blank, kv, oneLine, pair, para, rule, small, smallKv, smallRule, smallWidth, text, wrap } from './layout.js';
import type { CrewInfo, DistributorInfo, DocLine, RenderOptions } from './types.js';

/** Refuse options that would print a misleading document (copy 2 with no who/why). */
export function checkOptions(o: RenderOptions): void {
  if (!Number.isInteger(o.width) || o.width < 24 || o.width > 64)
    throw new AppError(`width ${o.width} out of range`, ErrorCode.Input_Invalid, { context: { field: 'width' } });
  if (!Number.isInteger(o.copy) || o.copy < 1)
    throw new AppError(`copy must be ≥ 1`, ErrorCode.Input_Invalid, { context: { field: 'copy' } });
  if (o.copy >= 2 && (!o.reprint || !o.reprint.by.trim() || !o.reprint.reason.trim())) {
    throw new AppError('a reprint (copy ≥ 2) needs who and why', ErrorCode.Input_Invalid, { context: { field: 'reprint' } });
  }
  if (!o.documentNo.trim()) throw new AppError('documentNo is empty', ErrorCode.Input_Invalid, { context: { field: 'documentNo' } });
}

/**
 * The tax office's name without its own "V.D." / "Vergi Dairesi": config examples write
 * "Eskişehir V.D.", and the header adds "V.D.:" itself (it printed "V.D.: Eskişehir V.D." before).
 */
export function taxOfficeName(office: string): string {
  return office.replace(/\s*(V\.\s*D\.?|VD|Vergi\s+Dairesi(\s+Müdürlüğü)?)\s*$/iu, '').trim() || office.trim();
}

/**
 * Small-print items on as few centred lines as fit, two spaces apart; an item is never split over
 * two lines unless it is longer than a line (so "V.No: 1234567890" never wraps inside the number).
 */
export function smallItems(items: string[], w: number): DocLine[] {
  const W = smallWidth(w);
  const out: string[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length + 2 + item.length <= W) out[out.length - 1] = `${last}  ${item}`;
    else out.push(...wrap(item, W));
  }
  return out.map((l) => text(l, { align: 'center', small: true }));
}

/**
 * The seller's identity: the title in bold (font A, or one line of font B rather than two), the rest as small print (font B; docs/invoice.md
 * "Paper"): address, tax office and number, MERSİS and phone.
 */
export function distributorHeader(d: DistributorInfo, w: number): DocLine[] {
  return [
    ...oneLine(trUpper(d.title), w, { align: 'center', bold: true }),
    ...small(d.address, w, { align: 'center' }),
    ...smallItems([`V.D.: ${taxOfficeName(d.taxOffice)}`, `V.No: ${d.taxNo}`], w),
    ...smallItems([...(d.mersisNo ? [`MERSİS: ${d.mersisNo}`] : []), ...(d.phone ? [`Tel: ${d.phone}`] : [])], w),
  ];
}

export function title(t: string, w: number, subtitle?: string): DocLine[] {
  return [
    ...para(trUpper(t), w, { align: 'center', bold: true, tall: true }),
    ...(subtitle ? para(subtitle, w, { align: 'center' }) : []),
    smallRule(w),
  ];
}

/**
 * Reprint marking: a copy ≥ 2 says so at the top, in bold, with who reprinted it and why, so a
 * second slip can never pass for a second invoice or a fresh report.
 */
export function reprintMark(o: RenderOptions): DocLine[] {
  if (o.copy < 2 || !o.reprint) return [];
  const w = o.width;
  return [
    ...para(`NÜSHA ${o.copy}`, w, { align: 'center', bold: true, tall: true }),
    ...para('YENİDEN BASIM - ASLI DEĞİLDİR', w, { align: 'center', bold: true }),
    ...para(`Basan: ${o.reprint.by}`, w),
    ...para(`Neden: ${o.reprint.reason}`, w),
    ...(o.reprint.at ? kv('Basım zamanı:', formatDateTime(o.reprint.at), w) : []),
    rule(w),
  ];
}

export function emergency(w: number): DocLine[] {
  return [
    ...para('DOĞAL GAZ ACİL: 187', w, { align: 'center', bold: true }),
    ...small("Gaz kokusu alırsanız elektrik düğmelerine dokunmayın, 187'yi arayın.", w, { align: 'center' }),
  ];
}

/** "Name (id)", or the id alone when the name is not known: every document and the A4 invoice alike. */
export function operatorLabel(operatorId: string, operatorName?: string): string {
  return operatorName ? `${operatorName} (${operatorId})` : operatorId;
}

/**
 * Who and which device, in small print. Name and id share the device's line when they fit
 * (layout.ts pair), otherwise each takes its own line. `documentNoShown`: the document already prints its number
 * (the invoice's Fatura No), so "Belge No" would repeat it.
 */
export function footer(crew: CrewInfo, o: RenderOptions, opts: { documentNoShown?: boolean } = {}): DocLine[] {
  const w = o.width;
  return [
    smallRule(w),
    ...pair(['Görevli:', operatorLabel(crew.operatorId, crew.operatorName)], ['Cihaz:', crew.deviceId], w, {
      small: true,
    }),
    ...(opts.documentNoShown ? [] : smallKv('Belge No:', o.documentNo, w)),
    ...(o.copy >= 2 ? smallKv('Nüsha:', String(o.copy), w) : []),
  ];
}

export function signatures(labels: string[], w: number): DocLine[] {
  const out: DocLine[] = [];
  for (const l of labels) out.push(blank, text(l), blank, text('İmza: ' + '.'.repeat(Math.max(8, w - 6))));
  return out;
}
