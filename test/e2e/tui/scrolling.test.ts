/**
 * Issue 19: at 40×15 every long body scrolls with a visible ↓ (and ↑ once scrolled), and every
 * screen above the list shows its way back ("Esc Geri" on the soft-key bar). The cut's legal
 * preconditions are the longest body: ↓ and PgDn reach the last gate, Home goes back to the top.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Job } from '../../../src/core/contract/job.js';
import { fieldWorkText } from '../../../src/catalogues/fieldWorkMessages.js';
import { TEST_NOW } from '../../helpers/testApp.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loginAsReader, startTui } from './tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);

const cutJob = (i: number): Job => {
  const base = readingJob(i);
  return readingJob(i, {
    jobId: `J-CUT${i}`,
    kind: 'cut',
    routeSeq: 1,
    tariffGroup: undefined as never,
    customer: { ...base.customer, protectedCategory: 'none' },
    debt: {
      amount: '100.00',
      oldestDueDate: '2026-09-30',
      noticeSentAt: '2026-11-18T10:00:00+03:00',
      noticeChannels: ['written', 'sms'],
      unpaidConsumptionM3: '120',
    },
  });
};

/** The body rows of a 40×15 screen (2 status rows, the title, …, the soft keys). */
const bodyOf = (s: string) => s.split('\n').slice(3, 14);

test('cut gates at 40×15: ↓ shows there is more, ↓/PgDn reach the last gate, ↑ when scrolled, Home back', async () => {
  const f = await startTui({ appOptions: { count: 0, jobs: [cutJob(401)], syncedAt: TEST_NOW } });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('işe başla');
    await f.term.press('enter');
    const first = await f.term.waitFor('Kesme koşulları');
    show(first);
    const gates = f.app.cutCheck('J-CUT401').items.length;
    assert.ok(gates >= 8, `the cut has many gates (${gates})`);
    assert.match(first, '↓', 'the cut of the body is marked');
    assert.not.match(first, '↑', 'nothing is hidden above at the start');
    assert.match(first, 'Esc Geri', 'the way back is on the soft-key bar');
    const seen = new Set(bodyOf(first).map((l) => l.replace(/[↑↓]$/, '').trim()));
    let screen = first;
    for (let i = 0; i < 30 && screen.includes('↓'); i++) {
      await f.term.press('down');
      screen = await f.term.waitFor((s) => s !== screen || !s.includes('↓'));
      for (const l of bodyOf(screen)) seen.add(l.replace(/[↑↓]$/, '').trim());
    }
    show(screen);
    assert.not.match(screen, '↓', 'the end reached: no more below');
    assert.match(screen, '↑', 'lines are hidden above');
    // Every gate's first words were on screen at some point.
    for (const item of f.app.cutCheck('J-CUT401').items) {
      const head = fieldWorkText(item.message, 'tr').slice(0, 20);
      assert.ok(
        [...seen].some((l) => l.includes(head.slice(0, 15))),
        `gate shown: ${head}`,
      );
    }
    await f.term.press('home');
    const top = await f.term.waitFor((s) => !s.includes('↑'));
    assert.match(top, '↓');
    assert.equal(bodyOf(top)[0], bodyOf(first)[0]);
    await f.term.press('pagedown', 'pagedown', 'pagedown');
    const end = await f.term.waitFor((s) => !s.includes('↓'));
    assert.match(end, '↑');
    for (const l of end.split('\n')) assert.ok([...l].length <= 40, l);
  } finally {
    await f.close();
  }
});

test.run();
