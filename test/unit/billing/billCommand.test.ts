/** `saha bill` as the back office runs it: the built command, real files, exit codes. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../../helpers/tariffs.js';
import { sahaBin } from '../../helpers/sahaBin.js';

const saha = (...args: string[]) => spawnSync(process.execPath, [sahaBin(), 'bill', ...args], { encoding: 'utf8' });
const base = [
  '--tariff',
  fixturePath('esgaz-k1-2025-08'),
  '--previous',
  '12345',
  '--current',
  '12533',
  '--from',
  '2025-08-01',
  '--to',
  '2025-09-01',
];

test('--json reproduces the worked example', () => {
  const r = saha(...base, '--json');
  assert.is(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(
    [
      j.consumptionM3,
      j.correctedM3,
      j.kwhFactor,
      j.energyKwh,
      j.unitPrice,
      j.consumptionAmount,
      j.vat,
      j.total,
      j.payable,
      j.roundingCarry,
    ],
    ['188', '193.80', '10.97', '2126', '0.96489117', '2051.36', '410.27', '2461.63', '2462.00', '0.37'],
  );
});

test('the slip text fits 32 columns and shows the payable in Turkish format', () => {
  const r = saha(...base);
  assert.is(r.status, 0, r.stderr);
  for (const line of r.stdout.trimEnd().split('\n')) assert.ok([...line].length <= 32, `too wide: "${line}"`);
  assert.match(r.stdout, /Ödenecek\s+2\.462,00 TL/);
  assert.match(r.stdout, /Toplam\s+2\.461,63 TL/);
});

test('rollover with --digits; without it the lower index is an error', () => {
  const roll = saha(
    '--tariff',
    fixturePath('esgaz-k1-2025-08'),
    '--previous',
    '9990',
    '--current',
    '15',
    '--from',
    '2025-08-01',
    '--to',
    '2025-09-01',
    '--digits',
    '4',
    '--json',
  );
  assert.is(roll.status, 0, roll.stderr);
  assert.is(JSON.parse(roll.stdout).consumptionM3, '25');
  const bad = saha(
    '--tariff',
    fixturePath('esgaz-k1-2025-08'),
    '--previous',
    '9990',
    '--current',
    '15',
    '--from',
    '2025-08-01',
    '--to',
    '2025-09-01',
  );
  assert.is(bad.status, 2);
});

const dir = mkdtempSync(join(tmpdir(), 'saha-bill-'));
const invalid = join(dir, 'bad.json');
writeFileSync(invalid, JSON.stringify({ tariffId: 'X', group: 'G', validFrom: '2025-08-01', validTo: null, unitPricePerKwh: 0.96 }));
const broken = join(dir, 'broken.json');
writeFileSync(broken, '{"tariffId": ');

const cases: [string, string[], RegExp][] = [
  ['missing file', ['--tariff', join(dir, 'nope.json'), ...base.slice(2)], /cannot read tariff file/],
  ['invalid tariff', ['--tariff', invalid, ...base.slice(2)], /invalid tariff .*unitPricePerKwh/],
  ['not JSON', ['--tariff', broken, ...base.slice(2)], /not valid JSON/],
  ['reversed dates', [...base.slice(0, 6), '--from', '2025-09-01', '--to', '2025-08-01'], /before --from/],
  ['index wider than the meter', [...base, '--digits', '4'], /more digits than the meter/],
  ['no tariff covering the period', [...base.slice(0, 6), '--from', '2025-07-01', '--to', '2025-08-05'], /no tariff covers 2025-07-01/],
  ['not a number', ['--tariff', fixturePath('esgaz-k1-2025-08'), '--previous', '12e3', ...base.slice(4)], /whole number/],
  ['unknown option', [...base, '--bogus', '1'], /unknown option --bogus/],
];
for (const [name, args, msg] of cases) {
  test(`bad input: ${name} → one line naming it, exit 2`, () => {
    const r = saha(...args);
    assert.is(r.status, 2, r.stdout + r.stderr);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, msg);
    assert.is(r.stdout, '');
  });
}

test.run();
