/** A store file read without the key shows no personal data; a wrong key is refused, not misread. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { AesGcmCodec, loadStoreKey, newStoreKeyHex } from '../../../src/adapters/store/AesGcmCodec.js';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { fileTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { esgaz } from '../../helpers/tariffs.js';
import { rejects } from '../../helpers/rejects.js';
import { untyped } from '../../helpers/untypedTx.js';

function allBytes(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? allBytes(p) : readFileSync(p, 'latin1');
  }
  return out;
}

const key = Buffer.from(newStoreKeyHex(), 'hex');

test('journal and snapshots hold no customer name, address or e-mail without the key', async () => {
  const t = fileTarget();
  const codec = new AesGcmCodec(key);
  const st = await t.open({ codec });
  const job = readingJob(5); // has an e-mail address
  await st.transact((tx) => {
    const tariff = esgaz({ validFrom: '2020-01-01' });
    tx.put('tariffs', tariff.tariffId, tariff);
    tx.put('jobs', job.jobId, {
      job,
      state: 'open',
      receivedAt: '2026-11-25T08:00:00.000+03:00',
      updatedAt: '2026-11-25T08:00:00.000+03:00',
      workIds: [],
    });
  });
  const svc = new ReadingService({ store: st, deviceId: 'HT-0042', invoiceSeries: 'HTA', clock: Date.now, newId: randomUUID });
  const r = await svc.confirmReading({ jobId: job.jobId, operatorId: 'op-1', index: job.meter.lastIndex + 50 });
  assert.ok(r.invoice);
  const beforeCheckpoint = allBytes(t.dir);
  await st.checkpoint();
  await st.close();
  const raw = beforeCheckpoint + allBytes(t.dir);
  for (const secret of [job.customer.name, job.customer.address, job.customer.email!, job.customer.installationNo, 'Yılmaz', 'Eskişehir']) {
    assert.not.ok(raw.includes(secret), `"${secret}" readable in the raw files`);
    assert.not.ok(raw.includes(Buffer.from(secret, 'utf8').toString('latin1')), `"${secret}" (utf-8) readable`);
  }
  const again = await t.open({ codec });
  assert.is(again.get('jobs', job.jobId)?.job.customer.name, job.customer.name, 'readable with the key');
  await again.close();
  t.cleanup();
});

test('a wrong key stops start-up with Store_Corrupt instead of reading garbage', async () => {
  const t = fileTarget();
  const st = await t.open({ codec: new AesGcmCodec(key) });
  await st.transact((tx) => untyped(tx).put('jobs', 'J-1', { job: { jobId: 'J-1', dueDate: '2026-11-25', customer: { name: 'Ayşe' } } }));
  await st.close();
  await rejects(t.open({ codec: new AesGcmCodec(randomBytes(32)) }), (e) => isAppError(e, 'Store_Corrupt'));
  t.cleanup();
});

test('a store written in clear can be opened with a key and is sealed from then on', async () => {
  const t = fileTarget();
  const st = await t.open();
  await st.transact((tx) => untyped(tx).put('jobs', 'J-1', { job: { jobId: 'J-1', dueDate: '2026-11-25' }, name: 'Gülşen' }));
  await st.close();
  const enc = await t.open({ codec: new AesGcmCodec(key) });
  assert.ok(enc.get('jobs', 'J-1'));
  await enc.checkpoint();
  await enc.close();
  assert.not.ok(allBytes(t.dir).includes(Buffer.from('Gülşen').toString('latin1')));
  t.cleanup();
});

test('the key file must be owner-only and 32 bytes', () => {
  const t = fileTarget();
  const f = join(t.dir, 'store.key');
  writeFileSync(f, newStoreKeyHex());
  chmodSync(f, 0o644);
  assert.throws(
    () => loadStoreKey(f),
    (e: unknown) => isAppError(e, 'Config_Invalid'),
  );
  chmodSync(f, 0o600);
  assert.is(loadStoreKey(f).length, 32);
  writeFileSync(f, 'short');
  assert.throws(
    () => loadStoreKey(f),
    (e: unknown) => isAppError(e, 'Config_Invalid'),
  );
  t.cleanup();
});

test.run();
