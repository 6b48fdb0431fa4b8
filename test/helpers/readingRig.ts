/** A memory store holding open reading jobs (and tariffs) and a ReadingService over it, at a fixed clock. */
import { randomUUID } from 'node:crypto';
import { ReadingService, type ReadingServiceDeps } from '../../src/app/ReadingService.js';
import type { Job } from '../../src/core/contract/job.js';
import type { Tariff } from '../../src/core/contract/tariff.js';
import { memoryTarget } from './storeTargets.js';

export async function readingRig(
  jobs: readonly Job[],
  o: { tariffs?: readonly Tariff[]; deps?: Partial<ReadingServiceDeps>; now?: number } = {},
) {
  const now = o.now ?? Date.parse('2026-02-04T10:00:00+03:00');
  const store = await memoryTarget().open({ clock: () => now });
  await store.transact((tx) => {
    for (const t of o.tariffs ?? []) tx.put('tariffs', t.tariffId, t);
    for (const job of jobs)
      tx.put('jobs', job.jobId, {
        job,
        state: 'open',
        receivedAt: '2026-02-01T08:00:00.000+03:00',
        updatedAt: '2026-02-01T08:00:00.000+03:00',
        workIds: [],
      });
  });
  const readings = new ReadingService({ store, deviceId: 'HT-0042', invoiceSeries: 'HTA', clock: () => now, newId: randomUUID, ...o.deps });
  return { store, readings, events: () => [...store.values('outbox')].map((e) => e.envelope) };
}
