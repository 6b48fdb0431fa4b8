/**
 * The status bar every screen shows: link, outbox depth and age of the oldest unsent record,
 * printer, scanner, operator, clock, and what the app is busy with. Problems are drawn in normal
 * video inside the inverse bar, so they stand out even on a monochrome console.
 */
import type { StatusSnapshot } from '../../../app/AppServices.js';
import type { Translator } from '../i18n/index.js';
import { formatAge, formatClock } from './format.js';
import { width, type Line, type Seg } from './text.js';

interface Part {
  text: string;
  problem: boolean;
}

export function statusParts(s: StatusSnapshot, nowMs: number, t: Translator) {
  const link: Part = { text: t(`status.${s.link}`), problem: s.link !== 'online' };
  const age = s.oldestPendingAt === null ? null : nowMs - Date.parse(s.oldestPendingAt);
  const outbox: Part = {
    text: s.outboxDepth > 0 && age !== null && Number.isFinite(age) ? t('status.outboxAge', { n: s.outboxDepth, age: formatAge(age, t) }) : t('status.outbox', { n: s.outboxDepth }),
    // Unsent for long is worth noticing: the link may be up but the broker refusing.
    problem: age !== null && age > 15 * 60_000,
  };
  const printer: Part = { text: t(`status.printer.${s.printer}`), problem: s.printer !== 'ready' };
  const scanner: Part = { text: t(`status.scanner.${s.scanner}`), problem: s.scanner !== 'present' };
  const operator: Part = s.busy ? { text: s.busy, problem: true } : { text: s.operatorId ?? t('status.noOperator'), problem: false };
  const clock: Part = { text: formatClock(nowMs), problem: false };
  return { link, outbox, printer, scanner, operator, clock };
}

function join(parts: readonly Part[]): Seg[] {
  const segs: Seg[] = [];
  parts.forEach((p, i) => {
    if (i > 0) segs.push({ text: '  ', style: 'inverse' });
    segs.push(p.problem ? { text: p.text } : { text: p.text, style: 'inverse' });
  });
  return segs;
}

function withRight(left: Seg[], right: Part, cols: number): Line {
  const used = left.reduce((n, s) => n + width(s.text), 0);
  const gap = Math.max(1, cols - used - width(right.text));
  return [...left, { text: ' '.repeat(gap), style: 'inverse' }, { text: right.text, style: 'inverse' }];
}

/** One line from 60 columns up, two below (40×15: link, outbox, clock / printer, scanner, operator). */
export function renderStatusBar(s: StatusSnapshot, nowMs: number, cols: number, t: Translator): Line[] {
  const p = statusParts(s, nowMs, t);
  if (cols >= 60) return [withRight(join([p.link, p.outbox, p.printer, p.scanner, p.operator]), p.clock, cols)];
  return [withRight(join([p.link, p.outbox]), p.clock, cols), join([p.printer, p.scanner, p.operator])];
}
