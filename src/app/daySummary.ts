/**
 * The crew's day in figures, from the store: what the end-of-day screen shows (DaySummary) and what
 * the printed day summary carries (DaySummaryData). Kept apart from SahaApp so the facade stays a
 * facade; reads only, records nothing.
 */
import { dec } from '../core/billing/decimal.js';
import type { DaySummaryData } from '../core/documents/renderDaySummary.js';
import type { FieldWork } from '../core/fieldwork/index.js';
import type { NoReadWork } from '../core/jobs/types.js';
import type { ReadingRules } from '../core/reading/index.js';
import { isInspectionRecord } from '../core/store/records.js';
import type { Store } from '../ports/Store.js';
import type { DaySummary } from './AppServices.js';

/** `today`: YYYY-MM-DD (Europe/Istanbul); `unsent`: records not yet sent (the outbox's depth). */
export function daySummaryOf(store: Store, today: string, unsent: number): DaySummary {
  const byKind: Record<string, Record<string, number>> = {};
  for (const r of store.values('jobs')) {
    const k = (byKind[r.job.kind] ??= {});
    k[r.state] = (k[r.state] ?? 0) + 1;
  }
  // A bilgi fişi is not an e-Arşiv invoice: counted and totalled apart (docs/invoice.md "Bilgi fişi").
  const sum = { 'e-arsiv': { n: 0, total: dec(0) }, 'bilgi-fisi': { n: 0, total: dec(0) } };
  for (const { invoice } of store.values('invoices')) {
    if (invoice.issuedAt.slice(0, 10) !== today) continue;
    const s = sum[invoice.documentKind ?? 'e-arsiv'];
    s.n++;
    s.total = s.total.add(invoice.payable);
  }
  const held = [...store.values('work')].filter((w) => w.kind === 'reading' && w.at.slice(0, 10) === today && w.billingHeld);
  return {
    byKind,
    invoiceCount: sum['e-arsiv'].n,
    invoiceTotal: sum['e-arsiv'].total.toFixed(2),
    infoSlipCount: sum['bilgi-fisi'].n,
    infoSlipTotal: sum['bilgi-fisi'].total.toFixed(2),
    heldForOfficeCount: held.length,
    unsent,
  };
}

/** The printed day summary's data: the screen's figures plus the day's work by kind and reason. */
export function daySummaryDocument(
  store: Store,
  today: string,
  s: DaySummary,
  crew: DaySummaryData['crew'],
  noReadCodes: ReadingRules['noReadCodes'],
): DaySummaryData {
  const work = [...store.values('work')].filter((w) => w.at.slice(0, 10) === today);
  const fieldCount = (k: FieldWork['kind']) => work.filter((w) => w.kind === k).length;
  const skipped = work.filter((w): w is NoReadWork => w.kind === 'no-read');
  const byReason = new Map<string, number>();
  for (const w of skipped) byReason.set(w.reasonCode, (byReason.get(w.reasonCode) ?? 0) + 1);
  const labels = new Map(noReadCodes.map((c) => [c.code, c.label]));
  const invoices = [...store.values('invoices')]
    .map((i) => i.invoice)
    .filter((i) => i.issuedAt.slice(0, 10) === today && i.documentKind !== 'bilgi-fisi')
    .sort((a, b) => (a.invoiceNo < b.invoiceNo ? -1 : 1));
  const reprints = [...store.values('documents')].reduce(
    (n, e) => n + e.copies.filter((c) => c.copy > 1 && c.state === 'printed').length,
    0,
  );
  return {
    date: today,
    crew,
    counts: {
      readings: work.filter((w) => w.kind === 'reading').length,
      skipped: skipped.length,
      invoices: s.invoiceCount,
      infoSlips: s.infoSlipCount,
      heldForOffice: s.heldForOfficeCount,
      cuts: fieldCount('cut'),
      reconnections: fieldCount('reconnect'),
      meterChanges: fieldCount('meter-exchange'),
      inspections: work.filter(isInspectionRecord).filter((w) => w.state === 'sealed').length,
    },
    invoicedTotal: s.invoiceTotal,
    infoSlipTotal: s.infoSlipTotal,
    ...(invoices[0] ? { firstInvoiceNo: invoices[0].invoiceNo, lastInvoiceNo: invoices[invoices.length - 1]!.invoiceNo } : {}),
    skippedByReason: [...byReason].map(([code, count]) => ({ code, label: labels.get(code) ?? code, count })),
    reprints,
    pendingEvents: s.unsent,
  };
}
