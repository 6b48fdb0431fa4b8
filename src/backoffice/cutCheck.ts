/**
 * The office's view of the cut gates (`saha dispatch --check --route FILE --at ISO`): every gate of
 * every cut job as it would stand at that instant on the device, so the office never sends a cut
 * that will be blocked. It runs the device's own function (src/core/fieldwork/cutPreconditions.ts)
 * on the same reference data; gates that depend on the device's state at that moment (its link to
 * the office, a supervisor's override) cannot be known here: they are reported as not evaluated
 * and left out of `allowed`.
 */
import type { Job } from '../core/contract/job.js';
import { checkCutPreconditions, type CutPreconditionId, type FieldWorkReference } from '../core/fieldwork/index.js';
import { fieldWorkText } from '../catalogues/fieldWorkMessages.js';

export interface GateReport {
  readonly id: CutPreconditionId | 'supervisor-override';
  /** null: not evaluated (depends on the device's own state). */
  readonly ok: boolean | null;
  readonly reason: string;
  /** The rule's legal source from the reference data, "(unverified)" when its wording was not checked. */
  readonly source?: string;
}

export interface CutJobReport {
  readonly jobId: string;
  /** Every evaluated gate passes. */
  readonly allowed: boolean;
  readonly gates: readonly GateReport[];
}

/** Gates whose outcome depends on the device at the moment of the cut. */
const DEVICE_STATE: readonly CutPreconditionId[] = ['sync-fresh'];

const NOT_EVALUATED: Record<'tr' | 'en', { sync: string; override: (ids: string) => string }> = {
  en: {
    sync: "not evaluated: depends on the device's link to the office at that moment",
    override: (ids) => `not evaluated: a supervisor on the device may override ${ids} with a reason`,
  },
  tr: {
    sync: 'değerlendirilmedi: o anda cihazın merkezle bağlantısına bağlı',
    override: (ids) => `değerlendirilmedi: cihazda şef gerekçeyle geçebilir: ${ids}`,
  },
};

export function checkRouteCuts(
  jobs: readonly Job[],
  at: number,
  reference: FieldWorkReference,
  locale: 'tr' | 'en' = 'en',
): CutJobReport[] {
  return jobs
    .filter((job) => job.kind === 'cut')
    .map((job) => {
      const c = checkCutPreconditions({
        record: { job, state: 'open', receivedAt: '', updatedAt: '', workIds: [] },
        now: at,
        lastSyncAt: at,
        reference,
      });
      const gates: GateReport[] = c.items.map((i) => {
        if (DEVICE_STATE.includes(i.id)) return { id: i.id, ok: null, reason: NOT_EVALUATED[locale].sync };
        const s = (reference.cut.sources as Readonly<Record<string, { source: string; wording: string }>>)[i.id];
        return {
          id: i.id,
          ok: i.status === 'ok',
          reason: fieldWorkText(i.message, locale),
          ...(s ? { source: `${s.source}${s.wording === 'unverified' ? ' (unverified)' : ''}` } : {}),
        };
      });
      const failed = gates.filter((g) => g.ok === false);
      const waivable = failed.filter((g) => reference.cut.overridable.includes(g.id as CutPreconditionId)).map((g) => g.id);
      if (waivable.length) gates.push({ id: 'supervisor-override', ok: null, reason: NOT_EVALUATED[locale].override(waivable.join(', ')) });
      return { jobId: job.jobId, allowed: failed.length === 0, gates };
    });
}

/** The terminal listing: one block per cut job, one line per gate. */
export function formatCutReports(reports: readonly CutJobReport[], atText: string): string {
  const mark = (ok: boolean | null) => (ok === null ? '--  ' : ok ? 'ok  ' : 'FAIL');
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.jobId}  ${r.allowed ? 'ALLOWED' : 'BLOCKED'} at ${atText}`);
    for (const g of r.gates) lines.push(`  ${mark(g.ok)} ${g.id.padEnd(19)} ${g.reason}`);
  }
  const allowed = reports.filter((r) => r.allowed).length;
  lines.push(
    `${reports.length} cut job(s) checked at ${atText}: ${allowed} allowed, ${reports.length - allowed} blocked; nothing sent (--check)`,
  );
  return `${lines.join('\n')}\n`;
}
