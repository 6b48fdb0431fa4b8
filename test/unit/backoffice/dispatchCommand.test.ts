// `saha dispatch --check`: what a dispatcher sees on the terminal for a good and a bad route.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchCommand } from '../../../src/cli/dispatchCommand.js';

const root = new URL('../../../', import.meta.url).pathname;
async function run(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await dispatchCommand.run(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env, cwd: root });
  return { code, out, err };
}

test('a valid route and tariff, signed, pass --check without a broker', async () => {
  const r = await run([
    '--check',
    '--device',
    'HT-0042',
    '--route',
    'docs/examples/route.csv',
    '--tariff',
    'test/fixtures/tariffs/esgaz-k1-2025-08.json',
    '--key',
    'test/fixtures/contract/keys/test-2026-01.key.pem',
    '--kid',
    'test-2026-01',
  ]);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /ok  tariff ESGAZ-K1-2025-08 → saha\/v1\/tariffs\/ESGAZ-K1-2025-08 \(retained\)/);
  assert.match(r.out, /ok  job\.assign R-0001 v1 → saha\/v1\/devices\/HT-0042\/jobs/);
  assert.match(r.out, /6 order\(s\) valid; nothing sent/);
});

test('a bad route: one line per problem with row and column, nothing sent, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-dispatch-'));
  try {
    const lines = (await import('node:fs')).readFileSync(join(root, 'docs/examples/route.csv'), 'utf8').split('\n');
    lines[2] = lines[2]!.replace(',30211,', ',30.211,');
    writeFileSync(join(dir, 'route.csv'), lines.join('\n'));
    const r = await run(['--device', 'HT-0042', '--route', join(dir, 'route.csv')], { SAHA_BO_MQTT_URL: 'mqtt://127.0.0.1:1' });
    assert.is(r.code, 2);
    assert.is(
      r.err,
      `${join(dir, 'route.csv')}, row 3, column meter.lastIndex: must be a whole number, got "30.211"\nsaha dispatch: 1 problem(s) in ${join(dir, 'route.csv')}; nothing sent\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage mistakes are one line and exit 2', async () => {
  assert.equal(await run(['--device', 'HT-0042']), {
    code: 2,
    out: '',
    err: 'saha dispatch: nothing to send: give --route, --cancel, --message, --tariff or --withdraw-tariff\n',
  });
  assert.is((await run(['--device', 'HT-0042', '--cancel', 'J-1'])).err, 'saha dispatch: --cancel needs --reason (e.g. paid)\n');
  assert.is((await run(['--device', 'HT-0042', '--message', 'x', '--key', 'k.pem'])).err, 'saha dispatch: --key and --kid go together\n');
  assert.is(
    (await run(['--device', 'HT-0042', '--message', 'merhaba'])).err,
    'saha dispatch: the broker URL is required (--url or SAHA_BO_MQTT_URL)\n',
  );
});

test('--valid-hours and --tariff-valid-days take positive numbers only', async () => {
  const sign = ['--key', 'test/fixtures/contract/keys/test-2026-01.key.pem', '--kid', 'test-2026-01'];
  assert.is(
    (await run(['--check', '--device', 'HT-0042', '--message', 'x', ...sign, '--valid-hours', '0'])).err,
    'saha dispatch: --valid-hours must be a positive number, got "0"\n',
  );
  assert.is(
    (await run(['--check', '--tariff', 'test/fixtures/tariffs/esgaz-k1-2025-08.json', ...sign, '--tariff-valid-days', 'ever'])).code,
    2,
  );
  assert.is((await run(['--check', '--device', 'HT-0042', '--message', 'x', ...sign, '--valid-hours', '6'])).code, 0);
});

test.run();
