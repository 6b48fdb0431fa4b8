/** Job list order, filters, search and progress over a month's book. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JOB_KINDS, type Job } from '../../../src/core/contract/job.js';
import type { JobRecord, JobState } from '../../../src/core/jobs/types.js';
import { filterJobs, kindCycle, nextOf, orderJobs, progress, STATE_FILTERS } from '../../../src/adapters/ui/view/jobQuery.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const rec = (job: Job, state: JobState = 'open'): JobRecord => ({ job, state, receivedAt: '', updatedAt: '', workIds: [] });

test('urgent open jobs are pinned on top, the rest in route order', () => {
  const jobs = [
    rec(readingJob(3)),
    rec(readingJob(1)),
    rec(readingJob(9, { priority: 'urgent' })),
    rec(readingJob(2, { priority: 'urgent' }), 'done'),
  ];
  assert.equal(
    orderJobs(jobs).map((r) => r.job.routeSeq),
    [9, 1, 2, 3],
  );
});

test('filters by kind and state; done means read or recorded as not read', () => {
  const jobs = orderJobs([
    rec(readingJob(1)),
    rec(readingJob(2), 'done'),
    rec(readingJob(3), 'skipped'),
    rec(readingJob(4), 'cancelled'),
    rec(readingJob(5, { kind: 'cut' })),
  ]);
  const seqs = (kind: 'all' | 'reading' | 'cut', state: 'open' | 'done' | 'all') =>
    filterJobs(jobs, { kind, state, query: '' }).map((r) => r.job.routeSeq);
  assert.equal(seqs('all', 'open'), [1, 5]);
  assert.equal(seqs('reading', 'open'), [1]);
  assert.equal(seqs('all', 'done'), [2, 3]);
  assert.equal(seqs('all', 'all'), [1, 2, 3, 4, 5]);
  assert.equal(seqs('cut', 'all'), [5]);
});

test('search matches installation, serial, name and address, with Turkish case rules', () => {
  const jobs = orderJobs(Array.from({ length: 12 }, (_, i) => rec(readingJob(i + 1))));
  const q = (query: string) => filterJobs(jobs, { kind: 'all', state: 'all', query }).map((r) => r.job.jobId);
  assert.equal(q('4000007'), ['J-00007']);
  assert.equal(q('m10000011'), ['J-00011']);
  assert.ok(q('İSMAİL').length > 0, 'İ lower-cases to i');
  assert.equal(q('ismail'), q('İsmail'));
  assert.ok(q('ŞEHİTLER').every((id) => id !== ''));
  assert.equal(q('no such thing'), []);
});

test('a typed number finds its job first: exact route sequence, installation or job id before other matches', () => {
  const first = readingJob(1);
  // Job 1 lives at door number 12: before, typing "12" listed it above job 12.
  const jobs = orderJobs([
    rec(readingJob(1, { customer: { ...first.customer, address: 'Atatürk Cd. No 12 Merkez' } })),
    ...Array.from({ length: 29 }, (_, i) => rec(readingJob(i + 2))),
  ]);
  const q = (query: string) => filterJobs(jobs, { kind: 'all', state: 'all', query }).map((r) => r.job.routeSeq);
  assert.equal(q('12').slice(0, 2), [12, 1], 'job 12 first, then the other matches in route order');
  // An installation number typed in full is the one job.
  assert.is(q(jobs[20]!.job.customer.installationNo)[0], 21);
  // A job id typed exactly (case as on paper).
  assert.is(q('j-00012')[0], 12);
  // No exact match: plain route order.
  assert.equal(
    q('00001'),
    [...q('00001')].sort((a, b) => a - b),
  );
});

test('10,000 jobs: ordering and a search are plain linear work, and progress counts', () => {
  const jobs = Array.from({ length: 10_000 }, (_, i) => rec(readingJob(10_000 - i), i % 3 === 0 ? 'done' : 'open'));
  const ordered = orderJobs(jobs);
  assert.is(ordered[0]!.job.routeSeq, 1);
  assert.equal(
    filterJobs(ordered, { kind: 'all', state: 'all', query: '4009999' }).map((r) => r.job.routeSeq),
    [9999],
  );
  assert.equal(progress(jobs), { done: 3334, total: 10_000 });
});

test('cancelled jobs do not count in progress; kind and state cycles', () => {
  assert.equal(progress([rec(readingJob(1), 'cancelled'), rec(readingJob(2), 'skipped'), rec(readingJob(3))]), { done: 1, total: 2 });
  const cycle = kindCycle([rec(readingJob(1)), rec(readingJob(2, { kind: 'inspection' }))], JOB_KINDS);
  assert.equal(cycle, ['all', 'reading', 'inspection']);
  assert.is(nextOf(cycle, 'inspection'), 'all');
  assert.is(nextOf(STATE_FILTERS, 'open'), 'done');
});

test.run();
