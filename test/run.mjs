#!/usr/bin/env node
// Test runner: runs every test file under test/ (unit, contract, e2e) in its own Node process with
// uvu + tsx, so one file's crash or leaked handle cannot take others down, then prints the one line
// CI reads: "N passed, N failed". uvu itself prints no such line and exits 0 when no test ran, so a
// run with zero tests is a failure here.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv.slice(2);
const dirs = ['test/unit', 'test/contract', 'test/e2e'];

function walk(dir) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

let files = dirs.flatMap((d) => walk(join(root, d)));
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));

const concurrency = Number(process.env.SAHA_TEST_JOBS || Math.max(1, Math.min(2, cpus().length)));
// Generous per-file ceiling: it exists only so a hung test cannot hang CI forever; it is not a
// performance assertion.
const fileTimeoutMs = Number(process.env.SAHA_TEST_FILE_TIMEOUT_MS || 600_000);

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n[runner] killed after ${fileTimeoutMs} ms\n`;
      child.kill('SIGKILL');
    }, fileTimeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const num = (label) => {
        const m = out.match(new RegExp(`${label}:\\s+(\\d+)`));
        return m ? Number(m[1]) : 0;
      };
      const total = num('Total');
      const passed = num('Passed');
      const skipped = num('Skipped');
      // uvu's Total leaves skipped tests out.
      let failed = total - passed;
      if (code !== 0 && failed === 0) failed = 1; // crashed or exited early: count it
      if (total === 0 && code === 0) ((failed = Math.max(failed, 1)), (out += '\n[runner] no test ran in this file\n'));
      resolve({ file, passed, failed, skipped, out, ms: Date.now() - started });
    });
  });
}

const queue = [...files];
const results = [];
async function worker() {
  while (queue.length) {
    const f = queue.shift();
    const r = await runFile(f);
    results.push(r);
    const rel = relative(root, r.file);
    console.log(`${r.failed ? 'FAIL' : 'ok  '} ${rel}  (${r.passed} passed, ${r.failed} failed, ${(r.ms / 1000).toFixed(1)} s)`);
    if (r.failed)
      console.log(
        r.out
          .split('\n')
          .map((l) => '    ' + l)
          .join('\n'),
      );
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));

const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
const skipped = results.reduce((a, r) => a + r.skipped, 0);
if (passed + failed === 0) {
  console.log('no test ran');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed ? 1 : 0);
