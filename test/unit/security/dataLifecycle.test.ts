/** Retention and remote wipe: customer data goes, unsent records never do (unless ordered). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataLifecycle } from '../../../src/app/DataLifecycle.js';
import { InboundService } from '../../../src/app/InboundService.js';
import { ReadingService } from '../../../src/app/ReadingService.js';
import { signMessage } from '../../../src/core/contract/index.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { esgaz } from '../../helpers/tariffs.js';

const DAY = 86_400_000;
const keyDir = new URL('../../fixtures/contract/keys/', import.meta.url).pathname;
const kid = 'test-2026-01';
const privateKey = readFileSync(`${keyDir}${kid}.key.pem`, 'utf8');
const publicKey = readFileSync(`${keyDir}${kid}.pub.pem`, 'utf8');

async function setup(startMs: number) {
  let now = startMs;
  const clock = () => now;
  const t = memoryTarget();
  const store = await t.open({ clock });
  await store.transact((tx) => {
    const tariff = esgaz({ validFrom: '2020-01-01' });
    tx.put('tariffs', tariff.tariffId, tariff);
    for (let i = 1; i <= 4; i++) {
      const job = readingJob(i, { meter: { ...readingJob(i).meter, lastReadDate: '2026-09-01' } });
      tx.put('jobs', job.jobId, {
        job,
        state: 'open',
        receivedAt: '2026-10-01T08:00:00.000+03:00',
        updatedAt: '2026-10-01T08:00:00.000+03:00',
        workIds: [],
      });
    }
  });
  const readings = new ReadingService({ store, deviceId: 'HT-0042', invoiceSeries: 'HTA', clock, newId: randomUUID });
  let drained: () => void = () => undefined;
  const drainedP = new Promise<void>((r) => (drained = r));
  const life = new DataLifecycle({ store, clock, retentionDays: 35, deviceId: 'HT-0042', whenDrained: () => drainedP });
  const ack = (jobId?: string) =>
    store.transact((tx) => {
      for (const e of [...store.values('outbox')])
        if (!jobId || e.envelope.jobId === jobId) tx.del('outbox', String(e.seq).padStart(12, '0'));
    });
  return { store, readings, life, ack, drained, advance: (ms: number) => (now += ms) };
}

test('retention purges finished, delivered jobs past the window; keeps open and unsent ones', async () => {
  const s = await setup(Date.parse('2026-10-02T10:00:00+03:00'));
  await s.readings.confirmReading({ jobId: 'J-00001', operatorId: 'op', index: 1100 });
  await s.readings.confirmReading({ jobId: 'J-00002', operatorId: 'op', index: 1100 });
  await s.ack('J-00001'); // J-00002's events are still unsent
  s.advance(10 * DAY);
  let c = await s.life.purge();
  assert.is(c.jobs, 0, 'nothing inside the window');
  s.advance(30 * DAY);
  c = await s.life.purge();
  assert.is(c.jobs, 1);
  assert.is(c.invoices, 1);
  assert.is(s.store.get('jobs', 'J-00001'), undefined);
  assert.ok(s.store.get('jobs', 'J-00002'), 'unsent records are never purged');
  assert.ok(s.store.get('jobs', 'J-00003'), 'open jobs stay');
  assert.is([...s.store.values('invoices')].filter((i) => i.invoice.jobId === 'J-00001').length, 0);
});

test('a replayed old job.assign does not bring a purged job back', async () => {
  const s = await setup(Date.parse('2026-10-02T10:00:00+03:00'));
  await s.readings.confirmReading({ jobId: 'J-00001', operatorId: 'op', index: 1100 });
  await s.ack();
  s.advance(40 * DAY);
  await s.life.purge();
  const inbound = new InboundService({
    store: s.store,
    deviceId: 'HT-0042',
    maxBytes: 100_000,
    keys: new Map(),
    requireSignatures: false,
    notify: () => undefined,
    clock: () => Date.now(),
  });
  const msg = { messageId: 'replay-1', sentAt: '2026-10-01T08:00:00.000+03:00', type: 'job.assign', job: readingJob(1) };
  await inbound.handle('saha/v1/devices/HT-0042/jobs', Buffer.from(JSON.stringify(msg)));
  assert.is(s.store.get('jobs', 'J-00001'), undefined);
});

function inboundFor(s: Awaited<ReturnType<typeof setup>>) {
  return new InboundService({
    store: s.store,
    deviceId: 'HT-0042',
    maxBytes: 100_000,
    keys: new Map([[kid, publicKey]]),
    requireSignatures: false,
    notify: () => undefined,
    clock: () => Date.now(),
    onWipe: (c) => s.life.requestWipe(c),
  });
}
const wipe = (afterDelivery: boolean, signed = true) => {
  const m = { messageId: `wipe-${afterDelivery}-${signed}`, sentAt: '2026-10-02T10:00:00.000+03:00', type: 'wipe', afterDelivery };
  return Buffer.from(JSON.stringify(signed ? signMessage(m, { kid, privateKey }) : m));
};

test('an unsigned wipe is refused even when signatures are not otherwise required', async () => {
  const s = await setup(Date.now());
  await inboundFor(s).handle('saha/v1/devices/HT-0042/commands', wipe(false, false));
  assert.is(s.store.size('jobs'), 4);
  const rejected = [...s.store.values('outbox')].find((e) => e.envelope.type === 'job.rejected');
  assert.ok(rejected, 'reported as job.rejected');
});

test('a signed wipe "at once" erases customer data and unsent events, and reports it', async () => {
  const s = await setup(Date.parse('2026-10-02T10:00:00+03:00'));
  await s.readings.confirmReading({ jobId: 'J-00001', operatorId: 'op', index: 1100 });
  await inboundFor(s).handle('saha/v1/devices/HT-0042/commands', wipe(false));
  assert.is(s.store.size('jobs'), 0);
  assert.is(s.store.size('work'), 0);
  assert.is(s.store.size('invoices'), 0);
  const events = [...s.store.values('outbox')];
  assert.equal(
    events.map((e) => e.envelope.type),
    ['device.wiped'],
  );
  assert.is(events[0]!.envelope.operatorId, null, 'ordered by the back office: nobody on the device acted');
  const data = events[0]!.envelope.data as { erased: { jobs: number }; discardedEvents: number };
  assert.is(data.erased.jobs, 4);
  assert.ok(data.discardedEvents >= 2);
});

test('a signed wipe after delivery waits for the outbox to empty, keeping unsent records until then', async () => {
  const s = await setup(Date.parse('2026-10-02T10:00:00+03:00'));
  await s.readings.confirmReading({ jobId: 'J-00001', operatorId: 'op', index: 1100 });
  await inboundFor(s).handle('saha/v1/devices/HT-0042/commands', wipe(true));
  await new Promise((r) => setTimeout(r, 20));
  assert.is(s.store.size('jobs'), 4, 'nothing erased while events are unsent');
  assert.ok(s.store.get('reference', 'wipe:pending'), 'the order is stored (survives a restart)');
  await s.ack();
  s.drained();
  for (let i = 0; i < 50 && s.store.size('jobs') > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.is(s.store.size('jobs'), 0);
  assert.is(s.store.get('reference', 'wipe:pending'), undefined);
  const ev = [...s.store.values('outbox')].map((e) => e.envelope);
  assert.equal(
    ev.map((e) => e.type),
    ['device.wiped'],
  );
  assert.is((ev[0]!.data as { discardedEvents: number }).discardedEvents, 0);
});

test.run();
