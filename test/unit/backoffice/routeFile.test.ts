// A route from a spreadsheet: what the dispatcher sees when a cell is wrong, and what the device gets when none is.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseCsv, detectDelimiter } from '../../../src/backoffice/csv.js';
import { formatRouteProblem, parseRouteCsv, parseRouteFile, parseRouteJson } from '../../../src/backoffice/routeFile.js';
import { parseInbound, topics } from '../../../src/core/contract/index.js';

const example = readFileSync(new URL('../../../docs/examples/route.csv', import.meta.url), 'utf8');
const HEADER =
  'jobId,kind,dueDate,customer.installationNo,customer.contractAccount,customer.name,customer.address,meter.serial,meter.digits,meter.lastIndex,meter.lastReadDate,tariffGroup';
const row = (over: Record<string, string> = {}) => {
  const v: Record<string, string> = {
    jobId: 'J-1',
    kind: 'reading',
    dueDate: '2025-09-01',
    'customer.installationNo': '4000123456',
    'customer.contractAccount': 'CA-1',
    'customer.name': 'Ayşe Yılmaz',
    'customer.address': 'İnönü Cad. No 1',
    'meter.serial': 'G4-1',
    'meter.digits': '5',
    'meter.lastIndex': '12345',
    'meter.lastReadDate': '2025-08-01',
    tariffGroup: 'ESGAZ-K1',
    ...over,
  };
  return HEADER.split(',')
    .map((k) => v[k] ?? '')
    .join(',');
};

test('csv: quoted cells with commas, doubled quotes and line breaks; BOM and CRLF', () => {
  const { records, problems } = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\n1,2\r\n');
  assert.equal(problems, []);
  assert.equal(records, [
    { row: 1, cells: ['a', 'b'] },
    { row: 2, cells: ['x, y', 'say "hi"\nthere'] },
    { row: 4, cells: ['1', '2'] },
  ]);
});

test('csv: a Turkish-locale export with ";" is detected; an unclosed quote names its row', () => {
  assert.is(detectDelimiter('a;b;c\n1,5;2;3'), ';');
  assert.is(detectDelimiter('a,b\n'), ',');
  const r = parseCsv('a,b\n1,"open\n2,3\n');
  assert.equal(r.problems, [{ row: 2, message: 'a quoted cell is never closed (missing ")' }]);
});

test('the example route in docs/examples parses, and every job is one the device accepts', () => {
  const r = parseRouteCsv(example);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.is(r.jobs.length, 5);
  const [ayse, , gulsen, cut, reconnect] = r.jobs;
  assert.is(ayse!.customer.name, 'Ayşe Yılmaz');
  assert.is(ayse!.customer.invoiceByEmail, true);
  assert.is(ayse!.meter.expectedDailyM3, '6.1');
  assert.is(ayse!.notes, 'Sayaç bodrum katta, anahtar kapıcıda.');
  assert.is(ayse!.version, 1, 'version defaults to 1');
  assert.is(gulsen!.customer.invoiceByEmail, false);
  assert.equal(cut!.debt, {
    amount: '3120.45',
    oldestDueDate: '2025-07-11',
    noticeSentAt: '2025-08-25T10:30:00.000+03:00',
    noticeChannels: ['written-notice', 'sms'],
    unpaidPeriods: 3,
    unpaidConsumptionM3: '268.40',
  });
  assert.is(cut!.customer.protectedCategory, 'none');
  assert.is(reconnect!.priority, 'urgent');
  for (const job of r.jobs) {
    const msg = { messageId: `m-${job.jobId}`, sentAt: '2025-08-31T18:00:00.000+03:00', type: 'job.assign', job };
    const p = parseInbound(topics.jobs('HT-0042'), Buffer.from(JSON.stringify(msg)), { maxBytes: 262144, deviceId: 'HT-0042' });
    assert.is(p.kind, 'job', `${job.jobId}: ${JSON.stringify(p)}`);
  }
});

test('every wrong cell is reported at once with its row and column', () => {
  const text = [
    HEADER,
    row(),
    row({ jobId: 'J-2', 'meter.lastIndex': '12.5', dueDate: '31/08/2025' }),
    row({ jobId: 'J-3', kind: 'reading', tariffGroup: '' }),
    row({ jobId: 'J-1' }),
    row({ jobId: 'J-5', kind: 'cutt' }),
  ].join('\n');
  const r = parseRouteCsv(text);
  assert.not.ok(r.ok);
  const got = !r.ok ? r.problems.map((p) => formatRouteProblem(p, 'route.csv')) : [];
  assert.equal(got, [
    'route.csv, row 3, column dueDate: must be a date YYYY-MM-DD or DD.MM.YYYY, got "31/08/2025"',
    'route.csv, row 3, column meter.lastIndex: must be a whole number, got "12.5"',
    'route.csv, row 4, column tariffGroup: is required for reading jobs',
    'route.csv, row 5, column jobId: J-1 is already on row 2',
    'route.csv, row 6, column kind: must be one of "reading", "cut", "reconnect", "meter-removal", "meter-installation", "inspection"',
  ]);
  assert.is(r.jobs.length, 1, 'only the good row is usable');
});

test('a cut job without any debt cell is reported against the debt columns', () => {
  const r = parseRouteCsv([HEADER, row({ kind: 'cut', tariffGroup: '' })].join('\n'));
  assert.not.ok(r.ok);
  assert.equal(!r.ok && r.problems, [{ row: 2, column: 'debt.*', message: 'is required for cut jobs' }]);
});

test('header problems: unknown and missing columns, before any row is read', () => {
  const r = parseRouteCsv('jobId,kind,dueDate,customer.nam\nJ-1,reading,2025-09-01,x\n');
  assert.not.ok(r.ok);
  const cols = !r.ok ? r.problems.map((p) => `${p.row}:${p.column}`) : [];
  assert.ok(cols.includes('1:customer.nam'));
  assert.ok(cols.includes('1:customer.name'));
  assert.ok(cols.includes('1:meter.lastIndex'));
});

test('Turkish spreadsheet conventions: ";" separator, decimal comma, DD.MM.YYYY dates, evet/hayır', () => {
  const h = HEADER.replace(/,/g, ';') + ';meter.expectedDailyM3;customer.invoiceByEmail;customer.email';
  const line = row({ dueDate: '01.09.2025' }).replace(/,/g, ';') + ';6,1;Evet;a@b.com.tr';
  const r = parseRouteCsv(`${h}\n${line}\n`);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.is(r.jobs[0]!.dueDate, '2025-09-01');
  assert.is(r.jobs[0]!.meter.expectedDailyM3, '6.1');
  assert.is(r.jobs[0]!.customer.invoiceByEmail, true);
});

test('JSON routes: an array or {jobs}; problems name the job and the field path', () => {
  const good = parseRouteCsv(example);
  assert.ok(good.ok);
  assert.ok(parseRouteFile('r.json', JSON.stringify(good.jobs)).ok);
  assert.ok(parseRouteJson(JSON.stringify({ jobs: good.jobs })).ok);
  const bad = structuredClone(good.jobs);
  (bad[1]!.meter as { lastIndex: unknown }).lastIndex = '30211';
  const r = parseRouteFile('r.json', JSON.stringify(bad));
  assert.not.ok(r.ok);
  assert.equal(!r.ok && r.problems, [{ row: 2, column: 'meter.lastIndex', message: 'must be an integer' }]);
  const notJson = parseRouteJson('{');
  assert.not.ok(notJson.ok);
  assert.is(!notJson.ok && notJson.problems[0]!.row, 0);
});

test.run();
