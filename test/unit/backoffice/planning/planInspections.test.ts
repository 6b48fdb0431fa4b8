// `saha plan-inspections` over a district stored through dispatch and ingest, on PGlite and
// PostgreSQL: the planted installations are found with their reasons, the ordinary ones are not,
// --area and --date narrow it, and the --csv route is one `saha dispatch --route` accepts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planRouteCsv } from '../../../../src/backoffice/planning/planRoute.js';
import { readPlanningConfig, runPlan } from '../../../../src/backoffice/planning/runPlan.js';
import { parseRouteCsv } from '../../../../src/backoffice/routeFile.js';
import { planCommand } from '../../../../src/cli/planCommand.js';
import type { PlanningConfig } from '../../../../src/core/planning/types.js';
import { databaseTargets, type TestDatabase } from '../../../helpers/databases.js';
import { PLAN_DATE, PLANTED, seedPlanningDistrict } from './planningFixture.js';

const configFile = join(process.cwd(), 'device/reference/planning.json');

for (const target of databaseTargets()) {
  const t = suite<{ db: TestDatabase; config: PlanningConfig }>(`plan-inspections on ${target.name}`);
  t.before(async (ctx) => {
    ctx.db = await target.open();
    ctx.config = await readPlanningConfig(configFile);
    await seedPlanningDistrict(ctx.db);
  });
  t.after(async (ctx) => ctx.db.close());

  t('finds each planted installation for its own reason, and no ordinary household', async ({ db, config }) => {
    const plan = await runPlan(db, config, { date: PLAN_DATE });
    assert.is(plan.installations, 14);
    const signals = new Map(plan.ranked.map((r) => [r.installationNo, r.reasons.map((x) => x.signal)]));
    assert.equal([...signals.keys()].sort(), Object.values(PLANTED).sort());
    assert.ok(signals.get(PLANTED.cutAdvanced)!.includes('indexAdvancedWhileCut'));
    assert.ok(signals.get(PLANTED.sealSwapped)!.includes('sealMismatchAtReconnection'));
    assert.ok(signals.get(PLANTED.zeroWinter)!.includes('heatingSeasonZeroUse'));
    assert.ok(signals.get(PLANTED.zeroWinter)!.includes('dropAgainstPeers'));
    assert.ok(signals.get(PLANTED.refuses)!.includes('refusedAccess'));
    assert.ok(signals.get(PLANTED.requested)!.includes('crewRequest'));
    assert.ok(signals.get(PLANTED.otherArea)!.includes('tamperingNoReadCodes'));
    for (const r of plan.ranked) assert.ok(r.reasons.every((x) => x.tr && x.en && x.points > 0));
    assert.ok(plan.ranked[0]!.score >= plan.ranked[plan.ranked.length - 1]!.score);
  });

  t('--date: nothing recorded after the day counts', async ({ db, config }) => {
    const plan = await runPlan(db, config, { date: '2025-10-15' });
    assert.equal(
      plan.ranked.map((r) => r.installationNo),
      [],
    );
  });

  t('--area and --limit', async ({ db, config }) => {
    assert.equal(
      (await runPlan(db, config, { date: PLAN_DATE, area: 'gökmeydan' })).ranked.map((r) => r.installationNo),
      [PLANTED.otherArea],
    );
    assert.is((await runPlan(db, config, { date: PLAN_DATE, limit: 2 })).ranked.length, 2);
  });

  t('the --csv route is accepted by dispatch as inspection jobs, grouped by area and ordered by address', async ({ db, config }) => {
    const plan = await runPlan(db, config, { date: PLAN_DATE });
    const r = parseRouteCsv(planRouteCsv(plan.ranked, plan.byNo, PLAN_DATE));
    assert.ok(r.ok, JSON.stringify(r.ok ? [] : r.problems));
    assert.is(r.jobs.length, plan.ranked.length);
    assert.ok(r.jobs.every((j) => j.kind === 'inspection' && j.dueDate === PLAN_DATE));
    const addresses = r.jobs.map((j) => j.customer.address);
    assert.ok(addresses[0]!.startsWith('Gökmeydan'), 'Gökmeydan before Hoşnudiye');
    const hos = r.jobs.filter((j) => j.customer.address.startsWith('Hoşnudiye')).map((j) => j.customer.installationNo);
    // İsmet İnönü Cad. No 3, 5, 40, then Kıbrıs Şehitleri Cad. No 2, 7.
    assert.equal(hos, [PLANTED.zeroWinter, PLANTED.cutAdvanced, PLANTED.sealSwapped, PLANTED.requested, PLANTED.refuses]);
    const cut = r.jobs.find((j) => j.customer.installationNo === PLANTED.cutAdvanced)!;
    assert.is(cut.meter.lastReadDate, '2026-03-01', 'the newest reading the office holds');
    assert.match(cut.notes ?? '', /Denetim puanı/);
  });

  if (target.name === 'postgres') {
    t('the command: table, --json and --csv FILE against the database URL', async ({ db }) => {
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env: {}, cwd: process.cwd() };
      assert.is(await planCommand.run(['--database-url', db.url!, '--date', PLAN_DATE, '--json'], io), 0, err.join(''));
      const json = JSON.parse(out.join('')) as { ranked: { installationNo: string }[] };
      assert.is(json.ranked.length, 6);
      out.length = 0;
      assert.is(await planCommand.run(['--database-url', db.url!, '--date', PLAN_DATE, '--limit', '3'], io), 0);
      assert.match(out.join(''), /Denetim planı \/ inspection plan 2026-03-15: 3 of 14/);
      const dir = await mkdtemp(join(tmpdir(), 'plan-'));
      try {
        assert.is(await planCommand.run(['--database-url', db.url!, '--date', PLAN_DATE, '--csv', join(dir, 'r.csv')], io), 0);
        assert.ok(parseRouteCsv(await readFile(join(dir, 'r.csv'), 'utf8')).ok);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
  t.run();
}

const bad = suite('plan-inspections: bad flags exit 2 with a clear message');
for (const [args, msg] of [
  [['--date', '2026-13-01', '--database-url', 'postgres://x'], /--date must be a calendar date/],
  [['--limit', 'ten', '--database-url', 'postgres://x'], /--limit must be a whole number/],
  [['--limit', '0', '--database-url', 'postgres://x'], /--limit must be at least 1/],
  [['--json', '--csv', 'a.csv', '--database-url', 'postgres://x'], /--json or --csv/],
  [['--frobnicate'], /unknown option --frobnicate/],
  [[], /no database/],
  [['--database-url', 'postgres://x', '--config', '/nonexistent/planning.json'], /cannot read planning configuration/],
] as const) {
  bad(`${args.join(' ') || '(none)'}`, async () => {
    const err: string[] = [];
    const code = await planCommand.run([...args], { stdout: () => undefined, stderr: (s) => err.push(s), env: {}, cwd: process.cwd() });
    assert.is(code, 2);
    assert.match(err.join(''), msg);
  });
}
bad.run();
