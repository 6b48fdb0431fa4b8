/**
 * Reference data for field work (cut, reconnection, meter exchange): the regulatory parameters of
 * DMHY art. 44–46 (domain.md §3), working hours and the official holiday calendar, the lock-seal
 * number format, the safety checklists and the "not done" outcome codes. All of it is data from
 * the back office: defaults ship in device/reference/, a device may override them from a file
 * named in config (later: a retained reference topic). `parseFieldWorkReference` validates the
 * whole thing and returns every problem at once, each naming its key.
 */
import { dec, isDecimalString } from '../billing/decimal.js';

export type ChecklistKind = 'cut' | 'reconnect' | 'meter';
export const CHECKLIST_KINDS: readonly ChecklistKind[] = ['cut', 'reconnect', 'meter'];

/** Precondition ids of a cut for debt; `overridable` in the reference names some of these. */
export const CUT_PRECONDITIONS = ['not-cancelled', 'debt-known', 'past-due', 'unpaid-volume', 'notice-days', 'notice-channels', 'working-day', 'not-holiday', 'working-hours', 'sync-fresh'] as const;
export type CutPreconditionId = (typeof CUT_PRECONDITIONS)[number];

export interface ChecklistItem {
  /** Stable id, sent in the event with the answer. */
  readonly id: string;
  /** The question as the crew reads it (Turkish, fits a 40-column screen in two lines). */
  readonly label: string;
  /** Asked before the seal/index steps or after them (e.g. "valve opened", "appliances relit"). */
  readonly phase: 'before' | 'after';
  /**
   * A hazard question ("Gaz kokusu var mı?"): "yes" stops the job at once with the emergency
   * instructions. Otherwise "yes" is the safe answer and "no" means the job cannot go on.
   */
  readonly hazard: boolean;
  /** The not-done code proposed when this item stops the job (e.g. "01" nobody home). */
  readonly failCode?: string;
}

export interface NotDoneCode {
  /** Two digits, sent as `reasonCode` (domain.md §2 codes where one fits, 20+ for field work). */
  readonly code: string;
  readonly label: string;
  readonly requiresNote: boolean;
  /** The crew leaves a notice at the address (nobody home). */
  readonly noticeLeft: boolean;
  /** Gas smell: valve closed, 187 called; the back office must send the emergency team. */
  readonly emergency: boolean;
}

export interface Holiday {
  readonly date: string;
  readonly name: string;
  /** Half-day holiday (arife): the holiday starts at this local time, e.g. "13:00". */
  readonly from?: string;
}

export interface CutParams {
  /** DMHY: unpaid consumption must exceed this (m³). */
  readonly minUnpaidM3: string;
  /** Block when the job does not carry `debt.unpaidConsumptionM3` (default false: the back office selected the job). */
  readonly requireUnpaidM3: boolean;
  /** Calendar days the oldest unpaid bill must be past its due date. */
  readonly minDaysPastDue: number;
  /** Working days between the notice and the cut. */
  readonly minNoticeWorkingDays: number;
  /** Counting rule (assumed): the notice day never counts; true: the cut day counts. */
  readonly noticeCountsCutDay: boolean;
  readonly minNoticeChannels: number;
  /** Channel names that are a written notice to the address; one of them is required. Empty: none required. */
  readonly writtenChannels: readonly string[];
  /** Minutes since the last contact with the back office (payment races). */
  readonly syncFreshnessMinutes: number;
  /** Preconditions a supervisor may override with a reason. */
  readonly overridable: readonly CutPreconditionId[];
  readonly minOverrideReasonLength: number;
  /** Cut/reopen fee excl. VAT printed on the notice (206 TL in 2026). */
  readonly reconnectFee: string;
}

export interface FieldWorkReference {
  /** Identifies the data set (printed nowhere; recorded in audit). */
  readonly version: string;
  readonly timeZone: string;
  readonly workingHours: { readonly days: readonly number[]; readonly start: string; readonly end: string };
  readonly holidays: readonly Holiday[];
  readonly cut: CutParams;
  readonly sealFormat: { readonly pattern: string; readonly example: string; readonly maxLength: number };
  readonly checklists: Readonly<Record<ChecklistKind, readonly ChecklistItem[]>>;
  readonly notDoneCodes: Readonly<Record<ChecklistKind, readonly NotDoneCode[]>>;
}

export interface ReferenceIssue {
  key: string;
  message: string;
}

export type ReferenceParse = { ok: true; reference: FieldWorkReference } | { ok: false; errors: ReferenceIssue[] };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;
const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** Minutes since midnight of an "HH:MM" the parser accepted. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Validates reference data (the merged JSON). Unknown keys are errors: a typo must not fall back
 * to a default silently.
 */
export function parseFieldWorkReference(raw: unknown): ReferenceParse {
  const errors: ReferenceIssue[] = [];
  const bad = (key: string, message: string) => void errors.push({ key, message });
  if (!isObj(raw)) return { ok: false, errors: [{ key: '(root)', message: 'must be an object' }] };
  const known = (o: Record<string, unknown>, prefix: string, keys: readonly string[]) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) bad(`${prefix}${k}`, `unknown key (known: ${keys.join(', ')})`);
  };
  known(raw, '', ['$comment', 'version', 'timeZone', 'workingHours', 'holidays', 'cut', 'sealFormat', 'checklists', 'notDoneCodes']);

  const str = (o: Record<string, unknown>, k: string, key: string, test?: (s: string) => string | null): string => {
    const v = o[k];
    if (typeof v !== 'string' || v.trim() === '') {
      bad(key, 'must be a non-empty string');
      return '';
    }
    const why = test?.(v);
    if (why) bad(key, why);
    return v;
  };
  const int = (o: Record<string, unknown>, k: string, key: string, min: number, max: number): number => {
    const v = o[k];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
      bad(key, `must be a whole number ${min}–${max}`);
      return min;
    }
    return v as number;
  };
  const bool = (o: Record<string, unknown>, k: string, key: string): boolean => {
    if (typeof o[k] !== 'boolean') {
      bad(key, 'must be true or false');
      return false;
    }
    return o[k] as boolean;
  };
  const decimal = (o: Record<string, unknown>, k: string, key: string): string => {
    const v = o[k];
    const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (!isDecimalString(s) || dec(s).lt(0)) {
      bad(key, 'must be a non-negative decimal such as "50"');
      return '0';
    }
    return s;
  };
  const section = (k: string): Record<string, unknown> => {
    const v = raw[k];
    if (!isObj(v)) {
      bad(k, 'must be an object');
      return {};
    }
    return v;
  };

  const version = str(raw, 'version', 'version');
  const timeZone = typeof raw.timeZone === 'string' ? raw.timeZone : 'Europe/Istanbul';
  if (timeZone !== 'Europe/Istanbul') bad('timeZone', 'only Europe/Istanbul is supported');

  // working hours
  const wh = section('workingHours');
  known(wh, 'workingHours.', ['days', 'start', 'end']);
  let days: number[] = [];
  if (!Array.isArray(wh.days) || wh.days.length === 0 || !wh.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) bad('workingHours.days', 'must be a non-empty list of ISO weekdays 1 (Monday)–7 (Sunday)');
  else if (new Set(wh.days).size !== wh.days.length) bad('workingHours.days', 'lists a weekday twice');
  else days = wh.days as number[];
  const isTime = (s: string) => (TIME.test(s) ? null : 'must be a time HH:MM');
  const start = str(wh, 'start', 'workingHours.start', isTime);
  const end = str(wh, 'end', 'workingHours.end', isTime);
  if (TIME.test(start) && TIME.test(end) && minutesOf(start) >= minutesOf(end)) bad('workingHours.end', 'must be after workingHours.start');

  // holidays
  const holidays: Holiday[] = [];
  if (!Array.isArray(raw.holidays)) bad('holidays', 'must be a list of {date, name, from?}');
  else {
    const seen = new Set<string>();
    raw.holidays.forEach((h, i) => {
      const key = `holidays[${i}]`;
      if (!isObj(h)) return bad(key, 'must be an object {date, name, from?}');
      known(h, `${key}.`, ['date', 'name', 'from', 'assumed']);
      const date = str(h, 'date', `${key}.date`, (s) => (DATE.test(s) ? null : 'must be a date YYYY-MM-DD'));
      const name = str(h, 'name', `${key}.name`);
      if (h.from !== undefined && (typeof h.from !== 'string' || !TIME.test(h.from))) bad(`${key}.from`, 'must be a time HH:MM (half-day holiday from then on)');
      if (seen.has(date)) bad(`${key}.date`, `${date} is listed twice`);
      seen.add(date);
      holidays.push({ date, name, ...(typeof h.from === 'string' ? { from: h.from } : {}) });
    });
  }

  // cut parameters
  const c = section('cut');
  const CUT_KEYS = ['minUnpaidM3', 'requireUnpaidM3', 'minDaysPastDue', 'minNoticeWorkingDays', 'noticeCountsCutDay', 'minNoticeChannels', 'writtenChannels', 'syncFreshnessMinutes', 'overridable', 'minOverrideReasonLength', 'reconnectFee'];
  known(c, 'cut.', CUT_KEYS);
  let writtenChannels: string[] = [];
  if (!Array.isArray(c.writtenChannels) || !c.writtenChannels.every((x) => typeof x === 'string' && x !== '')) bad('cut.writtenChannels', 'must be a list of channel names (may be empty)');
  else writtenChannels = c.writtenChannels as string[];
  let overridable: CutPreconditionId[] = [];
  if (!Array.isArray(c.overridable)) bad('cut.overridable', `must be a list of precondition ids (${CUT_PRECONDITIONS.join(', ')})`);
  else
    c.overridable.forEach((x, i) => {
      if (!(CUT_PRECONDITIONS as readonly unknown[]).includes(x)) bad(`cut.overridable[${i}]`, `unknown precondition (known: ${CUT_PRECONDITIONS.join(', ')})`);
      else if (x === 'not-cancelled') bad(`cut.overridable[${i}]`, 'a cancelled job can never be cut (contract: job.cancel)');
      else overridable.push(x as CutPreconditionId);
    });
  const cut: CutParams = {
    minUnpaidM3: decimal(c, 'minUnpaidM3', 'cut.minUnpaidM3'),
    requireUnpaidM3: bool(c, 'requireUnpaidM3', 'cut.requireUnpaidM3'),
    minDaysPastDue: int(c, 'minDaysPastDue', 'cut.minDaysPastDue', 0, 365),
    minNoticeWorkingDays: int(c, 'minNoticeWorkingDays', 'cut.minNoticeWorkingDays', 0, 60),
    noticeCountsCutDay: bool(c, 'noticeCountsCutDay', 'cut.noticeCountsCutDay'),
    minNoticeChannels: int(c, 'minNoticeChannels', 'cut.minNoticeChannels', 0, 10),
    writtenChannels,
    syncFreshnessMinutes: int(c, 'syncFreshnessMinutes', 'cut.syncFreshnessMinutes', 1, 24 * 60),
    overridable: (overridable = [...new Set(overridable)]),
    minOverrideReasonLength: int(c, 'minOverrideReasonLength', 'cut.minOverrideReasonLength', 1, 200),
    reconnectFee: decimal(c, 'reconnectFee', 'cut.reconnectFee'),
  };

  // seal format
  const sf = section('sealFormat');
  known(sf, 'sealFormat.', ['pattern', 'example', 'maxLength']);
  const pattern = str(sf, 'pattern', 'sealFormat.pattern', (s) => {
    try {
      new RegExp(s);
      return s.startsWith('^') && s.endsWith('$') ? null : 'must be anchored (^…$)';
    } catch {
      return 'is not a valid regular expression';
    }
  });
  const example = str(sf, 'example', 'sealFormat.example');
  const maxLength = int(sf, 'maxLength', 'sealFormat.maxLength', 1, 32);
  try {
    if (pattern && example && !new RegExp(pattern).test(example)) bad('sealFormat.example', `does not match sealFormat.pattern`);
  } catch {
    /* reported above */
  }

  // checklists and not-done codes, per kind
  const perKind = <T>(k: string, item: (o: Record<string, unknown>, key: string) => T, id: (t: T) => string): Record<ChecklistKind, T[]> => {
    const s = section(k);
    known(s, `${k}.`, CHECKLIST_KINDS);
    const out = {} as Record<ChecklistKind, T[]>;
    for (const kind of CHECKLIST_KINDS) {
      const list = s[kind];
      out[kind] = [];
      if (!Array.isArray(list) || list.length === 0) {
        bad(`${k}.${kind}`, 'must be a non-empty list');
        continue;
      }
      const seen = new Set<string>();
      list.forEach((x, i) => {
        const key = `${k}.${kind}[${i}]`;
        if (!isObj(x)) return bad(key, 'must be an object');
        const t = item(x, key);
        if (seen.has(id(t))) bad(key, `id ${id(t)} is listed twice`);
        seen.add(id(t));
        out[kind].push(t);
      });
    }
    return out;
  };
  const notDoneCodes = perKind<NotDoneCode>('notDoneCodes', (o, key) => {
    known(o, `${key}.`, ['code', 'label', 'requiresNote', 'noticeLeft', 'emergency']);
    return {
      code: str(o, 'code', `${key}.code`, (s) => (/^[0-9]{2}$/.test(s) ? null : 'must be two digits (the contract reasonCode)')),
      label: str(o, 'label', `${key}.label`),
      requiresNote: o.requiresNote === undefined ? false : bool(o, 'requiresNote', `${key}.requiresNote`),
      noticeLeft: o.noticeLeft === undefined ? false : bool(o, 'noticeLeft', `${key}.noticeLeft`),
      emergency: o.emergency === undefined ? false : bool(o, 'emergency', `${key}.emergency`),
    };
  }, (t) => t.code);
  const checklists = perKind<ChecklistItem>('checklists', (o, key) => {
    known(o, `${key}.`, ['id', 'label', 'phase', 'hazard', 'failCode']);
    const phase = o.phase === undefined ? 'before' : o.phase;
    if (phase !== 'before' && phase !== 'after') bad(`${key}.phase`, 'must be "before" or "after"');
    const failCode = o.failCode === undefined ? undefined : str(o, 'failCode', `${key}.failCode`, (s) => (/^[0-9]{2}$/.test(s) ? null : 'must be a two-digit not-done code'));
    return {
      id: str(o, 'id', `${key}.id`, (s) => (/^[a-z0-9-]{1,64}$/.test(s) ? null : 'must be 1–64 of a–z 0–9 -')),
      label: str(o, 'label', `${key}.label`, (s) => (s.length <= 200 ? null : 'must be at most 200 characters')),
      phase: phase === 'after' ? 'after' : 'before',
      hazard: o.hazard === undefined ? false : bool(o, 'hazard', `${key}.hazard`),
      ...(failCode ? { failCode } : {}),
    };
  }, (t) => t.id);
  // A failCode must name a not-done code of the same kind.
  for (const kind of CHECKLIST_KINDS) {
    checklists[kind].forEach((it, i) => {
      if (it.failCode && notDoneCodes[kind].length && !notDoneCodes[kind].some((n) => n.code === it.failCode)) bad(`checklists.${kind}[${i}].failCode`, `${it.failCode} is not in notDoneCodes.${kind}`);
    });
    if (checklists[kind].length > 40) bad(`checklists.${kind}`, 'at most 40 items (the event carries at most 50 answers)');
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    reference: { version, timeZone, workingHours: { days, start, end }, holidays, cut, sealFormat: { pattern, example, maxLength }, checklists, notDoneCodes },
  };
}

/**
 * Merges an override (back office / config file) onto the defaults: top-level sections that are
 * objects merge key by key (one level: `cut.syncFreshnessMinutes` alone may be overridden, a
 * checklist list is replaced whole); lists and scalars replace.
 */
export function mergeReference(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObj(v) && isObj(base[k]) ? { ...(base[k] as object), ...v } : v;
  return out;
}
