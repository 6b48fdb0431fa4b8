/**
 * Demo mode's back office runs in a child process (src/demo/DemoOffice.ts, `saha demo-office`),
 * the broker in the app's own process (src/demo/demoBroker.ts): the child goes when the app stops,
 * when the app is killed outright (SIGKILL: no orphan; run alone with its own broker, no orphan
 * keeps that broker's port), and its own death is logged as an error, never silently.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoot, compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { MemoryLogger } from '../../src/adapters/log/FileLogger.js';
import { DemoOffice } from '../../src/demo/DemoOffice.js';
import { rejects } from '../helpers/rejects.js';
import { waitFor } from '../helpers/waitFor.js';

const dirs: string[] = [];
test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Our children running `saha demo-office`. */
function officeChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('demo-office'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/** Whether the listening socket on the URL's port is one of this process's own (Linux /proc). */
function listensHere(url: string): boolean {
  const port = Number(new URL(url).port);
  const inodes = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length > 9 && parseInt(f[1]!.split(':')[1]!, 16) === port && f[3] === '0A')
    .map((f) => f[9]!);
  const mine = new Set(
    readdirSync('/proc/self/fd').map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    }),
  );
  return inodes.some((i) => mine.has(`socket:[${i}]`));
}

const reachable = (url: string) =>
  new Promise<boolean>((resolve) => {
    const u = new URL(url);
    const s = createConnection({ host: u.hostname, port: Number(u.port) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

test('the demo app runs its broker in-process and its back office in a child process, both gone once the app stops', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-office-'));
  dirs.push(dir);
  const r = loadConfig({ env: { SAHA_DATA_DIR: dir, SAHA_DEVICE_ID: 'HT-OFFICE', SAHA_DEMO_INGEST: 'false', SAHA_DEMO_BROKER_PORT: '0' } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const logger = new MemoryLogger();
  const c = await compose(r.config, { logger });
  const [pid] = officeChildren();
  assert.ok(pid, 'a saha demo-office child');
  assert.ok(await reachable(c.brokerUrl), 'the broker listens');
  assert.ok(listensHere(c.brokerUrl), "in the app's own process (the demo needs nothing else)");
  await c.start();
  await waitFor(() => c.app.jobs().length === 36, 'the sample route, dispatched by the child');
  await c.stop();
  assert.not.ok(running(pid!), 'the child is gone after the app stopped');
  assert.not.ok(await reachable(c.brokerUrl), 'nothing listens on the broker port');
  assert.not.ok(
    logger.lines.some((l) => l.startsWith('error ')),
    logger.lines.join('\n'),
  );
});

test('an app killed outright (SIGKILL) takes its demo office with it', async () => {
  const parent = spawn(process.execPath, ['--import', 'tsx', join(appRoot(), 'test/helpers/demoOfficeParent.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  parent.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  await waitFor(() => out.includes('\n'), 'the parent reports its demo office', 60_000);
  const { pid, url } = JSON.parse(out) as { pid: number; url: string };
  assert.ok(running(pid));
  parent.kill('SIGKILL');
  await waitFor(() => !running(pid), `the demo office (pid ${pid}) gone after its parent was killed`, 20_000);
  assert.not.ok(await reachable(url), 'nothing listens on the broker port');
});

test('a demo office that dies is logged as an error and fails a dispatch, not silently', async () => {
  const logger = new MemoryLogger();
  const office = new DemoOffice({ root: appRoot(), log: (l, m) => logger.log(l, m), deviceId: 'HT-DIES', routeSize: 1, brokerPort: 0 });
  await office.start();
  const pid = office.pid!;
  process.kill(pid, 'SIGKILL');
  await waitFor(() => logger.lines.some((l) => l.startsWith('error ') && l.includes('demo office')), 'the error logged');
  assert.match(
    logger.lines.find((l) => l.startsWith('error '))!,
    'SIGKILL',
  );
  await rejects(office.dispatch({ skipRoute: true, today: '2026-12-04', now: Date.now() }));
  await office.stop();
});

test.run();
