/**
 * The absolute ceiling of a reading (docs/invoice.md "Plausibility"): a meter cannot have passed
 * more gas than its class's maximum flow for every hour of the period. Reading dates carry no time
 * of day, so the period is counted as one day longer than the date difference (read at 08:00 on
 * the 1st and at 18:00 on the 31st is 30 days 10 hours): the ceiling never refuses a real reading
 * because of the dates' granularity. Pure.
 */
import { daysBetween } from '../time/calendar.js';
import { MAX_FLOW_M3_PER_HOUR, type MeterClass } from './meterClass.js';

/** What a deployment uses when the job names no class: a household meter. */
export const DEFAULT_METER_CLASS: MeterClass = 'G4';

/** Largest consumption in m³ the meter can have registered between the two reading dates. */
export function consumptionCeilingM3(meterClass: MeterClass, previousDate: string, currentDate: string): number {
  const days = Math.max(0, daysBetween(previousDate, currentDate));
  return MAX_FLOW_M3_PER_HOUR[meterClass] * 24 * (days + 1);
}

export function aboveCeiling(consumptionM3: number, meterClass: MeterClass, previousDate: string, currentDate: string): boolean {
  return consumptionM3 > consumptionCeilingM3(meterClass, previousDate, currentDate);
}
