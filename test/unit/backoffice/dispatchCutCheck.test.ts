// `saha dispatch --check --route FILE --at ISO`: every gate of every cut job as it would stand at
// that moment on a device, from the device's own code and reference data, without a device or broker.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchCommand } from '../../../src/cli/dispatchCommand.js';
import type { CutJobReport } from '../../../src/backoffice/cutCheck.js';

const root = new URL('../../../', import.meta.url).pathname;
async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await dispatchCommand.run(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: {}, cwd: root });
  return { code, out, err };
}
const ROUTE = ['--check', '--route', 'docs/examples/route.csv'];
const json = async (argv: string[]) => {
  const r = await run([...argv, '--json']);
  assert.is(r.code, 0, r.err);
  return JSON.parse(r.out) as CutJobReport[];
};
const gate = (r: CutJobReport, id: string) => r.gates.find((g) => g.id === id)!;

/** A route of cut jobs as JSON, each the example's cut job with changes. */
function jsonRoute(dir: string, changes: ((job: Record<string, any>) => void)[]): string {
  const example = JSON.parse(readFileSync(join(root, 'test/fixtures/contract/jobs/job.assign.cut.json'), 'utf8')).job;
  const jobs = changes.map((f, i) => {
    const job = structuredClone(example);
    job.jobId = `C-${i + 1}`;
    job.routeSeq = i + 1;
    f(job);
    return job;
  });
  const file = join(dir, 'route.json');
  writeFileSync(file, JSON.stringify(jobs));
  return file;
}

test('the example route on New Year 2027: the cut is blocked by the holiday, no --device needed, exit 0', async () => {
  const r = await run([...ROUTE, '--at', '2027-01-01T10:00:00+03:00']);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, 'C-0004  BLOCKED at 2027-01-01T10:00:00+03:00');
  assert.match(r.out, '  FAIL not-holiday         Official holiday: Yılbaşı. No cut.');
  assert.match(r.out, "  --   sync-fresh          not evaluated: depends on the device's link to the office at that moment");
  assert.match(r.out, '1 cut job(s) checked at 2027-01-01T10:00:00+03:00: 0 allowed, 1 blocked; nothing sent (--check)');
  assert.not.match(r.out, 'R-0001', 'only cut jobs are reported');
});

test('--json on a working Tuesday: allowed, every gate listed with its reason and legal source, link freshness not evaluated', async () => {
  const [c] = await json([...ROUTE, '--at', '2027-01-05T10:00:00+03:00']);
  assert.is(c!.jobId, 'C-0004');
  assert.is(c!.allowed, true);
  assert.equal(
    c!.gates.map((g) => [g.id, g.ok]),
    [
      ['not-cancelled', true],
      ['debt-known', true],
      ['past-due', true],
      ['unpaid-volume', true],
      ['notice-days', true],
      ['notice-channels', true],
      ['protected-category', true],
      ['calendar-covered', true],
      ['working-day', true],
      ['not-holiday', true],
      ['working-hours', true],
      ['sync-fresh', null],
    ],
  );
  // The notice is from 2025, before the holiday data begins: only the covered days are counted.
  assert.is(gate(c!, 'notice-days').reason, 'Notice 2025-08-25: 252+ working days ago (min 3).');
  assert.is(gate(c!, 'notice-channels').reason, 'Notice channels: written, SMS.', '"written-notice" in the CSV is the written channel');
  assert.is(
    gate(c!, 'calendar-covered').reason,
    'Holiday data 2027-01-05: religious holidays computed, to confirm with the official calendar.',
  );
  assert.is(
    gate(c!, 'protected-category').source,
    "DMHY md. 44(3) as amended in 2022: martyrs' families and veterans cut only after 3 unpaid periods (unverified)",
  );
  for (const g of c!.gates.filter((g) => !['not-cancelled', 'debt-known', 'sync-fresh'].includes(g.id)))
    assert.ok(g.source?.endsWith('(unverified)'), `${g.id} names its source`);
  assert.is(gate(c!, 'sync-fresh').source, undefined);
});

test('each gate alone through the check: protected category, missing m³, uncovered year, boundary days, in Turkish', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-cutcheck-'));
  try {
    const file = jsonRoute(dir, [
      // C-1: in order for the date below.
      () => {},
      // C-2: a martyr's family with 2 unpaid periods.
      (j) => ((j.customer.protectedCategory = 'martyr-family'), (j.debt.unpaidPeriods = 2)),
      // C-3: no unpaid m³, no category.
      (j) => (delete j.debt.unpaidConsumptionM3, delete j.customer.protectedCategory),
      // C-4: notice Wednesday 2027-03-03 23:59; C-5: due 2027-02-22 (15 whole days: 23 Feb–9 Mar).
      (j) => (j.debt.noticeSentAt = '2027-03-03T23:59:00+03:00'),
      (j) => (j.debt.oldestDueDate = '2027-02-22'),
    ]);
    const reports = await json(['--check', '--route', file, '--at', '2027-03-08T08:30:00+03:00', '--lang', 'tr']);
    const by = new Map(reports.map((r) => [r.jobId, r]));
    const failed = (id: string) =>
      by
        .get(id)!
        .gates.filter((g) => g.ok === false)
        .map((g) => [g.id, g.reason]);
    assert.is(by.get('C-1')!.allowed, true, JSON.stringify(failed('C-1')));
    assert.equal(failed('C-2'), [['protected-category', 'Korunan abone (şehit yakını): 2 dönem ödenmemiş, en az 3 gerekli.']]);
    assert.equal(failed('C-3'), [
      ['unpaid-volume', 'Ödenmemiş tüketim (m³) merkezden gelmedi: kesme yapılamaz.'],
      ['protected-category', 'Korunan abone bilgisi merkezden gelmedi: kesme yapılamaz.'],
    ]);
    // Wednesday 23:59 notice, Monday 08:30 cut: Thursday and Friday only.
    assert.equal(failed('C-4'), [['notice-days', 'Bildirim 2027-03-03: 2 iş günü önce, en az 3 gerekli.']]);
    assert.equal(failed('C-5'), [['past-due', 'Son ödeme 2027-02-22: 13 gün geçti, en az 15 gün gerekli.']]);
    // Tuesday is Ramazan Bayramı (computed); on Friday after it the notice and the due date stand.
    const bayram = await json(['--check', '--route', file, '--at', '2027-03-09T10:00:00+03:00']);
    assert.equal(
      bayram[0]!.gates.filter((g) => g.ok === false).map((g) => g.reason),
      ['Official holiday (computed date): Ramazan Bayramı 1. gün. No cut.'],
    );
    const friday = await json(['--check', '--route', file, '--at', '2027-03-12T08:30:00+03:00']);
    assert.equal(
      friday.map((r) => [r.jobId, r.allowed]),
      [
        ['C-1', true],
        ['C-2', false],
        ['C-3', false],
        ['C-4', true],
        ['C-5', true],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a year the holiday data does not cover: blocked, with the covered years in the reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-cutcheck-'));
  try {
    const file = jsonRoute(dir, [(j) => ((j.debt.noticeSentAt = '2031-02-18T10:00:00+03:00'), (j.debt.oldestDueDate = '2031-01-10'))]);
    const [c] = await json(['--check', '--route', file, '--at', '2031-03-04T10:00:00+03:00']);
    assert.is(c!.allowed, false);
    assert.equal(gate(c!, 'calendar-covered'), {
      id: 'calendar-covered',
      ok: false,
      reason: 'Holiday data does not cover 2031-03-04 (data 2026–2030): no cut.',
      source:
        'Operator rule (issue 18) following DMHY md. 44 and Law 2429: a working day cannot be told outside the holiday data (unverified)',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a supervisor override the devices allow is reported as not evaluated and left out of allowed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-cutcheck-'));
  try {
    writeFileSync(join(dir, 'override.json'), JSON.stringify({ cut: { overridable: ['sync-fresh', 'working-hours'] } }));
    const [c] = await json([...ROUTE, '--at', '2027-01-05T18:00:00+03:00', '--reference-file', join(dir, 'override.json')]);
    assert.is(c!.allowed, false, 'outside working hours: blocked unless a supervisor on the device overrides');
    assert.equal(c!.gates.slice(-1), [
      { id: 'supervisor-override', ok: null, reason: 'not evaluated: a supervisor on the device may override working-hours with a reason' },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad arguments and a bad route file exit 2; an ISO time without offset is Istanbul time', async () => {
  const err = async (argv: string[]) => {
    const r = await run(argv);
    assert.is(r.code, 2, `${argv.join(' ')}: ${r.out}`);
    return r.err;
  };
  assert.is(
    await err(['--route', 'docs/examples/route.csv', '--at', '2027-01-05T10:00:00+03:00']),
    'saha dispatch: --at goes with --check --route FILE (it sends nothing)\n',
  );
  assert.is(
    await err([...ROUTE, '--at', 'tomorrow']),
    'saha dispatch: --at must be an ISO date-time such as 2027-01-04T09:00:00+03:00, got "tomorrow"\n',
  );
  assert.is(
    await err([...ROUTE, '--at', '2027-01-05']),
    'saha dispatch: --at must be an ISO date-time such as 2027-01-04T09:00:00+03:00, got "2027-01-05"\n',
  );
  assert.is(await err([...ROUTE, '--at', '2027-01-05T10:00', '--lang', 'de']), 'saha dispatch: --lang must be tr or en, got "de"\n');
  assert.is(await err([...ROUTE, '--json']), 'saha dispatch: --json goes with --check --route FILE --at ISO-DATETIME\n');
  assert.is(
    await err([...ROUTE, '--at', '2027-01-05T10:00', '--message', 'hi']),
    'saha dispatch: --at checks the cut jobs of a route; it does not go with --message\n',
  );
  assert.match(
    await err([...ROUTE, '--at', '2027-01-05T10:00', '--reference', '/nonexistent']),
    'cannot read reference file /nonexistent/fieldwork.json',
  );
  const dir = mkdtempSync(join(tmpdir(), 'saha-cutcheck-'));
  try {
    const file = jsonRoute(dir, [(j) => (j.debt.noticeChannels = ['pigeon'])]);
    const e = await err(['--check', '--route', file, '--at', '2027-01-05T10:00']);
    assert.match(e, 'column debt.noticeChannels');
    assert.match(e, 'saha dispatch: 1 problem(s) in');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const local = await run([...ROUTE, '--at', '2027-01-05T17:29']);
  assert.match(local.out, 'C-0004  ALLOWED at 2027-01-05T17:29:00+03:00');
});

test.run();
