/**
 * The status bar every screen shows: link, outbox depth and age of the oldest unsent record, the
 * events sent but not yet acknowledged by the back office (end-to-end acks) and the age of the
 * oldest of them, printer, scanner, free space (store), operator, clock, and what the app is busy with. Problems are
 * drawn in normal video inside the inverse bar, so they stand out even on a monochrome console.
 * When everything does not fit, parts that show no problem make room first (layout below).
 */
import type { StatusSnapshot } from '../../../app/AppServices.js';
import type { Translator } from '../i18n/index.js';
import { formatAge, formatBytes, formatClock } from './format.js';
import { fitLine, width, type Line, type Seg } from './text.js';

interface Part {
  text: string;
  problem: boolean;
}

export function statusParts(s: StatusSnapshot, nowMs: number, t: Translator) {
  const link: Part = { text: t(`status.${s.link}`), problem: s.link !== 'online' };
  const age = s.oldestPendingAt === null ? null : nowMs - Date.parse(s.oldestPendingAt);
  const outbox: Part = {
    text:
      s.outboxDepth > 0 && age !== null && Number.isFinite(age)
        ? t('status.outboxAge', { n: s.outboxDepth, age: formatAge(age, t) })
        : t('status.outbox', { n: s.outboxDepth }),
    // Unsent for long is worth noticing: the link may be up but the broker refusing.
    problem: age !== null && age > 15 * 60_000,
  };
  const unackedDepth = s.unackedDepth ?? 0;
  const unackedAge = s.oldestUnackedAt ? nowMs - Date.parse(s.oldestUnackedAt) : null;
  const unacked: Part | null =
    unackedDepth === 0
      ? null
      : {
          text:
            unackedAge !== null && Number.isFinite(unackedAge)
              ? t('status.unacked', { n: unackedDepth, age: formatAge(unackedAge, t) })
              : t('status.unackedCount', { n: unackedDepth }),
          // Sent but not stored by the back office for long: ingest may be down; the device keeps them.
          problem: unackedAge !== null && unackedAge > 15 * 60_000,
        };
  const outboxCount: Part = { text: t('status.outbox', { n: s.outboxDepth }), problem: outbox.problem };
  const printer: Part = { text: t(`status.printer.${s.printer}`), problem: s.printer !== 'ready' };
  const scanner: Part = { text: t(`status.scanner.${s.scanner}`), problem: s.scanner !== 'present' };
  const operator: Part = s.busy
    ? { text: t(`status.busy.${s.busy}`), problem: true }
    : { text: s.operatorId ?? t('status.noOperator'), problem: false };
  // Free space is a problem from twice the floor down, so the crew sees it coming before new work is refused.
  const space: Part | null = !s.free
    ? null
    : s.free.bytes < 2 * s.free.floorBytes
      ? { text: t('status.spaceLow', { size: formatBytes(s.free.bytes) }), problem: true }
      : { text: t('status.space', { size: formatBytes(s.free.bytes) }), problem: false };
  const clock: Part = { text: formatClock(nowMs), problem: false };
  // Saved but never printed (issue 19): a customer left without the paper; shown only when some are.
  const unprinted: Part | null = s.unprinted ? { text: t('status.unprinted', { n: s.unprinted }), problem: true } : null;
  return { link, outbox, outboxCount, unacked, printer, scanner, space, operator, clock, unprinted };
}

const partsWidth = (parts: readonly Part[]) => parts.reduce((n, p) => n + width(p.text), 0) + 2 * Math.max(0, parts.length - 1);

/** Drops parts that show no problem (the last listed in `expendable` first) until `parts` fit in `room`. */
function shed(parts: Part[], expendable: readonly Part[], room: number): Part[] {
  const out = [...parts];
  for (const p of [...expendable].reverse()) {
    if (partsWidth(out) <= room) break;
    if (!p.problem) out.splice(out.indexOf(p), 1);
  }
  return out;
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

/** Clipped with '…' when too wide, left as it is otherwise (the screen pads it). */
const clipLine = (l: Line, cols: number): Line => (width(l.map((x) => x.text).join('')) > cols ? fitLine(l, cols) : l);

/**
 * One line from 60 columns up, two below (40×15: link, outbox, unacknowledged, clock / printer,
 * scanner, operator). At 40 columns the unacknowledged part stays on the first line when it fits
 * (without the unsent age if need be), else it leads the second line, where a ready printer and a
 * present scanner give it room. Free space shows at 40 columns only when low, leading the second
 * line; from 60 columns up it is the first part to make room while it is not low. The count of
 * documents never printed leads the second line at 40 columns (after the unsent ones from 60). Whatever still
 * overflows is clipped with '…'.
 */
export function renderStatusBar(s: StatusSnapshot, nowMs: number, cols: number, t: Translator): Line[] {
  const p = statusParts(s, nowMs, t);
  const clockRoom = cols - width(p.clock.text) - 1;
  const extra = p.unacked ? [p.unacked] : [];
  const space = p.space ? [p.space] : [];
  const unprinted = p.unprinted ? [p.unprinted] : [];
  if (cols >= 60) {
    const parts = shed(
      [p.link, p.outbox, ...extra, ...unprinted, p.printer, p.scanner, ...space, p.operator],
      [p.printer, p.scanner, ...space],
      clockRoom,
    );
    return [fitLine(withRight(join(parts), p.clock, cols), cols)];
  }
  let first = [p.link, p.outbox, ...extra];
  let second = [p.printer, p.scanner, p.operator];
  if (p.unacked && partsWidth(first) > clockRoom) first = [p.link, p.outboxCount, p.unacked];
  if (p.unacked && partsWidth(first) > clockRoom) {
    first = [p.link, p.outbox];
    second = shed([p.unacked, ...second], [p.printer, p.scanner], cols);
  }
  // Below 60 columns free space shows only when it is low; it leads the second line.
  if (p.space?.problem) second = shed([p.space, ...second], [p.printer, p.scanner], cols);
  // Unprinted documents lead the second line; a ready printer and a present scanner make room.
  if (p.unprinted) second = shed([p.unprinted, ...second], [p.printer, p.scanner], cols);
  return [fitLine(withRight(join(first), p.clock, cols), cols), clipLine(join(second), cols)];
}
