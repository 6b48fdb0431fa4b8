// The bundled `saha dispatch --check --route FILE --at ISO --json` (as the office runs it, through
// scripts/dispatch.mjs): the reference data is found next to the bundle, no device, no broker.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sahaBin } from '../../helpers/sahaBin.js';

const root = new URL('../../../', import.meta.url).pathname;
const dispatch = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'scripts/dispatch.mjs'), ...args], {
    encoding: 'utf8',
    cwd: root,
    env: { PATH: process.env.PATH },
  });

test('the office checks the example route for 23 April 2027 and 26 April 2027: blocked, then allowed; exit 0 both times', () => {
  sahaBin(); // the launcher would build the bundle itself; the test suite builds it first
  for (const [at, allowed, failed] of [
    ['2027-04-23T10:00:00+03:00', false, ['not-holiday']],
    ['2027-04-26T10:00:00+03:00', true, []],
  ] as const) {
    const r = dispatch('--check', '--route', 'docs/examples/route.csv', '--at', at, '--json');
    assert.is(r.status, 0, r.stderr);
    const reports = JSON.parse(r.stdout) as {
      jobId: string;
      allowed: boolean;
      gates: { id: string; ok: boolean | null; reason: string }[];
    }[];
    assert.equal(
      reports.map((x) => [x.jobId, x.allowed]),
      [['C-0004', allowed]],
    );
    assert.equal(
      reports[0]!.gates.filter((g) => g.ok === false).map((g) => g.id),
      [...failed],
    );
    assert.equal(
      reports[0]!.gates.filter((g) => g.ok === null).map((g) => g.id),
      ['sync-fresh'],
    );
  }
  const bad = dispatch('--check', '--route', 'docs/examples/route.csv', '--at', '23.04.2027');
  assert.is(bad.status, 2);
  assert.match(bad.stderr, '--at must be an ISO date-time');
});

test.run();
