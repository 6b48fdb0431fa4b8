/**
 * The holiday module: fixed national days for any year, religious holidays from ICU's Umm al-Qura
 * calendar agreeing with the official 2026 table and the Diyanet dates we know, the official table
 * winning over computation, and coverage: outside the data the calendar refuses to answer.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  holidayCalendar,
  HolidayCoverageError,
  nationalHolidays,
  religiousHolidays,
  type HolidayDay,
} from '../../../src/core/time/holidays.js';

const table2026 = (
  JSON.parse(readFileSync(join(process.cwd(), 'device/reference/holidays-TR-2026.json'), 'utf8')) as { holidays: HolidayDay[] }
).holidays;
const plain = (h: HolidayDay) => ({ date: h.date, name: h.name, from: h.from });
const cal = holidayCalendar({ official: table2026, computeYears: { from: 2026, to: 2030 } });

test('2026 computed from Law 2429 and ICU equals the official 2026 table, day for day, name for name', () => {
  const computed = holidayCalendar({ official: [], computeYears: { from: 2026, to: 2026 } });
  assert.equal(computed.days.map(plain), [...table2026].sort((a, b) => a.date.localeCompare(b.date)).map(plain));
  assert.ok(computed.days.filter((h) => h.name.includes('Bayramı ') && !h.name.startsWith('Cumhuriyet')).every((h) => h.computed));
  assert.not.ok(computed.days.find((h) => h.date === '2026-01-01')!.computed, 'national days are law, not computation');
});

test('ICU agrees with the Diyanet dates known: Ramazan Bayramı 2023-04-21, 2025-03-30, 2027-03-09; Kurban Bayramı 2023-06-28, 2025-06-06, 2027-05-16', () => {
  const first = (y: number, name: string) => religiousHolidays(y).find((h) => h.name === `${name} 1. gün`)!.date;
  // 2023 per the Diyanet 2023 calendar as reported in the press (sabah.com.tr); 2025 and 2027 as known.
  assert.is(first(2023, 'Ramazan Bayramı'), '2023-04-21');
  assert.is(first(2023, 'Kurban Bayramı'), '2023-06-28');
  assert.is(first(2025, 'Ramazan Bayramı'), '2025-03-30');
  assert.is(first(2027, 'Ramazan Bayramı'), '2027-03-09');
  assert.is(first(2025, 'Kurban Bayramı'), '2025-06-06');
  assert.is(first(2027, 'Kurban Bayramı'), '2027-05-16');
  const eve = religiousHolidays(2027).find((h) => h.date === '2027-03-08')!;
  assert.equal(plain(eve), { date: '2027-03-08', name: 'Ramazan Bayramı arifesi', from: '13:00' });
});

test('each computed year 2026–2030 has two bayrams: arife + 3 days and arife + 4 days, consecutive', () => {
  for (let y = 2026; y <= 2030; y++) {
    const r = religiousHolidays(y);
    assert.is(r.length, 9, String(y));
    for (const name of ['Ramazan Bayramı', 'Kurban Bayramı']) {
      const block = r.filter((h) => h.name.startsWith(name));
      const first = Date.parse(block[0]!.date);
      block.forEach((h, i) => assert.is(Date.parse(h.date), first + i * 86_400_000, `${y} ${h.name}`));
      assert.is(block[0]!.from, '13:00');
    }
  }
});

test('fixed national days exist for any year, including the 28 October afternoon eve', () => {
  const n = nationalHolidays(2041);
  assert.equal(
    n.map((h) => h.date),
    ['2041-01-01', '2041-04-23', '2041-05-01', '2041-05-19', '2041-07-15', '2041-08-30', '2041-10-28', '2041-10-29'],
  );
  assert.is(n.find((h) => h.date === '2041-10-28')!.from, '13:00');
});

test('2027-01-01 and 2027-04-23 are holidays; coverage is 2026 official plus 2027–2030 computed, nothing else', () => {
  assert.is(cal.holidayOn('2027-01-01')!.name, 'Yılbaşı');
  assert.is(cal.holidayOn('2027-04-23')!.name, 'Ulusal Egemenlik ve Çocuk Bayramı');
  assert.not.ok(cal.isWorkingDay('2027-04-23'));
  assert.equal(cal.years, [
    { year: 2026, source: 'official' },
    { year: 2027, source: 'computed' },
    { year: 2028, source: 'computed' },
    { year: 2029, source: 'computed' },
    { year: 2030, source: 'computed' },
  ]);
  assert.ok(cal.covers('2030-12-31'));
  assert.not.ok(cal.covers('2031-01-01'));
  assert.not.ok(cal.covers('2025-12-31'));
  // Uncovered: the fixed days are still known, but whether a day is working is not.
  assert.is(cal.holidayOn('2031-05-19')!.name, "Atatürk'ü Anma, Gençlik ve Spor Bayramı");
  assert.throws(
    () => cal.isWorkingDay('2031-03-03'),
    (e: unknown) => e instanceof HolidayCoverageError && e.date === '2031-03-03',
  );
  assert.throws(
    () => cal.nextWorkingDay('2030-12-31'),
    (e: unknown) => e instanceof HolidayCoverageError,
  );
});

test('the official table wins for its year: a moved date in the table is used, the computed one is not', () => {
  const moved = table2026.map((h) => (h.date === '2026-03-22' ? { ...h, date: '2026-03-23' } : h));
  const c = holidayCalendar({ official: moved, computeYears: { from: 2026, to: 2027 } });
  assert.is(c.holidayOn('2026-03-22'), undefined);
  assert.is(c.holidayOn('2026-03-23')!.name, 'Ramazan Bayramı 3. gün');
  assert.is(c.years[0]!.source, 'official');
});

test('working days: an arife is one, a bayram is not; next working day skips weekends and holidays (due dates)', () => {
  assert.ok(cal.isWorkingDay('2027-03-08'), 'arife (Monday) is a working day until 13:00');
  assert.not.ok(cal.isWorkingDay('2027-03-09'));
  assert.not.ok(cal.isWorkingDay('2027-03-13'), 'Saturday');
  assert.is(cal.nextWorkingDay('2027-03-05'), '2027-03-08');
  assert.is(cal.nextWorkingDay('2027-03-08'), '2027-03-12');
  assert.is(cal.workingDayOnOrAfter('2026-05-27'), '2026-06-01', 'Kurban Bayramı 27–30 May, then a weekend');
  assert.is(cal.workingDayOnOrAfter('2026-06-02'), '2026-06-02');
  assert.is(cal.nextWorkingDay('2026-12-31'), '2027-01-04', '1 January a holiday, then the weekend');
  const sixDay = holidayCalendar({ official: table2026, workingDays: [1, 2, 3, 4, 5, 6] });
  assert.ok(sixDay.isWorkingDay('2026-12-05'), 'a Saturday when the working week says so');
});

test.run();
