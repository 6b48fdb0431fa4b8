/** Issue 19: a document saved but never printed shows on the job list, the status bar and the reprint list. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loginAsReader, startTui, type TuiFixture } from './tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);

/** Reads the first open job and leaves with Esc at "Kaydedildi": the invoice is saved, not printed. */
async function saveWithoutPrinting(f: TuiFixture, index: string): Promise<void> {
  await f.term.press('enter');
  await f.term.waitFor(/Endeks: _/);
  await f.term.type(index);
  await f.term.press('enter');
  await f.term.waitFor('Fatura önizleme');
  await f.term.press('enter');
  await f.term.waitFor('Kaydedildi');
  await f.term.press('back');
  await f.term.waitFor('İşler');
}

test('Esc after "Kaydedildi": the job carries *, the status bar counts it, the legend names F3', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    const before = await f.term.waitFor('İşler');
    assert.not.match(before, 'Basılmadı');
    await saveWithoutPrinting(f, '1112');
    assert.is(f.rig.prints().length, 0);
    assert.is(f.app.unprintedDocuments().length, 1);
    const jobId = f.app.unprintedDocuments()[0]!.jobId!;
    // The done job shows under the "all" state filter (F2 cycles open → done ...).
    await f.term.press('f2');
    const s = await f.term.waitFor((s) => s.includes('Basılmadı 1') && /^\*\+OKU/m.test(s));
    show(s);
    assert.match(s, '* Belgesi basılmadı: F3 ile yazdırın');
    assert.ok(f.app.job(jobId)!.state === 'done');
    for (const l of s.split('\n')) assert.ok(l.length <= 40, l);
  } finally {
    await f.close();
  }
});

test.run();
