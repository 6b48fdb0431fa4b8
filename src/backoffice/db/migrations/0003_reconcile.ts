/**
 * 0003: the office's own accrual of every issued invoice (src/backoffice/reconcile/). One row per
 * invoice.issued event, rewritten when a re-check changes the verdict (an 'unverifiable' invoice is
 * checked again when a tariff version it lacked arrives).
 */
import type { Migration } from '../migrate.js';

const sql = `
create table reconciliation (
  event_id uuid primary key references events (event_id),
  invoice_no text not null,
  status text not null check (status in ('ok', 'mismatch', 'unverifiable')),
  -- mismatch: [{ "field", "expected" (the office's figure), "actual" (the printed one) }]; else []
  differences jsonb not null default '[]',
  -- unverifiable: why (e.g. a tariff never received); null otherwise
  reason text,
  checked_at timestamptz not null default now()
);
create index reconciliation_open on reconciliation (status) where status <> 'ok';
`;

export const m0003: Migration = { version: 3, name: 'reconcile', sql };
