/**
 * Numbers the store hands out (event seq, invoice numbers per series and year, report and document
 * numbers, the audit chain's position) can be read back from the records that carry them. At start
 * the engine checks each counter against the highest number found in the records: a counter below
 * its records means a file went back in time (issue 15: with snapshot/meta/all.json deleted the app
 * reused seq 1–3 and issued DMO2026000000001 a second time). Start-up then stops naming the file;
 * it never quietly continues from the lower number, and never quietly raises it either, because
 * whatever rolled the counter back may have rolled back records too.
 *
 * Only numbers whose format is certain are read; anything else is skipped, since a false alarm
 * would stop a healthy device.
 */
import { invoiceCounterName, parseInvoiceNo } from '../../core/billing/invoiceNo.js';
import { reportCounterName } from '../../core/inspection/report.js';
import type { Collection } from '../../ports/Store.js';

export const EVENT_SEQ = 'eventSeq';
/** Pseudo-counter: the audit head's `n` (meta 'auditHead'), witnessed by the audit entries. */
export const AUDIT_HEAD_COUNTER = 'auditHead';

export interface CounterWitness {
  counter: string;
  /** The highest number found in the records. */
  atLeast: number;
  /** Where it was found, for the message: "outbox seq 7". */
  witness: string;
}

type Entries = (c: Collection) => Iterable<[string, unknown]>;

export function counterWitnesses(entries: Entries): Map<string, CounterWitness> {
  const out = new Map<string, CounterWitness>();
  const see = (counter: string, n: number, witness: string) => {
    if (!Number.isInteger(n) || n <= 0) return;
    const cur = out.get(counter);
    if (!cur || n > cur.atLeast) out.set(counter, { counter, atLeast: n, witness });
  };
  for (const [, v] of entries('outbox')) {
    const seq = (v as { seq?: unknown })?.seq;
    if (typeof seq === 'number') see(EVENT_SEQ, seq, `outbox seq ${seq}`);
  }
  for (const c of ['invoiceNos', 'invoices'] as const) {
    for (const [k] of entries(c)) {
      const p = parseInvoiceNo(k);
      if (p) see(invoiceCounterName(p.series, p.year), p.seq, `${c} ${k}`);
    }
  }
  for (const [k] of entries('work')) {
    // Inspection records are kept as inspection:TT-<device>-<year>-<6-digit seq> (InspectionService).
    const m = /^inspection:TT-.+-(\d{4})-(\d{6})$/.exec(k);
    if (m) see(reportCounterName(Number(m[1])), Number(m[2]), `work ${k}`);
  }
  for (const [k, v] of entries('documents')) {
    // Device-numbered documents end in a 6-digit seq of counter doc:<kind>; invoices and
    // inspection reports carry numbers of their own counters, checked above.
    const kind = (v as { source?: { kind?: unknown } })?.source?.kind;
    const m = /-(\d{6})$/.exec(k);
    if (typeof kind === 'string' && kind !== 'invoice' && kind !== 'inspection-report' && m)
      see(`doc:${kind}`, Number(m[1]), `documents ${k}`);
  }
  for (const [, v] of entries('audit')) {
    const n = (v as { n?: unknown })?.n;
    if (typeof n === 'number') see(AUDIT_HEAD_COUNTER, n, `audit entry ${n}`);
  }
  return out;
}
