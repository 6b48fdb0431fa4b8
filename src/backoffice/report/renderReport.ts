/**
 * The report as a readable table for a terminal or a mail body. Money stays the exact decimal
 * string (no thousands separators, no rounding): the office compares it with its books digit for
 * digit. Missing seqs are shown as ranges.
 */
import type { DeviceLine, Report } from './types.js';

/** [1,2,3,7,9,10] → "1–3, 7, 9–10" */
export function seqRanges(seqs: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < seqs.length;) {
    let j = i;
    while (j + 1 < seqs.length && seqs[j + 1] === seqs[j]! + 1) j++;
    out.push(i === j ? String(seqs[i]) : `${seqs[i]}–${seqs[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

function missing(d: DeviceLine): string {
  if (d.missingCount === 0) return 'none';
  const more = d.missingCount > d.missingSeqs.length ? ', …' : '';
  const released = d.missingReleased ? `; ${d.missingReleased} released by the device before acks` : '';
  return `${d.missingCount}: ${seqRanges(d.missingSeqs)}${more}${released}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd());
}

export function renderReport(r: Report): string {
  const lines: string[] = [];
  lines.push(`Saha report: ${r.date ?? 'all dates'}, ${r.device ? `device ${r.device}` : 'all devices'}`, '');
  lines.push('Devices (delivery now)');
  if (r.devices.length === 0) lines.push('  none');
  else
    lines.push(
      ...table([
        ['DEVICE', 'ACKED SEQ', 'QUARANTINED', 'MISSING SEQS'],
        ...r.devices.map((d) => [d.deviceId, String(d.ackedSeq), String(d.quarantined), missing(d)]),
      ]),
    );
  lines.push('');
  lines.push(
    ...table([
      ['Invoices', `${r.invoices.count}`, `total ${r.invoices.totalSum}`, `payable ${r.invoices.payableSum}`],
      ['Readings', `done ${r.readings.done}`, `skipped ${r.readings.skipped}`, `held for review ${r.readings.heldForReview}`],
      [
        'Field work',
        `cuts ${r.fieldWork.cuts}`,
        `reconnections ${r.fieldWork.reconnections}`,
        `meter exchanges ${r.fieldWork.meterExchanges}`,
      ],
      ['Inspections', `${r.inspections.count}`, `accrual ${r.inspections.accrualSum}`, ''],
      ...(r.jobs
        ? [
            [
              'Jobs (now)',
              `sent ${r.jobs.sent}`,
              `accepted ${r.jobs.accepted}`,
              `awaiting acceptance ${r.jobs.awaitingAcceptance}, rejected ${r.jobs.rejected}`,
            ],
          ]
        : []),
    ]).map((l) => l.slice(2)),
  );
  lines.push('');
  const rc = r.reconciliation;
  if (rc) {
    lines.push(
      `Reconciliation: ${rc.checked} checked, ${rc.mismatches.length} mismatch(es), ${rc.unverifiable.length} unverifiable, ${rc.unchecked} not yet checked`,
    );
    for (const m of rc.mismatches) {
      lines.push(`  MISMATCH ${m.invoiceNo} (${m.deviceId} seq ${m.seq})`);
      for (const d of m.differences) lines.push(`    ${d.field}: office ${d.expected}, printed ${d.actual}`);
    }
    for (const u of rc.unverifiable) lines.push(`  unverifiable ${u.invoiceNo} (${u.deviceId}): ${u.reason}`);
  }
  const n = r.numbering;
  lines.push(
    `Numbering: ${n.gaps.length} gap(s), ${n.duplicates.length} duplicate(s)${n.malformed.length ? `, ${n.malformed.length} malformed` : ''}`,
  );
  for (const g of n.gaps) lines.push(`  GAP ${g.series} ${g.year}: ${g.from === g.to ? g.from : `${g.from}–${g.to}`} missing`);
  for (const d of n.duplicates) lines.push(`  DUPLICATE ${d.invoiceNo}: issued ${d.issued}×, voided ${d.voided}×`);
  for (const m of n.malformed) lines.push(`  MALFORMED ${m}`);
  for (const note of r.notes) lines.push('', `Note: ${note}`);
  return `${lines.join('\n')}\n`;
}
