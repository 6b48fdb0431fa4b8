/** `saha doctor` with no device config checks the demo that `npm start` runs (issue 19, a newcomer's first hour). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import type { CheckResult } from '../../../src/doctor/CheckResult.js';
import { probePort, runDemoDoctor, type PortProbe } from '../../../src/doctor/demoDoctor.js';
import { fileTarget } from '../../helpers/storeTargets.js';

const root = new URL('../../..', import.meta.url).pathname;
const byName = (rs: CheckResult[], n: string) => rs.filter((r) => r.name === n);

async function doctor(env: Record<string, string>, probe?: PortProbe) {
  return runDemoDoctor('test', { root, env, run: () => undefined, ...(probe ? { probePort: probe } : {}) });
}

test('no data yet, port free: every demo check passes and names the documented port', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'saha-demo-doc-')), 'data');
  const rs = await doctor({ SAHA_DATA_DIR: dir }, async () => 'free');
  assert.ok(
    rs.every((r) => r.ok),
    JSON.stringify(rs.filter((r) => !r.ok)),
  );
  assert.match(byName(rs, 'mode')[0]!.detail, 'demo mode');
  assert.match(byName(rs, 'data dir')[0]!.detail, 'npm start creates it');
  assert.match(byName(rs, 'broker')[0]!.detail, 'mqtt://127.0.0.1:18830 is free');
  assert.match(byName(rs, 'printer')[0]!.detail, 'virtual printer');
  assert.match(byName(rs, 'input')[0]!.detail, 'terminal keyboard');
});

test('a running demo: the held store and the answering broker are the demo working, not faults', async () => {
  const t = fileTarget();
  const st = await t.open();
  // The lock as another live process (the running demo) holds it.
  const demoApp = spawn('sleep', ['30']);
  writeFileSync(join(t.dir, 'LOCK'), String(demoApp.pid));
  try {
    const rs = await doctor({ SAHA_DATA_DIR: t.dir }, async () => 'mqtt');
    assert.ok(
      rs.every((r) => r.ok),
      JSON.stringify(rs.filter((r) => !r.ok)),
    );
    assert.match(byName(rs, 'data dir')[0]!.detail, 'a demo is running');
    assert.match(byName(rs, 'broker')[0]!.detail, 'saha watch / report --url mqtt://127.0.0.1:18830');
  } finally {
    demoApp.kill();
    await st.close();
  }
});

test('the port held by something that is not MQTT: a warning naming the way out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-demo-doc-'));
  const rs = await doctor({ SAHA_DATA_DIR: dir, SAHA_DEMO_BROKER_PORT: '18999' }, async () => 'other');
  const b = byName(rs, 'broker')[0]!;
  assert.ok(b.ok && b.warn);
  assert.match(b.detail, '127.0.0.1:18999 is held');
  assert.match(b.fix, 'SAHA_DEMO_BROKER_PORT');
});

test('a bad SAHA_* variable is a problem naming the key', async () => {
  const rs = await doctor({ SAHA_DEMO_BROKER_PORT: 'x' });
  assert.equal(rs.length, 1);
  assert.not.ok(rs[0]!.ok);
  assert.match(rs[0]!.detail, 'demo.brokerPort');
});

test('probePort tells a free port, the in-process broker, and a silent TCP listener apart', async () => {
  const b = await new InProcessBroker().start(0);
  const silent = createServer((s) => s.on('error', () => undefined));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  try {
    assert.is(await probePort(b.port), 'mqtt');
    assert.is(await probePort((silent.address() as AddressInfo).port), 'other');
    const free = createServer();
    const port = await new Promise<number>((r) => free.listen(0, '127.0.0.1', () => r((free.address() as AddressInfo).port)));
    await new Promise<void>((r) => free.close(() => r()));
    assert.is(await probePort(port), 'free');
  } finally {
    silent.close();
    await b.close();
  }
});

test.run();
