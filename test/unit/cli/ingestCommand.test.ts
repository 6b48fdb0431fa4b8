/**
 * `saha ingest` as a process (src/main.ts under tsx): against the in-process broker and a PGlite
 * data directory it stores what a device sends and publishes the ack; SIGTERM ends it with exit 0
 * and the directory lock released; bad options exit 2 with one line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { PGliteDatabase } from '../../../src/backoffice/db/PGliteDatabase.js';
import { runCli } from '../../../src/cli/index.js';
import { waitFor } from '../../helpers/waitFor.js';
import { eventMessage } from '../backoffice/ingest/deviceMessages.js';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'saha-ingest-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('bad options exit 2 with the reason', async () => {
  let stderr = '';
  const code = await runCli(['ingest', '--max-batch', 'many'], {
    stdout: () => undefined,
    stderr: (s) => void (stderr += s),
    env: {},
    cwd: dir,
  });
  assert.is(code, 2);
  assert.match(stderr, /--max-batch must be a whole number/);
  const noUrl = await runCli(['ingest'], { stdout: () => undefined, stderr: (s) => void (stderr += s), env: {}, cwd: dir });
  assert.is(noUrl, 2);
  assert.match(stderr, /broker URL is required/);
});

test('stores a device event in its data directory, publishes the ack, and stops cleanly on SIGTERM', async () => {
  const broker = await new InProcessBroker().start();
  const dataDir = join(dir, 'store');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'src/main.ts'),
      'ingest',
      '--no-share',
      '--mqtt-v4',
      '--url',
      broker.url,
      '--data-dir',
      dataDir,
      '--client-id',
      'ingest-cli-test',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
  const device = await mqtt.connectAsync(broker.url, { clientId: 'HT-0042', protocolVersion: 4 });
  try {
    const acks: number[] = [];
    device.on('message', (_t, p) => acks.push((JSON.parse(p.toString()) as { ackedSeq: number }).ackedSeq));
    await device.subscribeAsync('saha/v1/devices/HT-0042/acks', { qos: 1 });
    // Sent before ingest has subscribed, the event waits in no session; so wait for ingest first.
    await waitFor(() => stderr.includes('storing in PGlite') || child.exitCode !== null, 'ingest started', 90_000);
    assert.is(child.exitCode, null, stderr);
    await device.publishAsync('saha/v1/devices/HT-0042/events/job.accepted', eventMessage('HT-0042', 1).payload, { qos: 1 });
    await waitFor(() => acks.includes(1), 'ack for seq 1');
    child.kill('SIGTERM');
    assert.is(await exited, 0, stderr);
    assert.match(stderr, /ingest stopped: .*"stored":1/);
    assert.not.ok(existsSync(`${dataDir}.lock`), 'lock released');
    const db = await PGliteDatabase.open(dataDir);
    assert.equal((await db.query('select seq::int as seq from events')).rows, [{ seq: 1 }]);
    await db.close();
  } finally {
    child.kill('SIGKILL');
    await device.endAsync();
    await broker.close();
  }
});

test.run();
