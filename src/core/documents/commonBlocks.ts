/** Blocks every document shares: distributor header, reprint marking, emergency line, footer. */
import { AppError, ErrorCode } from '../errors/AppError.js';
import { formatDateTime, trUpper } from './format.js';
import { blank, kv, para, rule, text } from './layout.js';
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

export function distributorHeader(d: DistributorInfo, w: number): DocLine[] {
  return [
    ...para(trUpper(d.title), w, { align: 'center', bold: true }),
    ...para(d.address, w, { align: 'center' }),
    ...para(`V.D.: ${d.taxOffice} V.No: ${d.taxNo}`, w, { align: 'center' }),
    ...(d.mersisNo ? para(`MERSİS: ${d.mersisNo}`, w, { align: 'center' }) : []),
    ...(d.phone ? para(`Tel: ${d.phone}`, w, { align: 'center' }) : []),
    rule(w),
  ];
}

export function title(t: string, w: number, subtitle?: string): DocLine[] {
  return [
    ...para(trUpper(t), w, { align: 'center', bold: true, tall: true }),
    ...(subtitle ? para(subtitle, w, { align: 'center' }) : []),
    rule(w),
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
    ...para("Gaz kokusu alırsanız elektrik düğmelerine dokunmayın, 187'yi arayın.", w, { align: 'center' }),
  ];
}

export function footer(crew: CrewInfo, o: RenderOptions): DocLine[] {
  const w = o.width;
  return [
    rule(w),
    ...kv('Görevli:', crew.operatorName ? `${crew.operatorName} (${crew.operatorId})` : crew.operatorId, w),
    ...kv('Cihaz:', crew.deviceId, w),
    ...kv('Belge No:', o.documentNo, w),
    ...(o.copy >= 2 ? kv('Nüsha:', String(o.copy), w) : []),
  ];
}

export function signatures(labels: string[], w: number): DocLine[] {
  const out: DocLine[] = [];
  for (const l of labels) out.push(blank, text(l), blank, text('İmza: ' + '.'.repeat(Math.max(8, w - 6))));
  return out;
}
