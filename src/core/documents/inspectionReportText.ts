/**
 * The printed tutanak's own words that core/inspection/report.ts puts into the report it seals
 * (docs/domain.md §4, device/reference/README.md "Inspection rules"): the description notes, the
 * seal states, and the words about money: the accrual with its period, basis, method (and why it
 * changed) and the metered consumption deducted; or why there is no charge, or that the office
 * computes it. Turkish, like every printed document; kept with the renderers so the paper's words
 * are in one place. The report's hash covers these words: a change here changes the fingerprint
 * of reports sealed afterwards, never of those already sealed (they keep their stored content).
 */
import { formatDecimal, formatTl } from './format.js';
import type { AccrualOutcome } from '../inspection/accrualOutcome.js';
import type { Accrual } from '../inspection/computeAccrual.js';
import type { EstimationMethod } from '../inspection/config.js';
import type { AccrualPendingReason } from '../inspection/errors.js';

/** Notes the description opens with: what the crew met on site that the paper must say. */
export const REPORT_NOTES = {
  corrects: (reportNo: string) => `DÜZELTME: Bu tutanak ${reportNo} sayılı tutanağı düzeltir.`,
  otherMeter: (expectedSerial: string) => `Yerindeki sayaç iş emrindeki ${expectedSerial} değil.`,
  serialKeyed: 'Sayaç seri no elle girildi.',
  indexUnreadable: 'Endeks okunamadı.',
  noMeter: 'Sayaç yok.',
  /** The meter serial printed when there is no meter. */
  noMeterSerial: 'YOK',
} as const;

/** A broken or missing seal as the paper lists it: its number (or that it had none) and its state. */
export function sealNote(sealNo: string, status: 'broken' | 'missing'): string {
  return `${sealNo || 'numarasız'} (${status === 'broken' ? 'kopuk' : 'yok'})`;
}

/**
 * The accrual lines' descriptions (computeAccrual.ts): printed on the tutanak and sent to the
 * office in inspection.reported. Figures come with the decimal comma already.
 */
export const ACCRUAL_LINE_TEXT = {
  usulsuzCharge: (multiple: string) => `Usulsüz kullanım bedeli (${multiple} × açma-kapama bedeli)`,
  kacakConsumption: (method: EstimationMethod, detail: string) => `Kaçak tüketim (${METHOD[method]}: ${detail})`,
  /** `repeatYears`: an earlier kaçak within that many years raised the rate. */
  kacakSurcharge: (pct: string, repeatYears?: number) =>
    `Kaçak ek bedeli (%${pct}${repeatYears === undefined ? '' : `, ${repeatYears} yıl içinde tekrar`})`,
  appliance: (kw: string, hours: string, loadFactor: string) => `${kw} kW × ${hours} sa × ${loadFactor}`,
  appliances: (parts: readonly string[], days: number) => `${parts.join(' + ')} × ${days} gün`,
  dailyM3: (daily: string, days: number) => `${daily} m³/gün × ${days} gün`,
  similarUnits: (days: number) => `benzer aboneler, ${days} gün`,
} as const;

/** The Turkish words of a pending reason, for the paper. */
export const PENDING_TEXT: Readonly<Record<AccrualPendingReason, string>> = {
  'no-tariff': 'cihazda tarife grubu ya da yürürlükte tarife yok',
  'no-fee': 'cihazda tespit gününde yürürlükte açma-kapama bedeli yok',
  'no-history': 'cihazda geçmiş tüketim bilgisi yok',
};

const BASIS: Record<NonNullable<Accrual['period']>['basis'], string> = {
  'last-reading': 'son geçerli okuma',
  'seal-check': 'son mühür kontrolü',
  unknown: 'başlangıç bilinmiyor',
};
const METHOD: Record<EstimationMethod, string> = {
  'own-history': 'geçmiş dönem tüketimi',
  'similar-units': 'benzer aboneler ortalaması',
  'appliance-capacity': 'cihaz kapasitesi',
};
/** 2026-10-26 → 26.10.2026, as the rest of the paper writes dates. */
const trDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * The accrual in words for the paper: the period with its dates and basis, the method (and why it
 * was changed), the metered consumption deducted, one line per accrual line, then the total.
 */
export function accrualText(a: Accrual): string {
  const head: string[] = [];
  const p = a.period;
  if (p) {
    const basis =
      p.basis === 'unknown'
        ? `${BASIS.unknown}, en çok ${p.days} gün`
        : `${BASIS[p.basis]} ${trDate(p.start ?? p.from)}${p.capped ? `, en çok ${p.days} gün` : ''}`;
    head.push(`Dönem: ${trDate(p.from)} - ${trDate(p.to)} (${p.days} gün); esas: ${basis}`);
  }
  if (a.method) head.push(`Yöntem: ${METHOD[a.method]}`);
  if (a.methodChange) head.push(`Yöntem değişti (varsayılan ${METHOD[a.methodChange.from]}); sebep: ${a.methodChange.reason}`);
  if (a.estimatedM3 !== undefined && a.meteredM3 !== undefined && a.billedM3 !== undefined)
    head.push(
      `Tahmini ${formatDecimal(a.estimatedM3)} m³ - sayaçtan geçen ${formatDecimal(a.meteredM3)} m³ = ${formatDecimal(a.billedM3)} m³`,
    );
  const rows = a.lines.map((l) => {
    const qty =
      l.unit === 'm3'
        ? `${formatDecimal(l.quantity)} m³ × ${formatDecimal(l.unitPrice)} TL`
        : `${formatDecimal(l.quantity)} × ${formatTl(l.unitPrice)}`;
    return `${l.description}: ${qty} = ${formatTl(l.amount)}, KDV %${formatDecimal(String(Number(l.vatRate) * 100))} ${formatTl(l.vat)}`;
  });
  return ['TAHAKKUK:', ...head, ...rows, `Tahakkuk toplamı: ${formatTl(a.total)}`].join('\n');
}

/** The paper's words for an outcome without an accrual (null when there is one, or no finding). */
export function outcomeText(o: AccrualOutcome): string | null {
  if (o.kind === 'pending') return `TAHAKKUK: tahakkuk merkezde hesaplanacak (${PENDING_TEXT[o.reason]}).`;
  if (o.kind === 'exempt') return 'TAHAKKUK: usulsüz kullanım bedeli alınmaz; başvuru yapılmış (DMHY md. 53).';
  return null;
}
