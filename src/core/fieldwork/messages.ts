/**
 * What the crew is told about the rules of field work, as message keys and params: core words
 * nothing (issue 19). The words, Turkish and English, are in src/catalogues/fieldWorkMessages.ts
 * (typed against FIELDWORK_MESSAGE_KEYS), shared by the screens, the app's error messages and the
 * back office's `saha dispatch --check`. Params are strings: a `weekday` param holds an ISO weekday
 * number, `channels` / `written` / `category` hold contract codes; the catalogue words them.
 */
import type { CutPreconditionId } from './reference.js';

/** Every field-work rule message. */
export const FIELDWORK_MESSAGE_KEYS = [
  'pre.not-cancelled.ok',
  'pre.not-cancelled.failed',
  'pre.debt-known.ok',
  'pre.debt-known.failed',
  'pre.past-due.ok',
  'pre.past-due.failed',
  'pre.unpaid-volume.ok',
  'pre.unpaid-volume.failed',
  'pre.unpaid-volume.missing',
  'pre.notice-days.ok',
  'pre.notice-days.failed',
  'pre.notice-days.uncovered',
  'pre.notice-channels.ok',
  'pre.notice-channels.failed',
  'pre.protected-category.none',
  'pre.protected-category.ok',
  'pre.protected-category.failed',
  'pre.protected-category.missing',
  'pre.protected-category.missing-periods',
  'pre.calendar-covered.ok',
  'pre.calendar-covered.computed',
  'pre.calendar-covered.failed',
  'pre.working-day.ok',
  'pre.working-day.failed',
  'pre.not-holiday.ok',
  'pre.not-holiday.failed',
  'pre.not-holiday.computed',
  'pre.working-hours.ok',
  'pre.working-hours.failed',
  'pre.sync-fresh.ok',
  'pre.sync-fresh.failed',
  'pre.sync-fresh.never',
  'seal.empty',
  'seal.format',
  'override.reasonShort',
  'override.notAllowed',
] as const;

export type FieldWorkMessageKey = (typeof FIELDWORK_MESSAGE_KEYS)[number];

export interface FieldWorkMessage {
  readonly key: FieldWorkMessageKey;
  readonly params: Readonly<Record<string, string>>;
}

export type PreVariant = 'ok' | 'failed' | 'unknown' | 'never' | 'missing' | 'missing-periods' | 'none' | 'uncovered' | 'computed';
export const preKey = (id: CutPreconditionId, status: PreVariant): FieldWorkMessageKey => `pre.${id}.${status}` as FieldWorkMessageKey;
