/** Issue 19: the unprinted marker on a job row and the count on the status bar, at 40 columns. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StatusSnapshot } from '../../../src/app/AppServices.js';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import { documentEntryLines } from '../../../src/adapters/ui/view/documentRow.js';
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

test('reprint entry: two lines of exactly 40 columns (mark, time, type, number / job, customer), one from 60', () => {
  const d = {
    documentNo: 'HTA2026000000002',
    type: 'invoice',
    at: '2026-11-25T07:05:00Z',
    unprinted: true,
    routeSeq: 12,
    customer: 'Abdurrahman Şahinoğlu Kuyumculuk Ltd. Şti.',
  };
  const [a, b, ...rest] = documentEntryLines(d, 40, '2026-11-25', t);
  assert.is(rest.length, 0);
  assert.is(width(a!), 40);
  assert.is(width(b!), 40);
  assert.ok(a!.startsWith('*10:05 Fatura'), a);
  assert.ok(a!.endsWith(' HTA2026000000002'), 'the whole number, once');
  assert.ok(b!.startsWith('   12 Abdurrahman'), b);
  assert.ok(b!.endsWith('…'), 'a long name is clipped, marked');
  assert.is(documentEntryLines({ ...d, unprinted: false }, 40, '2026-11-25', t)[0]![0], ' ');
  // An older unprinted document shows its date instead of the time.
  assert.ok(documentEntryLines({ ...d, at: '2026-11-23T07:05:00Z' }, 40, '2026-11-25', t)[0]!.startsWith('*23.11 Fatura'));
  const wide = documentEntryLines(d, 80, '2026-11-25', t);
  assert.is(wide.length, 1);
  assert.is(width(wide[0]!), 80);
  assert.ok(wide[0]!.includes('HTA2026000000002') && wide[0]!.includes('12 Abdurrahman'), wide[0]);
});

test.run();
