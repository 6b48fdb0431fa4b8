/**
 * The end of day counts readings held for the office (config reading.highConsumption
 * 'hold-for-office', docs/invoice.md "Plausibility") on their own line: done jobs without an
 * invoice, which the office bills after review. On the screen (tr and en) and on the printed day
 * summary, only when there is one, like the bilgi fişi line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import type { UiContext } from '../../../src/adapters/ui/screens/Screen.js';
import { EndOfDayScreen } from '../../../src/adapters/ui/screens/EndOfDayScreen.js';
import { lineText } from '../../../src/adapters/ui/view/text.js';
import type { Override } from '../../../src/core/jobs/types.js';
import { DEFAULT_READING_RULES } from '../../../src/core/reading/rules.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { READER, TEST_NOW, TestApp } from '../../helpers/testApp.js';

/** The screen always proves the meter (issue 19 scan gate); so do these calls. */
const scanOf = (i: number) => ({ kind: 'matched' as const, code: readingJob(i).meter.serial });
const rules = { ...DEFAULT_READING_RULES, highConsumption: 'hold-for-office' as const };

function screenText(rig: TestApp, locale: 'tr' | 'en'): string {
  const ctx = { app: rig.app, t: translator(locale), nav: {}, invalidate: () => undefined, errorText: String } as unknown as UiContext;
  const v = new EndOfDayScreen(ctx).view({ cols: 40, rows: 40 });
  return v.body.map(lineText).join('\n');
}

/** A high reading (~890 m³ in 30 days) confirmed twice and held, as the reading screen sends it. */
async function holdReading(rig: TestApp, i: number): Promise<void> {
  const at = new Date(TEST_NOW).toISOString();
  const overrides: Override[] = [
    { kind: 'outlier-confirmed', flags: ['high'], operatorId: READER.operatorId, at },
    { kind: 'held-for-office', operatorId: READER.operatorId, at, reason: 'high-consumption' },
  ];
  const r = await rig.app.confirmReading({
    jobId: readingJob(i).jobId,
    index: readingJob(i).meter.lastIndex + 900,
    outlierConfirmed: true,
    overrides,
    scan: scanOf(i),
  });
  assert.equal(r.work.billingHeld, { reason: 'high-consumption' });
  assert.is(r.invoice, undefined);
}

test('two readings held and one billed: "Merkeze bırakılan: 2" on the screen and on paper, apart from the invoices', async () => {
  const rig = await TestApp.create({ count: 3, rules, syncedAt: TEST_NOW });
  try {
    await rig.app.login(READER.operatorId, READER.pin);
    await holdReading(rig, 1);
    await holdReading(rig, 2);
    await rig.app.confirmReading({ jobId: 'J-00003', index: readingJob(3).meter.lastIndex + 50, scan: scanOf(3) });

    const s = rig.app.daySummary();
    assert.equal([s.heldForOfficeCount, s.invoiceCount], [2, 1]);
    assert.equal(s.byKind.reading, { done: 3 }, 'held readings are done jobs');
    assert.match(screenText(rig, 'tr'), 'Merkeze bırakılan: 2');
    assert.match(screenText(rig, 'en'), 'Held for the office: 2');

    await rig.app.printDaySummary();
    const paper = rig.slips().at(-1)!;
    assert.match(paper, /Okunan sayaç: +3/);
    assert.match(paper, /Kesilen fatura: +1/);
    assert.match(paper, /Merkeze bırakılan: +2/);
  } finally {
    await rig.close();
  }
});

test('none held: no line on the screen or on paper', async () => {
  const rig = await TestApp.create({ count: 1, rules, syncedAt: TEST_NOW });
  try {
    await rig.app.login(READER.operatorId, READER.pin);
    await rig.app.confirmReading({ jobId: 'J-00001', index: readingJob(1).meter.lastIndex + 50, scan: scanOf(1) });
    assert.is(rig.app.daySummary().heldForOfficeCount, 0);
    assert.not.match(screenText(rig, 'tr'), 'Merkeze');
    assert.not.match(screenText(rig, 'en'), 'Held');
    await rig.app.printDaySummary();
    assert.not.match(rig.slips().at(-1)!, 'Merkeze');
  } finally {
    await rig.close();
  }
});

test.run();
