// A sync.requested list counts only whole: pages gathered from the store, newest request first.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { asSyncPage, newestCompleteSync, type SyncPage } from '../../../../src/backoffice/jobs/syncPages.js';

const page = (seq: number, p: number, pages: number, jobs: string[] = [], heldFromSeq = 1): SyncPage => ({
  seq,
  reason: 'start',
  heldFromSeq,
  page: p,
  pages,
  jobs: jobs.map((jobId) => ({ jobId, version: 1 })),
});

test("three pages in any order make one list, judged from the first page's seq", () => {
  const s = newestCompleteSync([page(12, 3, 3, ['c']), page(10, 1, 3, ['a']), page(11, 2, 3, ['b'])]);
  assert.equal(s, {
    syncSeq: 10,
    seqs: [10, 11, 12],
    held: [
      { jobId: 'a', version: 1 },
      { jobId: 'b', version: 1 },
      { jobId: 'c', version: 1 },
    ],
  });
});

test('a missing page, or a newer request still arriving, gives nothing', () => {
  assert.is(newestCompleteSync([page(10, 1, 3), page(12, 3, 3)]), null);
  assert.is(newestCompleteSync([page(10, 1, 1), page(20, 1, 2)]), null, 'the newer request is the one that counts');
  assert.is(newestCompleteSync([page(10, 1, 2, [], 1), page(11, 2, 2, [], 5)]), null, 'pages of two different requests');
  assert.equal(newestCompleteSync([page(5, 1, 1, ['old']), page(20, 1, 1, [])])?.held, []);
});

test('stored data that is not a page is skipped', () => {
  assert.is(asSyncPage(1, { reason: 'start' }), null);
  assert.is(asSyncPage(1, null), null);
  assert.equal(asSyncPage(3, { reason: 'start', heldFromSeq: 2, page: 1, pages: 1, jobs: [] }), page(3, 1, 1, [], 2));
});

test.run();
