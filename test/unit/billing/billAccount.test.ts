/** `saha bill` with the account (docs/invoice.md): --carry, --charge, --tax-id, --meter-class; exit 2 on every bad input. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fixturePath } from '../../helpers/tariffs.js';
import { sahaBin } from '../../helpers/sahaBin.js';

const saha = (...args: string[]) => spawnSync(process.execPath, [sahaBin(), 'bill', ...args], { encoding: 'utf8' });
// The golden period of test/unit/billing/invoiceLines.test.ts: 150 m³ in January 2026.
const base = [
  '--tariff',
  fixturePath('esgaz-k1-2026-01'),
  '--previous',
  '4100',
  '--current',
  '4250',
  '--from',
  '2026-01-05',
  '--to',
  '2026-02-04',
];
const charges = ['--charge', 'reconnection:206.00:0.20', '--charge', 'late-fee:12.37:0.20', '--charge', 'deposit:250.00:0'];

test("--json with charges and a carry: lines with net/vat/gross, today's fields keep their meaning", () => {
  const r = saha(...base, ...charges, '--carry', '0.45', '--json');
  assert.is(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(
    j.lines.map((l: Record<string, string>) => [l.code, l.description, l.net, l.vat, l.gross]),
    [
      ['gas', 'Doğal gaz tüketim bedeli', '1712.58', '342.52', '2055.10'],
      ['reconnection', 'Açma-kapama bedeli', '206.00', '41.20', '247.20'],
      ['late-fee', 'Gecikme zammı', '12.37', '2.47', '14.84'],
      ['deposit', 'Güvence bedeli taksiti', '250.00', '0.00', '250.00'],
    ],
  );
  assert.equal(
    [j.consumptionAmount, j.vat, j.total, j.previousCarry, j.payable, j.roundingCarry],
    ['1712.58', '386.19', '2567.14', '0.45', '2567.00', '0.31'],
  );
  assert.equal(j.vatTotals, [
    { vatRate: '0', net: '250.00', vat: '0.00' },
    { vatRate: '0.20', net: '1930.95', vat: '386.19' },
  ]);
});

test('the slip text shows the charges, VAT per rate and the carry within 32 columns', () => {
  const r = saha(...base, ...charges, '--carry', '0.45');
  assert.is(r.status, 0, r.stderr);
  for (const line of r.stdout.trimEnd().split('\n')) assert.ok([...line].length <= 32, `too wide: "${line}"`);
  assert.match(r.stdout, /reconnection\s+206,00 TL/);
  assert.match(r.stdout, /KDV %0\s+0,00 TL/);
  assert.match(r.stdout, /KDV %20\s+386,19 TL/);
  assert.match(r.stdout, /Önceki yuvarlama\s+0,45 TL/);
  assert.match(r.stdout, /Ödenecek\s+2\.567,00 TL/);
});

test('--tax-id is checked and echoed in --json; --meter-class is accepted', () => {
  const r = saha(...base, '--tax-id', '4540536920', '--meter-class', 'G4', '--json');
  assert.is(r.status, 0, r.stderr);
  assert.is(JSON.parse(r.stdout).taxId, '4540536920');
});

const bad: [string[], RegExp][] = [
  [['--carry', 'abc'], /--carry must be a decimal such as 0.37/],
  [['--carry', '0.375'], /previous carry 0.375 has more than 2 decimal places/],
  [['--charge', 'reconnection:150'], /VAT rate "" must be a fraction/],
  [['--charge', 'reconnection:abc:0.20'], /the amount "abc" must be a decimal/],
  [['--charge', 'reconnection:150:20'], /VAT rate 20 must be a fraction from 0 to 1/],
  [['--charge', 'gas:1:0.20'], /not "gas"/],
  [['--charge', 'x:1.001:0.20'], /amount 1.001 has more than 2 decimal places/],
  [['--charge', 'x:1:0.2', '--charge', 'x:2:0.2'], /charge x appears twice/],
  [['--charge'], /--charge needs a value/],
  [['--tax-id', '4540536921'], /--tax-id: VKN 4540536921 fails its check digit/],
  [['--tax-id', '10000000147'], /--tax-id: TCKN 10000000147 fails its check digits/],
  [['--tax-id', '12ab'], /neither a 10-digit VKN nor an 11-digit TCKN/],
  [['--meter-class', 'G5'], /--meter-class must be one of G1.6, G2.5, G4, G6, G10, G16, G25, got "G5"/],
  [['--meter-class', 'G4', '--meter-class', 'G6'], /--meter-class given twice/],
];
for (const [args, re] of bad) {
  test(`exit 2: ${args.join(' ')}`, () => {
    const r = saha(...base, ...args);
    assert.is(r.status, 2, r.stdout);
    assert.match(r.stderr, re);
    assert.is(r.stdout, '');
  });
}

test("plausibility: the issue's 5 → 99990 on 5 dials is refused (exit 2), not a 1,309,146 TL bill", () => {
  const r = saha(
    ...base.slice(0, 2),
    '--previous',
    '5',
    '--current',
    '99990',
    '--digits',
    '5',
    '--from',
    '2026-01-05',
    '--to',
    '2026-02-04',
  );
  assert.is(r.status, 2, r.stdout);
  assert.match(r.stderr, /99985 m³ is more than a G4 meter can pass from 2026-01-05 to 2026-02-04 \(at most 4464 m³\): not billed/);
  assert.is(r.stdout, '');
});

test('plausibility: a rollover above the ceiling is refused; --meter-class raises the ceiling', () => {
  const roll = saha(
    ...base.slice(0, 2),
    '--previous',
    '100',
    '--current',
    '50',
    '--digits',
    '5',
    '--from',
    '2026-01-05',
    '--to',
    '2026-02-04',
  );
  assert.is(roll.status, 2);
  assert.match(roll.stderr, /rollover to 99950 m³ is more than a G4 meter can pass/);
  const big = [...base.slice(0, 2), '--previous', '100', '--current', '8100', '--from', '2026-01-05', '--to', '2026-02-04'];
  assert.is(saha(...big).status, 2);
  const g10 = saha(...big, '--meter-class', 'G10', '--json');
  assert.is(g10.status, 0, g10.stderr);
  assert.is(JSON.parse(g10.stdout).consumptionM3, '8000');
});

test.run();
