/**
 * A small simulated district in a PGlite directory, to try `saha plan-inspections` by hand (the
 * README's back-office example): the planning bench's city (planningCity.ts, docs/planning.md
 * §Simulator), dispatched and ingested the same way, kept on disk.
 *
 *   npx tsx test/bench/planningDemo.ts .saha-data/planning [installations=300]
 *   npm run -s saha -- plan-inspections --data-dir .saha-data/planning --date 2026-02-28 --limit 5
 */
import { resolve } from 'node:path';
import { PGliteDatabase } from '../../src/backoffice/db/PGliteDatabase.js';
import { PlanningOffice } from '../helpers/planningOffice.js';
import { buildCity, MONTHS, PLAN_DATE, simulateMonth } from './planningCity.js';

const [dirArg, sizeArg] = process.argv.slice(2);
if (!dirArg) {
  process.stderr.write('usage: npx tsx test/bench/planningDemo.ts DIR [installations]\n');
  process.exit(2);
}
const n = Number(sizeArg ?? 300);
const seed = 20;
const db = await PGliteDatabase.open(resolve(dirArg));
try {
  const office = new PlanningOffice(db, 1000, 1000);
  await office.open();
  // Twice the bench's share of offenders, so a district this small has a few of each pattern.
  const city = buildCity(n, 0.03, seed);
  for (let m = 0; m < MONTHS; m++) {
    simulateMonth(city, m, office, seed);
    await office.flush();
  }
  process.stdout.write(
    `${city.homes.length} installations, ${office.stored} events in ${dirArg}; planted offenders: ${[...city.offenders].sort().join(' ')}\n` +
      `try: npm run -s saha -- plan-inspections --data-dir ${dirArg} --date ${PLAN_DATE} --limit 5\n`,
  );
} finally {
  await db.close();
}
