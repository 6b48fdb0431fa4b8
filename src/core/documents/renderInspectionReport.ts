/**
 * Inspection report (tutanak) for kaçak / usulsüz use, docs/domain.md §4: every field the regulation
 * expects, printed twice in one job (customer copy, company copy), each with the evidence hash so
 * the two papers and the stored record can be matched.
 */
import { checkOptions, distributorHeader, emergency, footer, reprintMark, signatures, title } from './commonBlocks.js';
import { evidenceSha256 } from './evidenceHash.js';
import { formatDateTime, formatDecimal } from './format.js';
import { kv, labelled, para, rule, text, wrap } from './layout.js';
import type { CrewInfo, DistributorInfo, DocLine, PrintDocument, RenderOptions } from './types.js';

export type Finding = 'none' | 'kacak' | 'usulsuz';

export interface Person {
  name: string;
  /** T.C. kimlik no or similar, as recorded; printed as given. */ idNo?: string;
}

export interface InspectionReportData {
  reportNo: string;
  at: string;
  /** Crew members present (the first is the one operating the device). */
  crew: Array<{ operatorId: string; name: string }>;
  deviceId: string;
  site: { installationNo: string; contractAccount?: string; address: string; customerName?: string };
  /** The person found using the gas. */
  user: Person & { relation?: string };
  meter: { serial: string; index: number };
  seals: { found: string[]; missing: string[]; fitted: string[] };
  finding: Finding;
  /** e.g. "Mühür kopuk", "Bypass hattı"; data from the back office's code list. */
  subtype: string;
  description?: string;
  appliances: Array<{ type: string; kw: string }>;
  /** Actions taken, in words: "Gaz kesildi", "Sayaç laboratuvara söküldü", "Mühür takıldı". */
  actions: string[];
  witnesses: Person[];
  statement: { kind: 'statement'; text: string } | { kind: 'refused' } | { kind: 'absent' };
  /** Why no witness signs (the user absent or refusing and nobody else on site). */
  noWitnessReason?: string;
  /** SHA-256 of photos or other attachments, if any; part of the evidence hash. */
  attachmentsSha256?: string[];
}

const FINDING: Record<Finding, string> = { none: 'Uygunsuzluk yok', kacak: 'KAÇAK KULLANIM', usulsuz: 'USULSÜZ KULLANIM' };

/** The hash printed on the report; put the same value in inspection.reported. */
export function inspectionEvidenceSha256(d: InspectionReportData): string {
  return evidenceSha256(d);
}

export function renderInspectionReport(d: InspectionReportData, distributor: DistributorInfo, o: RenderOptions): PrintDocument {
  checkOptions(o);
  const w = o.width;
  const hash = inspectionEvidenceSha256(d);
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'yok');
  const person = (p: Person) => (p.idNo ? `${p.name} (${p.idNo})` : p.name);
  const operator = d.crew[0];
  const body: DocLine[] = [
    ...kv('Tutanak No:', d.reportNo, w, { bold: true }),
    ...kv('Tarih/saat:', formatDateTime(d.at), w),
    ...labelled('Ekip:', d.crew.map((c) => `${c.name} (${c.operatorId})`).join(', '), w),
    rule(w),
    ...labelled('Adres:', d.site.address, w),
    ...kv('Tesisat No:', d.site.installationNo, w),
    ...(d.site.contractAccount ? kv('Sözleşme Hesap No:', d.site.contractAccount, w) : []),
    ...(d.site.customerName ? labelled('Abone:', d.site.customerName, w) : []),
    ...labelled('Gazı kullanan:', person(d.user) + (d.user.relation ? `, ${d.user.relation}` : ''), w),
    rule(w),
    ...kv('Sayaç Seri No:', d.meter.serial, w),
    ...kv('Endeks:', String(d.meter.index), w),
    ...labelled('Bulunan mühürler:', list(d.seals.found), w),
    ...labelled('Eksik/kopuk mühürler:', list(d.seals.missing), w),
    ...labelled('Takılan mühürler:', list(d.seals.fitted), w),
    rule(w),
    ...para(`Tespit: ${FINDING[d.finding]}`, w, { bold: true }),
    ...labelled('Türü:', d.subtype, w),
    ...(d.description ? para(d.description, w) : []),
    ...para('Bulunan cihazlar:', w, { bold: true }),
    ...(d.appliances.length ? d.appliances.flatMap((a) => kv(`- ${a.type}`, `${formatDecimal(a.kw)} kW`, w)) : para('- yok', w)),
    ...para('Yapılan işlemler:', w, { bold: true }),
    ...(d.actions.length ? d.actions.flatMap((a) => para(`- ${a}`, w)) : para('- yok', w)),
    ...para('Tanıklar:', w, { bold: true }),
    ...(d.witnesses.length
      ? d.witnesses.flatMap((p) => para(`- ${person(p)}`, w))
      : para(d.noWitnessReason ? `- yok; sebebi: ${d.noWitnessReason}` : '- yok', w)),
    rule(w),
    ...para('Gazı kullananın beyanı:', w, { bold: true }),
    ...(d.statement.kind === 'refused'
      ? para('İMZADAN İMTİNA ETTİ', w, { bold: true })
      : d.statement.kind === 'absent'
        ? para('GAZI KULLANAN YERİNDE YOK', w, { bold: true })
        : para(d.statement.text, w)),
    rule(w),
    ...para('Delil özeti (SHA-256):', w),
    ...wrap(hash, w).map((l) => text(l)),
    // Every official signs (the 2004 procedures want at least two), each line named.
    ...signatures(
      ['Gazı kullanan', 'Tanık', ...(d.crew.length ? d.crew.map((c) => `Görevli: ${c.name} (${c.operatorId})`) : ['Görevli'])],
      w,
    ),
    rule(w),
    ...emergency(w),
    ...footer({ operatorId: operator?.operatorId ?? '-', operatorName: operator?.name, deviceId: d.deviceId }, o),
  ];
  const part = (copyLabel: string): DocLine[] => [
    ...distributorHeader(distributor, w),
    ...title('Kaçak/Usulsüz Kullanım Tespit Tutanağı', w),
    ...para(copyLabel, w, { align: 'center', bold: true }),
    ...reprintMark(o),
    ...body,
    { kind: 'cut' },
  ];
  return {
    type: 'inspection-report',
    documentNo: o.documentNo,
    copy: o.copy,
    width: w,
    lines: [...part('MÜŞTERİ NÜSHASI'), ...part('ŞİRKET NÜSHASI')],
  };
}
