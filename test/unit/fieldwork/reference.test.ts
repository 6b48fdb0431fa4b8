/** Reference data is validated whole: every problem at once, each naming its key; SyncTracker. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadFieldWorkReference } from '../../../src/app/loadFieldWorkReference.js';
import { SyncTracker } from '../../../src/app/SyncTracker.js';
import {
  checkSealNo,
  mergeReference,
  parseFieldWorkReference,
  SOURCED_RULES,
  workingDaysBetween,
} from '../../../src/core/fieldwork/index.js';
import { isAppError } from '../../../src/core/errors/AppError.js';

const dir = join(process.cwd(), 'device/reference');
const base = JSON.parse(readFileSync(join(dir, 'fieldwork.json'), 'utf8')) as Record<string, unknown>;
const holidays = (JSON.parse(readFileSync(join(dir, 'holidays-TR-2026.json'), 'utf8')) as { holidays: unknown[] }).holidays;

test('the shipped data parses: 17 holiday entries of 2026 (three half-day eves), 2027–2030 computed, 15-minute freshness', () => {
  const r = loadFieldWorkReference({ dir });
  const of = (y: string) => r.holidays.filter((h) => h.date.startsWith(y));
  assert.is(of('2026').length, 17);
  assert.is(of('2026').filter((h) => h.from === '13:00').length, 3);
  assert.ok(
    of('2026').every((h) => !h.computed),
    'the official 2026 table stands as it is',
  );
  for (const y of ['2027', '2028', '2029', '2030']) assert.is(of(y).length, 17, y);
  assert.equal(
    r.holidayYears.map((y) => `${y.year}:${y.source}`),
    ['2026:official', '2027:computed', '2028:computed', '2029:computed', '2030:computed'],
  );
  assert.is(r.cut.syncFreshnessMinutes, 15);
  assert.equal(r.cut.overridable, ['sync-fresh']);
});

test('every legal rule names its source; a missing or unknown one, a bad channel or a reversed range is an error', () => {
  const r = loadFieldWorkReference({ dir });
  assert.equal(Object.keys(r.cut.sources).sort(), [...SOURCED_RULES].sort());
  assert.ok(Object.values(r.cut.sources).every((s) => s.source.length > 10 && ['verified', 'unverified'].includes(s.wording)));
  const sources = { ...(base.cut as { sources: Record<string, unknown> }).sources };
  delete sources['protected-category'];
  const bad = mergeReference(
    { ...base, holidays },
    {
      cut: {
        ...(base.cut as object),
        sources: { ...sources, 'made-up': { source: 'x', wording: 'unverified' } },
        writtenChannels: ['yazili'],
        requireUnpaidM3: false,
      },
      holidayCalendar: { computeFrom: 2030, computeTo: 2026 },
    },
  );
  const p = parseFieldWorkReference(bad);
  const keys = !p.ok ? p.errors.map((e) => e.key) : [];
  for (const k of [
    'cut.sources.protected-category',
    'cut.sources.made-up',
    'cut.writtenChannels[0]',
    'cut.requireUnpaidM3',
    'holidayCalendar.computeTo',
  ])
    assert.ok(keys.includes(k), `${k} in ${keys.join(', ')}`);
});

test('without holidayCalendar only the official table is covered; strict counting is the default', () => {
  const { holidayCalendar: _omit, ...rest } = base;
  const p = parseFieldWorkReference({ ...rest, holidays, cut: { ...(base.cut as object), pastDueCountsCutDay: undefined } });
  assert.ok(p.ok);
  if (p.ok) {
    assert.equal(p.reference.holidayYears, [{ year: 2026, source: 'official' }]);
    assert.is(p.reference.cut.pastDueCountsCutDay, false);
    assert.is(p.reference.cut.noticeCountsCutDay, false);
  }
});

test('every error at once, each with its key', () => {
  const bad = mergeReference(
    { ...base, holidays },
    {
      workingHours: { days: [1, 8], start: '18:00', end: '08:30' },
      cut: { minDaysPastDue: -1, overridable: ['not-cancelled', 'nonsense'], syncFreshnesMinutes: 5 },
      sealFormat: { pattern: '[A-Z', example: 'x', maxLength: 16 },
    },
  );
  const r = parseFieldWorkReference(bad);
  assert.not.ok(r.ok);
  // The weekday 8 is named by its place in the list, not just the list.
  const keys = !r.ok ? r.errors.map((e) => e.key) : [];
  for (const k of [
    'workingHours.days[1]',
    'cut.minDaysPastDue',
    'cut.overridable[0]',
    'cut.overridable[1]',
    'cut.syncFreshnesMinutes',
    'sealFormat.pattern',
  ])
    assert.ok(keys.includes(k), `${k} in ${keys.join(', ')}`);
});

test('an override file from config replaces single parameters; a bad one stops start-up with Config_Invalid', () => {
  const d = mkdtempSync(join(tmpdir(), 'saha-ref-'));
  writeFileSync(join(d, 'ok.json'), JSON.stringify({ cut: { syncFreshnessMinutes: 30 } }));
  assert.is(loadFieldWorkReference({ dir, overrideFile: join(d, 'ok.json') }).cut.syncFreshnessMinutes, 30);
  writeFileSync(join(d, 'bad.json'), JSON.stringify({ holidays: [{ date: '2026-02-30x', name: '' }] }));
  try {
    loadFieldWorkReference({ dir, overrideFile: join(d, 'bad.json') });
    assert.unreachable();
  } catch (e) {
    assert.ok(isAppError(e, 'Config_Invalid'));
    assert.match((e as Error).message, 'holidays[0].date');
    assert.match((e as Error).message, 'holidays[0].name');
  }
});

test('working days skip weekends and holidays; seals are normalised and format-checked', () => {
  const ref = loadFieldWorkReference({ dir });
  assert.is(
    workingDaysBetween(ref, '2026-10-27', '2026-11-02', true),
    3,
    'Wed 28 (eve) counts, Thu 29 (holiday) and the weekend do not, Fri 30, Mon 2 do',
  );
  assert.equal(checkSealNo(' km-123 4567 ', ref), { ok: true, sealNo: 'KM1234567' });
  assert.not.ok(checkSealNo('K1234567', ref).ok);
  assert.not.ok(checkSealNo('KM12345', ref).ok);
});

test('SyncTracker: fresh while online, the drop time once offline, never before the first connect', () => {
  let now = 1000;
  const s = new SyncTracker(() => now);
  assert.is(s.lastSyncAt(), null);
  s.observe({ state: 'connecting', attempt: 1 });
  assert.is(s.lastSyncAt(), null);
  s.observe({ state: 'online', sessionPresent: true });
  now = 5000;
  assert.is(s.lastSyncAt(), 5000, 'still online: in sync now');
  s.observe({ state: 'offline', reason: 'gone' });
  now = 9000;
  assert.is(s.lastSyncAt(), 5000);
});

test('checklist items: worded answers default from the hazard flag, the two answers must differ, reconnect tolerance defaults to 1', () => {
  const item = (o: Record<string, unknown>) =>
    parseFieldWorkReference(
      mergeReference(
        { ...base, holidays },
        { checklists: { ...(base.checklists as object), cut: [{ id: 'x', label: 'Gaz kokusu var mı?', ...o }] } },
      ),
    );
  const hz = item({ hazard: true });
  assert.ok(hz.ok);
  const it = hz.ok ? hz.reference.checklists.cut[0]! : undefined;
  assert.equal(
    [it?.question, it?.safe, it?.unsafe, it?.opensValve],
    ['Gaz kokusu var mı?', 'HAYIR', 'EVET', false],
    'key 1 is still the safe answer',
  );
  assert.is(hz.ok && hz.reference.reconnect.indexTolerance, 1);
  const same = item({ safe: 'YOK', unsafe: 'YOK' });
  assert.not.ok(same.ok);
  assert.equal(!same.ok && same.errors.map((e) => e.key), ['checklists.cut[0].unsafe']);
  const shipped = loadFieldWorkReference({ dir });
  assert.equal(
    shipped.notDoneCodes.reconnect.filter((c) => c.wrongMeter).map((c) => c.code),
    ['11'],
  );
  assert.equal(
    shipped.checklists.reconnect.filter((i) => i.phase === 'after').map((i) => i.id),
    ['valve-opened', 'no-gas-smell-after', 'tightness-ok', 'appliances-relit'],
  );
  assert.equal(
    shipped.checklists.meter.filter((i) => i.phase === 'after').map((i) => i.id),
    ['valve-opened', 'leak-test-ok', 'appliances-relit'],
  );
});

test.run();
