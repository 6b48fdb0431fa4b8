import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../../src/cli/index.js';

const root = new URL('../../../', import.meta.url).pathname;
const fixture = join(root, 'test/fixtures/escpos/invoice-32-pc857.bin');

async function run(args: string[], cwd = root) {
  let out = '';
  let err = '';
  const code = await runCli(['escpos-decode', ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, cwd });
  return { code, out, err };
}

test('decodes a capture to the slip text', async () => {
  const r = await run([fixture]);
  assert.is(r.code, 0);
  assert.fixture(r.out, readFileSync(join(root, 'test/fixtures/escpos/invoice-32-pc857.txt'), 'utf8'));
});

test('--profile by id and --svg writes a picture', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-svg-'));
  try {
    const svg = join(dir, 'slip.svg');
    const r = await run([fixture, '--profile', 'epson-tm-p20-58mm-pc857', '--svg', svg]);
    assert.is(r.code, 0, r.err);
    const pic = readFileSync(svg, 'utf8');
    assert.ok(pic.startsWith('<svg'));
    assert.ok(pic.includes('Şükrü Işıkoğlu'));
    assert.ok(pic.includes('<rect'), 'QR box');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('errors are one line and exit 2', async () => {
  for (const args of [
    [],
    ['/nonexistent.bin'],
    [fixture, '--profile', 'no-such-profile'],
    [fixture, '--width', '33'],
    [fixture, '--bogus'],
  ]) {
    const r = await run(args);
    assert.is(r.code, 2, args.join(' '));
    assert.is(r.err.trim().split('\n').length, 1, r.err);
  }
});

test('a capture with a bad profile file names the problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-prof-'));
  try {
    writeFileSync(join(dir, 'p.json'), '{"id":"x"}');
    const r = await run([fixture, '--profile', join(dir, 'p.json')]);
    assert.is(r.code, 2);
    assert.match(r.err, /path: is required: an absolute device path/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
