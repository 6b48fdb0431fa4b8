/**
 * The legal preconditions of a cut for debt (DMHY art. 44–46, docs/domain.md §3) and the device's own
 * guard against payment races, evaluated at the moment of execution. Pure: the job, the instant,
 * the last contact with the back office and the reference data are passed in, so the same function
 * runs for the screen and again inside the commit transaction.
 *
 * Each precondition is reported as satisfied or not, with the message the crew reads. A failed
 * one blocks the cut; a supervisor may override only those the reference lists as overridable
 * (by default only "sync-fresh": legal rules are not the crew's to waive), and never a cancel.
 */
import { DateTime } from 'luxon';
import type { JobRecord } from '../jobs/types.js';
import { dec, isDecimalString } from '../billing/decimal.js';
import { addDays, daysBetween, ZONE } from '../time/calendar.js';
import { preKey, type FieldWorkMessage, type PreVariant } from './messages.js';
import type { CutPreconditionId, FieldWorkReference } from './reference.js';
import { canonicalChannel } from '../contract/job.js';
import { firstCoveredDate, holidayOn, localMoment, workingDaysBetween } from './workingTime.js';

export type PreconditionStatus = 'ok' | 'failed' | 'unknown';

export interface Precondition {
  readonly id: CutPreconditionId;
  readonly status: PreconditionStatus;
  /** Whether a supervisor may override this one when it fails. */
  readonly overridable: boolean;
  readonly message: FieldWorkMessage;
}

export interface CutCheck {
  readonly at: number;
  readonly items: readonly Precondition[];
  /** Ids of failed preconditions. */
  readonly failed: readonly CutPreconditionId[];
  /** True when nothing failed. */
  readonly allowed: boolean;
  /** True when something failed and every failure may be overridden by a supervisor. */
  readonly overridable: boolean;
}

export interface CutCheckInput {
  readonly record: JobRecord;
  readonly now: number;
  /** Last instant the device was in contact with the back office; null = never since start. */
  readonly lastSyncAt: number | null;
  readonly reference: FieldWorkReference;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The instant's local date of an ISO timestamp with offset. */
function localDateOf(iso: string): string | null {
  const d = DateTime.fromISO(iso, { setZone: true });
  return d.isValid ? (d.setZone(ZONE).toISODate() as string) : null;
}

export function checkCutPreconditions(i: CutCheckInput): CutCheck {
  const { record, reference: ref } = i;
  const p = ref.cut;
  const items: Precondition[] = [];
  const add = (id: CutPreconditionId, status: PreconditionStatus, params: Record<string, string>, variant?: PreVariant) =>
    items.push({
      id,
      status,
      overridable: id !== 'not-cancelled' && p.overridable.includes(id),
      message: { key: preKey(id, variant ?? status), params },
    });

  const cancelled = record.state === 'cancelled' || record.cancel !== undefined;
  add('not-cancelled', cancelled ? 'failed' : 'ok', { reason: record.cancel?.reason ?? '' });

  const now = localMoment(i.now);
  const debt = record.job.debt;
  if (!debt) add('debt-known', 'failed', {});
  else {
    add('debt-known', 'ok', { amount: debt.amount });
    // Strict counting by default (device/reference/README.md, "day-counting"): the due date never
    // counts and neither does the cut day unless the reference says so.
    const days = Math.max(0, daysBetween(debt.oldestDueDate, now.date) - (p.pastDueCountsCutDay ? 0 : 1));
    add('past-due', days >= p.minDaysPastDue ? 'ok' : 'failed', {
      due: debt.oldestDueDate,
      days: String(days),
      min: String(p.minDaysPastDue),
    });

    // A missing figure fails its gate: the office must send it, the device never assumes (issue 18).
    const m3 = debt.unpaidConsumptionM3;
    if (typeof m3 === 'string' && isDecimalString(m3))
      add('unpaid-volume', dec(m3).gt(p.minUnpaidM3) ? 'ok' : 'failed', { m3, min: p.minUnpaidM3 });
    else add('unpaid-volume', 'failed', { min: p.minUnpaidM3, m3: '?' }, 'missing');

    const noticeDate = localDateOf(debt.noticeSentAt);
    const min = String(p.minNoticeWorkingDays);
    // Working days cannot be told outside the holiday data: a notice before the data begins counts
    // from where it begins, and stands only if the covered days alone reach the minimum ("3+").
    const start = firstCoveredDate(ref, now.date);
    if (!noticeDate) add('notice-days', 'failed', { date: debt.noticeSentAt, days: '0', min });
    else if (start === undefined) add('notice-days', 'failed', { date: noticeDate, days: '?', min }, 'uncovered');
    else {
      const partial = noticeDate < start;
      const wd = workingDaysBetween(ref, partial ? addDays(start, -1) : noticeDate, now.date, p.noticeCountsCutDay);
      if (partial && wd < p.minNoticeWorkingDays) add('notice-days', 'failed', { date: noticeDate, days: '?', min }, 'uncovered');
      else
        add('notice-days', wd >= p.minNoticeWorkingDays ? 'ok' : 'failed', { date: noticeDate, days: `${wd}${partial ? '+' : ''}`, min });
    }

    const channels = [...new Set(debt.noticeChannels.map((c) => canonicalChannel(c) ?? c.trim().toLowerCase()))];
    const written = p.writtenChannels.length === 0 || channels.some((c) => (p.writtenChannels as readonly string[]).includes(c));
    add('notice-channels', channels.length >= p.minNoticeChannels && written ? 'ok' : 'failed', {
      channels: channels.join(', ') || '-',
      min: String(p.minNoticeChannels),
      written: p.writtenChannels.join('/') || '-',
    });

    const category = record.job.customer.protectedCategory;
    const periods = debt.unpaidPeriods;
    const pp = {
      category: category ?? '?',
      periods: periods === undefined ? '?' : String(periods),
      min: String(p.protectedMinUnpaidPeriods),
    };
    if (category === undefined) add('protected-category', 'failed', pp, 'missing');
    else if (category === 'none') add('protected-category', 'ok', pp, 'none');
    else if (periods === undefined) add('protected-category', 'failed', pp, 'missing-periods');
    else add('protected-category', periods >= p.protectedMinUnpaidPeriods ? 'ok' : 'failed', pp);
  }

  const year = ref.holidayYears.find((y) => y.year === Number(now.date.slice(0, 4)));
  const years = ref.holidayYears.map((y) => y.year);
  add(
    'calendar-covered',
    year ? 'ok' : 'failed',
    { date: now.date, years: years.length ? `${years[0]}–${years[years.length - 1]}` : '-' },
    year?.source === 'computed' ? 'computed' : undefined,
  );
  add('working-day', ref.workingHours.days.includes(now.weekday) ? 'ok' : 'failed', { weekday: String(now.weekday), date: now.date });
  const h = holidayOn(ref, now.date);
  const inHoliday = h !== undefined && (h.from === undefined || now.minutes >= toMin(h.from));
  add(
    'not-holiday',
    inHoliday ? 'failed' : 'ok',
    { name: h ? `${h.name}${h.from ? ` (${h.from}'den itibaren)` : ''}` : '', date: now.date },
    inHoliday && h.computed ? 'computed' : undefined,
  );
  // Hours alone: a weekend or a holiday is reported by its own line, an arife afternoon by not-holiday.
  const start = toMin(ref.workingHours.start);
  const end = toMin(ref.workingHours.end);
  add('working-hours', now.minutes >= start && now.minutes < end ? 'ok' : 'failed', { time: now.time, start: hhmm(start), end: hhmm(end) });

  const maxMs = p.syncFreshnessMinutes * 60_000;
  if (i.lastSyncAt === null) add('sync-fresh', 'failed', { max: String(p.syncFreshnessMinutes), minutes: '?' }, 'never');
  else {
    const age = Math.max(0, i.now - i.lastSyncAt);
    add('sync-fresh', age <= maxMs ? 'ok' : 'failed', { minutes: String(Math.floor(age / 60_000)), max: String(p.syncFreshnessMinutes) });
  }

  const failed = items.filter((x) => x.status === 'failed').map((x) => x.id);
  return {
    at: i.now,
    items,
    failed,
    allowed: failed.length === 0,
    overridable: failed.length > 0 && items.every((x) => x.status !== 'failed' || x.overridable),
  };
}

const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export interface OverrideRequest {
  readonly supervisorId: string;
  readonly reason: string;
}

/**
 * Whether a cut may go ahead now: allowed outright, or every failure overridable and a
 * supervisor's reason long enough. Returns the message to show when not.
 */
export function cutDecision(
  check: CutCheck,
  override: OverrideRequest | undefined,
  ref: FieldWorkReference,
): { ok: true; overridden: readonly CutPreconditionId[] } | { ok: false; message?: FieldWorkMessage } {
  if (check.allowed) return { ok: true, overridden: [] };
  if (!override) return { ok: false };
  if (!check.overridable) {
    const ids = check.items.filter((x) => x.status === 'failed' && !x.overridable).map((x) => x.id);
    return { ok: false, message: { key: 'override.notAllowed', params: { ids: ids.join(', ') } } };
  }
  if (override.reason.trim().length < ref.cut.minOverrideReasonLength)
    return { ok: false, message: { key: 'override.reasonShort', params: { min: String(ref.cut.minOverrideReasonLength) } } };
  return { ok: true, overridden: check.failed };
}
