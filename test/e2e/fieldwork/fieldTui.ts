/**
 * What the field-work screen tests share (fieldFlows.test.ts, scanGateScreen.test.ts): the jobs,
 * opening a job from the list, answering the checklist, and the checks of the recorded events.
 */
import * as assert from 'uvu/assert';
import { validateEvent, type EventType } from '../../../src/core/contract/index.js';
import type { Job } from '../../../src/core/contract/job.js';
import { TEST_NOW, type TestApp, type TestAppOptions } from '../../helpers/testApp.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import type { TuiFixture } from '../tui/tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
export const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);
export const flat = (s: string) => s.replace(/\s+/g, ' ');

/** TEST_NOW is Wednesday 2026-11-25 10:00 in Istanbul. */
export const cutJob = (over: Partial<Job> = {}): Job => {
  const base = readingJob(300, {
    jobId: 'J-CUT01',
    kind: 'cut',
    routeSeq: 0,
    tariffGroup: undefined as never,
    debt: {
      amount: '3842.15',
      oldestDueDate: '2026-09-30',
      noticeSentAt: '2026-11-18T10:00:00+03:00',
      noticeChannels: ['written', 'sms'],
      unpaidPeriods: 2,
      unpaidConsumptionM3: '212.40',
    },
  });
  return { ...base, customer: { ...base.customer, protectedCategory: 'none' }, ...over };
};
export const reconnectJob = (): Job => readingJob(301, { jobId: 'J-AC01', kind: 'reconnect', priority: 'urgent', routeSeq: 400 });
export const removalJob = (): Job => readingJob(302, { jobId: 'J-SOK01', kind: 'meter-removal', routeSeq: 0 });

export function assertAllValid(rig: TestApp) {
  const all = rig.outbox();
  assert.ok(all.length > 0, 'events were queued');
  for (const e of all) {
    const v = validateEvent(e.envelope, e.topic);
    assert.ok(v.ok, `${e.envelope.type}: ${JSON.stringify(v)}`);
  }
}
export const ofType = <T extends EventType>(rig: TestApp, type: T) => rig.events(type);
/** In coverage until the test starts: the last sync is now. */
export const fresh = (o: TestAppOptions): TestAppOptions => ({ syncedAt: o.now ?? TEST_NOW, ...o });

export async function open(f: TuiFixture, jobId: string, startText: RegExp | string) {
  await f.term.press('back'); // clears an earlier search
  await f.term.type(jobId.slice(-4));
  await f.term.waitFor(jobId.slice(-4));
  await f.term.press('enter');
  await f.term.waitFor('işe başla');
  await f.term.press('enter');
  await f.term.waitFor(startText);
}

/** Answers the checklist questions one by one: 1 = the safe answer (YOK, VAR, AÇILDI…), 2 = the unsafe one. */
export async function answer(f: TuiFixture, answers: string) {
  for (const a of answers) {
    const before = f.term.text();
    await f.term.type(a);
    await f.term.waitFor((s) => s !== before);
  }
}
