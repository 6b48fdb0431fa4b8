/**
 * Checks a tariff object against the contract schema plus the rules a schema cannot say
 * (validTo not before validFrom, values within tariffBounds.ts). Returns every problem at once so a back-office file with
 * several mistakes is fixed in one round.
 */
import { Value } from '@sinclair/typebox/value';
import { TariffSchema, type Tariff } from '../contract/tariff.js';
import { parseDate } from '../time/calendar.js';
import { DEFAULT_TARIFF_BOUNDS, tariffSanityErrors, type TariffBounds } from './tariffBounds.js';

export type TariffCheck = { ok: true; tariff: Tariff } | { ok: false; errors: { path: string; message: string }[] };

export function checkTariff(value: unknown, bounds: TariffBounds = DEFAULT_TARIFF_BOUNDS): TariffCheck {
  const errors = [...Value.Errors(TariffSchema, value)].map((e) => ({ path: e.path || '/', message: e.message }));
  if (errors.length) return { ok: false, errors };
  const t = value as Tariff;
  if (!parseDate(t.validFrom)) errors.push({ path: '/validFrom', message: 'not a calendar date' });
  if (t.validTo !== null && !parseDate(t.validTo)) errors.push({ path: '/validTo', message: 'not a calendar date' });
  if (t.validTo !== null && t.validTo < t.validFrom) errors.push({ path: '/validTo', message: 'before validFrom' });
  errors.push(...tariffSanityErrors(t, bounds));
  return errors.length ? { ok: false, errors } : { ok: true, tariff: t };
}
