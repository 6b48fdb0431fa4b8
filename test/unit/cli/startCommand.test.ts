/** `saha start` with a broken configuration: every error, one line each, exit 2 (systemd restarts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sahaBin } from '../../helpers/sahaBin.js';

test('three errors in the config file are all reported and start-up exits 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-start-'));
  const file = join(dir, 'saha.json');
  writeFileSync(file, JSON.stringify({ deviceId: 'bad id!', mqtt: { keepaliveSec: 1 }, bogus: 1 }));
  const r = spawnSync(process.execPath, [sahaBin(), 'start', '--config', file], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, SAHA_DATA_DIR: join(dir, 'data') },
  });
  assert.is(r.status, 2, r.stderr);
  for (const key of ['bogus', 'deviceId', 'mqtt.keepaliveSec']) assert.match(r.stderr, new RegExp(`^  ${key.replace('.', '\\.')}:`, 'm'));
});

test('a missing config file is one line, exit non-zero', () => {
  const r = spawnSync(process.execPath, [sahaBin(), 'start', '--config', '/nonexistent/saha.json'], { encoding: 'utf8', timeout: 60_000 });
  assert.ok(r.status !== 0);
  assert.match(r.stderr, /saha start: .*nonexistent/);
});

test.run();
