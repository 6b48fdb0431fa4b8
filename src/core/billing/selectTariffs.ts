/**
 * Which tariff prices each day of a reading period (contract v1 §Tariffs): validFrom ≤ day and
 * (validTo = null or day ≤ validTo, inclusive); when several qualify the one with the latest
 * validFrom wins, which is how an open-ended tariff is "taken over" by a later one.
 */
import type { Tariff } from '../contract/tariff.js';
import { AppError, ErrorCode } from '../errors/AppError.js';
import { addDays } from '../time/calendar.js';
import type { TariffSegment } from './types.js';

export function tariffOn(tariffs: readonly Tariff[], day: string): Tariff | undefined {
  let best: Tariff | undefined;
  for (const t of tariffs) {
    if (t.validFrom > day) continue;
    if (t.validTo !== null && day > t.validTo) continue;
    if (!best || t.validFrom > best.validFrom || (t.validFrom === best.validFrom && t.tariffId > best.tariffId)) best = t;
  }
  return best;
}

/**
 * Splits [from, to) into runs of days priced by the same tariff. A zero-day period (read twice on
 * the same day) is priced by the tariff in force on that day, with weight 1.
 */
export function segmentPeriod(
  tariffs: readonly Tariff[],
  from: string,
  to: string,
): { segments: TariffSegment[]; byId: Map<string, Tariff> } {
  const byId = new Map<string, Tariff>();
  const segments: TariffSegment[] = [];
  const days: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
  if (days.length === 0) days.push(from);
  for (const day of days) {
    const t = tariffOn(tariffs, day);
    if (!t) {
      throw new AppError(`no tariff covers ${day}`, ErrorCode.Billing_NoTariff, { context: { day } });
    }
    byId.set(t.tariffId, t);
    const last = segments[segments.length - 1];
    if (last && last.tariffId === t.tariffId && last.to === day) {
      last.to = addDays(day, 1);
      last.days += 1;
    } else {
      segments.push({ tariffId: t.tariffId, from: day, to: addDays(day, 1), days: 1 });
    }
  }
  return { segments, byId };
}
