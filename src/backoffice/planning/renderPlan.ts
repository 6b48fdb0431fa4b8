/**
 * The plan as text for the terminal: rank, score, installation and address, then one line per
 * reason in Turkish with the English below it. Addresses are the office's own data, printed for the
 * planner; nothing here goes to a log.
 */
import type { PlanResult } from './runPlan.js';

export function renderPlan(plan: Pick<PlanResult, 'date' | 'installations' | 'ranked'>): string {
  const lines = [`Denetim planı / inspection plan ${plan.date}: ${plan.ranked.length} of ${plan.installations} installations`, ''];
  plan.ranked.forEach((r, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${r.score.toFixed(2).padStart(6)}  ${r.installationNo}  ${r.address}`);
    for (const x of r.reasons) {
      lines.push(`         +${x.points.toFixed(2)}  ${x.tr}`);
      lines.push(`                ${x.en}`);
    }
  });
  if (!plan.ranked.length) lines.push('Nothing stands out: no installation has a signal beyond the time since its last inspection.');
  return `${lines.join('\n')}\n`;
}
