/** Issue 19: the unprinted marker on a job row and the count on the status bar, at 40 columns. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StatusSnapshot } from '../../../src/app/AppServices.js';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import { jobRow } from '../../../src/adapters/ui/view/jobRow.js';
import { renderStatusBar } from '../../../src/adapters/ui/view/statusBar.js';
import { lineText, width } from '../../../src/adapters/ui/view/text.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const t = translator('tr');
const rec = (state: JobRecord['state'], urgent = false): JobRecord => ({
  job: readingJob(7, { priority: urgent ? 'urgent' : 'normal' }),
  state,
  receivedAt: '2026-11-25T07:00:00Z',
  updatedAt: '2026-11-25T07:00:00Z',
  workIds: [],
});

test('jobRow: * in the first column for an unprinted document, 40 columns exactly', () => {
  const plain = jobRow(rec('done'), 40, t);
  const marked = jobRow(rec('done'), 40, t, true);
  assert.is(plain[0], ' ');
  assert.is(marked[0], '*');
  assert.is(marked.slice(1), plain.slice(1));
  assert.is(width(marked), 40);
  // The mark wins over the urgent "!" (an urgent job that was worked and not printed).
  assert.is(jobRow(rec('open', true), 40, t)[0], '!');
  assert.is(jobRow(rec('open', true), 40, t, true)[0], '*');
});

const snap = (over: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  link: 'online',
  outboxDepth: 0,
  oldestPendingAt: null,
  printer: 'ready',
  scanner: 'present',
  operatorId: '1001',
  busy: null,
  ...over,
});

test('status bar: "Basılmadı N" only when N > 0, leading the second line at 40 columns', () => {
  const now = Date.UTC(2026, 10, 25, 7, 0, 0);
  const none = renderStatusBar(snap(), now, 40, t).map(lineText);
  assert.not.ok(none.join('\n').includes('Basılmadı'));
  assert.not.ok(
    renderStatusBar(snap({ unprinted: 0 }), now, 40, t)
      .map(lineText)
      .join('\n')
      .includes('Basılmadı'),
  );
  const some = renderStatusBar(snap({ unprinted: 3 }), now, 40, t).map(lineText);
  assert.ok(some[1]!.startsWith('Basılmadı 3'), some[1]);
  assert.ok(some[1]!.includes('1001'), 'the operator stays');
  for (const l of some) assert.ok(width(l) <= 40, l);
  // Drawn as a problem (normal video inside the inverse bar).
  const seg = renderStatusBar(snap({ unprinted: 3 }), now, 40, t)[1]!.find((s) => s.text.startsWith('Basılmadı'))!;
  assert.is(seg.style, undefined);
  const wide = renderStatusBar(snap({ unprinted: 2 }), now, 80, t).map(lineText);
  assert.ok(wide[0]!.includes('Basılmadı 2'), wide[0]);
});

test.run();
