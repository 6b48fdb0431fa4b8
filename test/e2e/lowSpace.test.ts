/**
 * The app as composed for `saha start` (demo mode) on a disk that runs low (issue 15): the store
 * gets config store.minFreeMB as its floor, so below it a reading is refused with Store_LowSpace
 * and nothing is recorded, while the events already recorded are still delivered. The status
 * carries free space. A clean stop writes a checkpoint, so the next start replays no journal; a
 * checkpoint that fails at start is logged.
 * Free space is played by FaultyFs (the store's file operations over real files).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, DEMO_OPERATOR } from '../../src/compose.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { MemoryLogger } from '../../src/adapters/log/FileLogger.js';
import { FaultyFs } from '../../src/adapters/store/FaultyFs.js';
import { openFileStore } from '../../src/adapters/store/openStore.js';
import { isAppError } from '../../src/core/errors/AppError.js';
import { topics } from '../../src/core/contract/index.js';
import { rejects } from '../helpers/rejects.js';
import { waitFor } from '../helpers/waitFor.js';

const MB = 1048576;
const dir = mkdtempSync(join(tmpdir(), 'saha-lowspace-'));

test('below store.minFreeMB the running app refuses a reading, keeps sending what is recorded, and a clean stop checkpoints', async () => {
  const r = loadConfig({ env: { SAHA_DATA_DIR: dir, SAHA_DEVICE_ID: 'HT-LOW' } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  assert.is(r.config.store.minFreeMB, 32, 'the shipped default floor');
  const fs = new FaultyFs();
  // Between the floor and twice it: the store measures again before every new record.
  fs.free = 40 * MB;
  const c = await compose(r.config, { logger: new MemoryLogger(), storeFs: fs });
  await c.start();
  try {
    await waitFor(() => c.app.jobs().length === 36, 'the demo route arrived above the floor');
    assert.equal(c.app.status().free, { bytes: 40 * MB, floorBytes: 32 * MB }, 'free space and floor in the status');
    await c.app.login(DEMO_OPERATOR.operatorId, DEMO_OPERATOR.pin);
    const job = c.app.jobs().find((j) => j.job.kind === 'reading')!;

    fs.free = 5 * MB;
    const e = await rejects(
      c.app.confirmReading({
        jobId: job.job.jobId,
        index: job.job.meter.lastIndex + 95,
        scan: { kind: 'matched', code: job.job.meter.serial },
      }),
      (e) => isAppError(e, 'Store_LowSpace'),
    );
    assert.is((e as { context: { key: string } }).context.key, 'store.minFreeMB');
    assert.is(c.app.job(job.job.jobId)!.state, 'open', 'nothing recorded');
    assert.is(c.app.documentsToday().length, 0);
    // What was recorded before (job.accepted events) still drains below the floor.
    await waitFor(() => c.sender.depth() === 0, 'the outbox drained below the floor');

    fs.free = 500 * MB;
    const { invoice } = await c.app.confirmReading({
      jobId: job.job.jobId,
      index: job.job.meter.lastIndex + 95,
      scan: { kind: 'matched', code: job.job.meter.serial },
    });
    assert.match(invoice!.invoiceNo, /^DMO\d{4}000000001$/, 'space freed: saved with the first number');
  } finally {
    await c.stop();
  }
  const again = await openFileStore(dir, { deviceId: 'HT-LOW', eventTopic: (d, t) => topics.event(d, t as never) });
  try {
    assert.is(again.report.journalRecordsReplayed, 0, 'a clean stop left everything in checkpointed snapshots');
    assert.is(again.size('invoices'), 1);
  } finally {
    await again.close();
  }
});

test('a checkpoint that fails at start is logged as an error; the app still starts on its journal', async () => {
  const fresh = mkdtempSync(join(tmpdir(), 'saha-cpfail-'));
  const r = loadConfig({ env: { SAHA_DATA_DIR: fresh, SAHA_DEVICE_ID: 'HT-LOW', SAHA_DEMO_ROUTE_SIZE: '1' } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const fs = new FaultyFs();
  fs.failSync = 'EIO'; // a new store is checkpointed whole at start: its first fsync fails
  const logger = new MemoryLogger();
  const c = await compose(r.config, { logger, storeFs: fs });
  try {
    assert.match(logger.lines.find((l) => l.startsWith('error store: could not write the checkpoint')) ?? '', /EIO.*saha doctor/);
  } finally {
    await c.stop();
    rmSync(fresh, { recursive: true, force: true });
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
