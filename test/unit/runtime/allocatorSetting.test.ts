/**
 * The device's allocator setting (device/systemd/saha.service Environment=GLIBC_TUNABLES; npm start
 * sets the same; docs/deployment.md "Memory on the handheld"): with it, PIN checks (scrypt, 16 MB
 * each, on libuv's threads) give their memory back. Without it glibc keeps 16 MB per thread for good.
 * Measured in a child node launched with the unit's setting; glibc only (musl ignores the variable).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const unit = readFileSync(new URL('../../../device/systemd/saha.service', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
const glibc = Boolean((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);

/** MB of RSS a fresh node gains over six PIN hashes in a row, with the given environment. */
function growthAfterHashes(env: Record<string, string>): number {
  const script = `
    const { scrypt } = require('node:crypto');
    const rss = () => process.memoryUsage().rss / 1048576;
    const hash = () => new Promise((r) => scrypt('1234', Buffer.alloc(16), 32, { N: 16384, r: 8, p: 1, maxmem: 64 << 20 }, r));
    (async () => { await hash(); const base = rss(); for (let i = 0; i < 6; i++) await hash(); process.stdout.write(String(rss() - base)); })();`;
  return Number(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' }));
}

test('the unit and npm start set the same allocator setting', () => {
  const m = /^Environment=GLIBC_TUNABLES=(\S+)$/m.exec(unit);
  assert.ok(m, 'device/systemd/saha.service sets GLIBC_TUNABLES');
  assert.match(m![1]!, /glibc\.malloc\.trim_threshold=\d+/);
  assert.ok(pkg.scripts.start.includes(`GLIBC_TUNABLES=${m![1]} node `), 'npm start launches node with the same setting');
});

test("with the unit's setting, PIN hashes leave no memory behind", () => {
  if (!glibc) return;
  const setting = /^Environment=GLIBC_TUNABLES=(\S+)$/m.exec(unit)![1]!;
  const growth = growthAfterHashes({ GLIBC_TUNABLES: setting });
  assert.ok(growth < 8, `RSS grew ${growth.toFixed(1)} MB over six 16 MB hashes`);
});

test.run();
