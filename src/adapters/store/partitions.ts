/**
 * How each collection is split into snapshot files. lowdb rewrites a whole file on every write,
 * so a file must stay small whatever the size of the store: jobs by route day, dated records by
 * day, sequences by blocks. A checkpoint then rewrites only the few files a day's work touched.
 */
import type { Collection } from '../../ports/Store.js';

type Spec = { kind: 'single' } | { kind: 'date'; field: (v: any) => unknown } | { kind: 'block'; size: number };

const specs: Record<Collection, Spec> = {
  jobs: { kind: 'date', field: (v) => v?.job?.dueDate },
  work: { kind: 'date', field: (v) => v?.at },
  invoices: { kind: 'date', field: (v) => v?.invoice?.issuedAt ?? v?.reservedAt },
  invoiceNos: { kind: 'date', field: (v) => v?.reservedAt },
  documents: { kind: 'date', field: (v) => v?.at },
  outbox: { kind: 'block', size: 1000 },
  tariffs: { kind: 'single' },
  inbox: { kind: 'date', field: (v) => v?.at },
  audit: { kind: 'block', size: 2000 },
  meta: { kind: 'single' },
  operators: { kind: 'single' },
  reference: { kind: 'single' },
};

export function partitionOf(c: Collection, key: string, value: unknown): string {
  const s = specs[c];
  switch (s.kind) {
    case 'single':
      return 'all';
    case 'block': {
      const n = Number.parseInt(key, 10);
      return Number.isFinite(n) ? `b${String(Math.floor(n / s.size)).padStart(6, '0')}` : 'misc';
    }
    case 'date': {
      const d = s.field(value);
      return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : 'undated';
    }
  }
}

/** Keys of sequence collections are zero-padded so that string order is numeric order. */
export const seqKey = (n: number) => String(n).padStart(12, '0');
