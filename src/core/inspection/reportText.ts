/**
 * The tutanak's words about money (docs/domain.md §4, device/reference/README.md "Inspection
 * rules"): the accrual with its period, basis, method (and why it changed) and the metered
 * consumption deducted; or why there is no charge, or that the office computes it. Split from
 * report.ts to keep files small.
 */
import { formatDecimal, formatTl } from '../documents/format.js';
import { PENDING_TEXT, type AccrualOutcome } from './accrualOutcome.js';
import type { Accrual } from './computeAccrual.js';
import type { EstimationMethod } from './config.js';

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
