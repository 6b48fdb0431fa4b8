/**
 * The free-space floor (config store.minFreeMB): below it new work is refused with Store_LowSpace
 * before anything is written, while what is already recorded keeps draining (outbox deletes,
 * updates, a reserved number's void). Free space is measured again after a refusal, so freeing
 * space lets work continue at once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { FaultyFs } from '../../../src/adapters/store/FaultyFs.js';
import { MemoryBackend } from '../../../src/adapters/store/MemoryBackend.js';
import { openFileStore, openMemoryStore } from '../../../src/adapters/store/openStore.js';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { esgaz } from '../../helpers/tariffs.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { fileTarget, storeOpts } from '../../helpers/storeTargets.js';
import { rejects } from '../../helpers/rejects.js';
import { untyped } from '../../helpers/untypedTx.js';

const MB = 1024 * 1024;

/** A route (and, with `read`, one reading) recorded with plenty of space; then a restart with `free` bytes left. */
async function withRoute(free: number, read = false) {
  const backend = new MemoryBackend();
  const first = await openMemoryStore(storeOpts(), backend);
  await first.transact((tx) => {
    const t = esgaz({ validFrom: '2020-01-01' });
    tx.put('tariffs', t.tariffId, t);
    for (let i = 1; i <= 3; i++) {
      const job = readingJob(i);
      tx.put('jobs', job.jobId, {
        job,
        state: 'open',
        receivedAt: '2026-11-25T08:00:00.000+03:00',
        updatedAt: '2026-11-25T08:00:00.000+03:00',
        workIds: [],
      });
    }
  });
  const jobs = [...first.values('jobs')];
  if (read) {
    const job = jobs[0]!.job;
    await new ReadingService({
      store: first,
      deviceId: 'HT-0042',
      invoiceSeries: 'HTA',
      clock: Date.now,
      newId: randomUUID,
    }).confirmReading({ jobId: job.jobId, operatorId: 'op-1', index: job.meter.lastIndex + 40 });
  }
  await first.close();
  backend.free = free;
  const st = await openMemoryStore(storeOpts({ minFreeBytes: 32 * MB }), backend);
  const svc = new ReadingService({ store: st, deviceId: 'HT-0042', invoiceSeries: 'HTA', clock: Date.now, newId: randomUUID });
  return { st, backend, svc, jobs };
}

test('below the floor a reading is refused with Store_LowSpace and no number is reserved', async () => {
  const { st, svc, jobs } = await withRoute(10 * MB);
  const job = jobs[0]!.job;
  const e = await rejects(svc.confirmReading({ jobId: job.jobId, operatorId: 'op-1', index: job.meter.lastIndex + 40 }), (e) =>
    isAppError(e, 'Store_LowSpace'),
  );
  assert.is((e as { context: { key: string } }).context.key, 'store.minFreeMB', 'the message names the config key');
  assert.is(st.size('invoiceNos'), 0, 'no number reserved, none to void');
  assert.is(st.counter('invoice:HTA:2026'), 0);
  assert.is(st.get('jobs', job.jobId)!.state, 'open');
});

test('below the floor what is recorded keeps draining: outbox deletes, updates and voids pass', async () => {
  const { st, jobs } = await withRoute(1 * MB, true);
  const job = jobs[0]!.job;
  assert.ok(st.size('outbox') > 0);
  await st.transact(
    (tx) => {
      for (const e of [...st.values('outbox')]) tx.del('outbox', String(e.seq).padStart(12, '0'));
    },
    { durable: false },
  );
  assert.is(st.size('outbox'), 0, 'the outbox drained');
  await st.transact((tx) => tx.put('jobs', job.jobId, { ...tx.get('jobs', job.jobId)!, updatedAt: 'later' }));
  const reserved = [...st.values('invoiceNos')][0]!.invoiceNo;
  await st.transact((tx) => {
    untyped(tx).put('invoiceNos', reserved, { ...tx.get('invoiceNos', reserved), state: 'void' });
    untyped(tx).event({ type: 'invoice.voided', operatorId: 'op-1', data: { invoiceNo: reserved } });
  });
  await rejects(
    st.transact((tx) => untyped(tx).put('work', 'W-new', { at: '2026-11-25' })),
    (e) => isAppError(e, 'Store_LowSpace'),
  );
});

test('space freed: the next new record is accepted at once; free space is not measured for every transaction', async () => {
  const { st, backend } = await withRoute(1 * MB);
  await rejects(
    st.transact((tx) => untyped(tx).put('work', 'W-1', { at: '2026-11-25' })),
    (e) => isAppError(e, 'Store_LowSpace'),
  );
  backend.free = 100 * MB;
  await st.transact((tx) => untyped(tx).put('work', 'W-1', { at: '2026-11-25' }));
  let calls = 0;
  const measure = backend.freeBytes.bind(backend);
  backend.freeBytes = () => {
    calls++;
    return measure();
  };
  for (let i = 2; i <= 200; i++) await st.transact((tx) => untyped(tx).put('work', `W-${i}`, { at: '2026-11-25' }));
  assert.ok(calls <= 2, `measured ${calls} times for 199 transactions`);
});

test('the file store measures its own file system and reports free space at start', async () => {
  const t = fileTarget();
  const st = await t.open();
  assert.ok((st.report.freeBytes ?? 0) > 0, 'free bytes reported');
  await st.close();
  const fs = new FaultyFs();
  fs.free = 5 * MB;
  const low = await openFileStore(t.dir, storeOpts({ fs, minFreeBytes: 32 * MB }));
  assert.is(low.report.freeBytes, 5 * MB);
  await rejects(
    low.transact((tx) => untyped(tx).put('jobs', 'J-9', { job: { dueDate: '2026-11-25' } })),
    (e) => isAppError(e, 'Store_LowSpace'),
  );
  await low.close();
  t.cleanup();
});

test.run();
