/**
 * Store and billing benchmarks. Commit cost is measured through the real ReadingService on a real
 * file store (fsync included) with 100 and with 20,000 jobs stored, in the same run, so the ratio
 * says whether a commit's cost grows with the size of the book.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openFileStore } from '../../src/adapters/store/openStore.js';
import { ReadingService } from '../../src/app/ReadingService.js';
import { computeInvoice } from '../../src/core/billing/computeInvoice.js';
import type { JobRecord } from '../../src/core/jobs/types.js';
import { esgaz } from '../helpers/tariffs.js';
import { readingJob } from '../helpers/sampleJobs.js';
import { median, percentile, round } from './stats.js';

async function commitTimes(jobs: number, samples: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'saha-bench-'));
  try {
    const opts = { deviceId: 'HT-0042', eventTopic: (d: string, t: string) => `saha/v1/devices/${d}/events/${t}` };
    let store = await openFileStore(dir, opts);
    const days = 22;
    for (let start = 1; start <= jobs; start += 2000) {
      await store.transact((tx) => {
        if (start === 1) {
          const t = esgaz({ validFrom: '2020-01-01' });
          tx.put('tariffs', t.tariffId, t);
        }
        for (let i = start; i < Math.min(jobs + 1, start + 2000); i++) {
          const job = readingJob(i, { dueDate: `2026-11-${String(1 + (i % days)).padStart(2, '0')}` });
          tx.put('jobs', job.jobId, {
            job,
            state: 'open',
            receivedAt: '2026-11-01T08:00:00.000+03:00',
            updatedAt: '2026-11-01T08:00:00.000+03:00',
            workIds: [],
          });
        }
      });
    }
    await store.checkpoint();
    await store.close();
    store = await openFileStore(dir, opts); // measured as the app runs: book loaded from snapshots
    const svc = new ReadingService({ store, deviceId: 'HT-0042', invoiceSeries: 'HTA', clock: Date.now, newId: randomUUID });
    const times: number[] = [];
    const open = [...store.values('jobs')].slice(0, samples);
    for (const rec of open) {
      const t0 = performance.now();
      await svc.confirmReading({ jobId: rec.job.jobId, operatorId: 'op-17', index: rec.job.meter.lastIndex + 90 });
      times.push(performance.now() - t0);
    }
    await store.close();
    return times;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStore(): Promise<Record<string, number>> {
  const samples = 300;
  // Alternate small/large twice so a noisy neighbour on a shared machine hits both.
  const small = [...(await commitTimes(100, samples / 3)), ...(await commitTimes(100, samples / 3))];
  const large = [...(await commitTimes(20_000, samples)), ...(await commitTimes(20_000, samples / 3))];
  return {
    commit_ms_p50_100_jobs: round(median(small)),
    commit_p50_ms: round(median(large)),
    commit_p99_ms: round(percentile(large, 99)),
    commit_ratio_20k_vs_100: round(median(large) / median(small)),
  };
}

export function benchBilling(): Record<string, number> {
  const tariffs = [
    esgaz({ tariffId: 'A', validTo: '2025-08-15' }),
    esgaz({ tariffId: 'B', validFrom: '2025-08-16', unitPricePerKwh: '1.01000000' }),
  ];
  const n = 5000;
  // warm-up, then measure
  for (let i = 0; i < 500; i++)
    computeInvoice(
      { previousIndex: 12345, currentIndex: 12533 + (i % 50), previousDate: '2025-08-01', currentDate: '2025-09-01' },
      tariffs,
    );
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    computeInvoice(
      { previousIndex: 12345, currentIndex: 12533 + (i % 50), previousDate: '2025-08-01', currentDate: '2025-09-01' },
      tariffs,
    );
  return { bill_per_s: Math.round(n / ((performance.now() - t0) / 1000)) };
}
