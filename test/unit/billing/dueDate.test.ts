/**
 * Due dates move past official and weekly holidays to the next working day (TBK art. 93;
 * docs/invoice.md "Due date"), with the holidays of device/reference: every 2026 holiday, the issue's
 * two examples through `saha bill`, and the office's reconciliation of a moved date.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shiftDueDate, type DueDateCalendar } from '../../../src/core/billing/dueDate.js';
import { loadFieldWorkReference } from '../../../src/app/loadFieldWorkReference.js';
import { compareInvoice } from '../../../src/backoffice/reconcile/compareInvoice.js';
import { computeInvoice } from '../../../src/core/billing/computeInvoice.js';
import type { InvoiceIssuedData } from '../../../src/core/contract/events/invoiceEvents.js';
import { loadTariff } from '../../helpers/tariffs.js';
import { sahaBin } from '../../helpers/sahaBin.js';

const root = new URL('../../../', import.meta.url).pathname;
const ref = loadFieldWorkReference({ dir: join(root, 'device', 'reference') });
const cal: DueDateCalendar = { holidays: ref.holidays, coveredYears: ref.holidayYears.map((y) => y.year) };
const official2026 = (
  JSON.parse(readFileSync(join(root, 'device/reference/holidays-TR-2026.json'), 'utf8')) as {
    holidays: { date: string; name: string; from?: string }[];
  }
).holidays;
const weekday = (d: string) => ((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

test('every full-day 2026 holiday moves a due date to a day that is neither a holiday nor a Sunday; an arife does not', () => {
  const full = new Set(official2026.filter((h) => h.from === undefined).map((h) => h.date));
  for (const h of official2026) {
    const s = shiftDueDate(h.date, cal);
    if (h.from !== undefined) {
      assert.is(s.date, h.date, `${h.name}: a half day is a working day`);
      continue;
    }
    assert.is(s.movedFrom, h.date, h.name);
    assert.ok(s.date > h.date && !full.has(s.date) && weekday(s.date) !== 7, `${h.name}: moved to ${s.date}`);
    assert.ok(s.reasons.includes(h.name), `${h.name}: ${s.reasons.join(', ')}`);
  }
});

test('Sunday moves to Monday, Saturday stays; a year the data does not cover is left unchecked', () => {
  assert.equal(shiftDueDate('2026-06-07', cal), { date: '2026-06-08', movedFrom: '2026-06-07', reasons: ['Pazar'], uncovered: false });
  assert.equal(shiftDueDate('2026-06-06', cal), { date: '2026-06-06', reasons: [], uncovered: false });
  assert.equal(shiftDueDate('2031-01-01', cal), { date: '2031-01-01', reasons: [], uncovered: true });
  // 2027 is computed: 1 January (a Friday) moves to Saturday 2 January, a working day (only Sunday is the weekly holiday).
  assert.is(shiftDueDate('2027-01-01', cal).date, '2027-01-02');
});

/** The fixture tariff with a validFrom recent enough for the period (tariff staleness, 62 days). */
function tariffFrom(validFrom: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'saha-due-'));
  const file = join(dir, 'tariff.json');
  writeFileSync(file, JSON.stringify({ ...loadTariff('esgaz-k1-2026-01'), tariffId: `ESG-K1-${validFrom}`, validFrom, dueDays: 10 }));
  return file;
}
const bill = (tariff: string, from: string, to: string) =>
  spawnSync(
    process.execPath,
    [sahaBin(), 'bill', '--tariff', tariff, '--previous', '1000', '--current', '1100', '--from', from, '--to', to, '--json'],
    {
      encoding: 'utf8',
    },
  );

test('saha bill: due 20 March 2026 (Ramazan Bayramı) moves to Monday 23 March; 29 October (Cumhuriyet Bayramı) to 30 October', () => {
  const march = bill(tariffFrom('2026-02-01'), '2026-02-08', '2026-03-10');
  assert.is(march.status, 0, march.stderr);
  const m = JSON.parse(march.stdout) as { dueDate: string; dueDateMovedFrom?: string };
  assert.equal([m.dueDateMovedFrom, m.dueDate], ['2026-03-20', '2026-03-23']);
  const october = bill(tariffFrom('2026-09-01'), '2026-09-19', '2026-10-19');
  assert.is(october.status, 0, october.stderr);
  const o = JSON.parse(october.stdout) as { dueDate: string; dueDateMovedFrom?: string };
  assert.equal([o.dueDateMovedFrom, o.dueDate], ['2026-10-29', '2026-10-30']);
});

test("the office's recomputation accepts a date moved past a holiday, and flags a wrong one", () => {
  const tariff = { ...loadTariff('esgaz-k1-2026-01'), validFrom: '2026-02-01', dueDays: 10 };
  const input = { previousIndex: 1000, currentIndex: 1100, previousDate: '2026-02-08', currentDate: '2026-03-10' };
  const device = computeInvoice({ ...input, dueDateCalendar: cal }, [tariff]);
  const office = computeInvoice(input, [tariff]);
  assert.is(device.dueDate, '2026-03-23');
  const issued = (over: Partial<InvoiceIssuedData>) => ({ ...(device as unknown as InvoiceIssuedData), ...over });
  assert.equal(compareInvoice(office, issued({})), []);
  assert.ok(compareInvoice(office, issued({ dueDateMovedFrom: '2026-03-19' })).some((d) => d.field === 'dueDate'));
  assert.ok(
    compareInvoice(office, issued({ dueDate: '2026-03-18' })).some((d) => d.field === 'dueDate'),
    'moved earlier',
  );
});

test.run();
